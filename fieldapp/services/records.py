"""Submit and correct survey records: one pipeline for every kind.

Both the API and the survey pages call `submit` and `correct` with
the raw body they received; these validate (envelope form + the kind's form),
check role and scope, run the kind's rule, store the record and its version and
commit. Refusals are `services.errors` exceptions that the views translate.
"""

from dataclasses import dataclass
from datetime import UTC, datetime

from flask import current_app
from flask_babel import lazy_gettext as _l
from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm.exc import StaleDataError

from fieldapp import clock
from fieldapp.domain.errors import DomainError
from fieldapp.domain.geo import GeoRules, location_flags
from fieldapp.extensions import db
from fieldapp.models import Household, Person, Record, RecordVersion, User
from fieldapp.registry import SurveyContext, SurveyKind, get_kind
from fieldapp.registry.settings import eligibility_rule, housing_rules
from fieldapp.services import policy, scoped
from fieldapp.services.digest import payload_digest
from fieldapp.services.errors import Conflict, Invalid, NotAllowed
from fieldapp.services.reviews import locked
from forms.json import bind
from forms.messages import translate_errors
from forms.records import Envelope, add_errors, envelope_of, record_form_class


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
        today=clock.today(),
        find_inspection=lambda uuid: household_inspection(target.household, uuid),
        find_assessment=lambda uuid: person_assessment(target.person, uuid),
    )


def inspection_summary(record: Record) -> dict:
    """What a linked record needs of an inspection: uuid, grade, mode."""
    return {
        "uuid": record.uuid,
        "grade": record.grade,
        "renovation_mode": (record.computed or {}).get("renovation_mode"),
    }


def household_inspection(household: Household, uuid: str | None) -> dict | None:
    """The household's housing inspection with this uuid (a returned one
    included: the link names an inspection, not a verdict), or None."""
    if household.id is None or not uuid:
        return None
    record = db.session.scalar(
        select(Record).where(
            Record.uuid == uuid,
            Record.household_id == household.id,
            Record.kind == "housing_inspection",
        )
    )
    return inspection_summary(record) if record is not None else None


def person_assessment(person: Person | None, uuid: str) -> dict | None:
    """The person's respite assessment of that uuid, as the respite-service
    rule reads it; None when the person has no assessment of that uuid."""
    if person is None or person.id is None or not uuid:
        return None
    record = db.session.scalar(
        select(Record).where(
            Record.uuid == uuid,
            Record.kind == "respite_assessment",
            Record.person_id == person.id,
        )
    )
    if record is None:
        return None
    computed = record.computed or {}
    return {
        "uuid": record.uuid,
        "eligible": computed.get("eligible"),
        "care_level": computed.get("care_level"),
        "dependency": computed.get("dependency"),
    }


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
    return inspection_summary(record)


def rule_error_field(exc: DomainError) -> str:
    """The flattened field name a domain error points at."""
    return f"data-{exc.field}" if exc.field else "data"


def invalid(form, messages: dict[str, list[str]]) -> Invalid:
    """A 422 found after validation, shown on the form's fields too."""
    add_errors(form, messages)
    return Invalid(messages, form)


def refused(form, codes: dict[str, list[str]], kind_messages=None) -> Invalid:
    """A 422 from rule or scope codes, in words (a kind's rule codes in the
    words of its registry entry)."""
    return invalid(form, translate_errors(codes, kind_messages))


def writable_kind(name, actor: User) -> SurveyKind:
    """The registered kind of that name, which the actor's role writes."""
    spec = get_kind(name) if isinstance(name, str) else None
    if spec is None:
        raise Invalid({"kind": [_l("未知的调查类型。")]})
    if not policy.may_write_kind(actor, spec.name):
        raise NotAllowed("kind_not_allowed", _l("您的角色不能填写这类调查。"))
    return spec


def validated(spec: SurveyKind, raw) -> tuple[object, Envelope]:
    """Bind the raw body to the kind's record form: (form, envelope) or 422."""
    form_class = record_form_class(spec.name, spec.data_form)
    form, errors = bind(form_class, raw, strict_under="data")
    if errors:
        raise Invalid(errors, form)
    return form, envelope_of(form)


def resolve_target(form, envelope: Envelope, spec: SurveyKind, actor: User) -> Target:
    """The household (in the actor's towns, else 404) and the person (a member)."""
    household = scoped.household(
        envelope.body["household_uuid"],
        actor,
        code="household_not_found",
        members=True,
    )
    person_uuid = envelope.body.get("person_uuid")
    person = None
    if person_uuid:
        person = next((p for p in household.members if p.uuid == person_uuid), None)
        if person is None:
            raise refused(form, {"person_uuid": ["not_a_member"]})
    elif spec.person_required:
        raise refused(form, {"person_uuid": ["required"]})
    return Target(household, person)


def compute(spec: SurveyKind, form, envelope: Envelope, target: Target):
    """The kind's computed values, the position's and the body's quality flags."""
    try:
        computed = spec.compute(
            envelope.data, survey_context(target, envelope.captured_at)
        )
    except DomainError as exc:
        codes = {rule_error_field(exc): [exc.code]}
        raise refused(form, codes, spec.rule_messages) from exc
    rules = GeoRules(
        inaccurate_m=current_app.config["GPS_INACCURATE_M"],
        far_m=current_app.config["GPS_FAR_M"],
    )
    flags = location_flags(envelope.location, target.household.location, rules)
    return computed, flags + spec.flags(envelope.data)


def as_utc(value: datetime | None) -> datetime | None:
    """An aware time in UTC (None stays None)."""
    return value.astimezone(UTC) if value is not None else None


def _apply(record: Record, spec, envelope: Envelope, target: Target, results) -> None:
    """Copy a validated envelope and its computed values onto the record."""
    computed, flags = results
    location = envelope.location
    record.household_id = target.household.id
    record.person = target.person
    # In UTC, as the column gives them back: the answer needs no read-back.
    record.captured_at = as_utc(envelope.captured_at)
    record.lat, record.lon = location.get("lat"), location.get("lon")
    record.accuracy_m = location.get("accuracy_m")
    record.located_at = as_utc(envelope.located_at)
    record.data = envelope.data
    record.computed = computed
    record.flags = flags
    indexed = spec.indexed(envelope.data, computed)
    record.grade = indexed.get("grade")
    record.stage = indexed.get("stage")


def _snapshot(record: Record, envelope: Envelope, author: User) -> None:
    """Keep this version's body: nothing is ever silently overwritten."""
    record.versions.append(
        RecordVersion(
            version=record.version,
            author_id=author.id,
            status=record.status,
            body=envelope.body,
            computed=record.computed,
            flags=record.flags,
        )
    )


def find_record(uuid: str) -> Record | None:
    """A record by uuid, whatever its town (callers check scope)."""
    return db.session.scalar(select(Record).where(Record.uuid == uuid))


def stored_replay(envelope: Envelope, digest: str) -> Record | None:
    """The record already stored under this uuid when this is its replay;
    a Conflict when the uuid holds other content."""
    existing = find_record(envelope.body["uuid"])
    if existing is not None and existing.create_digest != digest:
        raise Conflict("uuid_conflict", _l("该 uuid 已用于内容不同的记录。"), existing)
    return existing


def submit(raw, actor: User) -> tuple[Record, bool]:
    """Store a new record from a raw body; an identical replay returns the
    stored record (created False). Same uuid, other content: Conflict.

    Two identical requests at once both find nothing; the second insert then
    breaks the unique uuid and is answered as the replay it is."""
    spec = writable_kind(raw.get("kind"), actor)
    form, envelope = validated(spec, raw)
    target = resolve_target(form, envelope, spec, actor)
    digest = payload_digest(envelope.body)
    try:
        results = compute(spec, form, envelope, target)
    except Invalid:
        # A uuid already used answers as before: the replay or the conflict.
        existing = stored_replay(envelope, digest)
        if existing is not None:
            return existing, False
        raise
    record = Record(
        uuid=envelope.body["uuid"],
        kind=spec.name,
        author=actor,
        status="submitted",
        version=1,
        create_digest=digest,
        household=target.household,
        photos=[],
        reviews=[],
    )
    _apply(record, spec, envelope, target, results)
    _snapshot(record, envelope, actor)
    db.session.add(record)
    # A new uuid is the usual case: no lookup first; the unique uuid catches
    # a replay or a conflict, answered from the stored record.
    try:
        commit_keeping_loaded()
    except IntegrityError:
        db.session.rollback()
        existing = stored_replay(envelope, digest)
        if existing is None:
            raise
        return existing, False
    return record, True


def commit_keeping_loaded() -> None:
    """Commit without expiring what the session holds: the caller answers with
    the record it just wrote, which need not be read back."""
    session = db.session()
    session.expire_on_commit = False
    try:
        session.commit()
    finally:
        session.expire_on_commit = True


def is_replay(record: Record, envelope: Envelope, version: int) -> bool:
    """Re-sending the correction that produced the current version."""
    latest = record.versions[-1] if record.versions else None
    return (
        version == record.version - 1
        and latest is not None
        and payload_digest(latest.body) == payload_digest(envelope.body)
    )


def correct(record: Record, raw, version, actor: User) -> Record:
    """A full-body correction made on `version`; a stale version is a Conflict,
    and so is any change to an approved (locked) record.

    The kind's `check_update` may refuse the change (e.g. a stage moved back).
    Any correction puts the record back to `submitted` for review.
    """
    spec = writable_kind(record.kind, actor)
    if not isinstance(version, int) or isinstance(version, bool):
        raise Invalid({"version": [_l("请提供所依据的版本号(整数)。")]})
    form, envelope = validated(spec, raw)
    if envelope.body["uuid"] != record.uuid or envelope.body["kind"] != record.kind:
        raise invalid(form, {"uuid": [_l("uuid 和调查类型不能修改。")]})
    target = resolve_target(form, envelope, spec, actor)
    if target.household.id != record.household_id:
        raise refused(form, {"household_uuid": ["household_changed"]})
    if version != record.version and is_replay(record, envelope, version):
        return record
    if record.status == "approved":
        raise locked(record)
    if version != record.version:
        raise Conflict("stale_version", _l("记录已被他人修改,请查看最新版本。"), record)
    refusal = spec.check_update(record.data or {}, envelope.data)
    if refusal:
        raise refused(form, refusal, spec.rule_messages)
    results = compute(spec, form, envelope, target)
    try:
        _apply(record, spec, envelope, target, results)
        record.version += 1
        record.status = "submitted"
        _snapshot(record, envelope, actor)
        db.session.commit()
    except StaleDataError:
        # Another correction of the same version was saved first.
        db.session.rollback()
        if is_replay(record, envelope, version):
            return record
        raise Conflict(
            "stale_version", _l("记录已被他人修改,请查看最新版本。"), record
        ) from None
    return record
