"""Survey records: create (idempotent), read, list, correct with a version,
review, reopen.

Each view only translates HTTP: the record services validate, check role and
scope and store; their refusals become the contract's errors (fieldapp/errors.py).
"""

from flask import request
from flask_babel import gettext as _
from flask_login import login_required
from sqlalchemy import func, select
from sqlalchemy.orm import selectinload

from fieldapp.api import bp
from fieldapp.api.helpers import int_arg, json_body, user, validation_error
from fieldapp.api.serializers import record_to_api
from fieldapp.extensions import db
from fieldapp.models import STATUSES, Household, Record
from fieldapp.registry import KINDS
from fieldapp.services import policy, records, reviews, scoped


@bp.post("/records")
@login_required
def create_record():
    """Create a record; 200 with the stored record on identical replay."""
    record, created = records.submit(json_body(), user())
    return record_to_api(record), 201 if created else 200


@bp.get("/records/<uuid>")
@login_required
def get_record(uuid: str):
    """One record with its photos and reviews."""
    return record_to_api(scoped.record(uuid, user()))


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
    if (status := request.args.get("status")) in STATUSES:
        stmt = stmt.where(Record.status == status)
    elif status:
        message = _("未知的状态,可选:%(known)s。", known="、".join(STATUSES))
        raise validation_error({"status": [message]})
    if (author := request.args.get("author")) == "me":
        stmt = stmt.where(Record.author_id == user().id)
    elif author:
        raise validation_error({"author": [_("author 只能为 me(我提交的记录)。")]})
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
def update_record(uuid: str):
    """Replace the body of a record, based on `version`; stale is a 409.

    The uuid and kind come from the URL's record when the body leaves them out.
    """
    record = scoped.record(uuid, user())
    raw = json_body()
    version = raw.pop("version", None)
    raw.setdefault("uuid", uuid)
    raw.setdefault("kind", record.kind)
    return record_to_api(records.correct(record, raw, version, user()))


@bp.post("/records/<uuid>/review")
@login_required
def review_record(uuid: str):
    """Approve or return the version read (supervisors); returning needs a comment."""
    record = scoped.record(uuid, user())
    reviews.review(record, json_body(), user())
    return record_to_api(record)


@bp.post("/records/<uuid>/reopen")
@login_required
def reopen_record(uuid: str):
    """Reopen an approved record with a reason: it goes back to its author."""
    record = scoped.record(uuid, user())
    reviews.reopen(record, json_body(), user())
    return record_to_api(record)
