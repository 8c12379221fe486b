"""The supervisor's queue (/review): scope, order, filters, counts, next."""

import re
from datetime import UTC, datetime, timedelta

import pytest

from fieldapp.extensions import db
from fieldapp.models import Record
from fieldapp.services.accounts import issue_token
from tests.conftest import Api
from tests.factories import WRITER, only, record_payload


@pytest.fixture
def boss(make_user, login):
    """A supervisor of 万城镇, logged in."""
    user = make_user("supervisor", towns=["469006100"])
    login(user)
    return user


@pytest.fixture
def api(app):
    """api(user): a bearer-token client of its own (the page client is logged in)."""
    return lambda user: Api(app.test_client(), issue_token(user)[0])


@pytest.fixture
def submit(api, make_user):
    """Store a record of a kind through the API, stored `days` ago."""
    writers = {}

    def make(kind, household, days=0, **overrides):
        role = WRITER[kind]
        if role not in writers:
            writers[role] = make_user(role, towns=["469006100", "469006101"])
        body = record_payload(kind, household, **overrides)
        response = api(writers[role]).post("/api/v1/records", json=body)
        assert response.status_code == 201, response.get_json()
        record = only(Record, uuid=body["uuid"])
        record.versions[-1].created_at = datetime.now(UTC) - timedelta(days=days)
        db.session.commit()
        return record

    make.writers = writers
    return make


def queue_uuids(page: str) -> list[str]:
    """The record uuids of the queue's rows, in order."""
    return re.findall(r'class="row queue-row" href="[^"]*" data-uuid="([^"]+)"', page)


def test_only_reviewers_open_the_queue(client, login, make_user):
    for role in ("inspector", "rehab_worker"):
        login(make_user(role))
        assert client.get("/review").status_code == 403
        client.post("/logout")


def test_queue_lists_submitted_records_of_my_towns_oldest_first(
    client, boss, submit, make_household
):
    home, away = make_household("469006100"), make_household("469006101")
    newer = submit("housing_inspection", home, days=1)
    older = submit("respite_assessment", home, days=5)
    submit("housing_inspection", away, days=9)
    done = submit("device_fitting", home, days=7)
    done.status = "approved"
    db.session.commit()
    page = client.get("/review").get_data(as_text=True)
    assert queue_uuids(page) == [older.uuid, newer.uuid]
    assert 'data-age-days="5"' in page and 'data-age-days="1"' in page
    assert "Barthel 总分: <strong>55</strong>" in page
    assert "C级(局部危房)" in page


def test_rows_show_household_kind_key_values_and_flags(client, boss, submit, household):
    submit(
        "accessibility_assessment",
        household,
        location={"lat": 18.80, "lon": 110.39, "accuracy_m": 80},
    )
    page = client.get("/review").get_data(as_text=True)
    assert household.head.name in page
    assert "无障碍改造评估" in page
    assert "预计总费用: <strong>2,100.00 元</strong>" in page
    assert "定位精度差" in page


def test_filters_by_town_kind_author_and_flag_with_counts_per_kind(
    client, make_user, login, submit, make_household
):
    login(make_user("supervisor", towns=["469006100", "469006101"]))
    home, away = make_household("469006100"), make_household("469006101")
    a = submit("housing_inspection", home, days=3)
    b = submit("respite_assessment", home, days=2, location=None)
    c = submit("housing_inspection", away, days=1)
    assert queue_uuids(client.get("/review").get_data(as_text=True)) == [
        a.uuid,
        b.uuid,
        c.uuid,
    ]
    by_town = client.get("/review?town=469006101").get_data(as_text=True)
    assert queue_uuids(by_town) == [c.uuid]
    by_kind = client.get("/review?kind=housing_inspection").get_data(as_text=True)
    assert queue_uuids(by_kind) == [a.uuid, c.uuid]
    assert 'data-kind="respite_assessment" data-count="1"' in by_kind
    assert 'data-kind="housing_inspection" data-count="2"' in by_kind
    in_town = client.get("/review?town=469006100").get_data(as_text=True)
    assert 'data-kind="housing_inspection" data-count="1"' in in_town
    flagged = client.get("/review?flag=gps_missing").get_data(as_text=True)
    assert queue_uuids(flagged) == [b.uuid]
    author = submit.writers["rehab_worker"].username
    by_author = client.get(f"/review?author={author}").get_data(as_text=True)
    assert queue_uuids(by_author) == [b.uuid]


def test_an_unknown_filter_value_is_a_field_error_not_a_crash(
    client, boss, submit, household
):
    record = submit("housing_inspection", household)
    response = client.get("/review?town=469006101&kind=bogus&flag=%25")
    assert response.status_code == 200
    page = response.get_data(as_text=True)
    assert queue_uuids(page) == [record.uuid]
    assert page.count('class="error"') == 3


def test_my_own_records_are_not_in_my_queue(client, api, make_user, login, household):
    admin = make_user("admin", towns=())
    api(admin).post(
        "/api/v1/records", json=record_payload("housing_inspection", household)
    )
    login(admin)
    assert queue_uuids(client.get("/review").get_data(as_text=True)) == []


def test_review_page_shows_changes_since_the_last_reviewed_version(
    client, boss, api, submit, household
):
    record = submit("respite_assessment", household)
    page = client.get(f"/review/{record.uuid}").get_data(as_text=True)
    assert "首次提交" in page
    reviewer = api(boss)
    url = f"/api/v1/records/{record.uuid}"
    reviewer.post(
        url + "/review",
        json={"decision": "return", "comment": "进食分错了", "version": 1},
    )
    worker = api(submit.writers["rehab_worker"])
    body = worker.get(url).get_json()
    body["data"]["barthel"]["feeding"] = 10
    body["data"]["caregiver"] = "李秀英"
    assert worker.put(url, json={**body, "version": 1}).status_code == 200
    page = client.get(f"/review/{record.uuid}").get_data(as_text=True)
    assert "自第 1 版(上次审核)以来的改动" in page
    assert 'data-changes="3"' in page
    assert "进食" in page and "10 · 自理" in page
    assert "主要照料人" in page and "<ins>李秀英</ins>" in page
    assert (
        "Barthel 总分" in page and "<del>55</del>" in page and "<ins>60</ins>" in page
    )


def test_approve_goes_straight_to_the_next_one(client, boss, submit, household):
    first = submit("housing_inspection", household, days=3)
    second = submit("housing_inspection", household, days=2)
    third = submit("respite_assessment", household, days=1)
    response = client.post(
        f"/review/{second.uuid}?kind=housing_inspection",
        data={"decision": "approve", "version": "1"},
    )
    assert response.status_code == 302
    assert response.location.endswith(f"/review/{first.uuid}?kind=housing_inspection")
    assert only(Record, uuid=second.uuid).status == "approved"
    response = client.post(
        f"/review/{first.uuid}?kind=housing_inspection",
        data={"decision": "return", "comment": "请补拍屋面", "version": "1"},
    )
    assert response.location.endswith("/review?kind=housing_inspection")
    response = client.post(
        f"/review/{third.uuid}", data={"decision": "approve", "version": "1"}
    )
    assert response.location.endswith("/review")


def test_return_without_comment_shows_the_field_error(client, boss, submit, household):
    record = submit("housing_inspection", household)
    response = client.post(
        f"/review/{record.uuid}", data={"decision": "return", "version": "1"}
    )
    assert response.status_code == 422
    page = response.get_data(as_text=True)
    assert 'id="review-comment-error"' in page and "退回时请写明" in page
    assert only(Record).status == "submitted"


def test_a_stale_version_shows_the_change_instead_of_approving(
    client, boss, api, submit, household
):
    record = submit("respite_assessment", household)
    worker = api(submit.writers["rehab_worker"])
    url = f"/api/v1/records/{record.uuid}"
    body = worker.get(url).get_json()
    body["data"]["caregiver"] = "新的照料人"
    worker.put(url, json={**body, "version": 1})
    response = client.post(
        f"/review/{record.uuid}", data={"decision": "approve", "version": "1"}
    )
    assert response.status_code == 409
    page = response.get_data(as_text=True)
    assert only(Record).status == "submitted"
    assert "您看到第 1 版后的改动" in page and "<ins>新的照料人</ins>" in page
    assert 'name="version" value="2"' in page


def test_the_record_page_reviews_the_version_it_showed(
    client, boss, api, submit, household
):
    record = submit("respite_assessment", household)
    page = client.get(f"/records/{record.uuid}").get_data(as_text=True)
    assert 'name="version" value="1"' in page
    worker = api(submit.writers["rehab_worker"])
    url = f"/api/v1/records/{record.uuid}"
    body = worker.get(url).get_json()
    body["data"]["caregiver"] = "新的照料人"
    worker.put(url, json={**body, "version": 1})
    response = client.post(
        f"/records/{record.uuid}/review", data={"decision": "approve", "version": "1"}
    )
    assert response.location.endswith(f"/review/{record.uuid}?seen=1")
    assert only(Record).status == "submitted"


def test_review_page_of_another_town_is_404(client, boss, submit, make_household):
    away = submit("housing_inspection", make_household("469006101"))
    assert client.get(f"/review/{away.uuid}").status_code == 404
    response = client.post(
        f"/review/{away.uuid}", data={"decision": "approve", "version": "1"}
    )
    assert response.status_code == 404
    assert only(Record).status == "submitted"


def test_filter_on_an_author_stays_once_their_last_record_is_reviewed(
    client, boss, submit, household
):
    record = submit("housing_inspection", household)
    author = submit.writers["inspector"].username
    response = client.post(
        f"/review/{record.uuid}?author={author}",
        data={"decision": "approve", "version": "1"},
    )
    assert response.location.endswith(f"/review?author={author}")
    page = client.get(f"/review?author={author}").get_data(as_text=True)
    assert queue_uuids(page) == [] and 'class="error"' not in page
    assert f'<option selected value="{author}">' in page


def test_an_unknown_filter_value_is_explained_in_chinese(client, make_user, login):
    login(make_user("supervisor"))
    html = client.get("/review?kind=foo").get_data(as_text=True)
    assert "不是有效的选择。" in html and "Not a valid choice" not in html
