"""The audit trail: explicit events plus automatic create/update/delete entries."""

from collections.abc import Callable
from contextlib import contextmanager
from contextvars import ContextVar

from flask_babel import lazy_gettext as _l
from sqlalchemy import event, inspect
from sqlalchemy.orm import Session

from fieldapp.extensions import db
from fieldapp.models import AuditLog, Household, Person, Photo, Record, Review, User
from fieldapp.services import policy
from fieldapp.services.errors import NotAllowed

# Models whose every create, update and delete is written to the audit log.
AUDITED = (Household, Person, Record, Review, Photo, User)
# Attributes whose values must never be copied into the log.
NOT_LOGGED = {"password_hash", "create_digest", "session_epoch", "updated_at"}


def _no_actor() -> tuple[object | None, str]:
    return None, ""


_actor_provider: Callable[[], tuple[object | None, str]] = _no_actor
# Who acts in work done outside a request (a worker, a command), when told.
_acting: ContextVar = ContextVar("audit_acting", default=None)


def set_actor_provider(provider: Callable[[], tuple[object | None, str]]) -> None:
    """Tell the audit log how to find the acting user and their address."""
    global _actor_provider
    _actor_provider = provider


@contextmanager
def acting_as(actor):
    """Attribute automatic entries to `actor` where no request says who acts
    (background jobs, commands); a request's own user still comes first."""
    token = _acting.set(actor)
    try:
        yield
    finally:
        _acting.reset(token)


def _actor_fields(actor=None, ip: str | None = None) -> dict:
    """Who is acting: the given user, the request's, or the one `acting_as` set."""
    provided, provided_ip = _actor_provider()
    if actor is None:
        actor = provided if provided is not None else _acting.get()
    user_id = getattr(actor, "id", None)
    return {
        "actor_id": user_id,
        "actor_name": getattr(actor, "username", "") or ("" if user_id else "system"),
        "ip": ip if ip is not None else provided_ip,
    }


def record_event(
    action: str,
    *,
    actor=None,
    object_type: str = "",
    object_key: str = "",
    detail: dict | None = None,
    ip: str | None = None,
) -> AuditLog:
    """Add one audit entry to the current session (the caller commits)."""
    entry = AuditLog(
        action=action,
        object_type=object_type,
        object_key=str(object_key),
        detail=detail or {},
        **_actor_fields(actor, ip),
    )
    db.session.add(entry)
    return entry


def log_access(action: str, **fields) -> AuditLog:
    """Write one access event (a view of full numbers, an export, a print, a
    logout) and commit it: a read has no other unit of work to join."""
    entry = record_event(action, **fields)
    db.session.commit()
    return entry


def unmask(actor, object_type: str, object_key: str, detail=None) -> None:
    """Full ID, card and phone numbers: supervisors and admins only, each time
    written to the audit log as `view_unmasked`."""
    if not policy.may_unmask(actor):
        raise NotAllowed("forbidden", _l("只有督导和管理员可以查看完整证件号。"))
    log_access(
        "view_unmasked",
        actor=actor,
        object_type=object_type,
        object_key=object_key,
        detail=detail,
    )


def object_key(obj) -> str:
    """A stable, non-sensitive key for an audited object."""
    for attr in ("uuid", "username"):
        value = getattr(obj, attr, None)
        if value:
            return str(value)
    return str(getattr(obj, "id", "") or "")


def changed_fields(obj) -> list[str]:
    """Names of the column attributes changed on a dirty object."""
    state = inspect(obj)
    names = []
    for attr in state.mapper.column_attrs:
        if attr.key in NOT_LOGGED:
            continue
        if state.attrs[attr.key].history.has_changes():
            names.append(attr.key)
    return names


def _log_changes(session: Session, flush_context, instances) -> None:
    """before_flush hook: one entry per audited create, update and delete."""
    actor = _actor_fields()
    entries = []
    for action, objects in (
        ("create", session.new),
        ("update", session.dirty),
        ("delete", session.deleted),
    ):
        for obj in objects:
            if not isinstance(obj, AUDITED):
                continue
            detail = {}
            if action == "update":
                fields = changed_fields(obj)
                if not fields:
                    continue
                detail["fields"] = fields
            entries.append(
                AuditLog(
                    action=action,
                    object_type=type(obj).__name__.lower(),
                    object_key=object_key(obj),
                    detail=detail,
                    **actor,
                )
            )
    session.add_all(entries)


def install_audit_hooks() -> None:
    """Attach the hook once per process."""
    if not event.contains(Session, "before_flush", _log_changes):
        event.listen(Session, "before_flush", _log_changes)
