"""The list behind a number: the rows of one facet, a page at a time."""

from dataclasses import dataclass

from sqlalchemy import func, null, select
from sqlalchemy.orm import aliased

from fieldapp.extensions import db
from fieldapp.models import Household, Person, Record, Town
from fieldapp.services.measures import members
from fieldapp.services.readside import Scope

PER_PAGE = 50


@dataclass
class Listing:
    """One page of a facet's rows."""

    items: list
    page: int
    pages: int
    total: int


def head_name():
    """The household's head (or first member), as in the ledger."""
    head = aliased(Person)
    return (
        select(head.name)
        .where(head.household_id == Household.id)
        .order_by(head.relation != "head", head.position)
        .limit(1)
        .scalar_subquery()
    )


def listing(
    rowset: str, facet: str, scope: Scope, page: int = 1, per_page: int = PER_PAGE
) -> Listing:
    """A page of the rows behind one number, with what a list shows of each.
    An unknown row set or facet is a KeyError."""
    _rows, stmt = members(rowset, facet, scope)
    found = stmt.subquery()
    total = db.session.scalar(select(func.count()).select_from(found)) or 0
    pages = max(1, -(-total // per_page))
    page = min(max(page, 1), pages)
    # Device fittings say when their follow-up was due, the longest overdue first.
    due = found.c.followup_due if "followup_due" in found.c else null()
    first = [due] if "followup_due" in found.c else []
    query = (
        select(
            Household.uuid.label("household_uuid"),
            Town.name.label("town_name"),
            Household.village,
            Household.address,
            head_name().label("head_name"),
            Person.name.label("person_name"),
            Record.uuid.label("record_uuid"),
            Record.kind,
            Record.status,
            Record.captured_at,
            Record.grade,
            Record.stage,
            Record.flags,
            due.label("followup_due"),
        )
        .select_from(found)
        .join(Household, Household.id == found.c.household_id)
        .join(Town, Town.code == Household.town_code)
        .outerjoin(Person, Person.id == found.c.person_id)
        .outerjoin(Record, Record.id == found.c.record_id)
        .order_by(
            *first, Household.town_code, Household.village, Household.id, Record.id
        )
        .limit(per_page)
        .offset((page - 1) * per_page)
    )
    return Listing(list(db.session.execute(query)), page, pages, total)
