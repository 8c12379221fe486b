"""Accounts: password checks with throttling, bearer tokens, user management."""

import hashlib
import secrets
from datetime import UTC, datetime, timedelta
from functools import lru_cache

from flask import current_app
from sqlalchemy import bindparam, select
from sqlalchemy.orm import joinedload, load_only
from werkzeug.security import check_password_hash, generate_password_hash

from fieldapp.extensions import db
from fieldapp.models import ROLES, ApiToken, Town, User, utcnow
from fieldapp.services.audit import record_event


@lru_cache
def dummy_hash(method: str) -> str:
    """A hash to check against when the user does not exist, made with the
    configured method so that it costs what a real check costs."""
    return generate_password_hash("not-a-real-password", method=method)


class AccountError(ValueError):
    """A user-management request that cannot be carried out; `code` says why."""

    def __init__(self, code: str):
        super().__init__(code)
        self.code = code


def hash_password(password: str) -> str:
    """A strong salted hash (scrypt by default)."""
    return generate_password_hash(
        password, method=current_app.config["PASSWORD_HASH_METHOD"]
    )


def authenticate(username: str, password: str, ip: str, via: str) -> User | None:
    """Check a password and audit the attempt (the login limits are the web
    layer's: fieldapp/auth/limits.py)."""
    username = (username or "").strip().lower()
    user = db.session.scalar(select(User).where(User.username == username))
    ok = check_password_hash(
        user.password_hash
        if user
        else dummy_hash(current_app.config["PASSWORD_HASH_METHOD"]),
        password or "",
    )
    if not ok or not user or not user.active:
        reason = "inactive" if ok and user else "bad_credentials"
        record_event(
            "login_failed",
            object_type="user",
            object_key=username,
            detail={"via": via, "reason": reason},
            ip=ip,
        )
        db.session.commit()
        return None
    user.last_login_at = utcnow()
    record_event(
        "login",
        actor=user,
        object_type="user",
        object_key=username,
        detail={"via": via},
        ip=ip,
    )
    db.session.commit()
    return user


def token_digest(raw: str) -> str:
    """Tokens are stored as SHA-256 digests only."""
    return hashlib.sha256(raw.encode()).hexdigest()


def issue_token(user: User) -> tuple[str, ApiToken]:
    """Create an expiring bearer token for the user; the raw value is shown once."""
    raw = secrets.token_urlsafe(32)
    hours = current_app.config["TOKEN_TTL_HOURS"]
    token = ApiToken(
        user=user,
        digest=token_digest(raw),
        expires_at=utcnow() + timedelta(hours=hours),
        session_epoch=user.session_epoch,
    )
    db.session.add(token)
    db.session.commit()
    return raw, token


# The token, its user and the user's towns in one statement, built once: every
# API call runs it, and building it (with its cache key) cost a third of it.
# Only the columns a request checks or uses: the join repeats the token and the
# user on every town's row (12 for a supervisor of the city) and parses each
# date column on every row. Left out: the token's creation and last use, the
# user's password hash, creation and last login, the towns' other columns (a
# tenth of the statement's time for 12 towns, bench.list_ab). A column left out
# still loads if some code reads it.
TOKEN_WITH_USER = (
    select(ApiToken)
    .where(ApiToken.digest == bindparam("digest"))
    .options(
        load_only(
            ApiToken.user_id,
            ApiToken.expires_at,
            ApiToken.revoked_at,
            ApiToken.session_epoch,
        ),
        joinedload(ApiToken.user)
        .load_only(
            User.username,
            User.display_name,
            User.role,
            User.active,
            User.session_epoch,
        )
        .joinedload(User.towns)
        .load_only(Town.code, Town.name),
    )
)


def resolve_token(raw: str) -> User | None:
    """The active user behind a valid, unexpired, unrevoked token."""
    token = (
        db.session.scalars(TOKEN_WITH_USER, {"digest": token_digest(raw)})
        .unique()
        .one_or_none()
    )
    now = datetime.now(UTC)
    if (
        token is None
        or token.revoked_at is not None
        or token.expires_at <= now
        or not token.user.active
        or token.session_epoch != token.user.session_epoch
    ):
        return None
    return token.user


def revoke_token(raw: str) -> bool:
    """Revoke one token; True when it existed."""
    token = db.session.scalar(
        select(ApiToken).where(ApiToken.digest == token_digest(raw))
    )
    if token is None:
        return False
    token.revoked_at = utcnow()
    db.session.commit()
    return True


def towns_by_code(codes: list[str]) -> list[Town]:
    """Towns for the given codes; unknown codes are an error."""
    codes = sorted(set(codes))
    towns = db.session.scalars(select(Town).where(Town.code.in_(codes))).all()
    if len(towns) != len(codes):
        raise AccountError("unknown_town")
    return list(towns)


def create_user(
    username: str,
    password: str,
    role: str,
    town_codes: list[str] | None = None,
    display_name: str = "",
) -> User:
    """Create an active user; usernames are unique and lower-case."""
    username = username.strip().lower()
    if role not in ROLES:
        raise AccountError("unknown_role")
    if len(password) < 8:
        raise AccountError("weak_password")
    if db.session.scalar(select(User).where(User.username == username)):
        raise AccountError("username_taken")
    user = User(
        username=username,
        display_name=display_name,
        password_hash=hash_password(password),
        role=role,
        towns=towns_by_code(town_codes or []),
    )
    db.session.add(user)
    db.session.commit()
    return user


def update_user(user: User, display_name: str, role: str, town_codes: list[str]):
    """Change a user's name, role and towns."""
    user.display_name = display_name or ""
    user.role = role
    user.towns = towns_by_code(town_codes)
    db.session.commit()


def reset_password(user: User, password: str) -> None:
    """Set a new password and end the user's sessions and tokens."""
    if len(password) < 8:
        raise AccountError("weak_password")
    user.password_hash = hash_password(password)
    user.session_epoch += 1
    db.session.commit()


def set_active(user: User, active: bool) -> None:
    """Activate or deactivate; deactivation ends sessions and tokens."""
    user.active = active
    if not active:
        user.session_epoch += 1
    db.session.commit()
