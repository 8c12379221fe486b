"""Assistive devices: catalogue, month arithmetic, follow-ups and replacement (§3)."""

import re
from datetime import date, datetime

import pytest

from fieldapp.domain.devices import (
    CATALOGUE_VERSION,
    DEFAULT_SERVICE_LIFE_YEARS,
    STAGES,
    add_months,
    add_years,
    assess_device,
    load_devices,
    next_followup_due,
)
from fieldapp.domain.errors import DeviceError

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


@pytest.mark.parametrize(
    ("start", "months", "result"),
    [
        (date(2026, 3, 5), 1, date(2026, 4, 5)),
        (date(2026, 1, 31), 1, date(2026, 2, 28)),
        (date(2024, 1, 31), 1, date(2024, 2, 29)),
        (date(2026, 3, 31), 1, date(2026, 4, 30)),
        (date(2026, 11, 30), 3, date(2027, 2, 28)),
        (date(2026, 12, 15), 1, date(2027, 1, 15)),
        (date(2026, 3, 31), -1, date(2026, 2, 28)),
        (date(2026, 1, 15), -1, date(2025, 12, 15)),
        (date(2026, 5, 5), 0, date(2026, 5, 5)),
    ],
)
def test_add_months_clamps_to_the_month_end(start, months, result):
    assert add_months(start, months) == result


@pytest.mark.parametrize(
    ("start", "years", "result"),
    [
        (date(2024, 2, 29), 1, date(2025, 2, 28)),
        (date(2024, 2, 29), 4, date(2028, 2, 29)),
        (date(2026, 3, 5), 3, date(2029, 3, 5)),
    ],
)
def test_add_years_turns_feb_29_into_feb_28(start, years, result):
    assert add_years(start, years) == result


@pytest.mark.parametrize(
    ("fitted", "followups", "due"),
    [
        (None, [], None),
        (date(2026, 3, 5), [], date(2026, 4, 5)),
        (date(2026, 1, 31), [], date(2026, 2, 28)),
        (date(2026, 3, 5), [date(2026, 4, 7)], date(2026, 7, 7)),
        (date(2026, 3, 5), [date(2026, 4, 7), date(2026, 7, 1)], date(2027, 7, 1)),
        (
            date(2026, 3, 5),
            [date(2027, 7, 2), date(2026, 4, 7), date(2026, 7, 1)],  # unordered
            date(2028, 7, 2),
        ),
    ],
)
def test_next_followup_is_1_then_3_then_12_months_after_the_last(
    fitted, followups, due
):
    assert next_followup_due(fitted, followups) == due


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


def test_api_example_is_assessed():
    assert assess_device(fitting(), today=TODAY) == {
        "service_life_years": 3,
        "replacement_due": "2029-03-05",
        "next_followup_due": "2026-04-05",
        "followup_overdue": False,
        "followup_count": 0,
    }


@pytest.mark.parametrize(
    ("today", "overdue"),
    [(date(2026, 4, 5), False), (date(2026, 4, 6), True)],
)
def test_followup_is_overdue_the_day_after_it_is_due(today, overdue):
    assert assess_device(fitting(), today=today)["followup_overdue"] is overdue


def test_recorded_followups_move_the_next_visit():
    data = fitting(
        stage="followup",
        followups=[
            {"date": "2026-04-06", "outcome": "ok"},
            {"date": date(2026, 7, 10), "outcome": "adjusted"},
        ],
    )
    result = assess_device(data, today=date(2027, 8, 1))
    assert result["next_followup_due"] == "2027-07-10"
    assert (result["followup_count"], result["followup_overdue"]) == (2, True)


@pytest.mark.parametrize(
    ("changes", "life", "replacement"),
    [
        ({"service_life_years": None}, 3, "2029-03-05"),  # from the catalogue
        ({"service_life_years": None, "device_code": "12 03 12"}, 1, "2027-03-05"),
        ({"service_life_years": None, "device_code": "99 99 99"}, 3, "2029-03-05"),
        ({"service_life_years": 5}, 5, "2031-03-05"),
        ({"fitted_on": "2024-02-29", "service_life_years": 1}, 1, "2025-02-28"),
    ],
)
def test_replacement_is_due_after_the_service_life(changes, life, replacement):
    result = assess_device(fitting(**changes), today=TODAY)
    assert (result["service_life_years"], result["replacement_due"]) == (
        life,
        replacement,
    )


@pytest.mark.parametrize(
    ("fitted_on", "expected"),
    [
        (date(2026, 3, 5), "2026-04-05"),
        (datetime(2026, 3, 5, 9, 12), "2026-04-05"),
        ("2026-03-05", "2026-04-05"),
    ],
)
def test_dates_may_be_objects_or_iso_strings(fitted_on, expected):
    result = assess_device(fitting(fitted_on=fitted_on), today=TODAY)
    assert result["next_followup_due"] == expected


@pytest.mark.parametrize("stage", ["requested", "assessed", "prescribed"])
def test_nothing_is_due_before_fitting(stage):
    result = assess_device(fitting(stage=stage, fitted_on=None), today=TODAY)
    assert result["replacement_due"] is None
    assert result["next_followup_due"] is None
    assert result["followup_overdue"] is False


def test_closed_fitting_has_no_next_followup_but_keeps_replacement():
    result = assess_device(fitting(stage="closed"), today=date(2030, 1, 1))
    assert result["next_followup_due"] is None
    assert result["followup_overdue"] is False
    assert result["replacement_due"] == "2029-03-05"


@pytest.mark.parametrize("stage", STAGES)
def test_every_stage_is_accepted_with_a_fitting_date(stage):
    result = assess_device(fitting(stage=stage), today=TODAY)
    assert result["replacement_due"] == "2029-03-05"


@pytest.mark.parametrize(
    ("changes", "code", "field"),
    [
        ({"stage": "lost"}, "unknown_stage", "stage"),
        ({"fitted_on": "05/03/2026"}, "date", "fitted_on"),
        ({"fitted_on": "2026-02-30"}, "date", "fitted_on"),
        ({"fitted_on": "20260305"}, "date", "fitted_on"),
        ({"fitted_on": 20260305}, "date", "fitted_on"),
        ({"fitted_on": None}, "fitted_on_required", "fitted_on"),
        ({"stage": "trained", "fitted_on": ""}, "fitted_on_required", "fitted_on"),
        ({"followups": [{"date": None}]}, "date", "followups-0-date"),
        ({"followups": [{"date": "2026-04-01"}, {}]}, "date", "followups-1-date"),
        (
            {"followups": [{"date": "2026-03-04"}]},
            "followup_before_fitting",
            "followups",
        ),
        (
            {
                "stage": "assessed",
                "fitted_on": None,
                "followups": [{"date": "2026-04-01"}],
            },
            "followup_before_fitting",
            "followups",
        ),
        ({"service_life_years": 0}, "service_life", "service_life_years"),
    ],
)
def test_impossible_fittings_are_rejected(changes, code, field):
    with pytest.raises(DeviceError) as caught:
        assess_device(fitting(**changes), today=TODAY)
    assert (caught.value.code, caught.value.field) == (code, field)
