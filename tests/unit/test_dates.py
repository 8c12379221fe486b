"""The one way the rules read a day (`domain/dates.py`)."""

from datetime import date, datetime

import pytest

from fieldapp.domain.dates import parse_day
from fieldapp.domain.errors import DeviceError, DomainError, RenovationError


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (None, None),
        ("", None),
        (date(2026, 5, 1), date(2026, 5, 1)),
        (datetime(2026, 5, 1, 23, 30), date(2026, 5, 1)),
        ("2026-05-01", date(2026, 5, 1)),
    ],
)
def test_parse_day(value, expected):
    assert parse_day(value, "x") == expected


@pytest.mark.parametrize("value", ["2026-5-1", "2026-02-30", 20260501, "2026-05-01T08"])
@pytest.mark.parametrize("error", [RenovationError, DeviceError])
def test_what_is_not_a_day_is_the_rules_own_date_error(value, error):
    with pytest.raises(error) as info:
        parse_day(value, "started_on", error)
    assert (info.value.code, info.value.field) == ("date", "started_on")


def test_without_a_rule_error_it_is_a_domain_error():
    with pytest.raises(DomainError):
        parse_day("soon", "x")
