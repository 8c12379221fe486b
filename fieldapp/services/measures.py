"""The office's measures: named subsets ("facets") of the row sets, counted and listed.

`tally` counts every facet of a row set by town with one GROUP BY; `members`
selects the rows of one facet, the list behind a number. The quality checks are
facets too. A count and its list share one condition, so they cannot disagree.
"""

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import timedelta

from flask import current_app
from sqlalchemy import (
    ColumnElement,
    Select,
    String,
    and_,
    case,
    cast,
    exists,
    func,
    or_,
    select,
)
from sqlalchemy.orm import aliased
from sqlalchemy.sql import Subquery

from fieldapp.domain.accessibility import STAGES as ACCESSIBILITY_STAGES
from fieldapp.domain.ids import born_by
from fieldapp.domain.respite import EXITED
from fieldapp.extensions import db
from fieldapp.models import Person, Record, utcnow
from fieldapp.registry.settings import eligibility_rule
from fieldapp.services import rowsets
from fieldapp.services.readside import Scope, json_text, person_active

GRADES = ("A", "B", "C", "D")
RENOVATION_STAGES = ("planned", "in_works", "completed", "accepted", "paid")
REPLACEMENT_WINDOW_DAYS = 90
ALL = "all"

Facet = Callable[[Subquery, Scope], ColumnElement[bool]]


@dataclass(frozen=True)
class RowSet:
    """Rows of one unit (household, person or record) and their facets."""

    name: str
    unit: str
    build: Callable[[Scope], Subquery]
    facets: dict[str, Facet]
    sums: dict[str, Callable[[Subquery], ColumnElement]] = field(default_factory=dict)


def equals(column: str, value: str) -> Facet:
    """Rows whose column holds the value."""
    return lambda rows, scope: rows.c[column] == value


def never_visited(rows, scope):
    """No record of any kind or status captured by the day."""
    return ~exists().where(
        Record.household_id == rows.c.household_id, Record.captured_at < scope.end
    )


def with_card(rows, scope):
    """The member holds a disability card."""
    return and_(rows.c.disability_card.is_not(None), rows.c.disability_card != "")


def card_mismatch(rows, scope):
    """The card's first 18 characters are not the member's ID number."""
    head = func.substr(rows.c.disability_card, 1, 18)
    return and_(with_card(rows, scope), head != rows.c.id_number)


def without_renovation(rows, scope):
    """Latest inspection C or D and no renovation counted for the household."""
    return and_(rows.c.grade.in_(("C", "D")), rows.c.renovation_id.is_(None))


def renovated(rows, scope):
    """A renovation of the household accepted (or paid) by the day, whatever
    its latest renovation record says: the plan's measure (`rowsets.renovations`)."""
    return rows.c.renovated_on <= scope.day


def in_care(rows, scope):
    """Open fittings of members still living there: the to-do lists' rows."""
    active = select(Person.id).where(person_active(scope))
    return and_(rows.c.stage != "closed", rows.c.person_id.in_(active))


def followup_overdue(rows, scope):
    """Next follow-up due before the day and the fitting not closed (API.md)."""
    return and_(in_care(rows, scope), rows.c.followup_due < scope.day)


def replacement_due(rows, scope):
    """Replacement due between the day and 90 days later, fitting not closed."""
    until = (scope.as_of + timedelta(days=REPLACEMENT_WINDOW_DAYS)).isoformat()
    due = rows.c.replacement_due
    return and_(in_care(rows, scope), due >= scope.day, due <= until)


def assessed(rows, scope):
    """Assessed members still living there on the day (the row set also holds
    those who left since the trend lines' first point)."""
    return person_active(scope, rows.c.person_status, rows.c.status_on)


def eligible(rows, scope):
    """Assessed members whom 托养 covers on the day, from the register as it
    stands (card, age on the day, the household's poverty status): the rule
    `domain.respite.eligibility` applies to an assessment, taken live, so the
    plan's 100 % counts whoever is eligible on the day, not whoever was when
    assessed."""
    rule = eligibility_rule(current_app.config)
    card = or_(
        *(
            and_(rows.c.category == category, rows.c.level.in_(sorted(levels)))
            for category, levels in rule.categories.items()
        )
    )
    age = rows.c.birth_date <= born_by(scope.as_of, rule.min_age)
    if rule.max_age is not None:
        age = and_(age, rows.c.birth_date > born_by(scope.as_of, rule.max_age + 1))
    statuses = set(rule.poverty_statuses) | (
        {EXITED} if rule.exited_eligible else set()
    )
    poor = rows.c.poverty_status.in_(sorted(statuses))
    return and_(assessed(rows, scope), card, age, poor)


def service_on(rows, scope):
    """The member has a respite service active on the day (ended_on is its
    last day): any counted service, not only the latest one (a past episode
    entered after the current one leaves the member in care), captured by the
    day, so a month end on the trend line counts what that day's dashboard
    counts."""
    service = aliased(Record)
    started = json_text(service.data, "started_on")
    ended = json_text(service.data, "ended_on")
    return exists().where(
        service.person_id == rows.c.person_id,
        service.kind == "respite_service",
        service.status != "returned",
        service.captured_at < scope.end,
        started <= scope.day,
        or_(ended.is_(None), ended >= scope.day),
    )


def served(rows, scope):
    """Eligible, with a respite service active on the day."""
    return and_(eligible(rows, scope), service_on(rows, scope))


def without_service(rows, scope):
    """Eligible and no service active on the day."""
    return and_(eligible(rows, scope), ~service_on(rows, scope))


def open_after_leaving(rows, scope):
    """A respite service of a member who died or moved out by the day, left
    without an end or ending after that day: the end wants filling in."""
    service, gone = aliased(Record), aliased(Person)
    ended = json_text(service.data, "ended_on")
    left_on = cast(gone.status_on, String)
    return exists().where(
        service.id == rows.c.record_id,
        service.kind == "respite_service",
        gone.id == service.person_id,
        gone.status != "active",
        gone.status_on <= scope.as_of,
        or_(ended.is_(None), ended > left_on),
    )


def gps_flagged(rows, scope):
    """Any GPS flag (the flags list, as JSON text, holds `"gps_`)."""
    return cast(rows.c.flags, String).like('%"gps\\_%', escape="\\")


def method_out_of_scope(rows, scope):
    """An inspection by a method that does not cover the house (the flag)."""
    return cast(rows.c.flags, String).like('%"method\\_out\\_of\\_scope"%', escape="\\")


def review_waiting(rows, scope):
    """Submitted and unchanged for more than REVIEW_WAITING_DAYS days."""
    days = current_app.config["REVIEW_WAITING_DAYS"]
    cutoff = min(utcnow(), scope.end) - timedelta(days=days)
    return and_(rows.c.status == "submitted", rows.c.updated_at < cutoff)


def stages(values) -> dict[str, Facet]:
    """One facet per stage: `stage_<name>`."""
    return {f"stage_{value}": equals("stage", value) for value in values}


def estimated(rows):
    """The estimate, summed."""
    return rows.c.estimated_total


def estimated_paid(rows):
    """The estimate of works at stage `paid`, summed (no paid amount is kept)."""
    return case((rows.c.stage == "paid", rows.c.estimated_total), else_=0.0)


ROWSETS: dict[str, RowSet] = {
    rs.name: rs
    for rs in (
        RowSet(
            "households",
            "household",
            rowsets.households,
            {
                "never_visited": never_visited,
                "without_location": lambda rows, scope: rows.c.lat.is_(None),
            },
        ),
        RowSet(
            "persons",
            "person",
            rowsets.persons,
            {"with_card": with_card, "card_mismatch": card_mismatch},
        ),
        RowSet(
            "housing",
            "household",
            rowsets.housing,
            {
                **{f"grade_{g}": equals("grade", g) for g in GRADES},
                "without_renovation": without_renovation,
            },
        ),
        RowSet(
            "renovations",
            "household",
            rowsets.renovations,
            {**stages(RENOVATION_STAGES), "renovated": renovated},
        ),
        RowSet(
            "accessibility",
            "household",
            rowsets.accessibility,
            stages(ACCESSIBILITY_STAGES),
            {"estimated_total": estimated, "paid_total": estimated_paid},
        ),
        RowSet(
            "devices",
            "record",
            rowsets.devices,
            {"followup_overdue": followup_overdue, "replacement_due": replacement_due},
        ),
        RowSet(
            "respite",
            "person",
            rowsets.respite,
            {
                "assessed": assessed,
                "eligible": eligible,
                "served": served,
                "without_service": without_service,
            },
        ),
        RowSet(
            "records",
            "record",
            rowsets.records,
            {
                "submitted": equals("status", "submitted"),
                "gps_flagged": gps_flagged,
                "method_out_of_scope": method_out_of_scope,
                "review_waiting": review_waiting,
                "service_open_after_leaving": open_after_leaving,
            },
        ),
    )
}


def tally(name: str, scope: Scope, extra: dict[str, Facet] | None = None) -> dict:
    """Every facet (and sum) of a row set by town, in one GROUP BY:
    {town: {"all": n, facet: n, ...}}. `extra` adds more conditions to count
    (the trends' month ends), each called with the rows and the scope."""
    rowset = ROWSETS[name]
    rows = rowset.build(scope)
    measures = {ALL: func.count()}
    for facet, condition in {**rowset.facets, **(extra or {})}.items():
        hit = case((condition(rows, scope), 1), else_=0)
        measures[facet] = func.coalesce(func.sum(hit), 0)
    for total, value in rowset.sums.items():
        measures[total] = func.coalesce(func.sum(value(rows)), 0.0)
    labels = {f"m{i}": key for i, key in enumerate(measures)}
    stmt = select(
        rows.c.town_code,
        *(expr.label(f"m{i}") for i, expr in enumerate(measures.values())),
    ).group_by(rows.c.town_code)
    return {
        row.town_code: {labels[k]: row._mapping[k] for k in labels}
        for row in db.session.execute(stmt)
    }


def members(name: str, facet: str, scope: Scope) -> tuple[Subquery, Select]:
    """The rows behind one number: (the row set, its rows of the facet).
    `facet` is a facet, a sum's name (the rows it adds up) or `all`."""
    rowset = ROWSETS[name]
    rows = rowset.build(scope)
    stmt = select(rows)
    condition = rowset.facets.get(facet)
    if condition is not None:
        stmt = stmt.where(condition(rows, scope))
    elif facet == "paid_total":
        stmt = stmt.where(rows.c.stage == "paid")
    elif facet != ALL and facet not in rowset.sums:
        raise KeyError(facet)
    return rows, stmt
