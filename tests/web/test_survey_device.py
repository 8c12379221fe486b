"""Device-fitting pages: the form without JavaScript, follow-up rows, the record
page's dates and the stage rule on correction."""

import re
from datetime import timedelta

import pytest

from fieldapp.domain.localtime import local_today
from fieldapp.models import Record
from forms.json import flatten
from tests.factories import count, new_uuid, only, record_payload

KIND = "device_fitting"


def china_today():
    """Today as the pages count it (China time), whatever the machine's zone."""
    return local_today()


@pytest.fixture
def household(make_household):
    return make_household()


@pytest.fixture
def worker(make_user, login):
    user = make_user("rehab_worker")
    login(user)
    return user


def envelope(household, captured_at="2024-06-01T10:00", **data_fields) -> dict:
    """The flattened fields of a no-JS post: envelope plus the given data fields."""
    form = {
        "uuid": new_uuid(),
        "kind": KIND,
        "household_uuid": household.uuid,
        "person_uuid": household.members[0].uuid,
        "captured_at": captured_at,
        "location-lat": "18.8",
        "location-lon": "110.39",
        "location-accuracy_m": "9",
    }
    form.update({f"data-{k}": v for k, v in data_fields.items()})
    return form


def visit(index, day="", outcome="") -> dict:
    return {f"followups-{index}-date": day, f"followups-{index}-outcome": outcome}


def post_new(client, form):
    return client.post(f"/surveys/{KIND}/new", data=form)


def test_form_lists_the_catalogue_and_two_spare_followup_rows(
    client, worker, household
):
    html = client.get(f"/surveys/{KIND}/new?household={household.uuid}").get_data(
        as_text=True
    )
    assert '<option value="">请选择辅助器具</option>' in html
    assert '<option value="12 22 03">12 22 03 普通轮椅</option>' in html
    assert 'name="data-followups-0-date"' in html
    assert 'name="data-followups-1-date"' in html
    assert 'name="data-followups-2-date"' not in html
    assert 'data-add-row="followup-rows"' in html
    assert 'name="data-trained"' in html and 'name="data-serial"' in html


def test_no_js_post_names_the_device_ignores_blank_rows_and_computes_dates(
    client, worker, household
):
    form = envelope(
        household,
        device_code="12 03 03",
        device_name="",
        stage="followup",
        assessed_on="2024-01-20",
        fitted_on="2024-01-31",
        serial="ST-7",
        trained="y",
        **visit(0, "2024-02-29", "使用良好"),
        **visit(1),
        **visit(2, "2024-05-30", "需调整高度"),
        **visit(3),
    )
    response = post_new(client, form)
    assert response.status_code == 302, response.get_data(as_text=True)
    record = only(Record)
    assert record.data["device_name"] == "单脚手杖"
    assert [f["date"] for f in record.data["followups"]] == ["2024-02-29", "2024-05-30"]
    assert record.data["trained"] is True
    # The schedule counts from the fitting: 1, 3, then 12 months after it; the
    # visit due a year after fitting is overdue today (years later).
    assert record.computed == {
        "service_life_years": 1,
        "replacement_due": "2025-01-31",
        "next_followup_due": "2025-01-31",
        "followup_overdue": True,
        "followup_count": 2,
    }
    page = client.get(response.headers["Location"]).get_data(as_text=True)
    assert "12 03 03 单脚手杖" in page and "已完成" in page
    assert "2025-01-31" in page and "回访已逾期" in page
    assert "使用良好" in page and "需调整高度" in page


def test_a_followup_row_with_only_an_outcome_is_an_error_not_dropped(
    client, worker, household
):
    form = envelope(
        household,
        device_code="12 22 03",
        stage="followup",
        fitted_on="2024-01-31",
        **visit(0, "", "电话回访"),
    )
    response = post_new(client, form)
    assert response.status_code == 422
    html = response.get_data(as_text=True)
    assert "此项必填" in html and 'value="电话回访"' in html
    assert count(Record) == 0


def test_refused_post_keeps_everything_typed(client, worker, household):
    form = envelope(
        household, device_code="04 33 03", stage="fitted", serial="CU-99", notes="坐垫"
    )
    response = post_new(client, form)
    assert response.status_code == 422
    html = response.get_data(as_text=True)
    assert "已适配的器具需要填写适配日期。" in html
    assert '<option selected value="04 33 03">' in html
    assert 'value="CU-99"' in html and "坐垫" in html
    assert count(Record) == 0


def test_api_names_the_device_from_the_catalogue_only_when_left_out(
    api, make_user, household
):
    worker = make_user("rehab_worker")
    unnamed = record_payload(KIND, household)
    del unnamed["data"]["device_name"]
    unnamed["data"]["device_code"] = "12 06 03"
    response = api(worker).post("/api/v1/records", json=unnamed)
    assert response.status_code == 201, response.json
    assert response.json["data"]["device_name"] == "框式助行器"
    assert api(worker).post("/api/v1/records", json=unnamed).status_code == 200
    named = record_payload(KIND, household)
    named["data"]["device_name"] = "轻便轮椅 A 型"
    response = api(worker).post("/api/v1/records", json=named)
    assert response.json["data"]["device_name"] == "轻便轮椅 A 型"


def test_record_page_highlights_an_overdue_followup_and_a_due_replacement(
    client, api, worker, household
):
    today = china_today()
    fitted = today - timedelta(days=800)  # service life 1: replacement due
    body = record_payload(KIND, household)
    body["data"].update(
        device_code="12 03 06",
        stage="fitted",
        assessed_on=None,
        fitted_on=fitted.isoformat(),
        service_life_years=None,
    )
    body["data"] = {k: v for k, v in body["data"].items() if v is not None}
    assert api(worker).post("/api/v1/records", json=body).status_code == 201
    page = client.get(f"/records/{body['uuid']}").get_data(as_text=True)
    due = re.search(r"<dd([^>]*)data-followup-due>(.*?)</dd>", page, re.S)
    assert 'class="error"' in due.group(1) and "回访已逾期" in due.group(2)
    assert "已到更换期" in page


def test_record_page_does_not_highlight_a_followup_still_ahead(
    client, api, worker, household
):
    body = record_payload(KIND, household)
    body["data"]["fitted_on"] = china_today().isoformat()
    body["data"]["assessed_on"] = china_today().isoformat()
    assert api(worker).post("/api/v1/records", json=body).status_code == 201
    page = client.get(f"/records/{body['uuid']}").get_data(as_text=True)
    due = re.search(r"<dd([^>]*)data-followup-due>(.*?)</dd>", page, re.S)
    assert "error" not in due.group(1) and "逾期" not in due.group(2)
    assert "已到更换期" not in page


def test_closed_fitting_needs_no_followup(client, api, worker, household):
    body = record_payload(KIND, household)
    body["data"].update(stage="closed", followups=[{"date": "2026-04-05"}])
    response = api(worker).post("/api/v1/records", json=body)
    assert response.json["computed"]["next_followup_due"] is None
    page = client.get(f"/records/{body['uuid']}").get_data(as_text=True)
    assert "无需回访" in page and "已结案" in page


def test_edit_page_shows_stored_followups_and_two_spare_rows(
    client, api, worker, household
):
    body = record_payload(KIND, household)
    body["data"]["followups"] = [{"date": "2026-04-05", "outcome": "良好"}]
    assert api(worker).post("/api/v1/records", json=body).status_code == 201
    html = client.get(f"/records/{body['uuid']}/edit").get_data(as_text=True)
    assert 'value="2026-04-05"' in html and 'value="良好"' in html
    assert 'name="data-followups-2-date"' in html
    assert 'name="data-followups-3-date"' not in html


@pytest.mark.parametrize(
    ("old", "new", "status"),
    [
        ("fitted", "fitted", 200),
        ("fitted", "trained", 200),
        ("requested", "fitted", 200),  # one visit may assess, prescribe and fit
        ("followup", "closed", 200),
        ("fitted", "requested", 422),
        ("trained", "fitted", 422),
        ("closed", "followup", 422),
    ],
)
def test_put_never_moves_the_stage_back(api, make_user, household, old, new, status):
    worker = make_user("rehab_worker")
    body = record_payload(KIND, household)
    body["data"]["stage"] = old
    assert api(worker).post("/api/v1/records", json=body).status_code == 201
    body["data"]["stage"] = new
    response = api(worker).put(
        f"/api/v1/records/{body['uuid']}", json={**body, "version": 1}
    )
    assert response.status_code == status, response.json
    if status == 422:
        assert response.json["errors"] == {"data-stage": ["进度不能倒退或跳过步骤。"]}
        assert (only(Record).version, only(Record).stage) == (1, old)
    else:
        assert (only(Record).version, only(Record).stage) == (2, new)


def test_html_correction_cannot_move_the_stage_back(client, api, worker, household):
    body = record_payload(KIND, household)
    body["data"]["stage"] = "trained"
    assert api(worker).post("/api/v1/records", json=body).status_code == 201
    form = flatten(body)
    form.update({"captured_at": "2026-03-05T09:12", "version": "1"})
    form["data-stage"] = "fitted"
    response = client.post(f"/records/{body['uuid']}/edit", data=form)
    assert response.status_code == 422
    assert "进度不能倒退或跳过步骤。" in response.get_data(as_text=True)
    form["data-stage"] = "followup"
    form.update({f"data-{k}": v for k, v in visit(0, "2026-04-05", "良好").items()})
    assert client.post(f"/records/{body['uuid']}/edit", data=form).status_code == 302
    record = only(Record)
    assert (record.version, record.stage) == (2, "followup")
    assert record.computed["next_followup_due"] == "2026-06-05"  # fitted + 3 months
