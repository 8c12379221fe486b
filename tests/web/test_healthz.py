"""GET /healthz: what the proxy and monitoring read (API.md, production)."""

import json

from fieldapp import create_app
from fieldapp.models import Job, utcnow
from tests.conftest import dispose_engines

REDIS_URL = "redis://127.0.0.1:6379/5"  # database 5 is this module's own
PARTS = {"status", "database", "migrations", "redis", "uploads", "jobs", "failing"}


def other_app(_app, tmp_path, **overrides):
    """An app on the test database with some settings changed."""
    config = {k: _app.config[k] for k in ("DATABASE_URL", "UPLOAD_DIR", "JOB_DIR")}
    return create_app({**config, "SECRET_KEY": "t" * 40, "TESTING": True, **overrides})


def test_healthy_app_answers_ok_without_login_cookie_or_cache(client, household):
    response = client.get("/healthz")
    assert response.status_code == 200
    body = response.get_json()
    assert body["status"] == "ok"
    assert body["database"] == "ok"
    assert body["migrations"] == "ok"
    assert body["redis"] == "not_configured"
    assert body["uploads"] == "ok"
    assert set(body) <= PARTS
    assert response.headers["Cache-Control"] == "no-store"
    assert "Set-Cookie" not in response.headers
    # Nothing of the household the database holds.
    text = response.get_data(as_text=True)
    assert household.address not in text
    assert household.uuid not in text


def test_counts_queued_and_failed_jobs(app, client, make_user):
    user = make_user("admin", towns=())
    from fieldapp.extensions import db

    for index, status in enumerate(("queued", "queued", "running", "failed", "done")):
        job = Job(uuid=f"job-{index}", kind="print", user_id=user.id)
        job.status = status
        if status in ("failed", "done"):
            job.finished_at = utcnow()
        db.session.add(job)
    db.session.commit()
    jobs = client.get("/healthz").get_json()["jobs"]
    assert jobs == {"queued": 2, "running": 1, "failed_24h": 1}


def test_redis_configured_but_down_is_a_503_naming_redis(app, client, monkeypatch):
    monkeypatch.setitem(app.config, "REDIS_URL", "redis://127.0.0.1:1/0")
    response = client.get("/healthz")
    assert response.status_code == 503
    body = response.get_json()
    assert body["redis"] == "error"
    assert body["failing"] == ["redis"]
    assert body["database"] == "ok"


def test_reachable_redis_is_ok_and_its_queue_counted(app, client, monkeypatch):
    monkeypatch.setitem(app.config, "REDIS_URL", REDIS_URL)
    response = client.get("/healthz")
    assert response.status_code == 200, response.get_json()
    body = response.get_json()
    assert body["redis"] == "ok"
    assert body["jobs"]["rq_queued"] == 0


def test_unwritable_upload_folder_is_a_503(app, client, monkeypatch, tmp_path):
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    monkeypatch.setitem(app.config, "UPLOAD_DIR", str(blocker / "uploads"))
    body = client.get("/healthz").get_json()
    assert body["uploads"] == "not_writable"
    assert body["failing"] == ["uploads"]


def test_low_disk_for_uploads_is_a_503(app, client, monkeypatch):
    monkeypatch.setitem(app.config, "UPLOAD_MIN_FREE_MB", 10**12)
    response = client.get("/healthz")
    assert response.status_code == 503
    assert response.get_json()["uploads"] == "low_disk"


def test_database_down_is_a_503_naming_the_database(_app, tmp_path):
    down = other_app(
        _app, tmp_path, DATABASE_URL=f"sqlite:///{tmp_path}/missing/dir/db.sqlite3"
    )
    try:
        response = down.test_client().get("/healthz")
    finally:
        dispose_engines(down)
    assert response.status_code == 503
    body = response.get_json()
    assert body["database"] == "error"
    assert body["migrations"] == "unknown"
    assert "database" in body["failing"]


def test_database_behind_its_migrations_is_a_503(_app, tmp_path):
    empty = other_app(_app, tmp_path, DATABASE_URL=f"sqlite:///{tmp_path}/new.sqlite3")
    try:
        response = empty.test_client().get("/healthz")
    finally:
        dispose_engines(empty)
    assert response.status_code == 503
    body = response.get_json()
    assert body["database"] == "ok"
    assert body["migrations"] == "behind"
    assert body["failing"] == ["migrations"]


def test_access_log_is_one_json_line_without_personal_data(_app, tmp_path, household):
    import io
    import logging

    logged = other_app(_app, tmp_path, ACCESS_LOG=1)
    stream = io.StringIO()
    handler = logging.StreamHandler(stream)
    logger = logging.getLogger("fieldapp.access")
    logger.addHandler(handler)
    try:
        client = logged.test_client()
        client.get(f"/households/{household.uuid}?q=符春花")
        client.get("/healthz")
    finally:
        logger.removeHandler(handler)
        dispose_engines(logged)
    lines = [json.loads(line) for line in stream.getvalue().splitlines()]
    assert [line["route"] for line in lines] == ["/households/<uuid>", "/healthz"]
    assert set(lines[0]) == {"ts", "method", "route", "status", "bytes", "ms"}
    assert lines[1]["status"] == 200
    assert household.uuid not in stream.getvalue()
    assert "符春花" not in stream.getvalue()


def test_each_photo_store_is_checked(client, photo_store):
    body = client.get("/healthz").get_json()
    assert body["uploads"] == "ok"


def test_a_missing_bucket_is_unreachable(app, client, monkeypatch, s3_endpoint):
    from tests.s3server import s3_settings

    for name, value in s3_settings(s3_endpoint).items():
        monkeypatch.setitem(app.config, name, value)
    monkeypatch.setitem(app.config, "PHOTO_STORE", "s3://no-such-bucket/x")
    response = client.get("/healthz")
    assert response.status_code == 503
    assert response.get_json()["uploads"] == "unreachable"
