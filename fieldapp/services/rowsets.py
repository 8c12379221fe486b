"""The office's row sets: one subquery each, built by the counting rules.

Every row set has `town_code`, `household_id`, `person_id` and `record_id`
columns (the ids a list links to; NULL where the unit has none) plus the
columns its facets test (`fieldapp.services.measures`).
"""

from sqlalchemy import func, select
from sqlalchemy.sql import Subquery

from fieldapp.models import Household, Person, Record
from fieldapp.services.readside import (
    Scope,
    counted_records,
    json_text,
    later_of,
    latest,
    local_day,
    no_id,
    person_active,
    within,
)

FITTED_STAGES = ("fitted", "trained", "followup", "closed")


def households(scope: Scope) -> Subquery:
    """Every household in scope."""
    stmt = select(
        Household.id.label("household_id"),
        Household.town_code,
        no_id().label("person_id"),
        no_id().label("record_id"),
        Household.lat,
    )
    return within(stmt, scope).subquery()


def persons(scope: Scope) -> Subquery:
    """Members still living in the households in scope."""
    stmt = (
        select(
            Person.household_id,
            Household.town_code,
            Person.id.label("person_id"),
            no_id().label("record_id"),
            Person.disability_card,
            Person.id_number,
        )
        .join(Household, Person.household_id == Household.id)
        .where(person_active(scope))
    )
    return within(stmt, scope).subquery()


def housing(scope: Scope) -> Subquery:
    """The latest inspection per household, with its latest renovation (if any)."""
    return latest(
        scope,
        {
            "housing_inspection": {"grade": Record.grade},
            "housing_renovation": {
                "renovation_id": Record.id,
                "renovation_stage": Record.stage,
            },
        },
    )


ACCEPTED_STAGES = ("accepted", "paid")


def renovations(scope: Scope) -> Subquery:
    """The latest renovation per household (its stage), and `renovated_on`:
    the first day any counted renovation of the household stood accepted (or
    paid), the later of its acceptance day and the day it was captured. A
    house once accepted stays renovated when a later renovation record is
    opened for it, and a month end on the trend line counts exactly what the
    dashboard as of that day counts."""
    latest_rows = latest(scope, {"housing_renovation": {"stage": Record.stage}})
    effective = later_of(
        json_text(Record.data, "accepted_on"), local_day(Record.captured_at)
    )
    accepted = (
        counted_records("housing_renovation", scope)
        .with_only_columns(
            Record.household_id, func.min(effective).label("renovated_on")
        )
        .where(Record.stage.in_(ACCEPTED_STAGES))
        .group_by(Record.household_id)
        .subquery()
    )
    return (
        select(latest_rows, accepted.c.renovated_on)
        .outerjoin(accepted, accepted.c.household_id == latest_rows.c.household_id)
        .subquery()
    )


def accessibility(scope: Scope) -> Subquery:
    """The latest accessibility assessment per household, with its estimate."""
    columns = {
        "stage": Record.stage,
        "estimated_total": Record.computed["estimated_total"].as_float(),
    }
    return latest(scope, {"accessibility_assessment": columns})


def devices(scope: Scope) -> Subquery:
    """Every counted device fitting at stage `fitted` or later (one row each:
    a person may have several devices)."""
    stmt = counted_records("device_fitting", scope).add_columns(
        Record.household_id,
        Record.person_id,
        Household.town_code,
        Record.stage,
        json_text(Record.data, "fitted_on").label("fitted_on"),
        json_text(Record.computed, "next_followup_due").label("followup_due"),
        json_text(Record.computed, "replacement_due").label("replacement_due"),
    )
    return stmt.where(Record.stage.in_(FITTED_STAGES)).subquery()


def respite(scope: Scope) -> Subquery:
    """The latest respite assessment per member, with the member's latest
    respite service (if any) and what eligibility is read from on a day (the
    card, the birth day, the household's poverty status, the member's status:
    `measures.eligible`). Members living there on the day or at any month end
    of the trend lines are rows, so each point counts whom it counted on its
    own day."""
    return latest(
        scope,
        {
            "respite_assessment": {
                "category": Person.disability_category,
                "level": Person.disability_level,
                "birth_date": Person.birth_date,
                "poverty_status": Household.poverty_status,
                "person_status": Person.status,
                "status_on": Person.status_on,
            },
            "respite_service": {
                "service_id": Record.id,
                "started_on": json_text(Record.data, "started_on"),
                "ended_on": json_text(Record.data, "ended_on"),
            },
        },
        per="person",
        living_on=scope.trend_points()[0],
    )


def records(scope: Scope) -> Subquery:
    """Every record of any kind that counts (not returned, captured by the day)."""
    stmt = (
        select(
            Record.id.label("record_id"),
            Record.household_id,
            Record.person_id,
            Household.town_code,
            Record.status,
            Record.flags,
            Record.updated_at,
        )
        .join(Household, Record.household_id == Household.id)
        .where(Record.status != "returned", Record.captured_at < scope.end)
    )
    return within(stmt, scope).subquery()
