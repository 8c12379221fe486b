"""The household list as the API sends it: one page in three statements (count,
page, members), only the columns the list shows, rows rather than ORM objects.

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

# What the list shows of a household and of each member.
HOUSEHOLD_COLUMNS = (
    Household.id,
    Household.uuid,
    Household.town_code,
    Town.name.label("town_name"),
    Household.village,
    Household.address,
    Household.poverty_status,
    Household.lat,
    Household.lon,
    Household.accuracy_m,
    Household.version,
    Household.created_at,
    Household.updated_at,
)
MEMBER_COLUMNS = (
    Person.household_id,
    Person.uuid,
    Person.name,
    Person.relation,
    Person.id_number,
    Person.disability_card,
    Person.phone,
    Person.birth_date,
    Person.sex,
    Person.disability_category,
    Person.disability_level,
    Person.status,
    Person.status_on,
)


# The statements' fixed parts, built once (a page only adds its filters).
# count(*) rather than count(id): SQLite counts the town index's entries without
# reading the id from each (0.28 against 0.43 ms over 10,000 households).
COUNT = select(func.count()).select_from(Household)
PAGE = select(*HOUSEHOLD_COLUMNS).outerjoin(Town, Town.code == Household.town_code)
PAGE_ORDER = (Household.town_code, Household.village, Household.id)
MEMBERS = select(*MEMBER_COLUMNS).order_by(Person.household_id, Person.position)

# The phones' call (no search, no town filter) as whole statements built once,
# the towns, page and ids as parameters: building a statement and its cache key
# cost more than running it (0.3 ms a page).
CODES = Household.town_code.in_(bindparam("codes", expanding=True))
LIMIT_OFFSET = {"limit": bindparam("limit"), "offset": bindparam("offset")}
FIXED = {
    "scoped": (
        COUNT.where(CODES),
        PAGE.where(CODES)
        .order_by(*PAGE_ORDER)
        .limit(LIMIT_OFFSET["limit"])
        .offset(LIMIT_OFFSET["offset"]),
    ),
    "city": (
        COUNT,
        PAGE.order_by(*PAGE_ORDER)
        .limit(LIMIT_OFFSET["limit"])
        .offset(LIMIT_OFFSET["offset"]),
    ),
}
MEMBERS_OF = MEMBERS.where(Person.household_id.in_(bindparam("ids", expanding=True)))


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
    members: list[Any] = field(default_factory=list)


def _listed(row) -> ListedHousehold:
    """A page row as a ListedHousehold (location as Household.location gives it)."""
    location = (
        None
        if row.lat is None or row.lon is None
        else {"lat": row.lat, "lon": row.lon, "accuracy_m": row.accuracy_m}
    )
    return ListedHousehold(
        id=row.id,
        uuid=row.uuid,
        town_code=row.town_code,
        town=TownName(row.town_name) if row.town_name is not None else None,
        village=row.village,
        address=row.address,
        poverty_status=row.poverty_status,
        location=location,
        version=row.version,
        created_at=row.created_at,
        updated_at=row.updated_at,
    )


def list_page(
    user: User, q: str = "", town: str = "", page: int = 1, per_page: int = 20
) -> SearchResult:
    """One page of the households in the user's towns (the same filter and order
    as `households.search_households`), members included."""
    q = (q or "").strip()
    if q or town:
        count, rows_of = filtered(user, q, town)
    else:
        count, rows_of = unfiltered(user)
    total = count or 0
    pages = max(1, -(-total // per_page))
    page = min(max(1, page), pages)
    rows = rows_of(per_page, (page - 1) * per_page)
    items = {row.id: _listed(row) for row in rows}
    if items:
        members = db.session.execute(MEMBERS_OF, {"ids": list(items)})
        for member in members:
            items[member.household_id].members.append(member)
    return SearchResult(list(items.values()), page, pages, total)


def unfiltered(user: User):
    """The count of the user's households, and a function reading one page of
    them (limit, offset), by the statements built once."""
    codes = policy.visible_town_codes(user)
    params = {} if codes is None else {"codes": sorted(codes)}
    count, page = FIXED["city" if codes is None else "scoped"]
    total = db.session.scalar(count, params)

    def rows_of(limit: int, offset: int) -> list:
        """One page of rows."""
        return db.session.execute(
            page, {**params, "limit": limit, "offset": offset}
        ).all()

    return total, rows_of


def filtered(user: User, q: str, town: str):
    """Like `unfiltered`, for a search or one town: statements built per call."""
    conditions = policy.scope_households(select(Household.id), user).whereclause
    conditions = [] if conditions is None else [conditions]
    if town:
        conditions.append(Household.town_code == town)
    if q:
        conditions.append(search_condition(q))
    total = db.session.scalar(COUNT.where(*conditions))

    def rows_of(limit: int, offset: int) -> list:
        """One page of rows."""
        return db.session.execute(
            PAGE.where(*conditions).order_by(*PAGE_ORDER).limit(limit).offset(offset)
        ).all()

    return total, rows_of
