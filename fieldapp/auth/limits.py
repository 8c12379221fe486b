"""Login limits by account and by address that cannot lock everyone out.

Only failed logins (401) count, over LOGIN_FAILURE_WINDOW_S, in three limits
shared by the login page and `POST /api/v1/auth/token`:

- one account from one address: LOGIN_FAILURE_LIMIT (a worker's own typos);
- one account from any address: LOGIN_ACCOUNT_FAILURE_LIMIT (guessing spread
  over many addresses; a stranger can hold up one account, never all of them);
- one address for any account: LOGIN_ADDRESS_FAILURE_LIMIT.

The address is the client's own: behind nginx, ProxyFix (TRUSTED_PROXIES) takes it
from X-Forwarded-For, so the proxy's address never lumps every user together.
Counters are in Redis when REDIS_URL is set (shared by all app servers and
workers), in memory otherwise (per process); if Redis is down, in memory.
"""

from collections.abc import Callable

from flask import Flask, current_app, request
from flask_limiter import Limiter

LOGIN_ENDPOINTS = ("auth.login", "api.issue_token")


def client_address() -> str:
    """The client's address (after ProxyFix)."""
    return request.remote_addr or "unknown"


def login_name() -> str:
    """The account a login attempt names, normalised as `authenticate` does."""
    if request.is_json:
        body = request.get_json(silent=True)
        name = body.get("username") if isinstance(body, dict) else None
    else:
        name = request.form.get("username")
    return name.strip().lower() if isinstance(name, str) else ""


def account_at_address() -> str:
    """Key of the first limit: this account from this address."""
    return f"{login_name()}@{client_address()}"


def account() -> str:
    """Key of the second limit: this account, wherever from."""
    return login_name() or "-"


def failed(response) -> bool:
    """Only refused credentials count against a limit."""
    return response.status_code == 401


def per_window(setting: str) -> Callable[[], str]:
    """A limit string read from the configuration at request time."""

    def limit() -> str:
        config = current_app.config
        return f"{config[setting]} per {config['LOGIN_FAILURE_WINDOW_S']} seconds"

    return limit


# setting, scope shared by both endpoints, key
RULES = (
    ("LOGIN_FAILURE_LIMIT", "login-account-address", account_at_address),
    ("LOGIN_ACCOUNT_FAILURE_LIMIT", "login-account", account),
    ("LOGIN_ADDRESS_FAILURE_LIMIT", "login-address", client_address),
)


def init_limits(app: Flask, on_page_breach: Callable) -> Limiter:
    """A limiter for this app, applied to both login endpoints; the login page
    answers a breach with `on_page_breach` (its form, 429)."""
    storage = app.config.get("REDIS_URL") or "memory://"
    app.config.setdefault("RATELIMIT_STORAGE_URI", storage)
    app.config.setdefault("RATELIMIT_KEY_PREFIX", "fieldapp-login")
    limiter = Limiter(
        key_func=client_address,
        app=app,
        headers_enabled=True,
        swallow_errors=True,
        in_memory_fallback_enabled=True,
    )
    for endpoint in LOGIN_ENDPOINTS:
        view = app.view_functions[endpoint]
        for setting, scope, key in RULES:
            view = limiter.shared_limit(
                per_window(setting),
                scope=scope,
                key_func=key,
                methods=["POST"],
                deduct_when=failed,
                on_breach=on_page_breach if endpoint == "auth.login" else None,
            )(view)
        app.view_functions[endpoint] = view
    # Only the login endpoints are limited: every other request skips the
    # limiter's per-request work (finding limits and exemptions) at once.
    limiter.request_filter(lambda: request.endpoint not in LOGIN_ENDPOINTS)
    app.extensions["login_limiter"] = limiter
    return limiter
