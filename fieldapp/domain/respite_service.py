"""Respite care actually given (托养服务, DOMAIN §4.2): the link to an eligible
assessment, the service's dates, and whether it is active on a day.

A service belongs to one person and rests on one of that person's respite
assessments whose `eligible` is true (API.md "Work after the assessment").
`ended_on` is the service's last day: a service is active from `started_on` to
`ended_on`, both included; without `ended_on` it runs on.
"""

from datetime import date

from fieldapp.domain.dates import parse_day
from fieldapp.domain.errors import RespiteServiceError
from fieldapp.domain.respite import MODES

__all__ = ["MODES", "assess_service", "service_active"]


def service_active(started_on: date | None, ended_on: date | None, day: date) -> bool:
    """Started by `day` and not ended before it (`ended_on` is the last day)."""
    if started_on is None or started_on > day:
        return False
    return ended_on is None or ended_on >= day


def check_assessment(assessment: dict | None) -> None:
    """The service needs the person's assessment, and it must say eligible."""
    if assessment is None:
        raise RespiteServiceError("assessment_not_found", field="assessment_uuid")
    if assessment.get("eligible") is not True:
        raise RespiteServiceError("assessment_not_eligible", field="assessment_uuid")


def assess_service(data: dict, assessment: dict | None, today: date) -> dict:
    """Computed values of a `respite_service` record (API.md): `active` as of
    `today`, and the assessment's care level and dependency it rests on.

    `assessment` is the linked `respite_assessment`'s facts (`eligible`,
    `care_level`, `dependency`), or None when the uuid names no assessment of
    the same person.
    """
    check_assessment(assessment)
    mode = data.get("mode")
    if mode is not None and mode not in MODES:
        raise RespiteServiceError("unknown_mode", field="mode")
    started_on = parse_day(data.get("started_on"), "started_on", RespiteServiceError)
    ended_on = parse_day(data.get("ended_on"), "ended_on", RespiteServiceError)
    if started_on is None:
        raise RespiteServiceError("started_on_required", field="started_on")
    if ended_on is not None and ended_on < started_on:
        raise RespiteServiceError("ended_before_start", field="ended_on")
    subsidy = data.get("monthly_subsidy")
    if subsidy is not None and (isinstance(subsidy, bool) or subsidy < 0):
        raise RespiteServiceError("monthly_subsidy", field="monthly_subsidy")
    return {
        "active": service_active(started_on, ended_on, today),
        "care_level": assessment.get("care_level"),
        "dependency": assessment.get("dependency"),
    }
