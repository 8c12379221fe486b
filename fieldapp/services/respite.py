"""A person's respite care at a glance: assessments, then the services given.

Read by the survey form (the assessments a service may rest on), the person
page and the case file, so all three tell the same story.
"""

from dataclasses import dataclass, field

from sqlalchemy import select

from fieldapp import clock
from fieldapp.domain.localtime import LOCAL_TZ
from fieldapp.extensions import db
from fieldapp.models import Household, Person, Record
from fieldapp.registry import current_computed

KINDS = ("respite_assessment", "respite_service")


@dataclass
class PersonRespite:
    """One person's assessments and services, oldest first."""

    person: Person
    assessments: list[Record] = field(default_factory=list)
    services: list[Record] = field(default_factory=list)

    def services_of(self, assessment: Record) -> list[Record]:
        """The services resting on one assessment."""
        return [
            s
            for s in self.services
            if (s.data or {}).get("assessment_uuid") == assessment.uuid
        ]


def _records(household: Household, kinds, person: Person | None = None) -> list[Record]:
    """The household's records of the kinds (one person's when given), oldest first."""
    stmt = (
        select(Record)
        .where(Record.household_id == household.id, Record.kind.in_(kinds))
        .order_by(Record.captured_at, Record.id)
    )
    if person is not None:
        stmt = stmt.where(Record.person_id == person.id)
    return list(db.session.scalars(stmt))


def assessment_options(household: Household | None) -> list[dict]:
    """Each respite assessment of the household's members, newest first, with
    what the service form and its preview need (no personal numbers)."""
    if household is None or household.id is None:
        return []
    options = []
    for record in reversed(_records(household, ("respite_assessment",))):
        computed = record.computed or {}
        options.append(
            {
                "uuid": record.uuid,
                "person_uuid": record.person.uuid if record.person else "",
                "person_name": record.person.name if record.person else "",
                "captured_on": record.captured_at.astimezone(LOCAL_TZ)
                .date()
                .isoformat(),
                "status": record.status,
                "eligible": computed.get("eligible") is True,
                "care_level": computed.get("care_level"),
                "dependency": computed.get("dependency"),
            }
        )
    return options


def person_respite(person: Person) -> PersonRespite:
    """The person's respite assessments and services, oldest first."""
    story = PersonRespite(person)
    for record in _records(person.household, KINDS, person):
        if record.kind == "respite_assessment":
            story.assessments.append(record)
        else:
            story.services.append(record)
    return story


def active_service(story: PersonRespite) -> Record | None:
    """The person's service active today, if any (not returned)."""
    today = clock.today()
    for record in reversed(story.services):
        if record.status != "returned" and current_computed(record, today).get(
            "active"
        ):
            return record
    return None


def assessments_by_person(households) -> dict[int, list[dict]]:
    """Each member's respite assessments (newest first) for the phone's copy of
    the households, in one query: uuid, day, eligible, care level, dependency."""
    ids = [h.id for h in households if h.id is not None]
    found: dict[int, list[dict]] = {}
    if not ids:
        return found
    stmt = (
        select(Record.person_id, Record.uuid, Record.captured_at, Record.computed)
        .where(Record.household_id.in_(ids), Record.kind == "respite_assessment")
        .order_by(Record.captured_at.desc(), Record.id.desc())
    )
    for person_id, uuid, captured_at, computed in db.session.execute(stmt):
        computed = computed or {}
        found.setdefault(person_id, []).append(
            {
                "uuid": uuid,
                "captured_on": captured_at.astimezone(LOCAL_TZ).date().isoformat(),
                "eligible": computed.get("eligible") is True,
                "care_level": computed.get("care_level"),
                "dependency": computed.get("dependency"),
            }
        )
    return found
