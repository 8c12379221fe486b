"""The office's JSON: dashboard, households as GeoJSON, data-quality checks."""

import json
from datetime import UTC, datetime

import pytest

from fieldapp.domain.chinacoords import wgs84_to_gcj02
from tests.factories import member_payload
from tests.report_factories import make_record

A = "469006100"
B = "469006101"


@pytest.fixture
def boss(make_user):
    return make_user("supervisor", towns=(A,))


def test_dashboard_has_the_contracts_shape(api, boss, household):
    make_record(household, "housing_inspection", computed={"grade": "D"})
    body = api(boss).get("/api/v1/dashboard").get_json()
    assert body["towns"] == [A]
    assert body["households"] == 1
    assert body["housing"]["inspected"] == 1
    assert body["housing"]["by_grade"] == {"A": 0, "B": 0, "C": 0, "D": 1}
    assert set(body["housing"]["renovation"]) == {
        "planned",
        "in_works",
        "completed",
        "accepted",
        "paid",
    }
    assert body["housing"]["target"] == 200
    assert body["respite"]["target"] == 1.0
    assert body["respite"]["coverage"] is None  # nobody eligible yet
    assert set(body["devices"]) == {"fitted", "followup_overdue", "replacement_due_90d"}
    assert [t["code"] for t in body["by_town"]] == [A]
    assert body["by_town"][0]["name"] == "万城镇"


def test_targets_and_deadlines_are_configuration(app, api, make_user):
    city = make_user("supervisor", towns=())
    app.config.update(
        TARGET_HOUSING_RENOVATED=150, TARGET_HOUSING_DEADLINE="2020-12-31"
    )
    try:
        housing = api(city).get("/api/v1/dashboard").get_json()["housing"]
    finally:
        app.config.update(
            TARGET_HOUSING_RENOVATED=200, TARGET_HOUSING_DEADLINE="2018-12-31"
        )
    assert (housing["target"], housing["deadline"]) == (150, "2020-12-31")
    assert housing["expected"] == 150
    assert housing["flag"] == "red"  # nothing renovated, the deadline passed


def test_a_towns_renovations_are_not_flagged_against_the_citys_target(api, boss):
    housing = api(boss).get("/api/v1/dashboard").get_json()["housing"]
    assert (housing["whole_city"], housing["flag"]) == (False, "none")


def test_field_workers_may_not_see_the_dashboard_or_quality(api, make_user):
    worker = make_user("inspector")
    assert api(worker).get("/api/v1/dashboard").status_code == 403
    assert api(worker).get("/api/v1/quality").status_code == 403


def test_a_town_outside_the_callers_answers_404(api, boss):
    response = api(boss).get(f"/api/v1/dashboard?town={B}")
    assert response.status_code == 404
    assert response.get_json()["error"] == "not_found"


def test_a_bad_as_of_date_is_a_422_on_that_field(api, boss):
    response = api(boss).get("/api/v1/dashboard?as_of=2026-13-01")
    assert response.status_code == 422
    assert list(response.get_json()["errors"]) == ["as_of"]
    assert response.get_json()["errors"]["as_of"] == ["没有这一天:2026-13-01。"]
    wrong = api(boss).get("/api/v1/dashboard?as_of=1.12.2026").get_json()
    assert wrong["errors"]["as_of"] == ["日期格式应为 YYYY-MM-DD。"]


@pytest.mark.parametrize(
    "day", ["0001-01-01", "1999-12-31", "2100-01-01", "9999-12-31"]
)
@pytest.mark.parametrize(
    "path",
    [
        "/api/v1/dashboard",
        "/api/v1/quality",
        "/api/v1/households.geojson",
        "/dashboard",
        "/dashboard.xlsx",
        "/dashboard/list/households/all",
        "/quality",
        "/quality/followup_overdue",
        "/map",
    ],
)
def test_an_as_of_day_outside_the_office_days_is_a_422(
    client, api, login, boss, path, day
):
    """Year 1 and 9999 once made a 500: the next midnight and the trend's
    month ends left Python's dates."""
    if path.startswith("/api/"):
        response = api(boss).get(f"{path}?as_of={day}")
        assert response.status_code == 422
        assert list(response.get_json()["errors"]) == ["as_of"]
    else:
        login(boss)
        response = client.get(f"{path}?as_of={day}")
        assert response.status_code == 422
        assert "2000-01-01 至 2099-12-31" in response.get_data(as_text=True)


def test_the_first_and_last_office_days_are_counted(api, boss):
    for day in ("2000-01-01", "2099-12-31"):
        response = api(boss).get(f"/api/v1/dashboard?as_of={day}")
        assert response.status_code == 200, response.get_data(as_text=True)
        assert response.get_json()["as_of"] == day


def test_as_of_moves_the_counting_day(api, boss, household):
    make_record(
        household,
        "housing_inspection",
        computed={"grade": "C"},
        captured_at=datetime(2026, 11, 20, tzinfo=UTC),
    )
    household.created_at = datetime(2026, 1, 1, tzinfo=UTC)
    from fieldapp.extensions import db

    db.session.commit()
    before = api(boss).get("/api/v1/dashboard?as_of=2026-11-19").get_json()
    after = api(boss).get("/api/v1/dashboard?as_of=2026-11-20").get_json()
    assert (before["housing"]["inspected"], after["housing"]["inspected"]) == (0, 1)
    assert before["as_of"] == "2026-11-19"


def test_a_past_day_counts_a_household_sent_after_its_visit(
    api, boss, household, make_household, today
):
    """Inspected on 20 November on a phone without signal, sent on 1 December:
    the dashboard of 30 November counts the house and its inspection, as that
    day's point of today's trend line does. A household first registered on
    1 December and never visited is not counted on the 30th."""
    from fieldapp.extensions import db

    today("2026-12-01")
    make_record(
        household,
        "housing_inspection",
        computed={"grade": "C"},
        captured_at=datetime(2026, 11, 20, 2, tzinfo=UTC),
    )
    unvisited = make_household()
    for home in (household, unvisited):
        home.created_at = datetime(2026, 12, 1, 1, tzinfo=UTC)
    db.session.commit()
    past = api(boss).get("/api/v1/dashboard?as_of=2026-11-30").get_json()
    assert (past["households"], past["housing"]["inspected"]) == (1, 1)
    assert past["housing"]["by_grade"]["C"] == 1
    now = api(boss).get("/api/v1/dashboard").get_json()
    assert (now["households"], now["housing"]["inspected"]) == (2, 1)
    point = now["trend"]["points"].index("2026-11-30")
    assert now["trend"]["housing_inspected"][point] == past["housing"]["inspected"]
    quality = api(boss).get("/api/v1/quality?as_of=2026-11-30").get_json()
    never = {c["code"]: c["count"] for c in quality["checks"]}["never_visited"]
    assert never == 0


def geojson(api, user, query=""):
    response = api(user).get(f"/api/v1/households.geojson{query}")
    assert response.status_code == 200, response.get_data(as_text=True)
    assert response.mimetype == "application/geo+json"
    return response.get_json()


def test_geojson_is_a_feature_collection_of_located_households(
    api, boss, make_household
):
    home = make_household(location={"lat": 18.81, "lon": 110.40, "accuracy_m": 9})
    make_household(location=None)
    make_household(B)  # another town
    make_record(home, "housing_inspection", computed={"grade": "D"})
    body = geojson(api, boss)
    assert body["type"] == "FeatureCollection"
    (feature,) = body["features"]
    assert feature["type"] == "Feature"
    assert feature["geometry"] == {"type": "Point", "coordinates": [110.4, 18.81]}
    assert feature["properties"] == {
        "uuid": home.uuid,
        "town_code": A,
        "village": "东岭村",
        "grade": "D",
        "renovation_stage": None,
        "followup_overdue": False,
        "visited": True,
        "needs": "dangerous",
    }


def test_geojson_carries_no_names_or_numbers(api, boss, make_household):
    member = member_payload(name="符春花", phone="13912345678")
    home = make_household(members=[member])
    text = json.dumps(geojson(api, boss), ensure_ascii=False)
    person = home.members[0]
    for secret in (
        "符春花",
        person.id_number,
        person.id_number[-4:] + '"',
        person.disability_card,
        "13912345678",
        person.birth_date.isoformat(),
        home.address,
    ):
        assert secret not in text
    for forbidden in ("name", "id_number", "phone", "birth", "card", "members"):
        assert f'"{forbidden}' not in text


def test_geojson_for_gcj02_tiles_is_shifted_and_says_so(api, boss, make_household):
    make_household(location={"lat": 18.796, "lon": 110.389, "accuracy_m": 9})
    body = geojson(api, boss, "?crs=gcj02")
    lat, lon = wgs84_to_gcj02(18.796, 110.389)
    assert body["coordinate_system"] == "gcj02"
    assert body["features"][0]["geometry"]["coordinates"] == [
        round(lon, 6),
        round(lat, 6),
    ]
    refused = api(boss).get("/api/v1/households.geojson?crs=bd09")
    assert refused.status_code == 422
    assert refused.get_json()["errors"]["crs"] == [
        "不支持的坐标系 bd09,可选:wgs84、cgcs2000、gcj02。"
    ]


def test_field_workers_get_only_their_towns_households(api, make_user, make_household):
    make_household(A)
    make_household(B)
    worker = make_user("inspector", towns=(B,))
    (feature,) = geojson(api, worker)["features"]
    assert feature["properties"]["town_code"] == B


def test_quality_lists_every_contract_check_with_uuids(api, boss, make_household):
    home = make_household()  # never visited
    body = api(boss).get("/api/v1/quality").get_json()
    codes = [check["code"] for check in body["checks"]]
    for code in (
        "gps_flagged",
        "followup_overdue",
        "dangerous_without_renovation",
        "eligible_without_service",
        "never_visited",
    ):
        assert code in codes
    never = next(c for c in body["checks"] if c["code"] == "never_visited")
    assert never["count"] == 1
    assert never["items"] == [
        {"household_uuid": home.uuid, "record_uuid": None, "person_uuid": None}
    ]
    assert all(check["explains"] for check in body["checks"])


def test_quality_gps_flagged_names_the_record(api, boss, household):
    record = make_record(household, flags=["gps_inaccurate"])
    make_record(household, flags=["method_out_of_scope"])
    make_record(household, flags=["gps_missing"], status="returned")
    body = api(boss).get("/api/v1/quality").get_json()
    flagged = next(c for c in body["checks"] if c["code"] == "gps_flagged")
    assert [item["record_uuid"] for item in flagged["items"]] == [record.uuid]
