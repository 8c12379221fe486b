"""Respite services through the API and the page: the eligible-assessment link,
each 422, ending a service by correction, and "active" as of today."""

import json
import re
from datetime import date

import pytest

from fieldapp.models import Record
from tests.factories import count, make_id, member_payload, new_uuid, record_payload

KIND = "respite_service"


@pytest.fixture
def worker(make_user):
    return make_user("rehab_worker", towns=["469006100"])


def assess(client, household, person=None, **overrides):
    """Store a respite assessment through the API; its answer."""
    body = record_payload("respite_assessment", household, person, **overrides)
    response = client.post("/api/v1/records", json=body)
    assert response.status_code == 201, response.get_json()
    return response.get_json()


def service_body(household, assessment_uuid, person=None, **data) -> dict:
    """A respite service body for the household's first member (or `person`)."""
    body = {
        "uuid": new_uuid(),
        "kind": KIND,
        "household_uuid": household.uuid,
        "person_uuid": (person or household.members[0]).uuid,
        "captured_at": "2026-05-02T10:00:00+08:00",
        "location": {"lat": household.lat, "lon": household.lon, "accuracy_m": 8.0},
        "data": {
            "assessment_uuid": assessment_uuid,
            "mode": "home",
            "provider": "万宁市托养中心",
            "started_on": "2026-05-01",
            "ended_on": None,
            "monthly_subsidy": 300.0,
        },
    }
    body["data"].update(data)
    return body


def test_service_on_an_eligible_assessment_is_stored_and_active_today(
    api, worker, household, today
):
    today("2026-06-01")
    client = api(worker)
    assessment = assess(client, household)
    assert assessment["computed"]["eligible"] is True
    response = client.post(
        "/api/v1/records", json=service_body(household, assessment["uuid"])
    )
    assert response.status_code == 201, response.get_json()
    stored = response.get_json()
    assert stored["kind"] == KIND and stored["status"] == "submitted"
    assert stored["computed"]["active"] is True
    assert stored["computed"]["care_level"] == assessment["computed"]["care_level"]
    assert count(Record, kind=KIND) == 1


def test_active_is_worked_out_for_today_not_the_day_it_was_stored(
    api, worker, household, today
):
    today("2026-06-01")
    client = api(worker)
    assessment = assess(client, household)
    body = service_body(household, assessment["uuid"], started_on="2026-07-01")
    created = client.post("/api/v1/records", json=body).get_json()
    assert created["computed"]["active"] is False  # not started yet
    today("2026-07-01")
    again = client.get(f"/api/v1/records/{created['uuid']}").get_json()
    assert again["computed"]["active"] is True


def test_ending_a_service_is_a_correction_with_ended_on(api, worker, household, today):
    today("2026-09-15")
    client = api(worker)
    assessment = assess(client, household)
    body = service_body(household, assessment["uuid"])
    created = client.post("/api/v1/records", json=body).get_json()
    assert created["computed"]["active"] is True
    body["data"]["ended_on"] = "2026-08-31"
    ended = client.put(
        f"/api/v1/records/{created['uuid']}", json={**body, "version": 1}
    )
    assert ended.status_code == 200, ended.get_json()
    assert ended.get_json()["version"] == 2
    assert ended.get_json()["computed"]["active"] is False
    assert ended.get_json()["data"]["ended_on"] == "2026-08-31"


def test_a_service_needs_an_assessment_of_the_same_person(api, worker, make_household):
    young = {"disability_card": None}
    members = [
        member_payload(id_number=make_id(birth=date(1990, 1, 1))),
        member_payload(relation="child", id_number=make_id(), **young),
    ]
    household = make_household(members=members)
    client = api(worker)
    assessment = assess(client, household, household.members[0])
    other = household.members[1]
    body = service_body(household, assessment["uuid"], person=other)
    response = client.post("/api/v1/records", json=body)
    assert response.status_code == 422
    assert list(response.get_json()["errors"]) == ["data-assessment_uuid"]


def test_an_assessment_that_is_not_eligible_is_refused(api, worker, make_household):
    # Born 1960: above the configured age limit, so not eligible.
    household = make_household()
    client = api(worker)
    assessment = assess(client, household)
    assert assessment["computed"]["eligible"] is False
    response = client.post(
        "/api/v1/records", json=service_body(household, assessment["uuid"])
    )
    assert response.status_code == 422
    errors = response.get_json()["errors"]
    assert list(errors) == ["data-assessment_uuid"]
    assert "不符合" in errors["data-assessment_uuid"][0]


def test_another_kind_of_record_is_no_assessment(api, worker, household, make_user):
    fitting = api(worker).post(
        "/api/v1/records", json=record_payload("device_fitting", household)
    )
    body = service_body(household, fitting.get_json()["uuid"])
    response = api(worker).post("/api/v1/records", json=body)
    assert response.status_code == 422
    assert list(response.get_json()["errors"]) == ["data-assessment_uuid"]


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"assessment_uuid": None}, "data-assessment_uuid"),
        ({"assessment_uuid": "not-a-uuid"}, "data-assessment_uuid"),
        ({"assessment_uuid": new_uuid()}, "data-assessment_uuid"),
        ({"mode": "hospital"}, "data-mode"),
        ({"mode": None}, "data-mode"),
        ({"provider": ""}, "data-provider"),
        ({"provider": "托" * 101}, "data-provider"),
        ({"started_on": None}, "data-started_on"),
        ({"started_on": "2026-02-30"}, "data-started_on"),
        ({"ended_on": "2026-04-30"}, "data-ended_on"),
        ({"monthly_subsidy": -1}, "data-monthly_subsidy"),
        ({"monthly_subsidy": "a lot"}, "data-monthly_subsidy"),
    ],
)
def test_each_invalid_field_is_a_422_on_that_field(
    api, worker, household, change, field
):
    client = api(worker)
    assessment = assess(client, household)
    data = {"assessment_uuid": assessment["uuid"], **change}
    body = service_body(household, **data)
    response = client.post("/api/v1/records", json=body)
    assert response.status_code == 422, response.get_json()
    assert field in response.get_json()["errors"], response.get_json()
    assert count(Record, kind=KIND) == 0


def test_person_is_required(api, worker, household):
    client = api(worker)
    assessment = assess(client, household)
    body = service_body(household, assessment["uuid"])
    del body["person_uuid"]
    response = client.post("/api/v1/records", json=body)
    assert response.status_code == 422
    assert "person_uuid" in response.get_json()["errors"]


def test_inspectors_may_not_write_services(api, make_user, worker, household):
    assessment = assess(api(worker), household)
    inspector = api(make_user("inspector"))
    response = inspector.post(
        "/api/v1/records", json=service_body(household, assessment["uuid"])
    )
    assert response.status_code == 403


def link_options(html: str) -> dict[str, str]:
    """The assessment link's options on a form page: {uuid: the option's tag}."""
    select = re.search(r'<select id="data-assessment_uuid".*?</select>', html, re.S)
    assert select, "the generic link select"
    assert "data-link-select" in select.group(0)
    assert 'data-link-context="assessment"' in select.group(0)
    return {
        m.group(1): m.group(0)
        for m in re.finditer(r'<option value="([0-9a-f-]{36})"[^>]*>', select.group(0))
    }


def test_form_offers_each_persons_eligible_assessments_through_the_link(
    client, login, worker, make_household, api
):
    card = make_id(birth=date(1980, 6, 1))
    members = [
        member_payload(id_number=card, disability_card=card + "52"),
        # Born 1960: above the configured age limit, so not eligible.
        member_payload(relation="spouse", id_number=make_id(birth=date(1960, 1, 1))),
    ]
    household = make_household(members=members)
    eligible = assess(api(worker), household, household.members[0])
    refused = assess(api(worker), household, household.members[1])
    assert refused["computed"]["eligible"] is False
    login(worker)
    html = client.get(f"/surveys/{KIND}/new?household={household.uuid}").get_data(
        as_text=True
    )
    options = link_options(html)
    assert list(options) == [eligible["uuid"]]
    option = options[eligible["uuid"]]
    assert f'data-person="{household.members[0].uuid}"' in option
    values = json.loads(re.search(r"data-values='([^']*)'", option).group(1))
    assert values == {
        "dependency": eligible["computed"]["dependency"],
        "care_level": eligible["computed"]["care_level"],
        "eligible": True,
    }
    words = {"moderate": "中度依赖", "severe": "重度依赖", "mild": "轻度依赖"}
    assert f"· {words[values['dependency']]} · " in html
    assert "请选择此人符合托养条件的评估" in html
    assert "data-assessment-select" not in html
    assert 'name="data-provider"' in html and 'name="data-ended_on"' in html


def test_a_gone_members_assessment_is_offered_only_to_correct_their_service(
    client, login, worker, household, api
):
    from fieldapp.extensions import db

    assessment, service = stored_service(api, worker, household)
    person = household.members[0]
    person.status, person.status_on = "deceased", date(2026, 5, 20)
    db.session.commit()
    login(worker)
    new = client.get(f"/surveys/{KIND}/new?household={household.uuid}")
    assert link_options(new.get_data(as_text=True)) == {}
    edit = client.get(f"/records/{service['uuid']}/edit").get_data(as_text=True)
    options = link_options(edit)
    assert list(options) == [assessment["uuid"]]
    assert "selected" in options[assessment["uuid"]]


def test_a_named_assessment_that_no_longer_qualifies_stays_named(
    client, login, worker, household, api
):
    from fieldapp.extensions import db

    assessment, service = stored_service(api, worker, household)
    stored = db.session.query(Record).filter_by(uuid=assessment["uuid"]).one()
    stored.computed = {**stored.computed, "eligible": False}
    db.session.commit()
    login(worker)
    edit = client.get(f"/records/{service['uuid']}/edit").get_data(as_text=True)
    options = link_options(edit)
    assert list(options) == [assessment["uuid"]]
    # Named, without values or person: the rule says why when it is stored.
    assert "selected" in options[assessment["uuid"]]
    assert "data-values" not in options[assessment["uuid"]]


def test_no_js_post_stores_the_service_and_shows_its_page(
    client, login, worker, household, api, today
):
    today("2026-06-01")
    assessment = assess(api(worker), household)
    login(worker)
    form = {
        "uuid": new_uuid(),
        "kind": KIND,
        "household_uuid": household.uuid,
        "person_uuid": household.members[0].uuid,
        "captured_at": "2026-06-01T10:00",
        "location-lat": "18.8",
        "location-lon": "110.39",
        "location-accuracy_m": "9",
        "data-assessment_uuid": assessment["uuid"],
        "data-mode": "day",
        "data-provider": "万城镇日间照料中心",
        "data-started_on": "2026-05-20",
        "data-ended_on": "",
        "data-monthly_subsidy": "250",
    }
    response = client.post(f"/surveys/{KIND}/new", data=form)
    assert response.status_code == 302, response.get_data(as_text=True)
    page = client.get(response.headers["Location"]).get_data(as_text=True)
    assert "日间照料" in page and "万城镇日间照料中心" in page
    assert "今天是否在托养" in page and "截至 2026-06-01" in page


def test_no_js_post_with_end_before_start_shows_the_error(
    client, login, worker, household, api
):
    assessment = assess(api(worker), household)
    login(worker)
    form = {
        "uuid": new_uuid(),
        "kind": KIND,
        "household_uuid": household.uuid,
        "person_uuid": household.members[0].uuid,
        "captured_at": "2026-06-01T10:00",
        "data-assessment_uuid": assessment["uuid"],
        "data-mode": "home",
        "data-provider": "万宁市托养中心",
        "data-started_on": "2026-05-20",
        "data-ended_on": "2026-05-01",
    }
    response = client.post(f"/surveys/{KIND}/new", data=form)
    assert response.status_code == 422
    assert "结束日期不能早于开始日期" in response.get_data(as_text=True)


def stored_service(api, worker, household, **data):
    """An eligible assessment and a service on it, through the API."""
    client = api(worker)
    assessment = assess(client, household)
    body = service_body(household, assessment["uuid"], **data)
    response = client.post("/api/v1/records", json=body)
    assert response.status_code == 201, response.get_json()
    return assessment, response.get_json()
