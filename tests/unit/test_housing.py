"""Rural 2019 grading, renovation consequences and the housing_inspection result,
on the vectors the browser's port shares (tests/vectors/housing_inspection.json)."""

import copy

import pytest

from fieldapp.domain.housing import (
    METHODS,
    STANDARD_USED,
    assess_housing,
    grade_rural_2019,
    rebuild_area_cap,
    renovation_mode,
)
from tests import rule_vectors as rv

VECTORS = rv.load("housing_inspection")


def rules(case):
    """The HousingRules a case assumes."""
    return rv.housing_rules(rv.settings(VECTORS, case)["housing"])


@pytest.mark.parametrize("case", VECTORS["compute"], ids=rv.case_id)
def test_assessment_gives_the_shared_vectors_answer(case):
    got = rv.outcome(
        assess_housing,
        copy.deepcopy(case["data"]),
        household_size=case["context"]["household_size"],
        rules=rules(case),
    )
    assert rv.strict(got) == rv.strict(rv.expected(case))


@pytest.mark.parametrize("case", VECTORS["grade_rural_2019"], ids=rv.case_id)
def test_rural_2019_grade_gives_the_shared_vectors_answer(case):
    got = rv.outcome(grade_rural_2019, *copy.deepcopy(case["args"]))
    assert rv.strict(got) == rv.strict(rv.expected(case))


@pytest.mark.parametrize("case", VECTORS["rebuild_area_cap"], ids=rv.case_id)
def test_rebuild_area_cap_gives_the_shared_vectors_answer(case):
    got = rv.outcome(rebuild_area_cap, *case["args"], rules(case))
    assert rv.strict(got) == rv.strict(rv.expected(case))


@pytest.mark.parametrize("case", VECTORS["renovation_mode"], ids=rv.case_id)
def test_renovation_mode_gives_the_shared_vectors_answer(case):
    got = rv.outcome(renovation_mode, *case["args"])
    assert rv.strict(got) == rv.strict(rv.expected(case))


def test_vectors_cover_every_grade_and_renovation_mode():
    results = [case["expected"] for case in VECTORS["compute"] if "expected" in case]
    assert {r["grade"] for r in results} == {"A", "B", "C", "D"}
    modes = {r["renovation_mode"] for r in results}
    assert modes == {"none", "repair", "rebuild", "relocate"}


def test_every_method_names_its_standard():
    assert set(STANDARD_USED) == set(METHODS)
