"""The audit log: creates, updates, deletes, logins, unmasked views; no raw IDs."""

import json

from sqlalchemy import select

from fieldapp.extensions import db
from fieldapp.models import AuditLog
from tests.factories import household_payload, record_payload


def entries(action=None):
    stmt = select(AuditLog).order_by(AuditLog.id)
    if action:
        stmt = stmt.where(AuditLog.action == action)
    return db.session.scalars(stmt).all()


def test_create_update_and_review_are_logged_with_the_actor(api, make_user):
    inspector = make_user("inspector")
    client = api(inspector)
    body = household_payload()
    client.post("/api/v1/households", json=body)
    created = [e for e in entries("create") if e.object_type == "household"]
    assert created[0].actor_name == inspector.username
    assert created[0].object_key == body["uuid"]
    assert any(e.object_type == "person" for e in entries("create"))


def test_record_correction_is_logged_as_an_update(api, make_user, make_household):
    household = make_household()
    worker = make_user("inspector")
    body = record_payload("housing_inspection", household)
    api(worker).post("/api/v1/records", json=body)
    body["data"]["floors"] = 2
    api(worker).put(f"/api/v1/records/{body['uuid']}", json={**body, "version": 1})
    updates = [e for e in entries("update") if e.object_type == "record"]
    assert updates and "data" in updates[-1].detail["fields"]


def test_logins_and_failures_are_logged(client, make_user):
    user = make_user()
    client.post("/login", data={"username": user.username, "password": "wrong"})
    client.post(
        "/login", data={"username": user.username, "password": "correct-horse-9"}
    )
    assert [e.action for e in entries() if e.action.startswith("login")] == [
        "login_failed",
        "login",
    ]


def test_no_unmasked_number_ever_reaches_the_log(api, make_user, client, login):
    user = make_user("supervisor")
    body = household_payload()
    api(user).post("/api/v1/households", json=body)
    api(user).get(f"/api/v1/households/{body['uuid']}?unmasked=1")
    login(user)
    client.get(f"/households/{body['uuid']}/edit?unmasked=1")
    idn = body["members"][0]["id_number"]
    dumped = json.dumps(
        [(e.object_key, e.detail) for e in entries()], ensure_ascii=False
    )
    assert idn not in dumped and idn[6:14] not in dumped
