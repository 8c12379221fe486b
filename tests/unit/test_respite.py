"""托养 eligibility and the respite_assessment result (DOMAIN §4.2)."""

import pytest

from fieldapp.domain.errors import RespiteError
from fieldapp.domain.respite import (
    ALL_LEVELS,
    MODES,
    REASON_LABELS,
    EligibilityRule,
    assess_respite,
    eligibility,
)

POSITIVE = ["category_covered", "age_in_range", "poor_household"]
COVERED = {(c, lv) for c in (5, 6, 7) for lv in (1, 2, 3, 4)} | {
    (c, lv) for c in (1, 4) for lv in (1, 2)
}


@pytest.mark.parametrize(
    ("category", "level"), [(c, lv) for c in range(1, 8) for lv in range(1, 5)]
)
def test_category_and_level_table(category, level):
    eligible, reasons = eligibility(category, level, 30, "dibao")
    if (category, level) in COVERED:
        assert (eligible, reasons) == (True, POSITIVE)
    elif category in (1, 4):
        assert (eligible, reasons) == (False, ["level_not_severe"])
    else:
        assert (eligible, reasons) == (False, ["category_not_covered"])


@pytest.mark.parametrize(
    ("age", "reasons"),
    [
        (15, ["age_below_min"]),
        (16, POSITIVE),
        (59, POSITIVE),
        (60, ["age_above_max"]),
        (None, ["age_unknown"]),
    ],
)
def test_age_limits_are_inclusive(age, reasons):
    assert eligibility(5, 3, age, "tekun")[1] == reasons


@pytest.mark.parametrize(
    ("status", "eligible"),
    [
        ("registered_poor", True),
        ("dibao", True),
        ("tekun", True),
        ("exited", False),
        ("other", False),
        (None, False),
    ],
)
def test_poverty_status(status, eligible):
    result = eligibility(4, 1, 30, status)
    assert result == ((True, POSITIVE) if eligible else (False, ["not_poor"]))


@pytest.mark.parametrize(("category", "level"), [(None, None), (4, None), (None, 1)])
def test_without_a_card_nobody_is_eligible(category, level):
    assert eligibility(category, level, 30, "dibao") == (False, ["no_card"])


def test_every_failed_condition_is_reported():
    assert eligibility(None, None, 15, "exited") == (
        False,
        ["no_card", "age_below_min", "not_poor"],
    )
    assert eligibility(2, 1, 70, None) == (
        False,
        ["category_not_covered", "age_above_max", "not_poor"],
    )


@pytest.mark.parametrize(
    ("rule", "args", "eligible"),
    [
        (EligibilityRule(max_age=None), (5, 1, 80, "dibao"), True),
        (EligibilityRule(min_age=18), (5, 1, 16, "dibao"), False),
        (EligibilityRule(categories={4: ALL_LEVELS}), (4, 3, 30, "dibao"), True),
        (EligibilityRule(categories={4: ALL_LEVELS}), (5, 1, 30, "dibao"), False),
        (
            EligibilityRule(poverty_statuses=frozenset({"other"})),
            (5, 1, 30, "other"),
            True,
        ),
    ],
)
def test_the_rule_is_configurable(rule, args, eligible):
    assert eligibility(*args, rule=rule)[0] is eligible


def test_every_reason_code_has_labels():
    codes = {
        "no_card",
        "age_unknown",
        "age_below_min",
        "age_above_max",
        "category_not_covered",
        "level_not_severe",
        "not_poor",
        *POSITIVE,
    }
    assert set(REASON_LABELS) == codes
    assert all(zh and en for zh, en in REASON_LABELS.values())


API_BODY = {
    "barthel": {
        "feeding": 10,
        "bathing": 0,
        "grooming": 5,
        "dressing": 5,
        "bowels": 10,
        "bladder": 10,
        "toilet": 5,
        "transfer": 10,
        "mobility": 10,
        "stairs": 0,
    },
    "mode_requested": "home",
    "caregiver": "母亲",
    "psychiatric_stable": True,
}


def test_api_example_is_assessed():
    result = assess_respite(
        API_BODY, category=5, level=2, age=40, poverty_status="registered_poor"
    )
    assert result == {
        "barthel_total": 65,
        "dependency": "mild",
        "care_level": 3,
        "banding_version": "cn-2013-v1",
        "eligible": True,
        "eligibility_reasons": POSITIVE,
        "needs_psychiatric_review": False,
    }


@pytest.mark.parametrize(
    ("category", "stable", "review"),
    [
        (6, True, False),
        (6, False, True),
        (6, None, True),
        (6, "yes", True),
        (5, None, False),
        (None, None, False),
    ],
)
def test_mental_disability_needs_a_stable_psychiatric_flag(category, stable, review):
    data = {**API_BODY, "psychiatric_stable": stable}
    result = assess_respite(
        data, category=category, level=1, age=30, poverty_status="dibao"
    )
    assert result["needs_psychiatric_review"] is review


def test_ineligible_person_is_still_scored():
    result = assess_respite(
        API_BODY, category=2, level=1, age=70, poverty_status="exited"
    )
    assert (result["barthel_total"], result["eligible"]) == (65, False)


@pytest.mark.parametrize("mode", [*MODES, None])
def test_known_modes_are_accepted(mode):
    data = {**API_BODY, "mode_requested": mode}
    result = assess_respite(data, category=5, level=1, age=30, poverty_status="dibao")
    assert result["barthel_total"] == 65


@pytest.mark.parametrize(
    ("data", "code", "field"),
    [
        ({**API_BODY, "mode_requested": "hospital"}, "unknown_mode", "mode_requested"),
        ({"mode_requested": "home"}, "missing_item", "feeding"),
        (
            {**API_BODY, "barthel": {**API_BODY["barthel"], "toilet": 15}},
            "score_not_allowed",
            "toilet",
        ),
    ],
)
def test_unusable_input_is_rejected(data, code, field):
    with pytest.raises(RespiteError) as caught:
        assess_respite(data, category=5, level=1, age=30, poverty_status="dibao")
    assert (caught.value.code, caught.value.field) == (code, field)
