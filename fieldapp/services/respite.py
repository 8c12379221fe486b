"""A person's respite care at a glance: assessments, then the services given.

Read by the person page and the case file, so both tell the same story (the
service form's choice of assessment is its registry link, services/record_links.py).
"""

from dataclasses import dataclass, field

from sqlalchemy import select

from fieldapp import clock
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
