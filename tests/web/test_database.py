"""SQLite under concurrent requests: WAL, a busy timeout, and a 503 to retry on."""

import sqlite3

import pytest
from sqlalchemy import text

from fieldapp import create_app
from fieldapp.extensions import db
from fieldapp.services.accounts import create_user, issue_token
from tests.conftest import dispose_engines, reset_schema
from tests.factories import household_payload


@pytest.fixture
def sqlite_app(tmp_path):
    """An app on its own SQLite file (on the PostgreSQL pass too), waiting at
    most 200 ms for the write lock."""
    path = tmp_path / "busy.sqlite3"
    app = create_app(
        {
            "TESTING": True,
            "DATABASE_URL": f"sqlite:///{path}",
            "SECRET_KEY": "test-secret",
            "UPLOAD_DIR": str(tmp_path / "uploads"),
            "WTF_CSRF_ENABLED": False,
            "PASSWORD_HASH_METHOD": "pbkdf2:sha256:1000",
            "SQLITE_BUSY_TIMEOUT_MS": 200,
        }
    )
    reset_schema(app)
    yield app, path
    dispose_engines(app)


def test_sqlite_runs_in_wal_mode(sqlite_app):
    app, _path = sqlite_app
    with app.app_context():
        assert db.session.scalar(text("PRAGMA journal_mode")) == "wal"
        assert db.session.scalar(text("PRAGMA busy_timeout")) == 200
        db.session.remove()


def test_a_write_that_waits_too_long_for_the_lock_is_a_503_and_its_retry_works(
    sqlite_app,
):
    app, path = sqlite_app
    with app.app_context():
        token, _ = issue_token(create_user("busy", "long-password-1", "admin"))
        db.session.remove()
    headers = {"Authorization": f"Bearer {token}"}
    body = household_payload()
    holder = sqlite3.connect(path, isolation_level=None)
    holder.execute("BEGIN IMMEDIATE")  # another writer keeps the lock
    try:
        client = app.test_client()
        busy = client.post("/api/v1/households", json=body, headers=headers)
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    assert busy.status_code == 503
    assert int(busy.headers["Retry-After"]) > 0
    assert busy.get_json()["error"]
    retried = client.post("/api/v1/households", json=body, headers=headers)
    assert retried.status_code == 201


def test_a_page_write_that_waits_too_long_is_a_503_page(sqlite_app):
    app, path = sqlite_app
    with app.app_context():
        token, _ = issue_token(create_user("busy", "long-password-1", "admin"))
        db.session.remove()
    holder = sqlite3.connect(path, isolation_level=None)
    holder.execute("BEGIN IMMEDIATE")
    try:
        response = app.test_client().post(
            "/households/new",
            data=household_form(),
            headers={"Authorization": f"Bearer {token}"},
        )
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    assert response.status_code == 503
    assert int(response.headers["Retry-After"]) > 0
    assert response.mimetype == "text/html"


def household_form() -> dict:
    """The new-household page's fields for one valid household."""
    body = household_payload()
    member = body["members"][0]
    form = {key: body[key] for key in ("uuid", "town_code", "village", "address")}
    form["poverty_status"] = body["poverty_status"]
    for key in ("uuid", "name", "relation", "id_number", "disability_card", "phone"):
        form[f"members-0-{key}"] = member[key]
    return form
