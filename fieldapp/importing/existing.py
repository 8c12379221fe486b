"""What the database already holds for a batch of the file's households.

Plain column reads (no ORM objects), a few queries per batch of households,
so checking 10,000 rows neither fills the session nor asks once per row.
"""

from collections.abc import Iterable
from dataclasses import dataclass

from sqlalchemy import or_, select

from fieldapp.extensions import db
from fieldapp.models import Household, Person, Town
from fieldapp.services import persons

CHUNK = persons.CHUNK
HOUSEHOLD_COLUMNS = (
    Household.id,
    Household.uuid,
    Household.register_no,
    Household.town_code,
    Household.village,
    Household.address,
    Household.poverty_status,
    Household.lat,
    Household.lon,
    Household.accuracy_m,
)
MEMBER_COLUMNS = (
    Person.household_id,
    Person.uuid,
    Person.name,
    Person.relation,
    Person.id_number,
    Person.disability_card,
    Person.phone,
    Person.status,
    Person.status_on,
)


@dataclass
class Known:
    """The batch's view of the database."""

    by_key: dict[str, int]  # 户编号 (or a household uuid) → household id
    holders: dict[str, persons.Holder]  # ID number → its household
    households: dict[int, dict]  # household id → columns, with "members"


def _chunks(values: list) -> Iterable[list]:
    for start in range(0, len(values), CHUNK):
        yield values[start : start + CHUNK]


def households_by_key(keys: Iterable[str]) -> dict[str, int]:
    """Households whose 户编号 or uuid is one of `keys` (户编号 wins)."""
    found: dict[str, int] = {}
    for chunk in _chunks(sorted(set(keys))):
        stmt = select(Household.id, Household.register_no, Household.uuid).where(
            or_(Household.register_no.in_(chunk), Household.uuid.in_(chunk))
        )
        for household_id, register_no, uuid in db.session.execute(stmt):
            if register_no in chunk:
                found[register_no] = household_id
            if uuid in chunk:
                found.setdefault(uuid, household_id)
    return found


def load_households(ids: Iterable[int]) -> dict[int, dict]:
    """Households by id, each with its members in their order."""
    ids = sorted(set(ids))
    found: dict[int, dict] = {}
    for chunk in _chunks(ids):
        stmt = select(*HOUSEHOLD_COLUMNS).where(Household.id.in_(chunk))
        for row in db.session.execute(stmt):
            found[row.id] = dict(row._mapping) | {"members": []}
        stmt = (
            select(*MEMBER_COLUMNS)
            .where(Person.household_id.in_(chunk))
            .order_by(Person.household_id, Person.position, Person.id)
        )
        for row in db.session.execute(stmt):
            member = dict(row._mapping)
            # As the household form's JSON carries it (a date as text).
            on = member["status_on"]
            member["status_on"] = on.isoformat() if on else None
            found[member.pop("household_id")]["members"].append(member)
    return found


def known_for(keys: Iterable[str], id_numbers: Iterable[str]) -> Known:
    """Matches by key, holders of ID numbers, and every household involved."""
    by_key = households_by_key(keys)
    holders = persons.holders(id_numbers)
    involved = set(by_key.values()) | {h.household_id for h in holders.values()}
    return Known(by_key, holders, load_households(involved))


def town_choices() -> tuple[dict[str, str], list[tuple[str, str]]]:
    """Town codes by name or code, and the form's choices."""
    towns = list(db.session.scalars(select(Town).order_by(Town.code)))
    by_text = {t.name: t.code for t in towns} | {t.code: t.code for t in towns}
    return by_text, [(t.code, t.name) for t in towns]
