"""Browser logins end on the server: logout, copied cookies, remember-me, expiry."""

import hashlib
from datetime import timedelta

from sqlalchemy import update

from fieldapp.extensions import db
from fieldapp.models import LoginSession, utcnow
from fieldapp.services.accounts import reset_password
from tests.conftest import PASSWORD


def log_in(client, user, **extra):
    response = client.post(
        "/login", data={"username": user.username, "password": PASSWORD, **extra}
    )
    assert response.status_code == 302
    return response


def cookie(client, name: str) -> str | None:
    found = client.get_cookie(name, domain="localhost")
    return found.value if found else None


def is_logged_in(client) -> bool:
    return client.get("/api/v1/session").status_code == 200


def with_cookie(app, name: str, value: str):
    """A new browser holding only a copy of one cookie."""
    other = app.test_client()
    other.set_cookie(name, value, domain="localhost")
    return other


def test_a_copied_session_cookie_is_refused_after_logout(app, client, make_user):
    log_in(client, make_user())
    copied = cookie(client, "session")
    assert is_logged_in(with_cookie(app, "session", copied))
    client.post("/logout")
    assert not is_logged_in(client)
    thief = with_cookie(app, "session", copied)
    assert thief.get("/api/v1/session").status_code == 401
    assert thief.get("/").status_code == 302


def test_a_copied_remember_me_cookie_is_refused_after_logout(app, client, make_user):
    log_in(client, make_user(), remember="y")
    copied = cookie(client, "remember_token")
    assert copied
    assert is_logged_in(with_cookie(app, "remember_token", copied))
    response = client.post("/logout")
    assert "remember_token=;" in " ".join(response.headers.getlist("Set-Cookie"))
    assert not is_logged_in(with_cookie(app, "remember_token", copied))


def test_remember_me_is_off_unless_ticked(client, make_user):
    page = client.get("/login").get_data(as_text=True)
    checkbox = next(line for line in page.splitlines() if 'name="remember"' in line)
    assert "checked" not in checkbox
    log_in(client, make_user())
    assert cookie(client, "remember_token") is None


def test_logging_out_on_one_phone_keeps_the_other_logged_in(app, make_user):
    user = make_user()
    phone, office = app.test_client(), app.test_client()
    log_in(phone, user)
    log_in(office, user)
    phone.post("/logout")
    assert not is_logged_in(phone)
    assert is_logged_in(office)


def test_a_login_expires_on_the_server(client, make_user):
    log_in(client, make_user())
    assert is_logged_in(client)
    db.session.execute(
        update(LoginSession).values(expires_at=utcnow() - timedelta(seconds=1))
    )
    db.session.commit()
    assert not is_logged_in(client)


def test_a_login_without_remember_me_lasts_session_hours(app, client, make_user):
    log_in(client, make_user())
    login = db.session.scalars(db.select(LoginSession)).one()
    hours = (login.expires_at - login.created_at) / timedelta(hours=1)
    assert round(hours) == app.config["SESSION_HOURS"]
    assert not login.remember


def test_a_password_reset_ends_every_login(app, make_user):
    user = make_user()
    phone = app.test_client()
    log_in(phone, user)
    reset_password(user, "another-password-1")
    assert not is_logged_in(phone)


def test_the_database_keeps_only_a_digest_of_the_login_key(app, client, make_user):
    log_in(client, make_user())
    signed = app.session_interface.get_signing_serializer(app)
    _user_id, _epoch, key = signed.loads(cookie(client, "session"))["_user_id"].split(
        ":"
    )
    login = db.session.scalars(db.select(LoginSession)).one()
    assert login.digest == hashlib.sha256(key.encode()).hexdigest()
    assert key not in login.digest
