"""Browser logins that end on the server: start one, find it again, end it.

The signed cookie (session or remember-me) carries `user_id:epoch:key`; the
database keeps the key's digest with an expiry. Logout revokes that row, so a
copy of either cookie is refused afterwards; a password reset or deactivation
(a new epoch) ends every login of the user at once.
"""

import hashlib
import secrets
from datetime import timedelta

from flask import current_app
from sqlalchemy import delete, or_, select

from fieldapp.extensions import db
from fieldapp.models import LoginSession, User, utcnow


def key_digest(key: str) -> str:
    """Keys are stored as SHA-256 digests only."""
    return hashlib.sha256(key.encode()).hexdigest()


def lifetime(remember: bool) -> timedelta:
    """How long a login lasts: the remember-me cookie's life, or SESSION_HOURS."""
    config = current_app.config
    if remember:
        return timedelta(seconds=config["REMEMBER_COOKIE_DURATION"])
    return timedelta(hours=config["SESSION_HOURS"])


def start(user: User, remember: bool) -> str:
    """Record a new login of the user and return its key (also set on the user,
    so that `user.get_id()` names this login). Ended logins are cleared away."""
    now = utcnow()
    db.session.execute(
        delete(LoginSession).where(
            LoginSession.user_id == user.id,
            or_(LoginSession.expires_at <= now, LoginSession.revoked_at.is_not(None)),
        )
    )
    key = secrets.token_urlsafe(32)
    db.session.add(
        LoginSession(
            user_id=user.id,
            digest=key_digest(key),
            remember=remember,
            expires_at=now + lifetime(remember),
        )
    )
    db.session.commit()
    user.session_key = key
    return key


def find(session_id: str) -> User | None:
    """The active user behind a cookie's `user_id:epoch:key`, while that login is
    neither revoked nor expired; None for anything else (older two-part ids too)."""
    parts = session_id.split(":")
    if len(parts) != 3 or not parts[0].isdigit() or not parts[2]:
        return None
    user_id, epoch, key = parts
    login = db.session.scalar(
        select(LoginSession).where(LoginSession.digest == key_digest(key))
    )
    if (
        login is None
        or login.user_id != int(user_id)
        or login.revoked_at is not None
        or login.expires_at <= utcnow()
    ):
        return None
    user = db.session.get(User, int(user_id))
    if user is None or str(user.session_epoch) != epoch:
        return None
    user.session_key = key
    return user


def end(key: str) -> None:
    """Revoke one login (the caller commits, with the logout's audit entry)."""
    login = db.session.scalar(
        select(LoginSession).where(LoginSession.digest == key_digest(key))
    )
    if login is not None and login.revoked_at is None:
        login.revoked_at = utcnow()
