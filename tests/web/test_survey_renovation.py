"""Housing renovation through the API: the inspection link, the facts of each
stage on POST and PUT, dates in order, one step at a time, and the computed
floors and caps (API.md `housing_renovation`)."""

import copy

import pytest

from fieldapp.models import Record
from tests.factories import new_uuid, only, record_payload

KIND = "housing_renovation"
DONE = {
    "started_on": "2026-04-01",
    "completed_on": "2026-06-20",
    "accepted_on": "2026-06-28",
}
# The facts each stage needs, as the contract lists them (and those it passed).
FACTS = {
    "planned": {},
    "in_works": {"started_on": "2026-04-01"},
    "completed": {"started_on": "2026-04-01", "completed_on": "2026-06-20"},
    "accepted": DONE,
    "paid": {**DONE, "subsidy_paid": 35000.0},
}


@pytest.fixture
def inspector(make_user):
    return make_user("inspector")


def inspect(api, user, household, grade) -> str:
    """Store an inspection of the household with the grade asked; its uuid."""
    body = record_payload("housing_inspection", household)
    components = {"B": "b", "C": "c", "D": "b"}[grade]
    body["data"]["components"] = {"foundation": "a", "walls": components}
    body["data"]["site_dangerous"] = grade == "D"
    response = api(user).post("/api/v1/records", json=body)
    assert response.status_code == 201, response.json
    assert response.json["computed"]["grade"] == grade
    return body["uuid"]


def renovation(household, inspection_uuid, stage="planned", **data) -> dict:
    """A renovation body at a stage with that stage's facts."""
    body = record_payload("housing_inspection", household)
    body["kind"] = KIND
    body["data"] = {
        "inspection_uuid": inspection_uuid,
        "mode": "rebuild",
        "stage": stage,
        **FACTS[stage],
        **data,
    }
    return body


def post(api, user, body):
    return api(user).post("/api/v1/records", json=body)


def test_the_contract_example_is_stored_with_its_computed_values(
    api, inspector, household
):
    inspection = inspect(api, inspector, household, "D")
    body = renovation(
        household,
        inspection,
        "accepted",
        area_m2=60.0,
        cost_total=48000.0,
        subsidy_paid=35000.0,
        funding=[
            {"source": "central", "amount": 20000.0},
            {"source": "provincial", "amount": 10000.0},
            {"source": "county", "amount": 5000.0},
        ],
        with_accessibility=True,
        accepted_by="李验收",
    )
    response = post(api, inspector, body)
    assert response.status_code == 201, response.json
    assert response.json["computed"] == {
        "grade": "D",
        "suggested_mode": "relocate",
        "subsidy_floor": 35000,
        "below_floor": False,
        "area_cap_m2": 30.0,  # one member: 20–30 m²
        "over_area_cap": True,
        "funding_total": 35000.0,
    }
    record = only(Record, kind=KIND)
    assert (record.stage, record.data["accepted_on"]) == ("accepted", "2026-06-28")


def test_a_paid_renovation_below_the_floor_of_c_is_flagged(api, inspector, household):
    inspection = inspect(api, inspector, household, "C")
    body = renovation(household, inspection, "paid", mode="repair", subsidy_paid=7000)
    response = post(api, inspector, body)
    assert response.status_code == 201, response.json
    computed = response.json["computed"]
    assert (computed["subsidy_floor"], computed["below_floor"]) == (8000, True)
    assert computed["area_cap_m2"] is None


def test_configured_floors_and_area_caps_are_used(
    app, api, inspector, household, monkeypatch
):
    monkeypatch.setitem(app.config, "HOUSING_SUBSIDY_FLOOR_D", 40000)
    monkeypatch.setitem(app.config, "HOUSING_AREA_CAPS", "1:25-35,2:35-45,3:45-65")
    inspection = inspect(api, inspector, household, "D")
    body = renovation(household, inspection, "paid", area_m2=36)
    computed = post(api, inspector, body).json["computed"]
    assert computed["subsidy_floor"] == 40000 and computed["below_floor"] is True
    assert (computed["area_cap_m2"], computed["over_area_cap"]) == (35.0, True)


def refusal(response) -> dict:
    assert response.status_code == 422, response.json
    return response.json["errors"]


def test_an_inspection_of_another_household_is_refused(
    api, inspector, household, make_household
):
    other = make_household()
    inspection = inspect(api, inspector, other, "D")
    errors = refusal(post(api, inspector, renovation(household, inspection)))
    assert list(errors) == ["data-inspection_uuid"]
    assert errors["data-inspection_uuid"] == ["请选择该户的危房鉴定记录。"]


def test_an_unknown_inspection_is_refused(api, inspector, household):
    errors = refusal(post(api, inspector, renovation(household, new_uuid())))
    assert list(errors) == ["data-inspection_uuid"]


def test_a_record_of_another_kind_is_no_inspection(api, inspector, household):
    other = record_payload("accessibility_assessment", household)
    assert post(api, inspector, other).status_code == 201
    errors = refusal(post(api, inspector, renovation(household, other["uuid"])))
    assert list(errors) == ["data-inspection_uuid"]


def test_a_house_graded_b_is_not_renovated(api, inspector, household):
    inspection = inspect(api, inspector, household, "B")
    errors = refusal(post(api, inspector, renovation(household, inspection)))
    assert errors == {
        "data-inspection_uuid": ["只有鉴定为 C 级或 D 级的危房才能改造。"]
    }


def test_the_inspection_link_is_required(api, inspector, household):
    body = renovation(household, None)
    del body["data"]["inspection_uuid"]
    assert "data-inspection_uuid" in refusal(post(api, inspector, body))


@pytest.mark.parametrize(
    ("stage", "missing"),
    [
        ("in_works", "started_on"),
        ("completed", "completed_on"),
        ("accepted", "accepted_on"),
        ("paid", "subsidy_paid"),
        ("paid", "started_on"),
    ],
)
def test_a_new_record_at_a_later_stage_needs_its_facts(
    api, inspector, household, stage, missing
):
    inspection = inspect(api, inspector, household, "D")
    body = renovation(household, inspection, stage)
    del body["data"][missing]
    errors = refusal(post(api, inspector, body))
    assert errors == {f"data-{missing}": ["该进度需要填写此项。"]}
    body["data"] = renovation(household, inspection, stage)["data"]
    assert post(api, inspector, body).status_code == 201


def test_dates_may_not_run_backwards(api, inspector, household):
    inspection = inspect(api, inspector, household, "D")
    body = renovation(household, inspection, "accepted", accepted_on="2026-06-19")
    errors = refusal(post(api, inspector, body))
    assert errors == {"data-accepted_on": ["日期不能早于前一阶段的日期。"]}


def test_an_unknown_funding_source_is_refused_by_the_form(api, inspector, household):
    inspection = inspect(api, inspector, household, "D")
    body = renovation(household, inspection, funding=[{"source": "x", "amount": 1}])
    assert "data-funding-0-source" in refusal(post(api, inspector, body))


@pytest.mark.parametrize(
    ("old", "new", "status"),
    [
        ("planned", "planned", 200),
        ("planned", "in_works", 200),
        ("in_works", "completed", 200),
        ("completed", "accepted", 200),
        ("accepted", "paid", 200),
        ("planned", "completed", 422),
        ("in_works", "paid", 422),
        ("accepted", "completed", 422),
        ("paid", "planned", 422),
    ],
)
def test_put_moves_the_stage_one_step_at_a_time(
    api, inspector, household, old, new, status
):
    inspection = inspect(api, inspector, household, "D")
    body = renovation(household, inspection, old)
    assert post(api, inspector, body).status_code == 201
    changed = copy.deepcopy(body)
    changed["data"] = renovation(household, inspection, new)["data"]
    if old == "paid":
        changed["data"].update(FACTS["paid"])
    response = api(inspector).put(
        f"/api/v1/records/{body['uuid']}", json={**changed, "version": 1}
    )
    assert response.status_code == status, response.json
    record = only(Record, kind=KIND)
    if status == 422:
        assert response.json["errors"] == {"data-stage": ["进度不能倒退或跳过步骤。"]}
        assert (record.version, record.stage) == (1, old)
    else:
        assert (record.version, record.stage) == (2, new)


def test_put_to_a_later_stage_needs_its_facts(api, inspector, household):
    inspection = inspect(api, inspector, household, "D")
    body = renovation(household, inspection, "in_works")
    assert post(api, inspector, body).status_code == 201
    body["data"]["stage"] = "completed"
    response = api(inspector).put(
        f"/api/v1/records/{body['uuid']}", json={**body, "version": 1}
    )
    assert refusal(response) == {"data-completed_on": ["该进度需要填写此项。"]}


def test_rehab_workers_do_not_write_renovations(api, make_user, inspector, household):
    inspection = inspect(api, inspector, household, "D")
    worker = make_user("rehab_worker")
    assert post(api, worker, renovation(household, inspection)).status_code == 403


def test_renovations_written_through_the_api_move_the_dashboard(
    api, make_user, inspector, household
):
    boss = api(make_user("supervisor", towns=["469006100"]))
    query = "/api/v1/dashboard"  # as of today: the household is registered today
    before = boss.get(query).json["housing"]
    assert before["renovation"]["accepted"] == 0
    inspection = inspect(api, inspector, household, "D")
    quality = boss.get("/api/v1/quality").json["checks"]
    dangerous = next(c for c in quality if c["code"] == "dangerous_without_renovation")
    assert dangerous["count"] == 1
    body = renovation(household, inspection, "in_works")
    assert post(api, inspector, body).status_code == 201
    housing = boss.get(query).json["housing"]
    assert housing["renovation"]["in_works"] == 1
    assert housing["renovated"] == before["renovated"]
    body["data"] = renovation(household, inspection, "completed")["data"]
    assert (
        api(inspector)
        .put(f"/api/v1/records/{body['uuid']}", json={**body, "version": 1})
        .status_code
        == 200
    )
    body["data"] = renovation(household, inspection, "accepted")["data"]
    assert (
        api(inspector)
        .put(f"/api/v1/records/{body['uuid']}", json={**body, "version": 2})
        .status_code
        == 200
    )
    housing = boss.get(query).json["housing"]
    assert (housing["renovation"]["in_works"], housing["renovation"]["accepted"]) == (
        0,
        1,
    )
    assert housing["renovated"] == before["renovated"] + 1
    # Accepted on 2026-06-28: not yet renovated as of the day before.
    earlier = boss.get("/api/v1/dashboard?as_of=2026-06-27").json["housing"]
    assert earlier["renovated"] == before["renovated"]
    quality = boss.get("/api/v1/quality").json["checks"]
    dangerous = next(c for c in quality if c["code"] == "dangerous_without_renovation")
    assert dangerous["count"] == 0
