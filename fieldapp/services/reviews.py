"""Review survey records: approve or return the version read, reopen approved ones.

The API, the record page and the review queue call `review` and `reopen` with
the raw body they received. An approved record is locked: `locked` is the
refusal every write to it gets (`services.records.correct` uses it too).
"""

from flask_babel import lazy_gettext as _l

from fieldapp.extensions import db
from fieldapp.models import Record, Review, User
from fieldapp.registry import get_kind
from fieldapp.services import audit, policy
from fieldapp.services.errors import Conflict, Invalid, NotAllowed
from forms.json import bind
from forms.reviews import ReopenForm, ReviewForm


def locked(record: Record) -> Conflict:
    """The refusal to change an approved record (it carries the record)."""
    return Conflict(
        "record_locked", _l("记录已审核通过并锁定;如需修改,请督导重新打开。"), record
    )


def may_decide(record: Record, actor: User) -> None:
    """Reviewing and reopening: supervisors and admins, never on their own record."""
    if not policy.may_review(actor):
        raise NotAllowed("forbidden", _l("只有督导可以审核记录。"))
    if record.author_id is not None and record.author_id == actor.id:
        raise NotAllowed("own_record", _l("不能审核自己填写的记录。"))


# The photo tags an accepted job's approval needs: the house before and after.
EVIDENCE_TAGS = ("before", "after")


def missing_evidence(record: Record) -> list[str]:
    """The evidence tags an approval of this record still lacks: none unless the
    kind's `evidence_stages` hold its stage (accepted or paid works)."""
    spec = get_kind(record.kind)
    if spec is None or record.stage not in spec.evidence_stages:
        return []
    tags = {photo.tag for photo in record.photos}
    return [tag for tag in EVIDENCE_TAGS if tag not in tags]


def require_evidence(record: Record) -> None:
    """Accepted works are approved only with before and after photos (422
    `photos_required`, naming what is missing)."""
    missing = missing_evidence(record)
    if missing:
        words = {"before": _l("改造前"), "after": _l("改造后")}
        named = "、".join(str(words[tag]) for tag in missing)
        message = _l(
            "验收通过的记录须至少有一张“改造前”和一张“改造后”照片才能审核通过;"
            "缺少:%(tags)s。",
            tags=named,
        )
        raise Invalid({"photos": [message]}, code="photos_required")


def _decide(record: Record, actor: User, decision: str, comment: str) -> Review:
    """Keep a decision on the current version, set the status, audit it, commit."""
    review = Review(
        record_version=record.version,
        reviewer_id=actor.id,
        decision=decision,
        comment=comment,
    )
    record.reviews.append(review)
    record.status = "approved" if decision == "approve" else "returned"
    audit.record_event(
        "reopen" if decision == "reopen" else "review",
        actor=actor,
        object_type="record",
        object_key=record.uuid,
        detail={"decision": decision, "version": record.version},
    )
    db.session.commit()
    return review


def review(record: Record, raw, actor: User) -> Review:
    """Approve or return the version the reviewer read; returning needs a comment.

    A version other than the current one is a `stale_version` Conflict (the
    reviewer has not seen the change); an approved record is locked, except
    that approving it again on the same version answers its approval (a lost
    response must not turn into a conflict).
    """
    may_decide(record, actor)
    form, errors = bind(ReviewForm, raw, strict_under="")
    if errors:
        raise Invalid(errors, form)
    if form.version.data != record.version:
        raise Conflict(
            "stale_version",
            _l("记录已更新为第 %(v)s 版,请先查看改动。", v=record.version),
            record,
        )
    decision = form.decision.data
    if record.status == "approved":
        if decision == "approve" and record.reviews:
            return record.reviews[-1]
        raise locked(record)
    if decision == "approve":
        require_evidence(record)
    return _decide(record, actor, decision, (form.comment.data or "").strip())


def reopen(record: Record, raw, actor: User) -> Review:
    """Reopen an approved record with a reason: it goes back to its author as
    `returned` (the reason is the comment they see)."""
    may_decide(record, actor)
    form, errors = bind(ReopenForm, raw, strict_under="")
    if errors:
        raise Invalid(errors, form)
    if record.status != "approved":
        raise Conflict("not_approved", _l("只有已通过的记录可以重新打开。"), record)
    return _decide(record, actor, "reopen", form.comment.data.strip())
