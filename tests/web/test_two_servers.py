"""Two app servers (two gunicorn processes on two ports) against the same
database, Redis and object store: a phone's sync lands on either, retries land
on the other, and nothing is lost or doubled (docs/deploy.md, several servers)."""

import io
from types import SimpleNamespace

import pytest
from PIL import Image
from sqlalchemy import func, select

from fieldapp import create_app
from fieldapp.extensions import db
from fieldapp.models import Household, Photo, Record, RecordVersion
from fieldapp.services.accounts import create_user, issue_token
from fieldapp.services.storage import photo_storage
from tests.conftest import dispose_engines, reset_schema
from tests.e2e.conftest import live_database_url
from tests.factories import household_payload, new_uuid, record_payload
from tests.live import at_once, call, multipart
from tests.s3server import s3_settings
from tests.servers import app_servers

REDIS_URL = "redis://127.0.0.1:6379/5"  # this module's own database
HOUSEHOLDS = 4


@pytest.fixture(scope="module")
def shared(tmp_path_factory, s3_endpoint):
    """The settings both servers share, a migrated database and a worker's token."""
    from redis import Redis

    folder = tmp_path_factory.mktemp("two")
    settings = {
        "DATABASE_URL": live_database_url(folder, "two"),
        "SECRET_KEY": "two-servers-" + "k" * 40,
        "REDIS_URL": REDIS_URL,
        "UPLOAD_DIR": str(folder / "not-used"),
        "JOB_DIR": str(folder / "jobs"),
        **s3_settings(s3_endpoint),
    }
    Redis.from_url(REDIS_URL).flushdb()
    app = create_app({**settings, "PASSWORD_HASH_METHOD": "pbkdf2:sha256:1000"})
    reset_schema(app)
    with app.app_context():
        user = create_user("two-servers", "pass-word-123", "inspector", ["469006100"])
        token = issue_token(user)[0]
        db.session.remove()
    yield app, settings, token, folder
    dispose_engines(app)
    Redis.from_url(REDIS_URL).flushdb()


def jpeg(seed: int) -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (900, 600), (seed * 50 % 255, 120, 60)).save(out, "JPEG")
    return out.getvalue()


def counted(app, model) -> int:
    with app.app_context():
        found = db.session.scalar(select(func.count()).select_from(model))
        db.session.remove()
        return found


def test_sync_through_two_servers_loses_and_doubles_nothing(shared):
    app, settings, token, folder = shared
    auth = {"Authorization": f"Bearer {token}"}
    with app_servers(2, settings, folder) as (one, two):
        photos = []
        for index in range(HOUSEHOLDS):
            first, second = (one, two) if index % 2 else (two, one)
            body = household_payload()
            assert call(f"{first}/api/v1/households", "POST", json_body=body,
                        headers=auth).status == 201  # fmt: skip
            # The answer was lost: the phone retries, and lands on the other.
            assert call(f"{second}/api/v1/households", "POST", json_body=body,
                        headers=auth).status == 200  # fmt: skip
            house = SimpleNamespace(uuid=body["uuid"], lat=18.8, lon=110.39)
            record = record_payload("housing_inspection", house)
            url = "/api/v1/records"
            assert call(second + url, "POST", json_body=record,
                        headers=auth).status == 201  # fmt: skip
            assert call(first + url, "POST", json_body=record,
                        headers=auth).status == 200  # fmt: skip
            # The same photo sent to both at once: stored once.
            photo = new_uuid()
            data, kind = multipart({"uuid": photo}, "file", "p.jpg", jpeg(index))
            photo_url = f"/api/v1/records/{record['uuid']}/photos"
            answers = at_once(
                2,
                lambda i, photo_url=photo_url, data=data, kind=kind: call(
                    (one, two)[i] + photo_url, "POST", data=data,
                    headers={**auth, "Content-Type": kind},
                ),
            )  # fmt: skip
            assert sorted(a.status for a in answers) == [200, 201], answers
            photos.append(photo)
            # A correction through one server, its replay through the other.
            change = {**record, "version": 1}
            change["data"] = {**record["data"], "built_year": 1990 + index}
            assert call(f"{first}/api/v1/records/{record['uuid']}", "PUT",
                        json_body=change, headers=auth).status == 200  # fmt: skip
            assert call(f"{second}/api/v1/records/{record['uuid']}", "PUT",
                        json_body=change, headers=auth).status == 200  # fmt: skip
        # Each server serves every photo, wherever it was uploaded.
        for photo in photos:
            for server in (one, two):
                answer = call(f"{server}/api/v1/photos/{photo}/thumb", headers=auth)
                assert answer.status == 200
        # Both servers see the same store and database.
        for server in (one, two):
            health = call(f"{server}/healthz").body
            assert health["redis"] == "ok" and health["uploads"] == "ok"
    assert counted(app, Household) == HOUSEHOLDS
    assert counted(app, Record) == HOUSEHOLDS
    assert counted(app, RecordVersion) == 2 * HOUSEHOLDS
    assert counted(app, Photo) == HOUSEHOLDS
    with app.app_context():
        keys = list(photo_storage(app).list_keys())
    assert len(keys) == 3 * HOUSEHOLDS  # original, display, thumbnail each
