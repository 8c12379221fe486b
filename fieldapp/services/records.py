"""Submit, correct and review survey records: one pipeline for every kind."""

from dataclasses import dataclass
from datetime import datetime

from flask import current_app
from sqlalchemy import select

from fieldapp.domain.errors import DomainError
from fieldapp.domain.geo import GeoRules, location_flags
from fieldapp.extensions import db
from fieldapp.models import Household, Person, Record, RecordVersion, Review, User
from fieldapp.registry import SurveyContext, get_kind
from fieldapp.registry.settings import eligibility_rule, housing_rules
from fieldapp.services.digest import payload_digest


class RecordConflict(Exception):
    """Same uuid with another body, or an edit based on an old version."""

    def __init__(self, record: Record, code: str):
        super().__init__(code)
        self.record = record
        self.code = code


class RuleRejected(Exception):
    """A domain rule refused the data; `errors` is keyed by flattened field name."""

    def __init__(self, errors: dict[str, list[str]]):
        super().__init__(errors)
        self.errors = errors


@dataclass(frozen=True)
class Target:
    """The household (and person) a record is about, already checked for scope."""

    household: Household
    person: Person | None


def survey_context(target: Target, captured_at: datetime) -> SurveyContext:
    """Facts from the register and configuration that the rule may use."""
    config = current_app.config
    person = target.person
    return SurveyContext(
        household_size=len(target.household.members),
        poverty_status=target.household.poverty_status,
        captured_on=captured_at.date(),
        category=person.disability_category if person else None,
        level=person.disability_level if person else None,
        birth_date=person.birth_date if person else None,
        accessibility_cap=config["ACCESSIBILITY_CAP_YUAN"],
        housing_rules=housing_rules(config),
        eligibility_rule=eligibility_rule(config),
        find_renovation=lambda: household_renovation(target.household),
    )


def household_renovation(household: Household) -> dict | None:
    """The household's latest inspection grading the house C or D, if any: the
    renovation that barrier-free works should be done together with."""
    if household.id is None:
        return None
    record = db.session.scalar(
        select(Record)
        .where(
            Record.household_id == household.id,
            Record.kind == "housing_inspection",
            Record.grade.in_(("C", "D")),
        )
        .order_by(Record.captured_at.desc(), Record.id.desc())
        .limit(1)
    )
    if record is None:
        return None
    return {
        "uuid": record.uuid,
        "grade": record.grade,
        "renovation_mode": record.computed.get("renovation_mode"),
    }


def rule_error_field(exc: DomainError) -> str:
    """The flattened field name a domain error points at."""
    return f"data-{exc.field}" if exc.field else "data"


def compute(kind: str, payload: dict, target: Target) -> tuple[dict, list[str]]:
    """The kind's computed values and the position's quality flags."""
    spec = get_kind(kind)
    try:
        computed = spec.compute(
            payload["data"], survey_context(target, payload["captured_at"])
        )
    except DomainError as exc:
        raise RuleRejected({rule_error_field(exc): [exc.code]}) from exc
    rules = GeoRules(
        inaccurate_m=current_app.config["GPS_INACCURATE_M"],
        far_m=current_app.config["GPS_FAR_M"],
    )
    flags = location_flags(payload.get("location"), target.household.location, rules)
    return computed, flags


def _apply(record: Record, payload: dict, target: Target, computed, flags) -> None:
    """Copy a validated body and its computed values onto the record."""
    location = payload.get("location") or {}
    spec = get_kind(record.kind)
    record.household_id = target.household.id
    record.person = target.person
    record.captured_at = payload["captured_at"]
    record.lat, record.lon = location.get("lat"), location.get("lon")
    record.accuracy_m = location.get("accuracy_m")
    record.located_at = location.get("captured_at")
    record.data = payload["data"]
    record.computed = computed
    record.flags = flags
    indexed = spec.indexed(payload["data"], computed)
    record.grade = indexed.get("grade")
    record.stage = indexed.get("stage")


def _snapshot(record: Record, body: dict, author: User) -> None:
    """Keep this version's body: nothing is ever silently overwritten."""
    record.versions.append(
        RecordVersion(
            version=record.version,
            author_id=author.id,
            status=record.status,
            body=body,
            computed=record.computed,
            flags=record.flags,
        )
    )


def find_record(uuid: str) -> Record | None:
    """A record by uuid, whatever its town (callers check scope)."""
    return db.session.scalar(select(Record).where(Record.uuid == uuid))


def submit_record(
    payload: dict, body: dict, target: Target, actor: User
) -> tuple[Record, bool]:
    """Store a new record; an identical replay returns the stored record.

    `payload` is the validated body with Python values, `body` the same as JSON.
    """
    digest = payload_digest(body)
    existing = find_record(payload["uuid"])
    if existing is not None:
        if existing.create_digest == digest:
            return existing, False
        raise RecordConflict(existing, "uuid_conflict")
    computed, flags = compute(payload["kind"], payload, target)
    record = Record(
        uuid=payload["uuid"],
        kind=payload["kind"],
        author_id=actor.id,
        status="submitted",
        version=1,
        create_digest=digest,
    )
    _apply(record, payload, target, computed, flags)
    _snapshot(record, body, actor)
    db.session.add(record)
    db.session.commit()
    return record, True


def update_record(
    record: Record, payload: dict, body: dict, version: int, target: Target, actor: User
) -> Record:
    """A full-body correction made on `version`; stale versions are conflicts.

    Re-sending the correction that produced the current version is a replay.
    The kind's `check_update` may refuse the change (e.g. a stage moved back).
    Any correction puts the record back to `submitted` for review.
    """
    if version != record.version:
        latest = record.versions[-1] if record.versions else None
        replay = (
            version == record.version - 1
            and latest is not None
            and payload_digest(latest.body) == payload_digest(body)
        )
        if replay:
            return record
        raise RecordConflict(record, "stale_version")
    refused = get_kind(record.kind).check_update(record.data or {}, payload["data"])
    if refused:
        raise RuleRejected(refused)
    computed, flags = compute(record.kind, payload, target)
    _apply(record, payload, target, computed, flags)
    record.version += 1
    record.status = "submitted"
    _snapshot(record, body, actor)
    db.session.commit()
    return record


def review_record(record: Record, decision: str, comment: str, actor: User) -> Review:
    """Approve or return the current version, with the reviewer's comment."""
    review = Review(
        record_version=record.version,
        reviewer_id=actor.id,
        decision=decision,
        comment=comment.strip(),
    )
    record.reviews.append(review)
    record.status = "approved" if decision == "approve" else "returned"
    db.session.commit()
    return review


class TargetNotFound(Exception):
    """The household does not exist or is outside the user's towns."""


def resolve_target(
    household_uuid: str, person_uuid: str | None, kind: str, user: User
) -> Target:
    """The household (in the user's towns) and the person (a member of it)."""
    from fieldapp.services.households import get_household

    household = get_household(household_uuid, user)
    if household is None:
        raise TargetNotFound()
    person = None
    if person_uuid:
        person = next((p for p in household.members if p.uuid == person_uuid), None)
        if person is None:
            raise RuleRejected({"person_uuid": ["not_a_member"]})
    elif get_kind(kind).person_required:
        raise RuleRejected({"person_uuid": ["required"]})
    return Target(household, person)
