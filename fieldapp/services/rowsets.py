"""The office's row sets: one subquery each, built by the counting rules.

Every row set has `town_code`, `household_id`, `person_id` and `record_id`
columns (the ids a list links to; NULL where the unit has none) plus the
columns its facets test (`fieldapp.services.measures`).
"""

from datetime import date

from flask import current_app
from sqlalchemy import ColumnElement, and_, case, func, or_, select
from sqlalchemy.sql import Subquery

from fieldapp.domain.respite import EXITED, EligibilityRule
from fieldapp.models import Household, Person, Record
from fieldapp.registry.settings import eligibility_rule
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


def born_by(day: date, years: int) -> date:
    """The last birth day of someone at least `years` old on `day` (as
    `domain.ids.age_on` counts: a 29 February birthday counts on 1 March)."""
    try:
        return day.replace(year=day.year - years)
    except ValueError:  # 29 February, and that year has none
        return day.replace(year=day.year - years, day=28)


def eligible_on(scope: Scope, rule: EligibilityRule) -> ColumnElement[bool]:
    """托养 eligibility on the scope's day from the register as it stands (the
    member's card, age on the day, the household's poverty status): the rule
    `domain.respite.eligibility` applies to an assessment, taken live, so the
    plan's 100 % counts whoever is eligible on the day, not whoever was when
    assessed."""
    card = or_(
        *(
            and_(
                Person.disability_category == category,
                Person.disability_level.in_(sorted(levels)),
            )
            for category, levels in rule.categories.items()
        )
    )
    age = Person.birth_date <= born_by(scope.as_of, rule.min_age)
    if rule.max_age is not None:
        age = and_(age, Person.birth_date > born_by(scope.as_of, rule.max_age + 1))
    statuses = set(rule.poverty_statuses) | (
        {EXITED} if rule.exited_eligible else set()
    )
    return and_(card, age, Household.poverty_status.in_(sorted(statuses)))


def respite(scope: Scope) -> Subquery:
    """The latest respite assessment per member still living there, with the
    member's latest respite service (if any). `eligible` is 1 or 0, as of the
    scope's day (`eligible_on`)."""
    rule = eligibility_rule(current_app.config)
    eligible = case((eligible_on(scope, rule), 1), else_=0)
    return latest(
        scope,
        {
            "respite_assessment": {"eligible": eligible},
            "respite_service": {
                "service_id": Record.id,
                "started_on": json_text(Record.data, "started_on"),
                "ended_on": json_text(Record.data, "ended_on"),
            },
        },
        per="person",
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
