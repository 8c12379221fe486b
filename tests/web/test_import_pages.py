"""The import page: upload, a dry run in the background with progress, the error
table, then the import; refusals said clearly; the command line."""

import io
import time

import pytest

from fieldapp.extensions import db
from fieldapp.models import AuditLog, Household, Job
from fieldapp.services import jobs
from tests.factories import count, only
from tests.import_factories import household_rows, xlsx

TOWN = "469006100"


@pytest.fixture(autouse=True)
def _reap_local_jobs():
    """Wait for job processes a test started, so none outlives it."""
    yield
    while jobs._local_workers:
        jobs._local_workers.pop().wait(timeout=120)


@pytest.fixture
def boss(make_user, login):
    user = make_user("supervisor", towns=[TOWN], username="boss")
    login(user)
    return user


def post_file(client, data: bytes, name="名单.xlsx"):
    """Upload a file on the import page."""
    return client.post(
        "/import",
        data={"file": (io.BytesIO(data), name)},
        content_type="multipart/form-data",
    )


def poll(client, uuid, timeout=60) -> dict:
    """The job's progress once it has ended."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        progress = client.get(f"/import/jobs/{uuid}.json").get_json()
        if progress["status"] in ("done", "failed", "cancelled"):
            return progress
        time.sleep(0.1)
    raise AssertionError(f"import job {uuid} stuck at {progress}")


def job_uuid(response) -> str:
    assert response.status_code == 302, response.get_data(as_text=True)[:500]
    return response.headers["Location"].rsplit("/", 1)[1]


def test_the_page_offers_the_template_the_export_and_an_upload(client, boss):
    html = client.get("/import").get_data(as_text=True)
    assert "/api/v1/imports/households/template.xlsx" in html
    assert "/api/v1/exports/households.xlsx" in html
    assert 'type="file"' in html and 'name="file"' in html
    assert "在户状态" in html and "旧模板照常导入" in html  # the optional columns
    assert 'href="/import"' in client.get("/").get_data(as_text=True)  # menu


def test_a_clean_file_is_checked_then_imported(client, boss):
    rows = household_rows("WN-1", members=2) + household_rows("WN-2", members=1)
    checked = job_uuid(post_file(client, xlsx(rows)))
    assert "<progress" in client.get(f"/import/jobs/{checked}").get_data(as_text=True)
    progress = poll(client, checked)
    assert (progress["status"], progress["done"], progress["total"]) == ("done", 3, 3)
    html = client.get(f"/import/jobs/{checked}").get_data(as_text=True)
    assert "检查通过" in html and "确认导入" in html and count(Household) == 0
    imported = job_uuid(client.post(f"/import/jobs/{checked}/import"))
    assert imported != checked
    progress = poll(client, imported)
    assert (progress["status"], progress["done"], progress["total"]) == ("done", 3, 3)
    html = client.get(f"/import/jobs/{imported}").get_data(as_text=True)
    assert "导入完成" in html and "确认导入" not in html
    assert count(Household) == 2
    assert count(AuditLog, action="import") == 2
    imported_job = only(Job, uuid=imported)
    assert imported_job.params["checked_by"] == checked
    folder = jobs.job_dir(client.application.config, imported_job)
    assert not (folder / "upload.xlsx").exists()  # the import's own copy is gone
    assert (folder.parent / checked / "upload.xlsx").exists()


def test_problems_are_listed_masked_and_block_the_import(client, boss):
    rows = household_rows("WN-1", members=2)
    full = rows[1]["id_number"]
    rows[1]["id_number"] = full[:-1] + ("1" if full[-1] != "1" else "2")
    checked = job_uuid(post_file(client, xlsx(rows)))
    poll(client, checked)
    html = client.get(f"/import/jobs/{checked}").get_data(as_text=True)
    assert 'id="import-errors"' in html and "校验位" in html
    assert rows[1]["id_number"] not in html and rows[1]["id_number"][-4:] in html
    assert "确认导入" not in html
    refused = client.post(f"/import/jobs/{checked}/import", follow_redirects=True)
    assert "只有检查无误的文件才能导入" in refused.get_data(as_text=True)
    assert count(Job) == 1 and count(Household) == 0


def test_a_bad_file_is_refused_on_the_page(client, boss):
    response = post_file(client, b"not a workbook", "名单.csv")
    assert response.status_code == 422
    assert "不是 Excel 工作簿" in response.get_data(as_text=True)
    assert count(Job) == 0


def test_a_50_mb_upload_is_refused_on_the_page_before_any_check(app, client, boss):
    app.config["WTF_CSRF_ENABLED"] = True  # the CSRF check reads the body first
    # The multipart body is built here, so the test client keeps it in memory.
    body = (
        b'--B\r\nContent-Disposition: form-data; name="file"; filename="big.xlsx"\r\n'
        b"Content-Type: application/octet-stream\r\n\r\n"
        + b"0" * (50 * 1024 * 1024)
        + b"\r\n--B--\r\n"
    )
    response = client.post(
        "/import", data=body, content_type="multipart/form-data; boundary=B"
    )
    assert response.status_code == 413
    assert "文件超过 10 MB" in response.get_data(as_text=True)
    assert count(Job) == 0


def test_a_queued_check_can_be_cancelled(client, boss, monkeypatch):
    monkeypatch.setattr(jobs, "dispatch", lambda config, job: "not started")
    checked = job_uuid(post_file(client, xlsx(household_rows("WN-1"))))
    client.post(f"/import/jobs/{checked}/cancel")
    assert (
        client.get(f"/import/jobs/{checked}.json").get_json()["status"] == "cancelled"
    )
    assert "已取消" in client.get(f"/import/jobs/{checked}").get_data(as_text=True)


def test_a_cancel_after_the_end_says_the_job_had_ended(client, boss):
    checked = job_uuid(post_file(client, xlsx(household_rows("WN-1"))))
    assert poll(client, checked)["status"] == "done"
    html = client.post(
        f"/import/jobs/{checked}/cancel", follow_redirects=True
    ).get_data(as_text=True)
    assert "任务已经结束,无法取消。" in html and "已请求取消" not in html
    assert only(Job, uuid=checked).cancel_requested is False
    # A cancel that reached the server while the job was finishing.
    job = only(Job, uuid=checked)
    job.cancel_requested = True
    db.session.commit()
    html = client.get(f"/import/jobs/{checked}").get_data(as_text=True)
    assert "取消请求送达时任务已经完成" in html and "检查通过" in html


@pytest.mark.parametrize("role", ["inspector", "rehab_worker"])
def test_field_roles_have_no_import_page(client, login, make_user, role):
    login(make_user(role, towns=[TOWN]))
    assert client.get("/import").status_code == 403
    assert post_file(client, xlsx(household_rows("WN-1"))).status_code == 403
    assert 'href="/import"' not in client.get("/").get_data(as_text=True)


def test_import_jobs_are_private_to_their_owner(client, login, make_user):
    owner = make_user("supervisor", towns=[TOWN])
    job = jobs.create("import", owner, {"file_name": "x.xlsx", "dry_run": True})
    db.session.commit()
    login(make_user("supervisor", towns=[TOWN], username="other"))
    for path in ("", ".json"):
        assert client.get(f"/import/jobs/{job.uuid}{path}").status_code == 404
    assert client.post(f"/import/jobs/{job.uuid}/import").status_code == 404


def run_cli(runner, tmp_path, rows_or_bytes, *args):
    path = tmp_path / "名单.xlsx"
    data = rows_or_bytes if isinstance(rows_or_bytes, bytes) else xlsx(rows_or_bytes)
    path.write_bytes(data)
    return runner.invoke(args=["import-households", str(path), *args])


def test_the_command_line_checks_and_imports(runner, make_user, tmp_path):
    make_user("supervisor", towns=[TOWN], username="county")
    rows = household_rows("WN-1", members=2)
    checked = run_cli(runner, tmp_path, rows, "--dry-run", "--user", "county")
    assert checked.exit_code == 0, checked.output
    assert (
        "checked (dry run)" in checked.output
        and "households created     1" in checked.output
    )
    assert count(Household) == 0
    imported = run_cli(runner, tmp_path, rows, "--user", "county")
    assert imported.exit_code == 0 and "imported" in imported.output
    assert count(Household) == 1
    again = run_cli(runner, tmp_path, rows, "--user", "county")
    assert "households unchanged   1" in again.output


def test_the_command_line_exits_1_on_problems(runner, make_user, tmp_path):
    make_user("supervisor", towns=[TOWN], username="county")
    rows = household_rows("WN-1", members=2, town="龙滚镇")
    result = run_cli(runner, tmp_path, rows, "--user", "county")
    assert result.exit_code == 1
    assert "row 2, 镇 [龙滚镇]: 不是您负责的镇。" in result.output
    assert "nothing was written" in result.output and count(Household) == 0
    bad = run_cli(runner, tmp_path, b"plain text", "--user", "county")
    assert bad.exit_code == 1 and "不是 Excel 工作簿" in bad.output
    nobody = run_cli(runner, tmp_path, rows, "--user", "nobody")
    assert nobody.exit_code == 1 and "no active user named nobody" in nobody.output
    make_user("inspector", towns=[TOWN], username="field")
    field = run_cli(runner, tmp_path, rows, "--user", "field")
    assert field.exit_code == 1 and "may not import" in field.output


def test_the_page_says_why_a_new_upload_is_refused(client, boss, monkeypatch):
    monkeypatch.setattr(jobs, "dispatch", lambda config, job: "not started")
    data = xlsx(household_rows("WN-1"))
    for _ in range(client.application.config["JOB_MAX_ACTIVE_PER_USER"]):
        job_uuid(post_file(client, data))
    refused = post_file(client, data)
    assert refused.status_code == 429
    assert "尚未完成" in refused.get_data(as_text=True)
    assert count(Job) == 2
