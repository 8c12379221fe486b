"""托养 eligibility and the respite_assessment result (DOMAIN §4.2), on the vectors
the browser's port shares (tests/vectors/respite_assessment.json)."""

import copy

import pytest

from fieldapp.domain.respite import (
    REASON_LABELS,
    EligibilityRule,
    assess_respite,
    eligibility,
)
from tests import rule_vectors as rv

KIND = "respite_assessment"
VECTORS = rv.load(KIND)
POSITIVE = ["category_covered", "age_in_range", "poor_household"]


@pytest.mark.parametrize("case", VECTORS["compute"], ids=rv.case_id)
def test_assessment_gives_the_shared_vectors_answer(case):
    rule = rv.eligibility_rule(rv.settings(VECTORS, case)["eligibility"])
    context = case["context"]
    got = rv.outcome(
        assess_respite,
        copy.deepcopy(case["data"]),
        category=context["category"],
        level=context["level"],
        age=context["age"],
        poverty_status=context["poverty_status"],
        rule=rule,
    )
    assert rv.strict(got) == rv.strict(rv.expected(case))


@pytest.mark.parametrize("case", VECTORS["eligibility"], ids=rv.case_id)
def test_eligibility_gives_the_shared_vectors_answer(case):
    rule = rv.eligibility_rule(rv.settings(VECTORS, case)["eligibility"])
    got = rv.outcome(eligibility, *case["args"], rule=rule)
    assert rv.strict(got) == rv.strict(rv.expected(case))


def test_vectors_cover_every_reason_and_both_verdicts():
    verdicts = [case["expected"] for case in VECTORS["eligibility"]]
    assert {eligible for eligible, _reasons in verdicts} == {True, False}
    seen = {reason for _eligible, reasons in verdicts for reason in reasons}
    assert seen == set(REASON_LABELS)


def test_every_reason_code_has_labels():
    codes = {
        "no_card",
        "age_unknown",
        "age_below_min",
        "age_above_max",
        "category_not_covered",
        "level_not_severe",
        "not_poor",
        "exited_not_covered",
        "exited_transition",
        *POSITIVE,
    }
    assert set(REASON_LABELS) == codes
    assert all(zh and en for zh, en in REASON_LABELS.values())


@pytest.mark.parametrize(
    ("exited_eligible", "expected"),
    [
        (True, (True, ["category_covered", "age_in_range", "exited_transition"])),
        (False, (False, ["exited_not_covered"])),
    ],
)
def test_a_household_that_left_poverty_keeps_the_policy_unless_configured(
    exited_eligible, expected
):
    """脱贫不脱政策: `exited` counts as poor by default; the reason says so."""
    rule = EligibilityRule(exited_eligible=exited_eligible)
    assert eligibility(4, 1, 30, "exited", rule) == expected


def test_the_default_rule_keeps_the_policy_for_exited_households():
    assert EligibilityRule().exited_eligible is True
    assert eligibility(4, 1, 30, "exited")[0] is True
