"""JGJ 125-2016 member-count grading (DOMAIN §1.5), incl. the verified example,
on the vectors the browser's port shares (tests/vectors/housing_inspection.json)."""

import copy
from fractions import Fraction

import pytest

from fieldapp.domain.jgj125 import assess_jgj125, building_grade, layer_grade
from tests import rule_vectors as rv

VECTORS = rv.load("housing_inspection")


def ratio(value):
    """A vector's ratio: a number as it is, [numerator, denominator] exactly."""
    return Fraction(*value) if isinstance(value, list) else value


@pytest.mark.parametrize("case", VECTORS["layer_grade"], ids=rv.case_id)
def test_layer_grade_gives_the_shared_vectors_answer(case):
    got = rv.outcome(layer_grade, ratio(case["args"][0]))
    assert rv.strict(got) == rv.strict(rv.expected(case))


@pytest.mark.parametrize("case", VECTORS["building_grade"], ids=rv.case_id)
def test_building_grade_gives_the_shared_vectors_answer(case):
    value, layers = case["args"]
    got = rv.outcome(building_grade, ratio(value), layers)
    assert rv.strict(got) == rv.strict(rv.expected(case))


@pytest.mark.parametrize("case", VECTORS["assess_jgj125"], ids=rv.case_id)
def test_member_counts_give_the_shared_vectors_answer(case):
    got = rv.outcome(assess_jgj125, *copy.deepcopy(case["args"]))
    assert rv.strict(got) == rv.strict(rv.expected(case))


def test_domain_example_reads_as_domain_says():
    """DOMAIN §1.5: one dangerous wall of ten gives R = 4.31 %, storey 7.8 %, B."""
    [case] = [c for c in VECTORS["assess_jgj125"] if c["name"] == "domain_walls_1"]
    result = case["expected"]
    assert (result["ratio"], result["storey_ratios"]) == (0.0431, [0.078])
    assert (result["storey_grades"], result["grade"]) == (["C_u"], "B")
