"""Rural 2019 grading, renovation consequences and the housing_inspection result,
on the vectors the browser's port shares (tests/vectors/housing_inspection.json)."""

import copy

import pytest

from fieldapp.domain.housing import (
    METHODS,
    RURAL_2019_MAX_FLOORS,
    STANDARD_USED,
    assess_housing,
    grade_rural_2019,
    method_flags,
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


@pytest.mark.parametrize("case", VECTORS["method_flags"], ids=rv.case_id)
def test_method_flags_give_the_shared_vectors_answer(case):
    got = rv.outcome(method_flags, *copy.deepcopy(case["args"]))
    assert rv.strict(got) == rv.strict(rv.expected(case))


def test_the_2019_guideline_covers_one_and_two_storeys():
    assert RURAL_2019_MAX_FLOORS == 2
    assert method_flags({"method": "rural_2019", "floors": 2}) == []
    assert method_flags({"method": "rural_2019", "floors": 3}) == [
        "method_out_of_scope"
    ]
