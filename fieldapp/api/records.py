"""Survey records: create (idempotent), read, list, correct with a version, review."""

from flask import request
from flask_babel import gettext as _
from flask_login import login_required
from sqlalchemy import func, select
from sqlalchemy.orm import selectinload

from fieldapp.api import bp
from fieldapp.api.helpers import int_arg, json_body, user, validated, validation_error
from fieldapp.api.serializers import record_to_api
from fieldapp.errors import ApiError
from fieldapp.extensions import db
from fieldapp.models import Household, Record
from fieldapp.registry import KINDS, get_kind
from fieldapp.services import policy
from fieldapp.services.records import (
    RecordConflict,
    RuleRejected,
    TargetNotFound,
    find_record,
    resolve_target,
    review_record,
    submit_record,
    update_record,
)
from fieldapp.surveys.messages import translate_errors
from forms.records import record_form_class, record_payload


def not_found() -> ApiError:
    """The one answer for missing and out-of-town records."""
    return ApiError(404, "not_found", _("找不到该记录,或它不在您负责的镇。"))


def readable_record(uuid: str) -> Record:
    """A record the caller may read, or 404."""
    record = find_record(uuid)
    if record is None or not policy.may_read_household(user(), record.household):
        raise not_found()
    return record


def checked_kind(kind) -> None:
    """The kind must exist and the caller's role must write it."""
    if not isinstance(kind, str) or get_kind(kind) is None:
        raise validation_error({"kind": [_("未知的调查类型。")]})
    if not policy.may_write_kind(user(), kind):
        raise ApiError(403, "kind_not_allowed", _("您的角色不能填写这类调查。"))


def validated_record(payload: dict):
    """Validate the envelope and data; resolve household and person."""
    spec = get_kind(payload["kind"])
    form = validated(
        record_form_class(spec.name, spec.data_form), payload, strict_under="data"
    )
    data, body = record_payload(form)
    try:
        target = resolve_target(
            body["household_uuid"], body.get("person_uuid"), spec.name, user()
        )
    except TargetNotFound as exc:
        raise ApiError(
            404, "household_not_found", _("找不到该住户,或它不在您负责的镇。")
        ) from exc
    except RuleRejected as exc:
        raise validation_error(translate_errors(exc.errors)) from exc
    return data, body, target


def conflict(exc: RecordConflict, message: str) -> ApiError:
    """409 carrying the server's current record when the caller may read it."""
    extra = {}
    if policy.may_read_household(user(), exc.record.household):
        extra["current"] = record_to_api(exc.record)
    return ApiError(409, exc.code, message, extra=extra)


@bp.post("/records")
@login_required
def create_record():
    """Create a record; 200 with the stored record on identical replay."""
    payload = json_body()
    checked_kind(payload.get("kind"))
    data, body, target = validated_record(payload)
    try:
        record, created = submit_record(data, body, target, user())
    except RecordConflict as exc:
        raise conflict(exc, _("该 uuid 已用于内容不同的记录。")) from exc
    except RuleRejected as exc:
        raise validation_error(translate_errors(exc.errors)) from exc
    return record_to_api(record), 201 if created else 200


@bp.get("/records/<uuid>")
@login_required
def get_record(uuid: str):
    """One record with its photos and reviews."""
    return record_to_api(readable_record(uuid))


@bp.get("/records")
@login_required
def list_records():
    """Records in the caller's towns, by household, kind and status; paginated."""
    stmt = policy.scope_households(select(Record).join(Household), user())
    if household := request.args.get("household"):
        stmt = stmt.where(Household.uuid == household)
    if (kind := request.args.get("kind")) in KINDS:
        stmt = stmt.where(Record.kind == kind)
    elif kind:
        raise validation_error({"kind": [_("未知的调查类型。")]})
    if status := request.args.get("status"):
        stmt = stmt.where(Record.status == status)
    if request.args.get("author") == "me":
        stmt = stmt.where(Record.author_id == user().id)
    per_page, page = int_arg("per_page", 50, maximum=200), int_arg("page", 1)
    total = db.session.scalar(select(func.count()).select_from(stmt.subquery())) or 0
    pages = max(1, -(-total // per_page))
    page = min(page, pages)
    rows = db.session.scalars(
        stmt.options(selectinload(Record.photos), selectinload(Record.reviews))
        .order_by(Record.captured_at.desc(), Record.id.desc())
        .limit(per_page)
        .offset((page - 1) * per_page)
    ).all()
    return {
        "items": [record_to_api(r) for r in rows],
        "page": page,
        "pages": pages,
        "total": total,
    }


@bp.put("/records/<uuid>")
@login_required
def put_record(uuid: str):
    """Replace the body of a record, based on `version`; stale is a 409."""
    record = readable_record(uuid)
    payload = json_body()
    checked_kind(record.kind)
    version = payload.pop("version", None)
    if not isinstance(version, int) or isinstance(version, bool):
        raise validation_error({"version": [_("请提供所依据的版本号(整数)。")]})
    if (
        payload.setdefault("uuid", uuid) != uuid
        or payload.setdefault("kind", record.kind) != record.kind
    ):
        raise validation_error({"uuid": [_("uuid 和调查类型不能修改。")]})
    data, body, target = validated_record(payload)
    if target.household.id != record.household_id:
        raise validation_error(
            translate_errors({"household_uuid": ["household_changed"]})
        )
    try:
        record = update_record(record, data, body, version, target, user())
    except RecordConflict as exc:
        raise conflict(exc, _("记录已被他人修改,请查看最新版本。")) from exc
    except RuleRejected as exc:
        raise validation_error(translate_errors(exc.errors)) from exc
    return record_to_api(record)


@bp.post("/records/<uuid>/review")
@login_required
def review(uuid: str):
    """Approve or return a record (supervisors); returning needs a comment."""
    if not policy.may_review(user()):
        raise ApiError(403, "forbidden", _("只有督导可以审核记录。"))
    record = readable_record(uuid)
    payload = json_body()
    decision, comment = payload.get("decision"), payload.get("comment") or ""
    errors = {}
    if decision not in ("approve", "return"):
        errors["decision"] = [_("应为 approve 或 return。")]
    if not isinstance(comment, str) or len(comment) > 2000:
        errors["comment"] = [_("意见应为不超过2000字的文字。")]
    elif decision == "return" and not comment.strip():
        errors["comment"] = [_("退回时请写明需要修改的地方。")]
    if errors:
        raise validation_error(errors)
    review_record(record, decision, comment, user())
    return record_to_api(record)
