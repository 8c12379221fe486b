"""Acceptance needs evidence: an accepted or paid renovation (or accessibility job)
is approved only with a `before` and an `after` photo (422 `photos_required`
from the review call, the API and the record page alike)."""

import io

import pytest
from PIL import Image

from fieldapp.models import Record
from tests.factories import new_uuid, only, record_payload
from tests.web.test_survey_renovation import inspect, renovation

ACCESSIBILITY_FACTS = {
    "started_on": "2026-04-01",
    "accepted_on": "2026-05-01",
    "paid_on": "2026-05-20",
}


@pytest.fixture
def inspector(make_user):
    return make_user("inspector")


@pytest.fixture
def boss(api, make_user):
    return api(make_user("supervisor", towns=["469006100"]))


def png(color) -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (40, 30), color).save(buffer, "PNG")
    return buffer.getvalue()


def add_photo(api, user, uuid, tag, color="red"):
    response = api(user).post(
        f"/api/v1/records/{uuid}/photos",
        data={
            "uuid": new_uuid(),
            "tag": tag,
            "file": (io.BytesIO(png(color)), "p.png"),
        },
        content_type="multipart/form-data",
    )
    assert response.status_code == 201, response.json
    assert response.json["tag"] == tag


def approve(boss, uuid, version=1):
    return boss.post(
        f"/api/v1/records/{uuid}/review",
        json={"decision": "approve", "version": version},
    )


def stored_renovation(api, inspector, household, stage) -> str:
    inspection = inspect(api, inspector, household, "D")
    body = renovation(household, inspection, stage)
    assert api(inspector).post("/api/v1/records", json=body).status_code == 201
    return body["uuid"]


def stored_job(api, inspector, household, stage) -> str:
    body = record_payload("accessibility_assessment", household)
    body["data"].update(stage=stage, **ACCESSIBILITY_FACTS)
    assert api(inspector).post("/api/v1/records", json=body).status_code == 201
    return body["uuid"]


STORE = {
    "housing_renovation": stored_renovation,
    "accessibility_assessment": stored_job,
}


@pytest.mark.parametrize("kind", list(STORE))
@pytest.mark.parametrize("stage", ["accepted", "paid"])
@pytest.mark.parametrize(
    "tags", [(), ("before",), ("after",), ("after", "", "site"), ("before", "before")]
)
def test_accepted_works_without_both_photos_are_not_approved(
    api, inspector, boss, household, kind, stage, tags
):
    uuid = STORE[kind](api, inspector, household, stage)
    for tag in tags:
        add_photo(api, inspector, uuid, tag)
    response = approve(boss, uuid)
    assert response.status_code == 422, response.json
    assert response.json["error"] == "photos_required"
    assert list(response.json["errors"]) == ["photos"]
    record = only(Record, uuid=uuid)
    assert (record.status, record.reviews) == ("submitted", [])


@pytest.mark.parametrize("kind", list(STORE))
def test_before_and_after_photos_let_accepted_works_be_approved(
    api, inspector, boss, household, kind
):
    uuid = STORE[kind](api, inspector, household, "accepted")
    add_photo(api, inspector, uuid, "before", "red")
    response = approve(boss, uuid)
    assert "改造后" in response.json["errors"]["photos"][0]
    add_photo(api, inspector, uuid, "after", "green")
    assert approve(boss, uuid).status_code == 200
    assert only(Record, uuid=uuid).status == "approved"


@pytest.mark.parametrize(
    ("kind", "stage"),
    [("housing_renovation", "completed"), ("accessibility_assessment", "in_works")],
)
def test_works_not_yet_accepted_need_no_photos(
    api, inspector, boss, household, kind, stage
):
    uuid = STORE[kind](api, inspector, household, stage)
    assert approve(boss, uuid).status_code == 200


def test_returning_accepted_works_needs_no_photos(api, inspector, boss, household):
    uuid = stored_renovation(api, inspector, household, "paid")
    response = boss.post(
        f"/api/v1/records/{uuid}/review",
        json={"decision": "return", "version": 1, "comment": "缺照片"},
    )
    assert response.status_code == 200
    assert only(Record, uuid=uuid).status == "returned"


def test_the_record_page_says_which_photo_is_missing(
    app, client, api, inspector, make_user, login, household
):
    uuid = stored_renovation(api, inspector, household, "accepted")
    add_photo(api, inspector, uuid, "after")
    login(make_user("supervisor", towns=["469006100"]))
    response = client.post(
        f"/records/{uuid}/review",
        data={"decision": "approve", "version": "1"},
        follow_redirects=True,
    )
    page = response.get_data(as_text=True)
    assert "缺少:改造前" in page
    assert only(Record, uuid=uuid).status == "submitted"
