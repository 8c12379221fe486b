"""Bulk printing, web side: choose households and store a print job.

Starting, cancelling and reading the job go through `fieldapp.services.jobs`;
`printing/runner.py` does the work in the worker.
"""

from flask import current_app
from sqlalchemy import func, select

from fieldapp.extensions import db
from fieldapp.models import Household, Job, Record, User
from fieldapp.services import jobs, policy
from fieldapp.services.audit import record_event

KIND = "print"
MAX_HOUSEHOLDS = 2000
OUTPUTS = ("pdf", "zip")


class TooManyHouseholds(ValueError):
    """The selection is larger than one job may print."""


def select_households(
    user: User,
    town: str | None = None,
    kind: str | None = None,
    grades: tuple[str, ...] = (),
    status: str | None = None,
) -> list[str]:
    """Uuids of the user's households matching the filter, in print order.

    Filters look at each household's latest record of a kind, so a house graded
    D and later re-inspected as B is no longer "graded C or D". A grade filter
    without a kind means housing inspections.
    """
    if grades and not kind:
        kind = "housing_inspection"
    stmt = policy.scope_households(select(Household.uuid), user)
    if town:
        stmt = stmt.where(Household.town_code == town)
    if kind or grades or status:
        rank = (
            func.row_number()
            .over(
                partition_by=(Record.household_id, Record.kind),
                order_by=(Record.captured_at.desc(), Record.id.desc()),
            )
            .label("rank")
        )
        latest = select(
            Record.household_id, Record.kind, Record.grade, Record.status, rank
        ).subquery()
        matching = select(latest.c.household_id).where(latest.c.rank == 1)
        if kind:
            matching = matching.where(latest.c.kind == kind)
        if grades:
            matching = matching.where(latest.c.grade.in_(grades))
        if status:
            matching = matching.where(latest.c.status == status)
        stmt = stmt.where(Household.id.in_(matching))
    stmt = stmt.order_by(
        Household.town_code, Household.village, Household.address, Household.id
    )
    return list(db.session.scalars(stmt))


def create_print_job(
    user: User, town: str | None, filters: dict, output: str = "pdf"
) -> Job:
    """Store a queued print job for the households the filter selects (none is fine)."""
    households = select_households(
        user,
        town,
        kind=filters.get("kind") or None,
        grades=tuple(filters.get("grades") or ()),
        status=filters.get("status") or None,
    )
    if len(households) > MAX_HOUSEHOLDS:
        raise TooManyHouseholds(len(households))
    params = {
        "town_code": town,
        "filters": filters,
        "output": output if output in OUTPUTS else "pdf",
        "households": households,
    }
    return jobs.create(KIND, user, params, total=len(households))


def start_print_job(
    user: User, town: str | None, filters: dict, output: str = "pdf"
) -> Job:
    """Create, audit (as an export of case files) and dispatch a print job."""
    job = create_print_job(user, town, filters, output)
    db.session.flush()
    record_event(
        "export",
        actor=user,
        object_type="print_job",
        object_key=job.uuid,
        detail={
            "document": "casefiles",
            "town": job.params["town_code"],
            "filters": job.params["filters"],
            "households": job.total,
        },
    )
    db.session.commit()
    jobs.dispatch(current_app.config, job)
    return job
