"""Review bound to the version read, locked approvals, reopen, last_review (API)."""

import pytest

from fieldapp.extensions import db
from fieldapp.models import AuditLog, Record, Review
from tests.factories import WRITER, count, only, record_payload

KIND = "respite_assessment"


@pytest.fixture
def worker(api, make_user):
    """The rehabilitation worker who writes the record, as an API client."""
    user = make_user(WRITER[KIND], towns=["469006100"])
    client = api(user)
    client.user = user
    return client


@pytest.fixture
def boss(api, make_user):
    """A supervisor of the record's town."""
    return api(make_user("supervisor", towns=["469006100"]))


@pytest.fixture
def body(worker, household):
    """A stored record (version 1, submitted) and its body."""
    payload = record_payload(KIND, household)
    assert worker.post("/api/v1/records", json=payload).status_code == 201
    return payload


def url(body, action=""):
    return f"/api/v1/records/{body['uuid']}" + (f"/{action}" if action else "")


def correct(worker, body, version, **data):
    body["data"].update(data)
    return worker.put(url(body), json={**body, "version": version})


def test_review_needs_the_version_read(boss, body):
    response = boss.post(url(body, "review"), json={"decision": "approve"})
    assert response.status_code == 422
    assert "version" in response.get_json()["errors"]
    for junk in ("one", 0, True, 1.5):
        answer = boss.post(
            url(body, "review"), json={"decision": "approve", "version": junk}
        )
        assert answer.status_code == 422, junk
    assert only(Record).status == "submitted"


def test_a_newer_version_answers_409_with_the_current_record(boss, worker, body):
    assert correct(worker, body, 1, caregiver="李秀英").status_code == 200
    response = boss.post(
        url(body, "review"), json={"decision": "approve", "version": 1}
    )
    assert response.status_code == 409
    answer = response.get_json()
    assert answer["error"] == "stale_version"
    assert answer["current"]["version"] == 2
    assert answer["current"]["data"]["caregiver"] == "李秀英"
    assert only(Record).status == "submitted" and count(Review) == 0
    ok = boss.post(url(body, "review"), json={"decision": "approve", "version": 2})
    assert ok.status_code == 200 and ok.get_json()["status"] == "approved"


def test_nobody_reviews_a_record_they_wrote(api, make_user, household):
    admin = make_user("admin", towns=())
    client = api(admin)
    payload = record_payload(KIND, household)
    client.post("/api/v1/records", json=payload)
    response = client.post(
        url(payload, "review"), json={"decision": "approve", "version": 1}
    )
    assert response.status_code == 403
    assert response.get_json()["error"] == "own_record"
    reopen = client.post(url(payload, "reopen"), json={"comment": "再看看"})
    assert reopen.status_code == 403
    assert only(Record).status == "submitted"


def test_returning_without_a_comment_is_a_field_error(boss, body):
    for comment in (None, "", "   "):
        review = {"decision": "return", "version": 1}
        if comment is not None:
            review["comment"] = comment
        response = boss.post(url(body, "review"), json=review)
        assert response.status_code == 422
        assert list(response.get_json()["errors"]) == ["comment"]
    assert only(Record).status == "submitted"


def test_reviewing_a_record_of_another_town_is_404(api, make_user, body):
    outsider = api(make_user("supervisor", towns=["469006101"]))
    review = {"decision": "approve", "version": 1}
    assert outsider.post(url(body, "review"), json=review).status_code == 404
    reopen = outsider.post(url(body, "reopen"), json={"comment": "x"})
    assert reopen.status_code == 404


def test_an_approved_record_is_locked(boss, worker, body):
    boss.post(url(body, "review"), json={"decision": "approve", "version": 1})
    response = correct(worker, body, 1, caregiver="另一个人")
    assert response.status_code == 409
    answer = response.get_json()
    assert answer["error"] == "record_locked"
    assert answer["current"]["status"] == "approved"
    stale = correct(worker, body, 7, caregiver="又一个人")
    assert stale.status_code == 409 and stale.get_json()["error"] == "record_locked"
    assert only(Record).version == 1 and only(Record).data["caregiver"] == "王小红"


def test_approving_again_is_answered_once_returning_it_is_locked(boss, body):
    review = {"decision": "approve", "version": 1}
    first = boss.post(url(body, "review"), json=review)
    again = boss.post(url(body, "review"), json=review)
    assert again.status_code == 200 and again.get_json() == first.get_json()
    assert count(Review) == 1
    back = boss.post(
        url(body, "review"),
        json={"decision": "return", "comment": "改主意了", "version": 1},
    )
    assert back.status_code == 409 and back.get_json()["error"] == "record_locked"


def test_reopen_returns_an_approved_record_to_its_author(boss, worker, body):
    boss.post(url(body, "review"), json={"decision": "approve", "version": 1})
    response = boss.post(url(body, "reopen"), json={"comment": "照料人姓名有误"})
    assert response.status_code == 200
    record = response.get_json()
    assert record["status"] == "returned"
    assert record["last_review"]["decision"] == "reopen"
    assert record["last_review"]["comment"] == "照料人姓名有误"
    todo = worker.get("/api/v1/records?status=returned&author=me").get_json()
    assert [item["uuid"] for item in todo["items"]] == [body["uuid"]]
    corrected = correct(worker, body, 1, caregiver="李秀英")
    assert corrected.status_code == 200
    assert corrected.get_json()["status"] == "submitted"
    assert corrected.get_json()["version"] == 2


def test_reopen_is_audited(boss, body):
    boss.post(url(body, "review"), json={"decision": "approve", "version": 1})
    boss.post(url(body, "reopen"), json={"comment": "照料人姓名有误"})
    actions = [e.action for e in db.session.query(AuditLog).order_by(AuditLog.id)]
    assert actions.count("review") == 1 and actions.count("reopen") == 1
    entry = db.session.query(AuditLog).filter_by(action="reopen").one()
    assert entry.object_key == body["uuid"] and entry.detail["version"] == 1
    assert "照料人" not in str(entry.detail)


@pytest.mark.parametrize("comment", [None, "", "  "])
def test_reopen_needs_a_reason(boss, body, comment):
    boss.post(url(body, "review"), json={"decision": "approve", "version": 1})
    raw = {} if comment is None else {"comment": comment}
    response = boss.post(url(body, "reopen"), json=raw)
    assert response.status_code == 422
    assert list(response.get_json()["errors"]) == ["comment"]
    assert only(Record).status == "approved"


def test_only_supervisors_reopen_and_only_approved_records(boss, worker, body):
    assert boss.post(url(body, "reopen"), json={"comment": "x"}).status_code == 409
    boss.post(url(body, "review"), json={"decision": "approve", "version": 1})
    assert worker.post(url(body, "reopen"), json={"comment": "x"}).status_code == 403
    assert only(Record).status == "approved"


def test_last_review_says_who_when_and_which_version(boss, worker, body):
    assert worker.get(url(body)).get_json()["last_review"] is None
    boss.post(
        url(body, "review"),
        json={"decision": "return", "comment": "补拍照片", "version": 1},
    )
    correct(worker, body, 1, caregiver="李秀英")
    boss.post(url(body, "review"), json={"decision": "approve", "version": 2})
    last = worker.get(url(body)).get_json()["last_review"]
    assert last["decision"] == "approve" and last["version"] == 2
    assert last["by"].startswith("supervisor") and last["at"].endswith("+00:00")
    assert last["by_name"] == last["by"]  # no display name: the username
    listed = worker.get("/api/v1/records").get_json()["items"][0]["last_review"]
    assert listed == last


def test_last_review_names_the_reviewer_as_the_app_shows_them(
    boss, worker, body, make_user, api
):
    from fieldapp.extensions import db

    named = make_user("supervisor", towns=["469006100"])
    named.display_name = "林秀梅"
    db.session.commit()
    api(named).post(
        url(body, "review"),
        json={"decision": "return", "comment": "补拍照片", "version": 1},
    )
    last = worker.get(url(body)).get_json()["last_review"]
    assert (last["by"], last["by_name"]) == (named.username, "林秀梅")


def test_a_correction_made_offline_meets_a_reopen_with_both_versions_kept(
    boss, worker, body
):
    """Returned, corrected on a phone offline (based on v1); meanwhile corrected
    elsewhere, approved and reopened: the phone's PUT is a 409 carrying the
    server's record, and the server keeps its version."""
    boss.post(
        url(body, "review"), json={"decision": "return", "comment": "x", "version": 1}
    )
    phone = {**body, "data": {**body["data"], "caregiver": "手机上改的"}}
    assert correct(worker, body, 1, caregiver="电脑上改的").status_code == 200
    boss.post(url(body, "review"), json={"decision": "approve", "version": 2})
    boss.post(url(body, "reopen"), json={"comment": "再核对一次"})
    response = worker.put(url(body), json={**phone, "version": 1})
    assert response.status_code == 409
    current = response.get_json()["current"]
    assert current["version"] == 2 and current["status"] == "returned"
    assert current["data"]["caregiver"] == "电脑上改的"
    assert current["last_review"]["comment"] == "再核对一次"
    resent = worker.put(url(body), json={**phone, "version": 2})
    assert resent.status_code == 200
    assert resent.get_json()["data"]["caregiver"] == "手机上改的"
