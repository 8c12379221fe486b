"""Bearer tokens for API clients, and the session check the outbox uses."""

from flask import request
from flask_babel import gettext as _
from flask_login import login_required
from flask_wtf.csrf import generate_csrf

from fieldapp.api import bp
from fieldapp.api.helpers import json_body, user
from fieldapp.auth.loaders import bearer_token
from fieldapp.errors import ApiError
from fieldapp.services.accounts import authenticate, revoke_token
from fieldapp.services.accounts import (
    issue_token as new_token,
)


def user_to_api(account) -> dict:
    """The caller as the contract shows it."""
    return {
        "username": account.username,
        "name": account.name,
        "role": account.role,
        "towns": account.town_codes,
    }


@bp.post("/auth/token")
def issue_token():
    """Exchange a username and password for an expiring bearer token. JSON only:
    a form or text/plain body (which any web page can post) is a 415."""
    if not request.is_json:
        raise ApiError(
            415, "unsupported_media_type", _("请以 application/json 发送用户名和密码。")
        )
    payload = json_body()
    username, password = payload.get("username"), payload.get("password")
    if not isinstance(username, str) or not isinstance(password, str):
        raise ApiError(
            422,
            "validation_failed",
            _("请填写用户名和密码。"),
            errors={
                key: [_("此项必填。")]
                for key in ("username", "password")
                if not isinstance(payload.get(key), str)
            },
        )
    account = authenticate(username, password, request.remote_addr or "", "api")
    if account is None:
        raise ApiError(401, "bad_credentials", _("用户名或密码不正确。"))
    raw, token = new_token(account)
    return {
        "token": raw,
        "expires_at": token.expires_at.isoformat(),
        "user": user_to_api(account),
    }


@bp.delete("/auth/token")
@login_required
def revoke():
    """Revoke the bearer token used for this request."""
    raw = bearer_token()
    if not raw or not revoke_token(raw):
        raise ApiError(400, "no_token", _("此请求没有使用令牌。"))
    return "", 204


@bp.get("/session")
@login_required
def session_info():
    """Who is logged in, plus a fresh CSRF token for the browser's outbox."""
    return {"user": user_to_api(user()), "csrf_token": generate_csrf()}
