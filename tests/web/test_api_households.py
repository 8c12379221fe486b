"""Households through the API: create, replay, conflict, validation, list, detail."""

import pytest

from tests.factories import count, household_payload, make_id, member_payload


@pytest.fixture
def inspector(make_user):
    return make_user("inspector", towns=["469006100"])


def test_created_household_returns_derived_fields(api, inspector):
    body = household_payload(
        members=[
            member_payload(
                id_number="469006196005121231", disability_card="46900619600512123141"
            )
        ]
    )
    response = api(inspector).post("/api/v1/households", json=body)
    assert response.status_code == 201
    stored = response.get_json()
    member = stored["members"][0]
    assert stored["uuid"] == body["uuid"]
    assert "birth_date" not in member  # it would unmask the ID number
    assert member["age"] >= 66
    assert member["sex"] == "M"
    assert member["disability_category"] == 4
    assert member["disability_level"] == 1
    assert member["id_number"] == "469006********1231"


def test_replayed_household_is_stored_once(api, inspector, app):
    from fieldapp.models import Household

    body = household_payload()
    client = api(inspector)
    first = client.post("/api/v1/households", json=body)
    second = client.post("/api/v1/households", json=body)
    assert (first.status_code, second.status_code) == (201, 200)
    assert second.get_json() == first.get_json()
    assert count(Household) == 1


def test_same_uuid_with_other_content_is_a_conflict(api, inspector):
    body = household_payload()
    client = api(inspector)
    assert client.post("/api/v1/households", json=body).status_code == 201
    changed = {**body, "village": "新坡村"}
    response = client.post("/api/v1/households", json=changed)
    assert response.status_code == 409
    assert response.get_json()["error"] == "uuid_conflict"
    assert response.get_json()["current"]["village"] == "东岭村"


def test_lower_case_x_is_stored_upper_case(api, inspector):
    member = member_payload(
        id_number="46900619600512124x", disability_card="46900619600512124x52"
    )
    response = api(inspector).post(
        "/api/v1/households", json=household_payload(members=[member])
    )
    assert response.status_code == 201
    assert response.get_json()["members"][0]["id_number"].endswith("124X")
    assert response.get_json()["members"][0]["disability_category"] == 5


@pytest.mark.parametrize(
    "id_number",
    [
        "469006196005121230",  # wrong check character
        "110105194912310021",  # should be X
        "469006196002301237",  # 30 February
        "46900619600512123",  # 17 characters
        "469006209901010011",  # born in 2099
        "46900619600512123A",  # letter other than X
        "",
    ],
)
def test_bad_id_numbers_are_field_errors(api, inspector, id_number):
    member = member_payload(id_number=id_number, disability_card=None)
    response = api(inspector).post(
        "/api/v1/households", json=household_payload(members=[member])
    )
    assert response.status_code == 422
    body = response.get_json()
    assert body["error"] == "validation_failed"
    assert list(body["errors"]) == ["members-0-id_number"]


@pytest.mark.parametrize(
    "card",
    [
        "46900619600512123181",  # category 8
        "46900619600512123105",  # category 0
        "4690061960051212314",  # 19 characters
        "46900619600512123041",  # ID part has a bad check character
        "46900619600512123140",  # level 0
        "46900619600512123145",  # level 5
    ],
)
def test_bad_disability_cards_are_field_errors(api, inspector, card):
    member = member_payload(id_number="469006196005121231", disability_card=card)
    response = api(inspector).post(
        "/api/v1/households", json=household_payload(members=[member])
    )
    assert response.status_code == 422
    assert list(response.get_json()["errors"]) == ["members-0-disability_card"]


def test_card_of_another_person_is_refused(api, inspector):
    member = member_payload(id_number=make_id(), disability_card="46900619600512123141")
    response = api(inspector).post(
        "/api/v1/households", json=household_payload(members=[member])
    )
    assert response.status_code == 422
    assert "members-0-disability_card" in response.get_json()["errors"]


def test_non_wanning_id_is_accepted(api, inspector):
    member = member_payload(id_number="11010519491231002X", disability_card=None)
    response = api(inspector).post(
        "/api/v1/households", json=household_payload(members=[member])
    )
    assert response.status_code == 201


@pytest.mark.parametrize(
    "change, field",
    [
        ({"town_code": "999999999"}, "town_code"),
        ({"poverty_status": "rich"}, "poverty_status"),
        ({"village": ""}, "village"),
        ({"uuid": "not-a-uuid"}, "uuid"),
        ({"location": {"lat": 95, "lon": 110}}, "location-lat"),
        ({"location": {"lat": 18.8}}, "location-lon"),
        ({"location": {"lat": "north", "lon": 110}}, "location-lat"),
        ({"members": []}, "members"),
    ],
)
def test_invalid_household_fields_are_named(api, inspector, change, field):
    response = api(inspector).post(
        "/api/v1/households", json=household_payload(**change)
    )
    assert response.status_code == 422
    assert field in response.get_json()["errors"]


def test_two_heads_are_refused(api, inspector):
    members = [member_payload(), member_payload(name="李四")]
    response = api(inspector).post(
        "/api/v1/households", json=household_payload(members=members)
    )
    assert response.status_code == 422
    assert "members" in response.get_json()["errors"]


@pytest.mark.parametrize(
    "raw, status",
    [
        (b"{not json", 400),
        (b"[1, 2]", 422),
        (b"", 400),
        (b'"text"', 422),
        (b"\xff\xfe", 400),
    ],
)
def test_malformed_bodies_never_cause_500(api, inspector, raw, status):
    response = api(inspector).post(
        "/api/v1/households", data=raw, headers={"Content-Type": "application/json"}
    )
    assert response.status_code == status
    assert set(response.get_json()) >= {"error", "message"}


def test_nan_coordinates_are_refused(api, inspector):
    raw = b'{"location": {"lat": NaN, "lon": 110}}'
    response = api(inspector).post(
        "/api/v1/households", data=raw, headers={"Content-Type": "application/json"}
    )
    assert response.status_code == 422


def test_field_worker_cannot_create_outside_own_towns(api, inspector):
    response = api(inspector).post(
        "/api/v1/households", json=household_payload("469006101")
    )
    assert response.status_code == 403
    assert response.get_json()["errors"] == {
        "town_code": [response.get_json()["errors"]["town_code"][0]]
    }


def test_list_is_scoped_paginated_and_masked(api, inspector, make_household):
    for _ in range(3):
        make_household("469006100")
    make_household("469006101")
    response = api(inspector).get("/api/v1/households?per_page=2&page=2")
    body = response.get_json()
    assert (body["total"], body["pages"], body["page"]) == (3, 2, 2)
    assert len(body["items"]) == 1
    number = body["items"][0]["members"][0]["id_number"]
    assert number[6:14] == "********"


def test_list_searches_by_name_and_village(api, inspector, make_household):
    make_household(members=[member_payload(name="符海燕")])
    make_household(village="新坡村")
    client = api(inspector)
    assert client.get("/api/v1/households?q=海燕").get_json()["total"] == 1
    assert client.get("/api/v1/households?q=新坡").get_json()["total"] == 1
    assert client.get("/api/v1/households?q=不存在").get_json()["total"] == 0


def test_town_filter_and_junk_page_numbers(api, make_user, make_household):
    supervisor = make_user("supervisor", towns=())
    make_household("469006100")
    make_household("469006101")
    client = api(supervisor)
    assert client.get("/api/v1/households?town=469006101").get_json()["total"] == 1
    assert client.get("/api/v1/households?page=abc").status_code == 200
    assert client.get("/api/v1/households?page=999").get_json()["page"] == 1


def test_detail_includes_records_summary(api, inspector, make_household):
    household = make_household()
    body = api(inspector).get(f"/api/v1/households/{household.uuid}").get_json()
    assert body["records"] == {"total": 0, "by_kind": {}, "items": []}
    assert body["members"][0]["age"] >= 60


def test_unmasked_detail_needs_supervisor_and_is_audited(
    api, inspector, make_user, make_household
):
    from fieldapp.models import AuditLog

    household = make_household()
    assert (
        api(inspector)
        .get(f"/api/v1/households/{household.uuid}?unmasked=1")
        .status_code
        == 403
    )
    supervisor = make_user("supervisor", towns=["469006100"])
    body = (
        api(supervisor)
        .get(f"/api/v1/households/{household.uuid}?unmasked=1")
        .get_json()
    )
    assert "*" not in body["members"][0]["id_number"]
    assert count(AuditLog, action="view_unmasked", object_key=household.uuid) == 1


def test_towns_lists_the_twelve_towns_and_other_units(api, inspector):
    towns = api(inspector).get("/api/v1/towns").get_json()
    assert {
        "code": "469006100",
        "name": "万城镇",
        "lat": 18.796,
        "lon": 110.389,
    } in towns
    assert len([t for t in towns if t["code"] < "469006400"]) == 12
