"""Jobs survive crashes: the lease, cancel stopping renders, old files, a user cap."""

import multiprocessing
import os
import signal
import threading
import time
from datetime import timedelta

import pytest
from sqlalchemy import update

from fieldapp import create_app, worker
from fieldapp.extensions import db
from fieldapp.models import Job, new_uuid, utcnow
from fieldapp.printing import runner as print_runner
from fieldapp.printing.bulk import create_print_job
from fieldapp.services import job_upkeep, jobs
from tests.factories import count, member_payload, only
from tests.report_factories import make_record

TOWN = "469006100"


@pytest.fixture(autouse=True)
def _reap_local_jobs():
    """Wait for job processes a test started, so none outlives it."""
    yield
    while jobs._local_workers:
        jobs._local_workers.pop().wait(timeout=120)


@pytest.fixture
def short_lease(app, monkeypatch):
    """A one-second lease, for this app and the worker processes it starts."""
    monkeypatch.setitem(app.config, "JOB_LEASE_S", 1)


def poll(client, uuid, until, timeout=60):
    """Poll the print job's progress JSON until `until(progress)` holds."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        progress = client.get(f"/print/jobs/{uuid}.json").get_json()
        if until(progress):
            return progress
        time.sleep(0.1)
    raise AssertionError(f"job {uuid} stuck at {progress}")


def households_with_records(make_household, n: int) -> None:
    """n households of TOWN, each with one respite assessment to print."""
    for index in range(n):
        house = make_household(TOWN, members=[member_payload(name=f"王{index:02d}")])
        make_record(house, "respite_assessment")


def test_a_job_whose_worker_was_killed_is_marked_failed(
    client, login, make_user, make_household, short_lease
):
    households_with_records(make_household, 4)
    login(make_user("supervisor", towns=[TOWN]))
    response = client.post("/print", data={"town": TOWN, "output": "zip"})
    uuid = response.headers["Location"].rsplit("/", 1)[1]
    poll(client, uuid, lambda p: p["status"] == "running")
    os.killpg(jobs._local_workers[-1].pid, signal.SIGKILL)  # the machine "crashed"
    progress = poll(client, uuid, lambda p: p["status"] != "running")
    assert progress["status"] == "failed"
    assert "意外停止" in progress["error"]
    html = client.get(f"/print/jobs/{uuid}").get_data(as_text=True)
    assert "意外停止" in html


def sleeping_runner(job, config, make_app):
    """A runner that outlives several leases while someone polls the jobs."""
    deadline = time.monotonic() + 2.5
    while time.monotonic() < deadline:
        time.sleep(0.25)
        assert job_upkeep.expire_lapsed() == 0
    job.result = {"slept": True}


def test_a_live_worker_keeps_its_lease(app, make_user, short_lease, monkeypatch):
    monkeypatch.setitem(worker.RUNNERS, "sleep", f"{__name__}:sleeping_runner")
    job = jobs.create("sleep", make_user("supervisor"), {})
    db.session.commit()
    job = worker.execute_job(job.uuid, app.config)
    assert job.status == "done" and job.result == {"slept": True}
    assert job.heartbeat_at - job.started_at > timedelta(seconds=1)


def slow_render_app(settings):
    """The app factory for render processes whose case files never finish."""
    print_runner.render_case_file = lambda *args, **kwargs: time.sleep(600)
    return create_app(settings)


def test_cancel_stops_the_render_processes_at_once(
    app, make_user, make_household, tmp_path, monkeypatch
):
    households_with_records(make_household, 3)
    monkeypatch.setitem(app.config, "BULK_WORKERS", 2)
    job = create_print_job(make_user("supervisor", towns=[TOWN]), TOWN, {}, "pdf")
    db.session.commit()
    engine, seen = db.engine, []

    def cancel_once_rendering():
        while len(multiprocessing.active_children()) < 2:
            time.sleep(0.1)
        seen.extend(multiprocessing.active_children())
        time.sleep(1)  # the renders are under way (and would take 600 s)
        with engine.begin() as conn:
            conn.execute(
                update(Job).where(Job.id == job.id).values(cancel_requested=True)
            )

    canceller = threading.Thread(target=cancel_once_rendering)
    canceller.start()
    started = time.monotonic()
    with pytest.raises(jobs.Cancelled):
        print_runner.render_all(job, app.config, slow_render_app, tmp_path)
    canceller.join()
    assert time.monotonic() - started < 60
    assert seen and not any(process.is_alive() for process in seen)


def stored_job(user, status: str, days_ago: float = 0) -> Job:
    """A job row as a worker left it (no clean-up on the way in)."""
    when = utcnow() - timedelta(days=days_ago)
    job = Job(uuid=new_uuid(), kind="print", user_id=user.id, params={})
    job.status, job.created_at = status, when
    if status == "running":
        job.started_at = job.heartbeat_at = utcnow()
    else:
        job.finished_at = when
    db.session.add(job)
    db.session.commit()
    return job


def test_old_jobs_and_their_files_are_removed(app, runner, make_user):
    boss = make_user("supervisor")
    old, recent = stored_job(boss, "done", 8), stored_job(boss, "failed", 1)
    running = stored_job(boss, "running", 9)
    folders = {
        job.uuid: jobs.job_dir(app.config, job) for job in (old, recent, running)
    }
    for folder in folders.values():
        folder.mkdir(parents=True, exist_ok=True)
        (folder / "result.pdf").write_bytes(b"%PDF-")
    root = folders[old.uuid].parent
    stray, fresh, other = root / new_uuid(), root / new_uuid(), root / "backups"
    stray.mkdir(), fresh.mkdir(), other.mkdir()
    week_ago = time.time() - 8 * 86400
    os.utime(stray, (week_ago, week_ago))
    os.utime(other, (week_ago, week_ago))  # not a job's folder: never touched
    kept = {recent.uuid, running.uuid}
    result = runner.invoke(args=["cleanup-jobs"])
    assert result.exit_code == 0, result.output
    assert "1 old removed, 1 stray folders removed" in result.output
    for uuid, folder in folders.items():
        assert folder.exists() == (uuid in kept)
    assert not stray.exists() and fresh.exists() and other.exists()
    assert count(Job) == 2
    fresh.rmdir(), other.rmdir()


def test_starting_a_job_removes_old_ones(app, make_user):
    boss = make_user("supervisor")
    old = stored_job(boss, "cancelled", 30)
    uuid = old.uuid
    jobs.create("print", boss, {})
    db.session.commit()
    assert jobs.get(uuid) is None and count(Job) == 1


def test_one_user_cannot_start_unlimited_jobs(
    app, client, login, make_user, make_household, monkeypatch
):
    monkeypatch.setattr(jobs, "dispatch", lambda config, job: "not started")
    households_with_records(make_household, 1)
    boss = make_user("supervisor", towns=[TOWN])
    login(boss)
    form = {"town": TOWN, "output": "pdf"}
    for _ in range(app.config["JOB_MAX_ACTIVE_PER_USER"]):
        assert client.post("/print", data=form).status_code == 302
    refused = client.post("/print", data=form)
    assert refused.status_code == 429
    assert "尚未完成" in refused.get_data(as_text=True)
    assert count(Job) == 2
    other = make_user("supervisor", towns=[TOWN], username="colleague")
    jobs.create("print", other, {})  # someone else is not held back
    waiting = jobs.recent(boss, "print")[0]
    jobs.cancel(waiting)
    assert client.post("/print", data=form).status_code == 302


def test_a_dead_running_job_does_not_count_against_the_limit(
    app, make_user, short_lease
):
    boss = make_user("supervisor")
    for _ in range(app.config["JOB_MAX_ACTIVE_PER_USER"]):
        job = jobs.create("print", boss, {})
        job.status = "running"
        job.started_at = job.heartbeat_at = utcnow() - timedelta(seconds=5)
        db.session.commit()
    jobs.create("print", boss, {})
    db.session.commit()
    assert count(Job, status="failed") == 2
    assert only(Job, status="queued").user_id == boss.id
