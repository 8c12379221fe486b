"""The background-job layer every kind shares: lifecycle, progress, cancel, settings."""

import pytest
from sqlalchemy import update

from fieldapp import create_app, worker
from fieldapp.extensions import db
from fieldapp.models import Job
from fieldapp.services import jobs
from tests.factories import count


def counting_runner(job, config, make_app):
    """A kind's runner: counts its params' items, reporting each, then a result."""
    assert make_app is create_app
    items = job.params["items"]
    for done in range(1, len(items) + 1):
        jobs.report_progress(
            job, done=done, failures=[{"item": items[0]}], total=len(items)
        )
    job.result = {"counted": len(items)}


def cancelled_elsewhere_runner(job, config, make_app):
    """A runner whose job is cancelled by another connection (a web process)."""
    jobs.report_progress(job, done=1)
    with db.engine.begin() as other:
        other.execute(update(Job).where(Job.id == job.id).values(cancel_requested=True))
    if jobs.cancel_requested(job):
        raise jobs.Cancelled
    job.result = {"missed": "the cancel"}


def broken_runner(job, config, make_app):
    """A runner that fails half way."""
    jobs.report_progress(job, done=1, total=2)
    raise ValueError("row 7 is unreadable")


@pytest.fixture
def kinds(monkeypatch):
    """Register the test runners as job kinds."""
    for kind, function in {
        "count": "counting_runner",
        "cancel": "cancelled_elsewhere_runner",
        "broken": "broken_runner",
    }.items():
        monkeypatch.setitem(worker.RUNNERS, kind, f"{__name__}:{function}")


def queued(make_user, kind: str, **params) -> Job:
    """A committed queued job of a kind."""
    job = jobs.create(kind, make_user("supervisor"), params)
    db.session.commit()
    return job


def test_a_runner_reports_progress_and_a_result_and_the_job_ends_done(
    app, make_user, kinds
):
    job = worker.execute_job(queued(make_user, "count", items=["a", "b"]).uuid, None)
    assert job.status == "done" and job.error == ""
    assert job.started_at <= job.finished_at
    assert job.result == {"counted": 2}
    with app.test_request_context():
        progress = jobs.progress(job)
    assert (progress["done"], progress["total"], progress["percent"]) == (2, 2, 100)
    assert progress["failures"] == [{"item": "a"}] and progress["failed"] == 1
    assert progress["ready"] is False  # no file to download


def test_a_runner_sees_a_cancel_made_by_another_process(app, make_user, kinds):
    job = worker.execute_job(queued(make_user, "cancel").uuid, None)
    assert job.status == "cancelled" and job.done == 1
    assert job.result == {}


def test_a_failing_runner_fails_the_job_with_its_message(app, make_user, kinds):
    job = queued(make_user, "broken")
    with pytest.raises(ValueError):
        worker.execute_job(job.uuid, None)
    db.session.expire_all()
    assert job.status == "failed"
    assert job.error == "ValueError: row 7 is unreadable"
    assert (job.done, job.total) == (1, 2) and job.finished_at is not None


def test_a_job_of_an_unknown_kind_fails_without_running(app, make_user):
    job = worker.execute_job(queued(make_user, "teleport").uuid, None)
    assert job.status == "failed" and job.started_at is None
    assert job.error == "unknown job kind: teleport"


def test_a_finished_job_is_not_run_again(app, make_user, kinds):
    job = queued(make_user, "count", items=["a"])
    jobs.cancel(job)
    db.session.commit()
    assert worker.execute_job(job.uuid, None).status == "cancelled"
    assert job.done == 0 and job.started_at is None


def test_print_pages_show_only_print_jobs(client, login, make_user):
    boss = make_user("supervisor", username="boss")
    other = jobs.create("import", boss, {"file": "county.xlsx"})
    db.session.commit()
    login(boss)
    for path in ("", ".json", "/download"):
        assert client.get(f"/print/jobs/{other.uuid}{path}").status_code == 404
    assert other.uuid not in client.get("/print").get_data(as_text=True)
    assert count(Job, kind="import") == 1


@pytest.mark.parametrize(
    ("environ", "queue", "folder"),
    [
        ({}, "fieldapp-jobs", None),
        ({"PRINT_QUEUE": "old-q", "PRINT_JOB_DIR": "/srv/old"}, "old-q", "/srv/old"),
        (
            {"PRINT_QUEUE": "old-q", "JOB_QUEUE": "new-q", "JOB_DIR": "/srv/new"},
            "new-q",
            "/srv/new",
        ),
    ],
)
def test_job_settings_fall_back_to_the_older_print_names(
    tmp_path, monkeypatch, environ, queue, folder
):
    for name in ("JOB_QUEUE", "JOB_DIR", "PRINT_QUEUE", "PRINT_JOB_DIR"):
        monkeypatch.delenv(name, raising=False)
    for name, value in environ.items():
        monkeypatch.setenv(name, value)
    app = create_app({"SECRET_KEY": "x", "DATABASE_URL": f"sqlite:///{tmp_path}/db"})
    assert app.config["JOB_QUEUE"] == queue
    assert app.config["JOB_DIR"] == (folder or f"{app.instance_path}/jobs")
