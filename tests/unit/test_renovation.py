"""Housing renovation (DOMAIN §1.7, API.md `housing_renovation`): floors by grade,
area caps by household size, stage facts and date order, the inspection link;
the rule's vectors are shared with the browser's port
(tests/vectors/housing_renovation.json)."""

import copy
from datetime import date

import pytest

from fieldapp.domain import renovation
from fieldapp.domain.errors import RenovationError
from fieldapp.domain.housing import HousingRules
from fieldapp.domain.renovation import (
    STAGES,
    area_cap,
    assess_renovation,
    can_advance,
)
from fieldapp.domain.stage_facts import dates_in_order, missing_fact, present
from fieldapp.domain.stages import renovation_stage_check
from tests import rule_vectors as rv

VECTORS = rv.load("housing_renovation")


def rules_of(case: dict) -> HousingRules:
    """The vectors' renovation settings (with the case's overrides) as rules."""
    return rv.housing_rules(rv.settings(VECTORS, case)["renovation"])


@pytest.mark.parametrize("case", VECTORS["compute"], ids=rv.case_id)
def test_rule_gives_the_shared_vectors_answer(case):
    context = case["context"]
    got = rv.outcome(
        assess_renovation,
        copy.deepcopy(case["data"]),
        copy.deepcopy(context["inspection"]),
        household_size=context["household_size"],
        rules=rules_of(case),
    )
    assert rv.strict(got) == rv.strict(rv.expected(case))


@pytest.mark.parametrize("case", VECTORS["area_cap"], ids=rv.case_id)
def test_area_cap_gives_the_shared_vectors_answer(case):
    mode, size = case["args"]
    assert area_cap(mode, size, rules_of(case)) == case["expected"]


@pytest.mark.parametrize(
    ("grade", "paid", "below"),
    [("C", 7999, True), ("C", 8000, False), ("D", 34999.99, True), ("D", 35000, False)],
)
def test_floors_by_grade_on_payment(grade, paid, below):
    data = {
        "mode": "repair",
        "stage": "paid",
        "started_on": "2026-01-01",
        "completed_on": "2026-02-01",
        "accepted_on": "2026-02-02",
        "subsidy_paid": paid,
    }
    result = assess_renovation(data, {"grade": grade, "renovation_mode": "repair"})
    assert result["subsidy_floor"] == {"C": 8000, "D": 35000}[grade]
    assert result["below_floor"] is below


@pytest.mark.parametrize(
    ("size", "cap"), [(1, 30.0), (2, 40.0), (3, 60.0), (4, 72.0), (6, 108.0)]
)
def test_area_caps_by_household_size(size, cap):
    assert area_cap("rebuild", size, HousingRules()) == cap
    assert area_cap("relocate", size, HousingRules()) == cap
    assert area_cap("repair", size, HousingRules()) is None


@pytest.mark.parametrize("old", STAGES)
@pytest.mark.parametrize("new", STAGES)
def test_corrections_keep_the_stage_or_take_one_step(old, new):
    allowed = STAGES.index(new) - STAGES.index(old) in (0, 1)
    assert can_advance(old, new) is allowed
    expected = {} if allowed else {"data-stage": ["stage_backwards"]}
    assert renovation_stage_check({"stage": old}, {"stage": new}) == expected


def test_a_record_without_a_known_stage_may_take_any_and_unknown_needs_equal():
    assert can_advance(None, "paid")
    assert can_advance("odd", "odd")
    assert not can_advance("odd", "paid")
    assert not can_advance("planned", "odd")


def test_each_stage_needs_the_facts_of_the_stages_it_passed():
    facts = renovation.STAGE_FACTS
    for earlier, later in zip(STAGES, STAGES[1:], strict=False):
        assert set(facts[earlier]) < set(facts[later])


@pytest.mark.parametrize(
    ("value", "expected"),
    [(None, False), ("", False), ([], False), ({}, False), (0, True), ("x", True)],
)
def test_a_fact_is_present_unless_empty(value, expected):
    assert present(value) is expected


def test_missing_fact_of_an_unknown_stage_is_none():
    assert missing_fact("odd", {}, renovation.STAGE_FACTS) is None


def test_dates_in_order_skips_missing_dates():
    dates_in_order(
        [("a", date(2026, 1, 2)), ("b", None), ("c", date(2026, 1, 2))], RenovationError
    )
    with pytest.raises(RenovationError) as info:
        dates_in_order(
            [("a", date(2026, 1, 2)), ("b", None), ("c", date(2026, 1, 1))],
            RenovationError,
        )
    assert (info.value.code, info.value.field) == ("date_order", "c")


def test_negative_funding_amount_is_refused():
    data = {
        "mode": "repair",
        "stage": "planned",
        "funding": [{"source": "county", "amount": -1}],
    }
    with pytest.raises(RenovationError) as info:
        assess_renovation(data, {"grade": "C"})
    assert (info.value.code, info.value.field) == ("amount", "funding-0-amount")


def test_a_blank_funding_line_is_refused_by_the_rule():
    data = {"mode": "repair", "stage": "planned", "funding": [None]}
    with pytest.raises(RenovationError) as info:
        assess_renovation(data, {"grade": "C"})
    assert info.value.field == "funding-0-source"
