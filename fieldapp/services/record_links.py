"""The records a new record may link to (`SurveyKind.links_to`), compactly.

The renovation form offers the household's C/D inspections; the respite service
form the person's eligible assessments. The form page shows them as its choices,
and the households API gives the phone the same choices for each household it
keeps, so a form opened without signal can offer them too. A choice carries the
record's uuid, kind, capture time, person and the few computed values its link
declares (`RecordLink.values`), nothing else: no names, no numbers, no data.
"""

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select

from fieldapp.extensions import db
from fieldapp.models import Household, Person, Record, User
from fieldapp.registry import KINDS
from fieldapp.registry.links import PER_PERSON, RecordLink
from fieldapp.services import policy


@dataclass(frozen=True)
class LinkChoice:
    """One record a link may name, as a form's choice and the API show it."""

    uuid: str
    kind: str
    captured_at: datetime
    person_uuid: str | None
    values: dict


def declared_links(user: User | None = None) -> list[RecordLink]:
    """The links of the kinds the user writes (every kind's without a user)."""
    return [
        kind.links_to
        for kind in KINDS.values()
        if kind.links_to is not None
        and (user is None or policy.may_write_kind(user, kind.name))
    ]


def choice(row, links: Iterable[RecordLink]) -> LinkChoice | None:
    """The row as a choice of the links naming its kind that accept it, or None.
    Its values are those the accepting links carry."""
    accepting = [
        link for link in links if link.target == row.kind and link.accepts(row.computed)
    ]
    if not accepting:
        return None
    values: dict = {}
    for link in accepting:
        values.update(link.values(row.computed))
    return LinkChoice(row.uuid, row.kind, row.captured_at, row.person_uuid, values)


def linkable(
    household_ids: list[int], links: list[RecordLink]
) -> dict[int, list[LinkChoice]]:
    """Each household's choices for these links, newest capture first: one query
    for all the households (no query without households or links)."""
    found: dict[int, list[LinkChoice]] = {}
    targets = sorted({link.target for link in links})
    if not household_ids or not targets:
        return found
    stmt = (
        select(
            Record.household_id,
            Record.uuid,
            Record.kind,
            Record.captured_at,
            Record.computed,
            Person.uuid.label("person_uuid"),
        )
        .outerjoin(Person, Record.person_id == Person.id)
        .where(Record.household_id.in_(household_ids), Record.kind.in_(targets))
        .order_by(Record.captured_at.desc(), Record.id.desc())
    )
    for row in db.session.execute(stmt):
        linked = choice(row, links)
        if linked is not None:
            found.setdefault(row.household_id, []).append(linked)
    return found


def household_links(households: list[Household], user: User) -> dict[int, list]:
    """The choices of each listed household for the links of the kinds the user
    writes (none for a supervisor), keyed by household id."""
    return linkable([h.id for h in households], declared_links(user))


def gone_members(household: Household) -> set[str]:
    """The uuids of the members who died or moved out: no new record is theirs."""
    return {p.uuid for p in household.members if (p.status or "active") != "active"}


def form_choices(
    kind_name: str, household: Household | None, named: str | None = None
) -> list[LinkChoice]:
    """The choices of one kind's form for a household (none without a household
    or a link). A person link leaves out the records of members who are gone,
    except the record the form already names (a correction of their service)."""
    link = KINDS[kind_name].links_to
    if link is None or household is None or household.id is None:
        return []
    choices = linkable([household.id], [link]).get(household.id, [])
    if link.per != PER_PERSON:
        return choices
    gone = gone_members(household)
    return [c for c in choices if c.person_uuid not in gone or c.uuid == named]
