"""Bulk printing: selection, rendering in processes, progress, cancel, download, RQ."""

import io
import time
import zipfile
from datetime import UTC, datetime
from pathlib import Path

import pytest
from pypdf import PdfReader

from fieldapp.extensions import db
from fieldapp.models import AuditLog, Household, Job
from fieldapp.printing.bulk import create_print_job, select_households
from fieldapp.registry import KINDS
from fieldapp.services import jobs
from fieldapp.services.jobs import job_dir, worker_environment
from fieldapp.worker import execute_job
from tests.factories import count, member_payload, only
from tests.pdftools import pdf_text
from tests.report_factories import JGJ125, make_record

TOWN = "469006100"
OTHER_TOWN = "469006101"
EARLY = datetime(2026, 1, 5, tzinfo=UTC)
LATE = datetime(2026, 6, 5, tzinfo=UTC)


@pytest.fixture(autouse=True)
def _reap_local_jobs():
    """Wait for job processes a test started, so none outlives it."""
    yield
    while jobs._local_workers:
        jobs._local_workers.pop().wait(timeout=120)


def household_named(make_household, name, town=TOWN, village="东岭村"):
    """A household whose head has the given name."""
    return make_household(town, village=village, members=[member_payload(name=name)])


@pytest.fixture
def houses(make_household):
    """Graded houses: D, C, D re-inspected as B, A, and a D in another town."""
    d = household_named(make_household, "丁一", village="A村")
    make_record(d, "housing_inspection")  # rural 2019 sample: grade D
    c = household_named(make_household, "丙二", village="B村")
    make_record(c, "housing_inspection", JGJ125, status="approved")  # grade C
    fixed = household_named(make_household, "乙三", village="C村")
    make_record(fixed, "housing_inspection", captured_at=EARLY)
    make_record(fixed, "housing_inspection", computed={"grade": "B"}, captured_at=LATE)
    a = household_named(make_household, "甲四", village="D村")
    make_record(a, "housing_inspection", computed={"grade": "A"})
    make_record(a, "respite_assessment", status="returned")
    far = household_named(make_household, "戊五", town=OTHER_TOWN)
    make_record(far, "housing_inspection")
    return {"D": d, "C": c, "fixed": fixed, "A": a, "far": far}


def test_selection_uses_each_household_latest_record(make_user, houses):
    boss = make_user("supervisor", towns=[TOWN])
    assert select_households(boss, TOWN, grades=("C", "D")) == [
        houses["D"].uuid,
        houses["C"].uuid,
    ]
    assert select_households(boss, None, status="returned") == [houses["A"].uuid]
    assert select_households(boss, None, kind="respite_assessment") == [
        houses["A"].uuid
    ]
    assert len(select_households(boss, TOWN)) == 4  # no filter: the whole town
    city = make_user("supervisor", towns=[])
    assert houses["far"].uuid in select_households(city, None, grades=("D",))


def titles(outline) -> list[str]:
    """Every bookmark's title, at any depth."""
    found = []
    for item in outline:
        found += titles(item) if isinstance(item, list) else [item.title]
    return found


def run_job(app, user, output="pdf", **filters) -> Job:
    """Create a job and run it here (render processes are still spawned)."""
    job = create_print_job(user, TOWN, filters, output)
    db.session.commit()
    return execute_job(job.uuid, app.config)


def test_combined_pdf_holds_every_case_file_and_reports_failures(
    app, make_user, houses
):
    boss = make_user("supervisor", towns=[TOWN], username="boss")
    job = create_print_job(boss, TOWN, {"grades": ["C", "D"]}, "pdf")
    db.session.commit()
    gone = db.session.get(Household, houses["C"].id)
    db.session.delete(gone)  # vanishes after selection: one failure, not an abort
    db.session.commit()
    job = execute_job(job.uuid, app.config)
    assert job.status == "done"
    assert (job.done, job.total) == (2, 2)
    assert job.failures == [{"household": houses["C"].uuid, "message": "not_found"}]
    path = job_dir(app.config, job) / job.file_name
    reader = PdfReader(path)
    top = [item.title for item in reader.outline if not isinstance(item, list)]
    assert top == ["1. A村-丁一"]  # a bookmark per household, sections below it
    assert "1. 危房鉴定 · 已提交" in titles(reader.outline)  # not run together
    text = pdf_text(path.read_bytes())
    assert "丁一" in text and "丙二" not in text
    assert not (job_dir(app.config, job) / "parts").exists()


def test_zip_has_one_pdf_per_household(app, make_user, houses):
    job = run_job(app, make_user("admin", towns=[]), output="zip")
    assert job.status == "done" and job.failures == []
    with zipfile.ZipFile(job_dir(app.config, job) / job.file_name) as archive:
        names = archive.namelist()
        assert names == [
            "0001-A村-丁一.pdf",
            "0002-B村-丙二.pdf",
            "0003-C村-乙三.pdf",
            "0004-D村-甲四.pdf",
        ]
        assert archive.read(names[0]).startswith(b"%PDF-")


def test_a_job_cancelled_before_it_starts_renders_nothing(
    app, client, login, make_user, houses
):
    boss = make_user("supervisor", towns=[TOWN])
    job = create_print_job(boss, TOWN, {}, "pdf")
    db.session.commit()
    login(boss)
    response = client.post(
        f"/print/jobs/{job.uuid}/cancel", headers={"Accept": "application/json"}
    )
    assert response.get_json()["status"] == "cancelled"
    job = execute_job(job.uuid, app.config)
    assert job.status == "cancelled" and job.done == 0


def poll(client, uuid, until, timeout=120):
    """Poll the progress JSON until `until(progress)` holds."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        progress = client.get(f"/print/jobs/{uuid}.json").get_json()
        if until(progress):
            return progress
        time.sleep(0.1)
    raise AssertionError(f"job {uuid} stuck at {progress}")


def test_print_page_starts_a_background_job_with_progress_and_download(
    client, login, make_user, houses
):
    login(make_user("supervisor", towns=[TOWN], username="boss"))
    page = client.get("/print")
    assert page.status_code == 200 and "开始打印" in page.get_data(as_text=True)
    response = client.post(
        "/print", data={"town": TOWN, "grades": ["C", "D"], "output": "pdf"}
    )
    assert response.status_code == 302
    uuid = response.headers["Location"].rsplit("/", 1)[1]
    html = client.get(f"/print/jobs/{uuid}").get_data(as_text=True)
    assert "<progress" in html
    progress = poll(client, uuid, lambda p: p["status"] in ("done", "failed"))
    assert progress["status"] == "done" and progress["ready"]
    assert (progress["done"], progress["total"], progress["percent"]) == (2, 2, 100)
    download = client.get(f"/print/jobs/{uuid}/download")
    data = download.get_data()
    download.close()
    assert download.mimetype == "application/pdf"
    assert "丁一" in pdf_text(data) and "丙二" in pdf_text(data)
    assert only(AuditLog, action="export", object_type="print_job").object_key == uuid


def test_print_page_offers_every_survey_kind_and_filters_by_one(
    app, client, login, make_user, houses, monkeypatch
):
    monkeypatch.setattr(jobs, "dispatch", lambda config, job: "not started")
    login(make_user("supervisor", towns=[TOWN]))
    page = client.get("/print").get_data(as_text=True)
    for kind in KINDS:
        assert f'value="{kind}"' in page
    assert "托养评估" in page
    response = client.post(
        "/print", data={"town": TOWN, "kind": "respite_assessment", "output": "zip"}
    )
    assert response.status_code == 302
    uuid = response.headers["Location"].rsplit("/", 1)[1]
    assert client.get(f"/print/jobs/{uuid}.json").get_json()["total"] == 1


def test_a_running_job_can_be_cancelled(app, client, login, make_user, make_household):
    for index in range(16):
        house = household_named(make_household, f"王{index:02d}")
        make_record(house, "respite_assessment")
    login(make_user("supervisor", towns=[TOWN]))
    response = client.post("/print", data={"town": TOWN, "output": "zip"})
    uuid = response.headers["Location"].rsplit("/", 1)[1]
    poll(client, uuid, lambda p: p["done"] >= 1)
    client.post(f"/print/jobs/{uuid}/cancel")
    progress = poll(client, uuid, lambda p: p["status"] != "running")
    assert progress["status"] == "cancelled"
    assert progress["done"] < progress["total"] == 16
    assert client.get(f"/print/jobs/{uuid}/download").status_code == 404
    job = only(Job, uuid=uuid)
    assert not (job_dir(app.config, job) / "parts").exists()


@pytest.mark.parametrize("role", ["inspector", "rehab_worker"])
def test_field_roles_cannot_print_in_bulk(client, login, make_user, role):
    login(make_user(role, towns=[TOWN]))
    assert client.get("/print").status_code == 403
    assert client.post("/print", data={"town": TOWN}).status_code == 403


def test_jobs_are_private_to_their_owner(client, login, make_user, houses):
    job = create_print_job(make_user("supervisor", towns=[TOWN]), TOWN, {}, "pdf")
    db.session.commit()
    login(make_user("supervisor", towns=[TOWN], username="other"))
    for path in ("", ".json", "/download"):
        assert client.get(f"/print/jobs/{job.uuid}{path}").status_code == 404
    assert client.post(f"/print/jobs/{job.uuid}/cancel").status_code == 404


def test_out_of_scope_town_is_refused(client, login, make_user):
    login(make_user("supervisor", towns=[TOWN]))
    response = client.post("/print", data={"town": OTHER_TOWN, "output": "pdf"})
    assert response.status_code == 422
    assert count(Job) == 0


@pytest.fixture
def rq_queue(app, monkeypatch):
    """Point the app at Redis database 13 and hand back the print queue."""
    from redis import Redis
    from rq import Queue

    url = "redis://127.0.0.1:6379/13"
    redis = Redis.from_url(url)
    try:
        redis.ping()
    except Exception as exc:  # pragma: no cover - depends on the machine
        pytest.fail(f"Redis is needed for the RQ test: {exc}")
    monkeypatch.setitem(app.config, "REDIS_URL", url)
    monkeypatch.setitem(app.config, "JOB_QUEUE", "fieldapp-jobs-test")
    for name, value in worker_environment(app.config).items():
        monkeypatch.setenv(name, value)
    queue = Queue("fieldapp-jobs-test", connection=redis)
    queue.empty()
    yield queue
    redis.flushdb()  # database 13 is this test's own: jobs, results, worker keys
    redis.close()


def test_with_redis_the_job_runs_on_an_rq_worker(
    app, client, login, make_user, houses, rq_queue
):
    from rq import SimpleWorker

    login(make_user("supervisor", towns=[TOWN]))
    response = client.post(
        "/print", data={"town": TOWN, "output": "zip", "grades": ["D"]}
    )
    uuid = response.headers["Location"].rsplit("/", 1)[1]
    assert rq_queue.count == 1
    assert client.get(f"/print/jobs/{uuid}.json").get_json()["status"] == "queued"
    SimpleWorker([rq_queue], connection=rq_queue.connection).work(burst=True)
    progress = client.get(f"/print/jobs/{uuid}.json").get_json()
    assert progress["status"] == "done" and progress["done"] == 1
    download = client.get(f"/print/jobs/{uuid}/download")
    names = zipfile.ZipFile(io.BytesIO(download.get_data())).namelist()
    download.close()
    assert names == ["0001-A村-丁一.pdf"]


def test_download_needs_a_finished_job(client, login, make_user, houses):
    boss = make_user("supervisor", towns=[TOWN])
    job = create_print_job(boss, TOWN, {}, "pdf")
    db.session.commit()
    login(boss)
    assert client.get(f"/print/jobs/{job.uuid}/download").status_code == 404
    assert Path(job_dir(client.application.config, job)).exists() is False


def test_a_job_that_cannot_start_is_shown_as_failed(
    app, client, login, make_user, houses, monkeypatch
):
    monkeypatch.setitem(app.config, "REDIS_URL", "redis://127.0.0.1:1/0")
    login(make_user("supervisor", towns=[TOWN]))
    response = client.post("/print", data={"town": TOWN, "output": "pdf"})
    uuid = response.headers["Location"].rsplit("/", 1)[1]
    progress = client.get(f"/print/jobs/{uuid}.json").get_json()
    assert progress["status"] == "failed"
    # Redis down: said plainly, not as an exception's name.
    assert "任务队列(Redis)暂时无法连接" in progress["error"]
    assert "ConnectionError" not in progress["error"]


def test_a_job_longer_than_the_render_processes_lives_prints_everything(
    app, make_user, make_household, monkeypatch
):
    """Render processes are replaced after BULK_TASKS_PER_PROCESS case files;
    the job goes on past workers × that many (it stopped there and waited for
    ever with the executor's own max_tasks_per_child on Python 3.11)."""
    monkeypatch.setitem(app.config, "BULK_WORKERS", 2)
    monkeypatch.setitem(app.config, "BULK_TASKS_PER_PROCESS", 2)
    for index in range(5):
        house = household_named(make_household, f"王{index}", village=f"{index}村")
        make_record(house, "housing_inspection")
    job = run_job(app, make_user("supervisor", towns=[TOWN]), output="zip")
    assert job.status == "done", job.error
    assert (job.done, job.total, job.failures) == (5, 5, [])
    archive = zipfile.ZipFile(job_dir(app.config, job) / job.file_name)
    assert len([n for n in archive.namelist() if n.endswith(".pdf")]) == 5
