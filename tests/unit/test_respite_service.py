"""Respite services (§4.2): the link to an eligible assessment, the dates and
"active as of today"; the vectors are shared with the browser's port
(tests/vectors/respite_service.json)."""

import copy
from datetime import date, datetime

import pytest

from fieldapp.domain.errors import RespiteServiceError
from fieldapp.domain.respite_service import assess_service, service_active
from tests import rule_vectors as rv

VECTORS = rv.load("respite_service")


def day(text: str | None) -> date | None:
    """A vector's `YYYY-MM-DD` as a date."""
    return date.fromisoformat(text) if text else None


@pytest.mark.parametrize("case", VECTORS["compute"], ids=rv.case_id)
def test_service_gives_the_shared_vectors_answer(case):
    context = case["context"]
    got = rv.outcome(
        assess_service,
        copy.deepcopy(case["data"]),
        copy.deepcopy(context["assessment"]),
        today=day(context["today"]),
    )
    assert rv.strict(got) == rv.strict(rv.expected(case))


@pytest.mark.parametrize("case", VECTORS["service_active"], ids=rv.case_id)
def test_active_gives_the_shared_vectors_answer(case):
    started, ended, on = case["args"]
    assert service_active(day(started), day(ended), day(on)) is case["expected"]


def test_dates_may_be_date_objects():
    data = {"started_on": date(2026, 5, 1), "ended_on": date(2026, 5, 31)}
    got = assess_service(data, {"eligible": True}, today=date(2026, 5, 31))
    assert got == {"active": True, "care_level": None, "dependency": None}


def test_a_service_is_active_only_between_its_days_both_included():
    start, end = date(2026, 5, 1), date(2026, 5, 3)
    days = [date(2026, 4, 30), start, date(2026, 5, 2), end, date(2026, 5, 4)]
    assert [service_active(start, end, d) for d in days] == [
        False,
        True,
        True,
        True,
        False,
    ]


@pytest.mark.parametrize("value", [datetime(2026, 5, 1, 9, 30), "2026-05-01"])
def test_times_and_iso_text_give_the_day(value):
    got = assess_service({"started_on": value}, {"eligible": True}, date(2026, 5, 1))
    assert got["active"] is True


def test_a_number_is_not_a_date():
    with pytest.raises(RespiteServiceError) as caught:
        assess_service({"started_on": 20260501}, {"eligible": True}, date(2026, 5, 1))
    assert (caught.value.code, caught.value.field) == ("date", "started_on")


def test_a_yes_no_is_not_a_subsidy():
    data = {"started_on": "2026-05-01", "monthly_subsidy": True}
    with pytest.raises(RespiteServiceError) as caught:
        assess_service(data, {"eligible": True}, date(2026, 5, 1))
    assert caught.value.code == "monthly_subsidy"
