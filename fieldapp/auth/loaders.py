"""How a request is authenticated: session cookie or bearer token, plus CSRF."""

from flask import (
    Flask,
    current_app,
    g,
    has_request_context,
    jsonify,
    redirect,
    request,
    url_for,
)
from flask_babel import gettext as _
from flask_login import current_user

from fieldapp.extensions import csrf, login_manager
from fieldapp.models import User
from fieldapp.services import sessions
from fieldapp.services.accounts import resolve_token
from fieldapp.services.audit import install_audit_hooks, set_actor_provider

UNSAFE_METHODS = {"POST", "PUT", "PATCH", "DELETE"}
# Views that authenticate by themselves (credentials in the body) skip CSRF.
CSRF_EXEMPT_ENDPOINTS = {"api.issue_token"}


def bearer_token() -> str | None:
    """The token from an `Authorization: Bearer …` header, if any."""
    header = request.headers.get("Authorization", "")
    scheme, _sep, value = header.partition(" ")
    if scheme.lower() == "bearer" and value.strip():
        return value.strip()
    return None


@login_manager.user_loader
def load_user(session_id: str) -> User | None:
    """Session ids are `user_id:epoch:key`: the login must still be open on the
    server (logout revokes it) and the epoch current (a reset ends them all)."""
    return sessions.find(session_id)


@login_manager.request_loader
def load_user_from_token(req) -> User | None:
    """API clients send a bearer token instead of a cookie (asked only when no
    session cookie names a user)."""
    raw = bearer_token()
    user = resolve_token(raw) if raw else None
    if user is not None:
        g.authenticated_by_token = True
    return user


@login_manager.unauthorized_handler
def unauthorized():
    """401 JSON for the API, the login page for the browser."""
    if request.path.startswith("/api/"):
        body = {"error": "not_authenticated", "message": _("请先登录。")}
        return jsonify(body), 401
    return redirect(url_for("auth.login", next=request.full_path.rstrip("?")))


def protect_csrf() -> None:
    """Check CSRF on unsafe requests that a session cookie could authenticate.

    Left out: views that check credentials themselves (the token endpoint); API
    calls authenticated by a valid bearer token (no cookie is used); API calls
    nobody is authenticated for, which login_required answers with 401. A bearer
    header that names no valid token switches nothing off: with a session cookie
    it still needs the CSRF token.
    """
    if (
        request.method not in UNSAFE_METHODS
        or not current_app.config["WTF_CSRF_ENABLED"]
    ):
        return
    if request.endpoint in CSRF_EXEMPT_ENDPOINTS:
        return
    if request.path.startswith("/api/"):
        if not current_user.is_authenticated:
            return
        if g.get("authenticated_by_token"):
            return
    csrf.protect()


def current_actor() -> tuple[object | None, str]:
    """The audit log's view of who is acting."""
    if not has_request_context():
        return None, ""
    user = current_user._get_current_object()
    ip = request.remote_addr or ""
    return (user if getattr(user, "is_authenticated", False) else None), ip


def init_auth(app: Flask) -> None:
    """Wire Flask-Login, CSRF and the audit log's actor."""
    login_manager.init_app(app)
    login_manager.login_view = "auth.login"
    login_manager.session_protection = "basic"
    app.before_request(protect_csrf)
    set_actor_provider(current_actor)
    install_audit_hooks()
