"""Records through the API: create, replay, conflict, versions, review, roles."""

import pytest

from fieldapp.models import Record, RecordVersion
from tests.factories import SAMPLE_DATA, WRITER, count, record_payload


@pytest.fixture
def writer(make_user):
    return lambda kind: make_user(WRITER[kind], towns=["469006100"])


@pytest.mark.parametrize("kind", list(SAMPLE_DATA))
def test_each_kind_is_created_then_replayed_once(api, writer, household, kind):
    client = api(writer(kind))
    body = record_payload(kind, household)
    first = client.post("/api/v1/records", json=body)
    assert first.status_code == 201, first.get_json()
    second = client.post("/api/v1/records", json=body)
    assert second.status_code == 200
    assert second.get_json() == first.get_json()
    assert count(Record) == 1
    stored = first.get_json()
    assert stored["status"] == "submitted" and stored["version"] == 1
    assert stored["flags"] == []


def test_computed_values_follow_the_rules(api, writer, household):
    housing = (
        api(writer("housing_inspection"))
        .post("/api/v1/records", json=record_payload("housing_inspection", household))
        .get_json()
    )
    assert housing["computed"]["grade"] == "C"
    assert housing["computed"]["renovation_mode"] == "repair"
    assert housing["computed"]["dangerous"] is True
    respite = (
        api(writer("respite_assessment"))
        .post("/api/v1/records", json=record_payload("respite_assessment", household))
        .get_json()
    )
    assert respite["computed"]["barthel_total"] == 55
    assert respite["computed"]["dependency"] == "moderate"
    assert respite["computed"]["care_level"] == 2
    assert respite["computed"]["eligible"] is True


def test_same_uuid_other_body_is_409_with_current(api, writer, household):
    client = api(writer("respite_assessment"))
    body = record_payload("respite_assessment", household)
    client.post("/api/v1/records", json=body)
    body["data"]["caregiver"] = "别人"
    response = client.post("/api/v1/records", json=body)
    assert response.status_code == 409
    assert response.get_json()["current"]["data"]["caregiver"] == "王小红"


@pytest.mark.parametrize(
    "path, value, field",
    [
        (("barthel", "bathing"), 10, "data-barthel-bathing"),
        (("barthel", "transfer"), "lots", "data-barthel-transfer"),
        (("barthel", "feeding"), None, "data-barthel-feeding"),
        (("mode_requested",), "hotel", "data-mode_requested"),
        (("psychiatric_stable",), "maybe", "data-psychiatric_stable"),
    ],
)
def test_disallowed_respite_values_name_their_field(
    api, writer, household, path, value, field
):
    body = record_payload("respite_assessment", household)
    target = body["data"]
    for key in path[:-1]:
        target = target[key]
    target[path[-1]] = value
    response = api(writer("respite_assessment")).post("/api/v1/records", json=body)
    assert response.status_code == 422
    assert field in response.get_json()["errors"]


@pytest.mark.parametrize(
    "kind, change, field",
    [
        ("housing_inspection", {"floors": "two"}, "data-floors"),
        ("housing_inspection", {"method": "guess"}, "data-method"),
        ("housing_inspection", {"components": {"walls": "e"}}, "data-components-walls"),
        ("housing_inspection", {"components": {}}, "data-components"),
        (
            "accessibility_assessment",
            {"items": [{"code": "NOPE", "quantity": 1}]},
            "data-items-0-code",
        ),
        ("accessibility_assessment", {"ramp": {"rise_m": 0.3}}, "data-ramp-run_m"),
        ("device_fitting", {"fitted_on": "2026-02-30"}, "data-fitted_on"),
        ("device_fitting", {"stage": "fitted", "fitted_on": None}, "data-fitted_on"),
        ("device_fitting", {"surprise": 1}, "data-surprise"),
    ],
)
def test_invalid_data_is_a_field_error(api, writer, household, kind, change, field):
    body = record_payload(kind, household)
    body["data"].update(change)
    body["data"] = {k: v for k, v in body["data"].items() if v is not None}
    response = api(writer(kind)).post("/api/v1/records", json=body)
    assert response.status_code == 422, response.get_json()
    assert field in response.get_json()["errors"]


def test_wtforms_own_messages_are_chinese_in_every_part_of_a_form(
    api, writer, household
):
    """A choice inside a record's `data` (a FormField) was answered in English."""
    body = record_payload("accessibility_assessment", household)
    body["data"]["items"][1]["code"] = "NOPE"
    response = api(writer("accessibility_assessment")).post(
        "/api/v1/records", json=body
    )
    assert response.get_json()["errors"]["data-items-1-code"] == ["不是有效的选择。"]


def test_jgj125_method_computes_ratio_and_layers(api, writer, household):
    body = record_payload("housing_inspection", household)
    body["data"] = {
        "method": "jgj125_2016",
        "structure_type": "brick_concrete",
        "floors": 1,
        "built_year": 1988,
        "site_dangerous": False,
        "foundation": {"total": 8, "dangerous": 0},
        "storeys": [
            {
                "wall": {"total": 10, "dangerous": 1},
                "roof_truss": {"total": 4, "dangerous": 0},
            }
        ],
    }
    response = api(writer("housing_inspection")).post("/api/v1/records", json=body)
    assert response.status_code == 201, response.get_json()
    computed = response.get_json()["computed"]
    assert computed["ratio"] == 0.0431
    assert computed["storey_grades"] == ["C_u"]
    assert computed["grade"] == "B"


def test_person_is_required_and_must_be_a_member(
    api, writer, household, make_household
):
    client = api(writer("respite_assessment"))
    body = record_payload("respite_assessment", household)
    del body["person_uuid"]
    assert (
        "person_uuid" in client.post("/api/v1/records", json=body).get_json()["errors"]
    )
    stranger = make_household().members[0]
    body = record_payload("respite_assessment", household, person=stranger)
    assert client.post("/api/v1/records", json=body).status_code == 422


@pytest.mark.parametrize("kind", list(SAMPLE_DATA))
def test_roles_write_only_their_kinds(api, make_user, household, kind):
    for role in ("inspector", "rehab_worker", "supervisor"):
        client = api(make_user(role, towns=["469006100"]))
        status = client.post(
            "/api/v1/records", json=record_payload(kind, household)
        ).status_code
        assert status == (201 if WRITER[kind] == role else 403), (role, kind)


def test_nobody_reads_outside_their_towns(api, writer, make_user, household):
    body = record_payload("respite_assessment", household)
    api(writer("respite_assessment")).post("/api/v1/records", json=body)
    outsider = api(make_user("supervisor", towns=["469006101"]))
    assert outsider.get(f"/api/v1/records/{body['uuid']}").status_code == 404
    assert outsider.get("/api/v1/records").get_json()["total"] == 0
    other = api(make_user("rehab_worker", towns=["469006101"]))
    response = other.post(
        "/api/v1/records", json={**body, "uuid": body["uuid"][:-1] + "0"}
    )
    assert response.status_code == 404


def test_put_makes_a_new_version_and_keeps_the_old(api, writer, household):
    client = api(writer("respite_assessment"))
    body = record_payload("respite_assessment", household)
    client.post("/api/v1/records", json=body)
    body["data"]["barthel"]["stairs"] = 10
    response = client.put(
        f"/api/v1/records/{body['uuid']}", json={**body, "version": 1}
    )
    assert response.status_code == 200
    assert response.get_json()["version"] == 2
    assert response.get_json()["computed"]["barthel_total"] == 60
    assert count(RecordVersion) == 2
    replay = client.put(f"/api/v1/records/{body['uuid']}", json={**body, "version": 1})
    assert replay.status_code == 200 and replay.get_json()["version"] == 2
    body["data"]["caregiver"] = "另一个人"
    stale = client.put(f"/api/v1/records/{body['uuid']}", json={**body, "version": 1})
    assert stale.status_code == 409
    assert stale.get_json()["current"]["version"] == 2


def test_put_needs_a_version(api, writer, household):
    client = api(writer("respite_assessment"))
    body = record_payload("respite_assessment", household)
    client.post("/api/v1/records", json=body)
    assert client.put(f"/api/v1/records/{body['uuid']}", json=body).status_code == 422


def test_review_loop(api, writer, make_user, household):
    worker = api(writer("respite_assessment"))
    body = record_payload("respite_assessment", household)
    worker.post("/api/v1/records", json=body)
    url = f"/api/v1/records/{body['uuid']}"
    supervisor = api(make_user("supervisor", towns=["469006100"]))
    approve = {"decision": "approve", "version": 1}
    assert worker.post(url + "/review", json=approve).status_code == 403
    no_comment = {"decision": "return", "version": 1}
    assert supervisor.post(url + "/review", json=no_comment).status_code == 422
    returned = supervisor.post(
        url + "/review",
        json={"decision": "return", "comment": "护理人电话缺失", "version": 1},
    )
    assert returned.get_json()["status"] == "returned"
    assert returned.get_json()["reviews"][0]["comment"] == "护理人电话缺失"
    corrected = worker.put(url, json={**body, "version": 1})
    assert corrected.get_json()["status"] == "submitted"
    approved = supervisor.post(
        url + "/review", json={"decision": "approve", "comment": "", "version": 2}
    )
    assert approved.get_json()["status"] == "approved"


@pytest.mark.parametrize(
    "location, flags",
    [
        (None, ["gps_missing"]),
        ({"lat": 18.80, "lon": 110.39, "accuracy_m": 80}, ["gps_inaccurate"]),
        (
            {"lat": 20.0, "lon": 110.39, "accuracy_m": 5},
            ["gps_outside_city", "gps_far_from_household"],
        ),
        ({"lat": 18.81, "lon": 110.39, "accuracy_m": 5}, ["gps_far_from_household"]),
    ],
)
def test_location_flags_never_reject(api, writer, household, location, flags):
    body = record_payload("housing_inspection", household, location=location)
    if location is None:
        del body["location"]
    response = api(writer("housing_inspection")).post("/api/v1/records", json=body)
    assert response.status_code == 201
    assert response.get_json()["flags"] == flags


def test_list_by_household_and_kind(api, writer, household):
    for kind in ("housing_inspection", "accessibility_assessment"):
        api(writer(kind)).post("/api/v1/records", json=record_payload(kind, household))
    client = api(writer("housing_inspection"))
    body = client.get(
        f"/api/v1/records?household={household.uuid}&kind=housing_inspection"
    ).get_json()
    assert body["total"] == 1 and body["items"][0]["kind"] == "housing_inspection"
    assert client.get("/api/v1/records?kind=bogus").status_code == 422
    # A filter the server does not know is refused, not taken for "none".
    bogus = client.get("/api/v1/records?status=bogus")
    assert bogus.status_code == 422 and list(bogus.get_json()["errors"]) == ["status"]
    someone = client.get("/api/v1/records?author=someone")
    assert someone.status_code == 422
    assert list(someone.get_json()["errors"]) == ["author"]
    assert client.get("/api/v1/records?status=submitted").get_json()["total"] == 2


def test_worker_finds_the_records_returned_to_them(api, writer, make_user, household):
    worker = api(writer("respite_assessment"))
    colleague = api(writer("respite_assessment"))
    mine = record_payload("respite_assessment", household)
    theirs = record_payload("respite_assessment", household)
    worker.post("/api/v1/records", json=mine)
    colleague.post("/api/v1/records", json=theirs)
    supervisor = api(make_user("supervisor", towns=["469006100"]))
    for body in (mine, theirs):
        supervisor.post(
            f"/api/v1/records/{body['uuid']}/review",
            json={"decision": "return", "comment": "请补拍照片", "version": 1},
        )
    listed = worker.get("/api/v1/records?status=returned&author=me").get_json()
    assert [item["uuid"] for item in listed["items"]] == [mine["uuid"]]
    assert listed["items"][0]["reviews"][-1]["comment"] == "请补拍照片"


@pytest.mark.parametrize(
    "captured_at, message",
    [
        # Year 1 and 9999 once made a 500: they do not turn into UTC.
        ("0001-01-01T00:00:00+08:00", "不能早于 2000 年"),
        ("0001-01-01T00:00:00-12:00", "不能早于 2000 年"),
        ("9999-12-31T23:59:59-12:00", "晚于现在"),
        ("9999-12-31T23:59:59+08:00", "晚于现在"),
        ("1999-12-31T23:59:59+08:00", "不能早于 2000 年"),
        # A phone whose clock runs two days ahead.
        ("2026-06-03T00:00:00+08:00", "晚于现在"),
    ],
)
def test_a_survey_time_no_visit_can_have_is_a_field_error(
    api, make_user, household, today, captured_at, message
):
    today("2026-06-01")
    body = record_payload("housing_inspection", household, captured_at=captured_at)
    response = api(make_user("inspector")).post("/api/v1/records", json=body)
    assert response.status_code == 422, response.get_json()
    assert message in response.get_json()["errors"]["captured_at"][0]


@pytest.mark.parametrize(
    "located_at, taken",
    [
        ("0001-01-01T00:00:00+08:00", False),  # no UTC time: once a 500
        ("9999-12-31T23:59:59-12:00", False),
        ("9999-12-31T20:00:00Z", False),  # no China time to show it in
        # A phone whose clock reset to 1970, or runs ahead: the fix's own
        # time is a hidden field the worker cannot correct, kept as given.
        ("1970-01-01T08:00:00+08:00", True),
        ("2026-06-05T00:00:00+08:00", True),
    ],
)
def test_the_gps_fix_time_is_kept_unless_it_is_no_time_at_all(
    api, make_user, household, today, located_at, taken
):
    today("2026-06-01")
    body = record_payload("housing_inspection", household)
    body["location"]["captured_at"] = located_at
    response = api(make_user("inspector")).post("/api/v1/records", json=body)
    if taken:
        assert response.status_code == 201, response.get_json()
    else:
        assert response.status_code == 422, response.get_json()
        assert list(response.get_json()["errors"]) == ["location-captured_at"]


@pytest.mark.parametrize(
    "captured_at",
    # The first moment of 2000 in China, and tomorrow (phones in other zones).
    ["2000-01-01T00:00:00+08:00", "2026-06-02T23:59:00+08:00", "2026-06-02T10:00:00Z"],
)
def test_survey_times_at_the_edges_are_taken(
    api, make_user, household, today, captured_at
):
    today("2026-06-01")
    body = record_payload("housing_inspection", household, captured_at=captured_at)
    response = api(make_user("inspector")).post("/api/v1/records", json=body)
    assert response.status_code == 201, response.get_json()
