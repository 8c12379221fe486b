"""Survey pages: the form of each kind, the no-JavaScript post, record page, review."""

import re

import pytest

from fieldapp.models import Record
from forms.json import flatten
from tests.factories import SAMPLE_DATA, WRITER, count, only


def page_uuid(html: str) -> str:
    return re.search(r'name="uuid"[^>]*value="([0-9a-f-]{36})"', html).group(1)


@pytest.mark.parametrize("kind", list(SAMPLE_DATA))
def test_form_page_renders_with_api_field_names(
    client, login, make_user, household, kind
):
    login(make_user(WRITER[kind]))
    response = client.get(f"/surveys/{kind}/new?household={household.uuid}")
    assert response.status_code == 200
    html = response.get_data(as_text=True)
    assert 'data-outbox="records"' in html
    assert 'name="location-lat"' in html
    assert 'name="data-' in html


@pytest.mark.parametrize("kind", list(SAMPLE_DATA))
def test_form_page_is_also_an_offline_shell_without_household(
    client, login, make_user, kind
):
    login(make_user(WRITER[kind]))
    assert client.get(f"/surveys/{kind}/new").status_code == 200


def test_wrong_role_and_unknown_kind(client, login, make_user, household):
    login(make_user("inspector"))
    assert (
        client.get(
            f"/surveys/respite_assessment/new?household={household.uuid}"
        ).status_code
        == 403
    )
    assert client.get("/surveys/nonsense/new").status_code == 404


def test_no_js_post_stores_the_record_and_shows_it(client, login, make_user, household):
    login(make_user("rehab_worker"))
    html = client.get(
        f"/surveys/respite_assessment/new?household={household.uuid}"
    ).get_data(as_text=True)
    uuid = page_uuid(html)
    form = flatten({"data": SAMPLE_DATA["respite_assessment"]})
    form.update(
        {
            "uuid": uuid,
            "kind": "respite_assessment",
            "household_uuid": household.uuid,
            "person_uuid": household.members[0].uuid,
            "captured_at": "2026-03-05T09:12",
            "location-lat": "18.8",
            "location-lon": "110.39",
            "location-accuracy_m": "9",
        }
    )
    response = client.post("/surveys/respite_assessment/new", data=form)
    assert response.status_code == 302, response.get_data(as_text=True)
    page = client.get(response.headers["Location"]).get_data(as_text=True)
    assert "55" in page and "中度依赖" in page
    assert only(Record).uuid == uuid


def test_refused_post_keeps_everything_typed(client, login, make_user, household):
    login(make_user("rehab_worker"))
    form = flatten(
        {"data": {**SAMPLE_DATA["respite_assessment"], "caregiver": "李照顾"}}
    )
    form["data-barthel-bathing"] = "10"
    form.update(
        {
            "uuid": "3f1c7c53-3b8a-4c11-9c53-1b3e8f0f4a11",
            "kind": "respite_assessment",
            "household_uuid": household.uuid,
            "person_uuid": household.members[0].uuid,
            "captured_at": "2026-03-05T09:12",
        }
    )
    response = client.post("/surveys/respite_assessment/new", data=form)
    assert response.status_code == 422
    html = response.get_data(as_text=True)
    assert "只能是以下分值之一" in html
    assert 'value="李照顾"' in html
    assert count(Record) == 0


def test_record_page_edit_and_review(client, login, api, make_user, household):
    from tests.factories import record_payload

    worker = make_user("rehab_worker")
    body = record_payload("respite_assessment", household)
    api(worker).post("/api/v1/records", json=body)
    supervisor = make_user("supervisor")
    login(supervisor)
    page = client.get(f"/records/{body['uuid']}").get_data(as_text=True)
    assert "待督导确认" in page
    client.post(
        f"/records/{body['uuid']}/review",
        data={"decision": "return", "comment": "补充照料人", "version": "1"},
    )
    assert only(Record).status == "returned"
    client.post("/logout")
    login(worker)
    page = client.get(f"/records/{body['uuid']}").get_data(as_text=True)
    assert "补充照料人" in page
    edit = client.get(f"/records/{body['uuid']}/edit").get_data(as_text=True)
    assert 'value="王小红"' in edit
    form = flatten({k: v for k, v in body.items()})
    form["captured_at"] = "2026-03-05T09:12"
    form["version"] = "1"
    assert client.post(f"/records/{body['uuid']}/edit", data=form).status_code == 302
    assert only(Record).status == "submitted" and only(Record).version == 2
    form["version"] = "1"
    form["data-caregiver"] = "别人"
    assert client.post(f"/records/{body['uuid']}/edit", data=form).status_code == 409
