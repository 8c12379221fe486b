"""Races: identical requests at once, edits on one version at once, a live server.

Real threads send real HTTP requests to the app served by a threaded server, so
each request has its own database connection, on SQLite and on PostgreSQL.
"""

import io
import urllib.parse

import pytest
from PIL import Image
from sqlalchemy import select

from fieldapp.extensions import db
from fieldapp.models import Household, Photo, Record, RecordVersion
from fieldapp.services.accounts import issue_token
from tests.factories import count, new_uuid, record_payload
from tests.live import at_once, call, multipart, serving

THREADS = 6


@pytest.fixture(scope="module")
def live(_app):
    """The test app served over HTTP for the whole module."""
    with serving(_app) as url:
        yield url


@pytest.fixture
def bearer(app, make_user):
    """Authorization headers for a new user of a role."""

    def make(role="inspector") -> dict:
        return {"Authorization": f"Bearer {issue_token(make_user(role))[0]}"}

    return make


def statuses(answers) -> list[int]:
    """The status codes, sorted."""
    return sorted(answer.status for answer in answers)


def test_identical_household_posts_at_once_create_one(live, bearer):
    from tests.factories import household_payload

    headers, body = bearer(), household_payload()
    answers = at_once(
        THREADS,
        lambda _i: call(
            f"{live}/api/v1/households", "POST", json_body=body, headers=headers
        ),
    )
    assert statuses(answers) == [200] * (THREADS - 1) + [201]
    assert count(Household, uuid=body["uuid"]) == 1
    assert {a.body["uuid"] for a in answers} == {body["uuid"]}


def test_identical_record_posts_at_once_create_one(live, bearer, household):
    headers = bearer()
    body = record_payload("housing_inspection", household)
    answers = at_once(
        THREADS,
        lambda _i: call(
            f"{live}/api/v1/records", "POST", json_body=body, headers=headers
        ),
    )
    assert statuses(answers) == [200] * (THREADS - 1) + [201]
    assert count(Record, uuid=body["uuid"]) == 1
    assert count(RecordVersion) == 1


def png(size=(800, 600)) -> bytes:
    out = io.BytesIO()
    Image.new("RGB", size, (90, 140, 60)).save(out, "PNG")
    return out.getvalue()


def test_identical_photo_uploads_at_once_store_one(live, bearer, household):
    headers = bearer()
    record = record_payload("housing_inspection", household)
    assert call(f"{live}/api/v1/records", "POST", json_body=record, headers=headers)
    body, content_type = multipart({"uuid": new_uuid()}, "file", "p.png", png())
    url = f"{live}/api/v1/records/{record['uuid']}/photos"
    answers = at_once(
        THREADS,
        lambda _i: call(
            url,
            "POST",
            data=body,
            headers={**headers, "Content-Type": content_type},
        ),
    )
    assert statuses(answers) == [200] * (THREADS - 1) + [201]
    assert count(Photo) == 1


def test_corrections_on_one_version_at_once_keep_exactly_one(live, bearer, household):
    headers = bearer()
    body = record_payload("housing_inspection", household)
    created = call(f"{live}/api/v1/records", "POST", json_body=body, headers=headers)
    assert created.status == 201
    url = f"{live}/api/v1/records/{body['uuid']}"

    def correct(index: int):
        edit = {**body, "version": 1}
        edit["data"] = {**body["data"], "built_year": 1980 + index}
        return call(url, "PUT", json_body=edit, headers=headers)

    answers = at_once(THREADS, correct)
    assert statuses(answers) == [200] + [409] * (THREADS - 1)
    winner = next(a for a in answers if a.status == 200).body
    assert winner["version"] == 2
    assert all(a.body["current"]["version"] == 2 for a in answers if a.status == 409)
    stored = db.session.scalar(select(Record).where(Record.uuid == body["uuid"]))
    assert stored.version == 2
    assert stored.data["built_year"] == winner["data"]["built_year"]
    assert count(RecordVersion) == 2


def household_form(household, village: str) -> dict:
    """The edit page's fields for a household with one changed village."""
    head = household.members[0]
    return {
        "uuid": household.uuid,
        "version": "1",
        "town_code": household.town_code,
        "village": village,
        "address": household.address,
        "poverty_status": household.poverty_status,
        "members-0-uuid": head.uuid,
        "members-0-name": head.name,
        "members-0-relation": head.relation,
        "members-0-id_number": head.id_number,
        "members-0-disability_card": head.disability_card or "",
        "members-0-phone": head.phone,
    }


def test_household_edits_on_one_version_at_once_keep_exactly_one(
    live, bearer, household
):
    headers = {
        **bearer(),
        "Content-Type": "application/x-www-form-urlencoded",
    }
    url = f"{live}/households/{household.uuid}/edit"

    def edit(index: int):
        form = household_form(household, f"新村{index}")
        data = urllib.parse.urlencode(form).encode()
        return call(url, "POST", data=data, headers=headers)

    answers = at_once(THREADS, edit)
    assert statuses(answers) == [302] + [409] * (THREADS - 1)
    db.session.expire_all()
    stored = db.session.get(Household, household.id)
    assert stored.version == 2
    assert stored.village.startswith("新村")


def test_any_other_write_that_loses_a_version_race_is_a_409(
    api, make_user, household, monkeypatch
):
    from sqlalchemy.orm.exc import StaleDataError

    from fieldapp.services import reviews

    client = api(make_user("inspector"))
    body = record_payload("housing_inspection", household)
    assert client.post("/api/v1/records", json=body).status_code == 201

    def raced(*_args, **_kwargs):
        raise StaleDataError("UPDATE statement on table 'record' matched 0 rows")

    monkeypatch.setattr(reviews, "review", raced)
    supervisor = api(make_user("supervisor"))
    response = supervisor.post(
        f"/api/v1/records/{body['uuid']}/review",
        json={"decision": "approve", "version": 1},
    )
    assert response.status_code == 409
    assert response.get_json()["error"] == "stale_version"
