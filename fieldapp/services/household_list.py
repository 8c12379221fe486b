"""The household list as the API sends it: one page in one statement (the page
with its members and the total), only the columns the list shows, Core rows
rather than ORM objects.

`GET /api/v1/households` is what every phone calls every ten minutes (200 at a
time) and what office tools page through; the objects it returns carry the
attributes `api.serializers.household_to_api` reads, so the JSON is the same as
for a loaded Household.
"""

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any, NamedTuple

from sqlalchemy import bindparam, func, select

from fieldapp.extensions import db
from fieldapp.models import Household, Person, Town, User
from fieldapp.services import policy
from fieldapp.services.households import SearchResult, search_condition

# Core tables: a column select through the ORM costs a third more per statement
# (its compile state and row wrapping) and gives the same rows.
HOUSEHOLDS, PERSONS, TOWNS = Household.__table__, Person.__table__, Town.__table__

# What the list shows of a household and of each member.
HOUSEHOLD_COLUMNS = tuple(
    HOUSEHOLDS.c[name]
    for name in (
        "id",
        "uuid",
        "town_code",
        "village",
        "address",
        "poverty_status",
        "lat",
        "lon",
        "accuracy_m",
        "version",
        "created_at",
        "updated_at",
    )
)


class Member(NamedTuple):
    """The part of a Person the list shows (what `person_to_api` reads)."""

    uuid: str
    name: str
    relation: str
    id_number: str
    disability_card: str | None
    phone: str | None
    birth_date: Any
    sex: str
    disability_category: str | None
    disability_level: str | None
    status: str | None
    status_on: Any


MEMBER_FIELDS = Member._fields

# A page row: the household's columns, its town's name, the total, then one
# member's columns (all None for a household without members).
TOTAL_COLUMN = len(HOUSEHOLD_COLUMNS) + 1
FIRST_MEMBER_COLUMN = TOTAL_COLUMN + 1
LIST_ORDER = ("town_code", "village", "id")

# count(*) rather than count(id): SQLite counts the town index's entries without
# reading the id from each (0.28 against 0.43 ms over 10,000 households).
COUNT = select(func.count()).select_from(HOUSEHOLDS)


def page_with_members(*conditions):
    """One page of households (limit and offset as parameters) joined to their
    town and members, in list order then member order, each row with the number
    of households the conditions match: the page is cut in a subquery, so LIMIT
    counts households, not members; the count is an uncorrelated subquery, run
    once per statement (SQLite and PostgreSQL alike), and is taken in the same
    snapshot as the page."""
    page = (
        select(*HOUSEHOLD_COLUMNS)
        .where(*conditions)
        .order_by(*(HOUSEHOLDS.c[name] for name in LIST_ORDER))
        .limit(bindparam("limit"))
        .offset(bindparam("offset"))
        .subquery("page")
    )
    return (
        select(
            page,
            TOWNS.c.name.label("town_name"),
            COUNT.where(*conditions).correlate(None).scalar_subquery().label("total"),
            *(PERSONS.c[name] for name in MEMBER_FIELDS),
        )
        .select_from(
            page.outerjoin(TOWNS, TOWNS.c.code == page.c.town_code).outerjoin(
                PERSONS, PERSONS.c.household_id == page.c.id
            )
        )
        .order_by(*(page.c[name] for name in LIST_ORDER), PERSONS.c.position)
    )


# The phones' call (no search, no town filter) as whole statements built once,
# the towns, page and ids as parameters: building a statement and its cache key
# cost more than running it (0.3 ms a page).
CODES = HOUSEHOLDS.c.town_code.in_(bindparam("codes", expanding=True))
FIXED = {
    "scoped": (COUNT.where(CODES), page_with_members(CODES)),
    "city": (COUNT, page_with_members()),
}


class TownName(NamedTuple):
    """The part of a Town the list shows."""

    name: str


@dataclass
class ListedHousehold:
    """A household row with its members, shaped like a loaded Household."""

    id: int
    uuid: str
    town_code: str
    town: TownName | None
    village: str
    address: str
    poverty_status: str
    location: dict | None
    version: int
    created_at: datetime
    updated_at: datetime
    members: list[Member] = field(default_factory=list)


def _listed(row) -> ListedHousehold:
    """A page row as a ListedHousehold (location as Household.location gives it);
    by position (HOUSEHOLD_COLUMNS, then the town's name), which costs a third of
    reading the row's columns by name."""
    (id_, uuid, town_code, village, address, poverty_status, lat, lon, accuracy_m) = (
        row[:9]
    )
    version, created_at, updated_at, town_name = row[9:TOTAL_COLUMN]
    location = (
        None
        if lat is None or lon is None
        else {"lat": lat, "lon": lon, "accuracy_m": accuracy_m}
    )
    return ListedHousehold(
        id_,
        uuid,
        town_code,
        TownName(town_name) if town_name is not None else None,
        village,
        address,
        poverty_status,
        location,
        version,
        created_at,
        updated_at,
    )


def list_page(
    user: User, q: str = "", town: str = "", page: int = 1, per_page: int = 20
) -> SearchResult:
    """One page of the households in the user's towns (the same filter and order
    as `households.search_households`), members included."""
    q = (q or "").strip()
    if q or town:
        count, rows_statement, params = filtered(user, q, town)
    else:
        count, rows_statement, params = unfiltered(user)
    connection = db.session.connection()
    page = max(1, page)
    rows = page_rows(connection, rows_statement, params, page, per_page)
    if rows:
        total = rows[0][TOTAL_COLUMN]
        pages = -(-total // per_page)
    else:
        # Nothing to list, or past the last page: count, then show the last page.
        total = connection.execute(count, params).scalar() or 0
        pages = max(1, -(-total // per_page))
        if page > pages:
            page = pages
            rows = page_rows(connection, rows_statement, params, page, per_page)
    items: dict[int, ListedHousehold] = {}
    for row in rows:
        listed = items.get(row[0])
        if listed is None:
            listed = items[row[0]] = _listed(row)
        if row[FIRST_MEMBER_COLUMN] is not None:
            listed.members.append(Member._make(row[FIRST_MEMBER_COLUMN:]))
    return SearchResult(list(items.values()), page, pages, total)


def page_rows(connection, statement, params: dict, page: int, per_page: int) -> list:
    """The rows of one page (a household per member, one for none)."""
    return connection.execute(
        statement, {**params, "limit": per_page, "offset": (page - 1) * per_page}
    ).all()


def unfiltered(user: User):
    """The count and page statements for the user's households, built once, and
    their parameters (the user's towns)."""
    codes = policy.visible_town_codes(user)
    if codes is None:
        return (*FIXED["city"], {})
    return (*FIXED["scoped"], {"codes": sorted(codes)})


def filtered(user: User, q: str, town: str):
    """Like `unfiltered`, for a search or one town: statements built per call."""
    conditions = policy.scope_households(select(Household.id), user).whereclause
    conditions = [] if conditions is None else [conditions]
    if town:
        conditions.append(Household.town_code == town)
    if q:
        conditions.append(search_condition(q))
    return COUNT.where(*conditions), page_with_members(*conditions), {}
