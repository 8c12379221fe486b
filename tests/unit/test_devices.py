"""Assistive devices: catalogue, month arithmetic, follow-ups and replacement (§3);
the rule's vectors are shared with the browser's port
(tests/vectors/device_fitting.json)."""

import copy
import re
from datetime import date, datetime

import pytest

from fieldapp.domain.devices import (
    CATALOGUE_VERSION,
    DEFAULT_SERVICE_LIFE_YEARS,
    add_months,
    add_years,
    assess_device,
    load_devices,
    next_followup_due,
)
from tests import rule_vectors as rv

VECTORS = rv.load("device_fitting")
DEVICES = load_devices()
TODAY = date(2026, 3, 20)


def test_catalogue_codes_are_unique_6_digit_iso_9999_codes():
    assert CATALOGUE_VERSION
    assert len(DEVICES) >= 15
    for code, device in DEVICES.items():
        assert re.fullmatch(r"\d\d \d\d \d\d", code)
        assert device.code_system in ("ISO 9999:2016", "ISO 9999:2022")
        assert device.name and device.name_en
        assert set(device.serves) <= set(range(1, 8))


@pytest.mark.parametrize(
    ("code", "name", "years"),
    [
        ("12 22 03", "普通轮椅", 3),
        ("12 03 12", "腋拐", 1),
        ("12 03 03", "单脚手杖", 1),
        ("12 06 03", "框式助行器", 3),
        ("04 33 06", "防压疮床垫", 3),
        ("12 06 06", "轮式助行器", DEFAULT_SERVICE_LIFE_YEARS),  # no source
    ],
)
def test_service_lives_follow_the_jinzhai_table(code, name, years):
    device = DEVICES[code]
    assert (device.name, device.service_life_years) == (name, years)


def test_white_cane_uses_its_2016_code():
    assert DEVICES["12 39 03"].code_system == "ISO 9999:2016"


def day(text: str | None) -> date | None:
    """A vector's `YYYY-MM-DD` as a date."""
    return date.fromisoformat(text) if text else None


def iso(value: date | None) -> str | None:
    """A date as the vectors write it."""
    return value.isoformat() if value else None


@pytest.mark.parametrize("case", VECTORS["compute"], ids=rv.case_id)
def test_assessment_gives_the_shared_vectors_answer(case):
    today = day(case["context"]["captured_on"])
    got = rv.outcome(assess_device, copy.deepcopy(case["data"]), today=today)
    assert rv.strict(got) == rv.strict(rv.expected(case))


@pytest.mark.parametrize("case", VECTORS["add_months"], ids=rv.case_id)
def test_add_months_gives_the_shared_vectors_answer(case):
    start, months = case["args"]
    assert iso(add_months(day(start), months)) == case["expected"]


@pytest.mark.parametrize("case", VECTORS["add_years"], ids=rv.case_id)
def test_add_years_gives_the_shared_vectors_answer(case):
    start, years = case["args"]
    assert iso(add_years(day(start), years)) == case["expected"]


@pytest.mark.parametrize("case", VECTORS["next_followup_due"], ids=rv.case_id)
def test_next_followup_gives_the_shared_vectors_answer(case):
    fitted, followups = case["args"]
    due = next_followup_due(day(fitted), [day(f) for f in followups])
    assert iso(due) == case["expected"]


def fitting(**changes):
    """The API example of a device_fitting body, changed as given."""
    data = {
        "device_code": "12 22 03",
        "device_name": "普通轮椅",
        "stage": "fitted",
        "assessed_on": "2026-03-01",
        "fitted_on": "2026-03-05",
        "service_life_years": 3,
        "serial": "WC-001",
        "trained": True,
    }
    return {**data, **changes}


@pytest.mark.parametrize(
    "fitted_on", [date(2026, 3, 5), datetime(2026, 3, 5, 9, 12), "2026-03-05"]
)
def test_dates_may_be_objects_or_iso_strings(fitted_on):
    visit = date(2026, 4, 6)
    result = assess_device(
        fitting(fitted_on=fitted_on, followups=[{"date": visit}]), today=TODAY
    )
    assert result["next_followup_due"] == "2026-06-05"  # 3 months after fitting
