"""A 2019-guideline inspection of a house of 3 or more floors (issue 16): kept,
flagged `method_out_of_scope`, shown on the record page, listed by the office's
quality checks; the form suggests JGJ 125 as soon as the floors are entered."""

import json
import re

import pytest

from fieldapp.models import Record
from tests.factories import only, record_payload
from tests.report_factories import make_record

KIND = "housing_inspection"
TOWN = "469006100"
FLAG = "method_out_of_scope"


@pytest.fixture
def household(make_household):
    return make_household(TOWN)


@pytest.fixture
def inspector(make_user):
    return make_user("inspector", towns=[TOWN])


def inspection(household, floors, method="rural_2019"):
    body = record_payload(KIND, household)
    body["data"]["floors"] = floors
    if method != "rural_2019":
        body["data"] = {
            "method": method,
            "structure_type": "brick_concrete",
            "floors": floors,
            "site_dangerous": False,
            "foundation": {"total": 8, "dangerous": 0},
            "storeys": [{"wall": {"total": 10, "dangerous": 0}}] * floors,
        }
    return body


@pytest.mark.parametrize(
    ("floors", "method", "flagged"),
    [
        (1, "rural_2019", False),
        (2, "rural_2019", False),
        (3, "rural_2019", True),
        (5, "rural_2019", True),
        (3, "jgj125_2016", False),
    ],
)
def test_an_out_of_scope_inspection_is_kept_with_the_flag(
    api, inspector, household, floors, method, flagged
):
    body = inspection(household, floors, method)
    response = api(inspector).post("/api/v1/records", json=body)
    assert response.status_code == 201, response.get_json()
    answer = response.get_json()
    assert (FLAG in answer["flags"]) is flagged
    assert answer["computed"]["grade"]  # graded all the same: a flag, not a refusal
    assert (FLAG in only(Record).flags) is flagged


def test_the_flag_sits_with_the_gps_flags_and_goes_when_corrected(
    api, inspector, household
):
    body = inspection(household, 3)
    body["location"] = None
    created = api(inspector).post("/api/v1/records", json=body).get_json()
    assert created["flags"] == ["gps_missing", FLAG]
    body["data"]["floors"] = 2
    body["version"] = created["version"]
    response = api(inspector).put(f"/api/v1/records/{body['uuid']}", json=body)
    assert response.status_code == 200, response.get_json()
    assert response.get_json()["flags"] == ["gps_missing"]


def test_record_page_names_the_flag(client, login, api, inspector, household):
    body = inspection(household, 3)
    api(inspector).post("/api/v1/records", json=body)
    login(inspector)
    page = client.get(f"/records/{body['uuid']}").get_data(as_text=True)
    assert "鉴定方法不适用:3层及以上房屋应按 JGJ 125 鉴定" in page


def test_quality_lists_out_of_scope_inspections(
    api, client, login, make_user, household
):
    flagged = make_record(household, KIND, flags=[FLAG])
    make_record(household, KIND, flags=["gps_missing"])
    make_record(household, KIND, flags=[FLAG], status="returned")
    boss = make_user("supervisor", towns=[TOWN])
    body = api(boss).get("/api/v1/quality").get_json()
    check = next(c for c in body["checks"] if c["code"] == FLAG)
    assert check["count"] == 1
    assert [item["record_uuid"] for item in check["items"]] == [flagged.uuid]
    assert "3层及以上" in check["explains"]
    login(boss)
    html = client.get(f"/quality/{FLAG}").get_data(as_text=True)
    assert flagged.uuid in html


def test_review_queue_filters_on_the_flag(
    client, login, api, make_user, inspector, household
):
    flagged, other = inspection(household, 3), inspection(household, 2)
    for body in (flagged, other):
        assert api(inspector).post("/api/v1/records", json=body).status_code == 201
    login(make_user("supervisor", towns=[TOWN]))
    html = client.get(f"/review?flag={FLAG}").get_data(as_text=True)
    assert f'value="{FLAG}"' in html
    assert flagged["uuid"] in html and other["uuid"] not in html
    everything = client.get("/review").get_data(as_text=True)
    assert other["uuid"] in everything


def test_form_carries_the_suggestion_and_the_guidelines_floor_limit(
    client, login, inspector, household
):
    login(inspector)
    html = client.get(f"/surveys/{KIND}/new?household={household.uuid}").get_data(
        as_text=True
    )
    assert re.search(r"data-method-scope[^>]*hidden", html)
    assert 'data-switch-method="jgj125_2016"' in html
    config = json.loads(
        re.search(r'id="survey-config"[^>]*>(.*?)</script>', html, re.S).group(1)
    )
    assert config["housing"]["rural_2019_max_floors"] == 2
