"""Create, replay, update and search households and their members."""

import re
from dataclasses import dataclass
from datetime import date

from flask_babel import lazy_gettext as _l
from sqlalchemy import exists, func, or_, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm.exc import StaleDataError

from fieldapp import clock
from fieldapp.domain.ids import parse_card_number, parse_id_number
from fieldapp.extensions import db
from fieldapp.models import Household, Person, Town, User
from fieldapp.services import persons, policy
from fieldapp.services.digest import payload_digest
from fieldapp.services.errors import Conflict, Invalid, NotAllowed
from forms.households import HouseholdForm
from forms.json import bind, jsonable


class HouseholdConflict(Exception):
    """The uuid exists with other content, or the edit is based on an old version."""

    def __init__(self, household: Household, code: str):
        super().__init__(code)
        self.household = household
        self.code = code


class PersonHeldElsewhere(Exception):
    """Members (by position) whose ID number another household holds."""

    def __init__(self, held: dict[int, persons.Holder]):
        super().__init__(sorted(held))
        self.held = held


class MemberInUse(Exception):
    """A member cannot be removed while records refer to them."""

    def __init__(self, person: Person):
        super().__init__(person.uuid)
        self.person = person


# The last 4 characters of an ID number, as a mask shows them.
ID_TAIL = re.compile(r"[0-9]{3}[0-9Xx]")


@dataclass
class SearchResult:
    """One page of households."""

    items: list[Household]
    page: int
    pages: int
    total: int


def derived_fields(member: dict) -> dict:
    """Birth date and sex from the ID number; category and level from the card."""
    today = clock.today()
    info = parse_id_number(member["id_number"], today=today)
    derived = {"birth_date": info.birth_date, "sex": info.sex}
    card = member.get("disability_card")
    if card:
        parsed = parse_card_number(card, id_number=info.number, today=today)
        derived |= {
            "disability_category": parsed.category,
            "disability_level": parsed.level,
        }
    else:
        derived |= {"disability_category": None, "disability_level": None}
    return derived


def stored_fields(payload: dict) -> tuple[dict, list[dict]]:
    """What a validated payload stores: the household's columns and each
    member's (before the derived ones), as `apply_payload` writes them."""
    location = payload.get("location") or {}
    household = {
        "town_code": payload["town_code"],
        "village": payload["village"].strip(),
        "address": (payload.get("address") or "").strip(),
        "poverty_status": payload["poverty_status"],
        "lat": location.get("lat"),
        "lon": location.get("lon"),
        "accuracy_m": location.get("accuracy_m"),
    }
    members = [
        {
            "uuid": member["uuid"],
            "name": member["name"].strip(),
            "relation": member["relation"],
            "id_number": member["id_number"],
            "disability_card": member.get("disability_card") or None,
            "phone": member.get("phone") or "",
            "status": member.get("status") or "active",
            "status_on": (
                date.fromisoformat(member["status_on"])
                if member.get("status_on")
                else None
            ),
        }
        for member in payload["members"]
    ]
    return household, members


def apply_payload(household: Household, payload: dict) -> None:
    """Copy a validated payload onto a household and its members (not committed)."""
    fields, members = stored_fields(payload)
    for key, value in fields.items():
        setattr(household, key, value)
    existing = {person.uuid: person for person in household.members}
    _clear_the_way(existing, payload, members)
    keep = []
    for position, (member, stored) in enumerate(
        zip(payload["members"], members, strict=True)
    ):
        person = existing.pop(member["uuid"], None) or Person(uuid=member["uuid"])
        person.position = position
        for key, value in stored.items():
            setattr(person, key, value)
        for key, value in derived_fields(member).items():
            setattr(person, key, value)
        keep.append(person)
    household.members = keep


def _clear_the_way(existing: dict, payload: dict, members: list[dict]) -> None:
    """Delete the members an edit drops and park the ID numbers it moves.

    The ID number is unique, and the database checks it row by row: two members
    swapping numbers, or a new member taking a dropped one's number, would break
    it half-way. Dropped members go first, then a changed number is parked on a
    placeholder no real number can equal, all flushed before the new values.
    """
    wanted = {m["uuid"] for m in payload["members"]}
    dropped = [p for uuid, p in existing.items() if uuid not in wanted]
    for person in dropped:
        if _has_records(person):
            raise MemberInUse(person)
        db.session.delete(person)
        del existing[person.uuid]
    new_numbers = {
        m["uuid"]: stored.get("id_number")
        for m, stored in zip(payload["members"], members, strict=True)
    }
    moved = [
        p
        for uuid, p in existing.items()
        if p.id is not None and p.id_number != new_numbers[uuid]
    ]
    for person in moved:
        person.id_number = f"~{person.id}"
    if dropped or moved:
        db.session.flush()


def _has_records(person: Person) -> bool:
    from fieldapp.models import Record

    if person.id is None:
        return False
    return bool(
        db.session.scalar(select(exists().where(Record.person_id == person.id)))
    )


def _uuid_taken_elsewhere(payload: dict) -> bool:
    """A member uuid that belongs to a household with another uuid."""
    uuids = [m["uuid"] for m in payload["members"]]
    stmt = (
        select(Household.uuid)
        .join(Person, Person.household_id == Household.id)
        .where(Person.uuid.in_(uuids))
    )
    return any(owner != payload["uuid"] for owner in db.session.scalars(stmt))


def _stored(payload: dict, digest: str) -> Household | None:
    """The household already stored under this uuid when this is its replay;
    a conflict when the uuid or a member's uuid is taken by other content."""
    if _uuid_taken_elsewhere(payload):
        raise HouseholdConflict(None, "member_uuid_conflict")
    found = db.session.scalar(
        select(Household).where(Household.uuid == payload["uuid"])
    )
    if found is not None and found.create_digest != digest:
        raise HouseholdConflict(found, "uuid_conflict")
    return found


def _refuse_held(payload: dict, household: Household | None) -> None:
    """A person is registered once: refuse members another household holds."""
    held = persons.held_elsewhere(payload["members"], household and household.id)
    if held:
        raise PersonHeldElsewhere(held)


def create_household(payload: dict, actor: User) -> tuple[Household, bool]:
    """Store a new household; an identical replay returns the stored one.

    Two identical requests at once may both find nothing; the second then meets
    the first one's household, either as a person held elsewhere or as a broken
    unique uuid, and is answered as the replay it is. A concurrent registration
    of the same person by another household is the same refusal as one found
    before writing.
    """
    digest = payload_digest(payload)
    found = _stored(payload, digest)
    if found is not None:
        return found, False
    found = _replay_or_refuse_held(payload, digest)
    if found is not None:
        return found, False
    household = Household(
        uuid=payload["uuid"], create_digest=digest, created_by_id=actor.id
    )
    apply_payload(household, payload)
    db.session.add(household)
    try:
        db.session.commit()
    except IntegrityError:
        db.session.rollback()
        found = _stored(payload, digest)
        if found is not None:
            return found, False
        _refuse_held(payload, None)
        raise
    return household, True


def _replay_or_refuse_held(payload: dict, digest: str) -> Household | None:
    """Refuse members another household holds, unless that household is this
    very payload, stored a moment ago by an identical request: then it is
    returned, to be answered as a replay."""
    try:
        _refuse_held(payload, None)
    except PersonHeldElsewhere:
        found = _stored(payload, digest)
        if found is None:
            raise
        return found
    return None


def update_household(household: Household, payload: dict, version: int) -> Household:
    """Apply an edit made on `version`; a stale version is a conflict, also when
    another edit of the same version is saved at the same moment."""
    if version != household.version:
        raise HouseholdConflict(household, "stale_version")
    if _uuid_taken_elsewhere(payload):
        raise HouseholdConflict(household, "member_uuid_conflict")
    _refuse_held(payload, household)
    try:
        apply_payload(household, payload)
        household.version += 1
        db.session.commit()
    except MemberInUse:
        db.session.rollback()
        raise
    except StaleDataError as exc:
        db.session.rollback()
        raise HouseholdConflict(household, "stale_version") from exc
    except IntegrityError:
        db.session.rollback()
        _refuse_held(payload, household)
        raise
    return household


def without_default_status(payload: dict) -> dict:
    """Members still living there carry no `status`/`status_on` in the payload,
    so households stored before members had a status replay as they did."""
    for member in payload.get("members") or []:
        if member.get("status") in (None, "active") and not member.get("status_on"):
            member.pop("status", None)
            member.pop("status_on", None)
    return payload


def validated(raw, actor: User) -> tuple[HouseholdForm, dict]:
    """The raw body bound to the household form: (form, JSON payload) or 422;
    a town outside the actor's is 403 (API.md), not a bad choice."""
    towns = [(t.code, t.name) for t in db.session.scalars(select(Town))]
    form, errors = bind(HouseholdForm, raw, town_choices=towns)
    if errors:
        raise Invalid(errors, form)
    payload = without_default_status(jsonable(form.data))
    if not policy.may_write_household(actor, payload["town_code"]):
        raise NotAllowed(
            "town_not_allowed",
            _l("您不能在该镇登记住户。"),
            errors={"town_code": [_l("不是您负责的镇。")]},
        )
    return form, payload


def register(raw, actor: User) -> tuple[Household, bool]:
    """Validate and store a new household (created False on identical replay)."""
    form, payload = validated(raw, actor)
    try:
        return create_household(payload, actor)
    except PersonHeldElsewhere as exc:
        raise persons.refusal(exc.held, actor, form) from exc
    except HouseholdConflict as exc:
        raise Conflict(
            exc.code, _l("该 uuid 已用于内容不同的住户。"), exc.household
        ) from exc


def edit(household: Household, raw, version, actor: User) -> Household:
    """Validate and apply an edit made on `version` (the page's stale-edit guard)."""
    form, payload = validated(raw, actor)
    if payload["uuid"] != household.uuid:
        raise Invalid({"uuid": [_l("uuid 不能修改。")]}, form)
    try:
        return update_household(household, payload, version)
    except PersonHeldElsewhere as exc:
        raise persons.refusal(exc.held, actor, form) from exc
    except HouseholdConflict as exc:
        raise Conflict(
            exc.code, _l("此住户已被他人修改,请查看最新内容。"), household
        ) from exc
    except MemberInUse as exc:
        message = _l("成员 %(name)s 已有调查记录,不能删除。", name=exc.person.name)
        raise Invalid({"members": [message]}, form) from exc


def search_condition(q: str):
    """What `q` matches: part of a member's name, the village or the address
    (`%` and `_` taken literally), or exactly the last 4 characters of a
    member's ID number, the part a mask shows: a search never probes the
    hidden digits."""
    matches = [Person.name.contains(q, autoescape=True)]
    if ID_TAIL.fullmatch(q):
        matches.append(Person.id_number.endswith(q.upper(), autoescape=True))
    member_match = (
        exists()
        .where(Person.household_id == Household.id, or_(*matches))
        .correlate(Household)
    )
    return or_(
        member_match,
        Household.village.contains(q, autoescape=True),
        Household.address.contains(q, autoescape=True),
    )


def search_households(
    user: User, q: str = "", town: str = "", page: int = 1, per_page: int = 20
) -> SearchResult:
    """Households in the user's towns, by member name, village or ID tail."""
    stmt = policy.scope_households(select(Household), user)
    if town:
        stmt = stmt.where(Household.town_code == town)
    q = (q or "").strip()
    if q:
        stmt = stmt.where(search_condition(q))
    total = db.session.scalar(select(func.count()).select_from(stmt.subquery())) or 0
    pages = max(1, -(-total // per_page))
    page = min(max(1, page), pages)
    stmt = stmt.order_by(Household.town_code, Household.village, Household.id)
    items = db.session.scalars(stmt.limit(per_page).offset((page - 1) * per_page)).all()
    return SearchResult(list(items), page, pages, total)
