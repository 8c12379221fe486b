"""The record page after a review: who approved, the lock, reopening."""

import pytest

from fieldapp.models import Record, Review
from fieldapp.services.accounts import issue_token
from forms.fields import LOCAL_TZ
from tests.conftest import Api
from tests.factories import count, only, record_payload
from tests.web.test_survey_pages import flatten


@pytest.fixture
def stored(app, make_user, household):
    """A respite assessment written by a worker (through the API) and its body."""
    worker = make_user("rehab_worker")
    body = record_payload("respite_assessment", household)
    api = Api(app.test_client(), issue_token(worker)[0])
    assert api.post("/api/v1/records", json=body).status_code == 201
    return worker, body


def approve(client, uuid, version=1):
    return client.post(
        f"/records/{uuid}/review", data={"decision": "approve", "version": version}
    )


def test_record_page_shows_who_approved_when_and_which_version(
    client, login, make_user, stored
):
    worker, body = stored
    boss = make_user("supervisor", username="chen-boss")
    login(boss)
    approve(client, body["uuid"])
    page = client.get(f"/records/{body['uuid']}").get_data(as_text=True)
    assert "已审核通过,记录已锁定" in page
    when = only(Review).created_at.astimezone(LOCAL_TZ).strftime("%Y-%m-%d %H:%M")
    approved_line = page.split("data-approved-by")[1].split("</div>")[0]
    assert "chen-boss" in approved_line and "第 1 版" in approved_line
    assert when in approved_line
    assert "data-reopen" in page


def test_author_cannot_edit_an_approved_record_from_the_page(
    client, login, make_user, stored
):
    worker, body = stored
    login(make_user("supervisor"))
    approve(client, body["uuid"])
    client.post("/logout")
    login(worker)
    page = client.get(f"/records/{body['uuid']}").get_data(as_text=True)
    assert f"/records/{body['uuid']}/edit" not in page
    response = client.get(f"/records/{body['uuid']}/edit")
    assert response.status_code == 302
    assert response.location.endswith(f"/records/{body['uuid']}")
    form = flatten(body)
    form["captured_at"] = "2026-03-05T09:12"
    form["version"] = "1"
    form["data-caregiver"] = "别人"
    assert client.post(f"/records/{body['uuid']}/edit", data=form).status_code == 302
    assert only(Record).version == 1 and only(Record).data["caregiver"] == "王小红"


def test_reopen_from_the_record_page_needs_a_reason(client, login, make_user, stored):
    worker, body = stored
    login(make_user("supervisor"))
    approve(client, body["uuid"])
    response = client.post(
        f"/records/{body['uuid']}/reopen", data={"comment": " "}, follow_redirects=True
    )
    assert "请写明重新打开的原因" in response.get_data(as_text=True)
    assert only(Record).status == "approved"
    response = client.post(
        f"/records/{body['uuid']}/reopen",
        data={"comment": "照料人电话缺失"},
        follow_redirects=True,
    )
    page = response.get_data(as_text=True)
    assert only(Record).status == "returned"
    assert "照料人电话缺失" in page and "重新打开" in page
    assert count(Review) == 2


def test_the_author_sees_no_review_form_on_their_own_record(
    client, login, make_user, household
):
    admin = make_user("admin", towns=())
    body = record_payload("respite_assessment", household)
    Api(client, issue_token(admin)[0]).post("/api/v1/records", json=body)
    login(admin)
    page = client.get(f"/records/{body['uuid']}").get_data(as_text=True)
    assert 'name="decision"' not in page
    assert approve(client, body["uuid"]).status_code == 403
    assert only(Record).status == "submitted"
