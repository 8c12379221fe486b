"""The ramp's standard (issue 16): new assessments are checked against GB
55019-2021, which the form preselects; old records and API bodies without a
standard keep the GB 50763-2012 table; every place that shows the result says
which standard was applied."""

import re

import pytest

from fieldapp.models import Record
from tests.factories import new_uuid, only, record_payload
from tests.pdftools import pdf_text
from tests.report_factories import make_record
from tests.web.test_exports import CSV_URL, read_csv

KIND = "accessibility_assessment"
TOWN = "469006100"
SELECT = re.compile(r'<select[^>]*name="data-ramp-standard"[^>]*>(.*?)</select>', re.S)


@pytest.fixture
def household(make_household):
    return make_household(TOWN)


@pytest.fixture
def inspector(make_user, login):
    user = make_user("inspector", towns=[TOWN])
    login(user)
    return user


def selected(html: str) -> list[str]:
    """The value(s) the ramp's standard select shows as chosen."""
    options = SELECT.search(html).group(1)
    return re.findall(r'<option selected value="([^"]+)"', options)


def no_js_post(client, household, **ramp):
    form = {
        "uuid": new_uuid(),
        "kind": KIND,
        "household_uuid": household.uuid,
        "captured_at": "2026-03-05T09:12",
        "data-stage": "need_reported",
        **{f"data-ramp-{k}": v for k, v in ramp.items()},
    }
    return client.post(f"/surveys/{KIND}/new", data=form)


def test_new_form_preselects_the_code_in_force_and_says_so(
    client, inspector, household
):
    html = client.get(f"/surveys/{KIND}/new?household={household.uuid}").get_data(
        as_text=True
    )
    assert selected(html) == ["gb55019_2021"]
    assert "GB 55019-2021《建筑与市政工程无障碍通用规范》" in html
    assert "已预选" in html
    assert 'data-out="ramp_standard"' in html and "data-ramp-plan" in html


def test_the_preselected_standard_alone_is_no_ramp(client, inspector, household):
    response = no_js_post(client, household, standard="gb55019_2021")
    assert response.status_code == 302, response.get_data(as_text=True)
    record = only(Record)
    assert "ramp" not in record.data
    assert "ramp_standard" not in record.computed


def test_no_js_post_is_checked_against_the_chosen_code(client, inspector, household):
    response = no_js_post(
        client, household, standard="gb55019_2021", rise_m="0.3", run_m="2.4"
    )
    assert response.status_code == 302, response.get_data(as_text=True)
    record = only(Record)
    assert record.data["ramp"]["standard"] == "gb55019_2021"
    computed = record.computed
    assert (computed["ramp_ok"], computed["ramp_suggestion"]) == (False, "too_steep")
    assert computed["ramp_standard"] == "gb55019_2021"
    page = client.get(f"/records/{record.uuid}").get_data(as_text=True)
    assert 'data-ramp-standard="gb55019_2021"' in page
    assert "GB 55019-2021《建筑与市政工程无障碍通用规范》" in page
    assert "不合规" in page


@pytest.mark.parametrize(
    ("ramp", "ok", "standard"),
    [
        # the same 1:8 ramp: allowed by the 2012 table, not by today's code
        ({"rise_m": 0.3, "run_m": 2.4}, True, "gb50763_2012"),
        ({"rise_m": 0.3, "run_m": 2.4, "standard": "gb50763_2012"}, True, None),
        ({"rise_m": 0.3, "run_m": 2.4, "standard": "gb55019_2021"}, False, None),
        # exactly 1:12 and 0.75 m: on the limit, allowed
        ({"rise_m": 0.75, "run_m": 9.0, "standard": "gb55019_2021"}, True, None),
        ({"rise_m": 0.2, "run_m": 2.4, "standard": "gb55019_2021"}, True, None),
    ],
)
def test_api_checks_the_ramp_against_its_standard_or_the_legacy_table(
    api, make_user, household, ramp, ok, standard
):
    body = record_payload(KIND, household)
    body["data"]["ramp"] = ramp
    response = api(make_user("inspector", towns=[TOWN])).post(
        "/api/v1/records", json=body
    )
    assert response.status_code == 201, response.get_json()
    answer = response.get_json()
    assert answer["computed"]["ramp_ok"] is ok
    assert answer["computed"]["ramp_standard"] == (standard or ramp["standard"])
    assert answer["data"]["ramp"].get("standard") == ramp.get("standard")


def test_api_refuses_an_unknown_standard_on_its_field(api, make_user, household):
    body = record_payload(KIND, household)
    body["data"]["ramp"] = {"rise_m": 0.3, "run_m": 3.6, "standard": "gb1"}
    response = api(make_user("inspector", towns=[TOWN])).post(
        "/api/v1/records", json=body
    )
    assert response.status_code == 422
    assert "data-ramp-standard" in response.get_json()["errors"]


def test_an_old_record_keeps_the_legacy_table_on_its_edit_page(
    client, api, inspector, household
):
    body = record_payload(KIND, household)
    body["data"]["ramp"] = {"rise_m": 0.3, "run_m": 2.4}
    assert api(inspector).post("/api/v1/records", json=body).status_code == 201
    page = client.get(f"/records/{body['uuid']}").get_data(as_text=True)
    assert "未注明(按 GB 50763-2012 核验)" in page
    assert 'data-ramp-standard="gb50763_2012"' in page
    html = client.get(f"/records/{body['uuid']}/edit").get_data(as_text=True)
    assert selected(html) == ["gb50763_2012"]


def test_ledger_and_case_file_name_the_applied_standard(
    client, api, make_user, login, household
):
    make_record(
        household,
        KIND,
        data={"ramp": {"rise_m": 0.3, "run_m": 3.6, "standard": "gb55019_2021"}},
    )
    make_record(household, KIND, data={"ramp": {"rise_m": 0.3, "run_m": 3.6}})
    make_record(household, KIND, data={"stage": "verified"})
    # computed before the standard was recorded: the legacy table was applied
    make_record(
        household,
        KIND,
        data={"ramp": {"rise_m": 0.3, "run_m": 3.6}},
        computed={"estimated_total": 0, "ramp_slope": 0.0833, "ramp_ok": True},
    )
    boss = make_user("supervisor", towns=[TOWN])
    rows = read_csv(api(boss).get(CSV_URL))
    column = sorted(row["坡道依据标准"] for row in rows)
    assert column == [
        "",
        "GB 50763-2012《无障碍设计规范》",
        "GB 50763-2012《无障碍设计规范》",
        "GB 55019-2021《建筑与市政工程无障碍通用规范》",
    ]
    login(boss)
    text = pdf_text(client.get(f"/households/{household.uuid}/casefile.pdf").data)
    assert "55019-2021" in text and "50763-2012" in text
