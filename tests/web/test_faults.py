"""Faults in production: the database restarting during a sync, Redis down, a full
disk during a photo upload. Each ends with nothing lost, doubled or half kept."""

import errno
import io
import os
from pathlib import Path
from types import SimpleNamespace

import pytest
from PIL import Image
from sqlalchemy.engine import make_url

from fieldapp import create_app
from fieldapp.extensions import db
from fieldapp.models import Household, Photo, Record
from fieldapp.services.accounts import create_user, issue_token
from tests.conftest import PASSWORD, dispose_engines, reset_schema
from tests.e2e.signal import Signal
from tests.factories import count, household_payload, new_uuid, only, record_payload
from tests.live import call, serving


def jpeg() -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (800, 600), (90, 140, 200)).save(out, "JPEG")
    return out.getvalue()


# --- the database restarts ----------------------------------------------------


def postgres_behind_relay(tmp_path):
    """A database of its own on the test PostgreSQL, reached through a relay the
    test can cut as a restart would: (database URL through the relay, relay)."""
    import psycopg

    url = make_url(os.environ["TEST_DATABASE_URL"])
    name = f"{url.database}_fault"
    admin = url.set(drivername="postgresql", database="postgres")
    with psycopg.connect(admin.render_as_string(hide_password=False)) as conn:
        conn.autocommit = True
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        conn.execute(f'CREATE DATABASE "{name}"')
    relay = Signal(url.port or 5432)
    relayed = url.set(
        drivername="postgresql+psycopg",
        database=name,
        host="127.0.0.1",
        port=relay.port,
    )
    return relayed.render_as_string(hide_password=False), relay


@pytest.mark.skipif(
    not os.environ.get("TEST_DATABASE_URL"),
    reason="needs the test PostgreSQL (TEST_DATABASE_URL), as make test has in CI",
)
def test_database_restart_during_sync_is_a_503_then_the_retry_is_stored_once(
    tmp_path,
):
    database, relay = postgres_behind_relay(tmp_path)
    app = create_app(
        {
            "DATABASE_URL": database,
            "SECRET_KEY": "fault-" + "k" * 40,
            "UPLOAD_DIR": str(tmp_path / "uploads"),
            "JOB_DIR": str(tmp_path / "jobs"),
            "PASSWORD_HASH_METHOD": "pbkdf2:sha256:1000",
        }
    )
    try:
        reset_schema(app)
        with app.app_context():
            user = create_user("fault-worker", PASSWORD, "inspector", ["469006100"])
            auth = {"Authorization": f"Bearer {issue_token(user)[0]}"}
            db.session.remove()
        household = household_payload()
        house = SimpleNamespace(uuid=household["uuid"], lat=18.8, lon=110.39)
        record = record_payload("housing_inspection", house)
        with serving(app) as url:
            sent = call(f"{url}/api/v1/households", "POST", json_body=household,
                        headers=auth)  # fmt: skip
            assert sent.status == 201
            relay.cut()  # the database restarts: connections dropped, refused
            down = call(f"{url}/api/v1/records", "POST", json_body=record,
                        headers=auth)  # fmt: skip
            assert down.status == 503, down.body
            assert down.headers["Retry-After"].isdigit()
            assert down.body["error"] == "database_busy"
            assert call(f"{url}/healthz").body["database"] == "error"
            relay.restore()  # back: the outbox's retry goes through, once
            again = call(f"{url}/api/v1/records", "POST", json_body=record,
                         headers=auth)  # fmt: skip
            assert again.status == 201, again.body
            replay = call(f"{url}/api/v1/records", "POST", json_body=record,
                          headers=auth)  # fmt: skip
            assert replay.status == 200
        with app.app_context():
            assert count(Household) == 1
            assert count(Record) == 1
            db.session.remove()
    finally:
        relay.close()
        dispose_engines(app)


# --- Redis is down --------------------------------------------------------------


def test_redis_down_login_still_works_and_health_says_so(_app, tmp_path, make_user):
    make_user("inspector", username="no-redis")
    config = {k: _app.config[k] for k in ("DATABASE_URL", "UPLOAD_DIR", "JOB_DIR")}
    app = create_app(
        {
            **config,
            "SECRET_KEY": "r" * 40,
            "REDIS_URL": "redis://127.0.0.1:1/0",
            "WTF_CSRF_ENABLED": False,
            "TESTING": True,
        }
    )
    try:
        client = app.test_client()
        answer = client.post(
            "/login", data={"username": "no-redis", "password": PASSWORD}
        )
        assert answer.status_code == 302  # limits fall back to the process
        health = client.get("/healthz")
        assert health.status_code == 503
        assert health.get_json()["failing"] == ["redis"]
    finally:
        dispose_engines(app)


# --- the disk is full -------------------------------------------------------------


@pytest.fixture
def full_disk_after(monkeypatch):
    """The disk fills up after `n` more files are written (os.fsync fails)."""
    real_fsync = os.fsync

    def arm(n: int):
        left = {"files": n}

        def fsync(fd):
            if left["files"] <= 0:
                raise OSError(errno.ENOSPC, "No space left on device")
            left["files"] -= 1
            return real_fsync(fd)

        monkeypatch.setattr(os, "fsync", fsync)

    yield arm
    monkeypatch.setattr(os, "fsync", real_fsync)


def test_full_disk_during_upload_keeps_nothing_half_and_the_retry_works(
    app, api, make_user, make_household, full_disk_after
):
    worker = api(make_user("inspector"))
    body = record_payload("housing_inspection", make_household())
    assert worker.post("/api/v1/records", json=body).status_code == 201
    url = f"/api/v1/records/{body['uuid']}/photos"
    photo, data = new_uuid(), jpeg()

    def send():
        form = {"file": (io.BytesIO(data), "p.jpg"), "uuid": photo}
        return worker.post(url, data=form, content_type="multipart/form-data")

    full_disk_after(0)  # not even the original fits
    answer = send()
    assert answer.status_code == 507
    assert answer.get_json()["error"] == "storage_full"
    assert count(Photo) == 0  # no row without its files
    root = Path(app.config["UPLOAD_DIR"])
    files = [p for p in root.rglob("*") if p.is_file()]
    assert not [p for p in files if p.name.startswith(".tmp-")]  # nothing half
    for path in files:
        with Image.open(path) as image:  # what is there is whole
            image.load()

    full_disk_after(100)  # space freed: the phone's retry is stored, once
    assert send().status_code == 201
    assert send().status_code == 200
    assert count(Photo) == 1


def test_full_disk_after_the_original_leaves_the_copies_to_the_first_view(
    app, api, make_user, make_household, full_disk_after, monkeypatch, tmp_path
):
    monkeypatch.setitem(app.config, "PHOTO_DERIVATIVES", "after_response")
    monkeypatch.setitem(app.config, "UPLOAD_DIR", str(tmp_path / "uploads"))
    worker = api(make_user("inspector"))
    body = record_payload("housing_inspection", make_household())
    assert worker.post("/api/v1/records", json=body).status_code == 201
    photo, data = new_uuid(), jpeg()
    form = {"file": (io.BytesIO(data), "p.jpg"), "uuid": photo}
    full_disk_after(1)  # the original fits, its display copy does not
    answer = worker.post(
        f"/api/v1/records/{body['uuid']}/photos",
        data=form,
        content_type="multipart/form-data",
    )
    assert answer.status_code == 201  # the photo is kept: the original is whole
    answer.close()  # the copies, made after answering, fail on the full disk
    root = Path(app.config["UPLOAD_DIR"])
    assert not [p for p in root.rglob(".tmp-*") if p.is_file()]
    sha = only(Photo).sha256
    assert not (root / "display" / sha[:2] / f"{sha}.jpg").exists()
    full_disk_after(100)  # space freed: the first view makes the copies
    shown = worker.get(f"/api/v1/photos/{photo}/display")
    assert shown.status_code == 200
    with Image.open(io.BytesIO(shown.data)) as image:
        image.load()
