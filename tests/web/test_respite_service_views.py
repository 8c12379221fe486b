"""What a respite service shows beyond its own record: the phone's copy of the
household, the ledger's columns as of today, the case file and the person page."""

import pytest

from tests.web.test_respite_service import stored_service


@pytest.fixture
def worker(make_user):
    return make_user("rehab_worker", towns=["469006100"])


def test_phone_copy_of_households_links_each_persons_eligible_assessment(
    api, worker, household
):
    assessment, service = stored_service(api, worker, household)
    listed = api(worker).get("/api/v1/households?per_page=200").get_json()
    [item] = [h for h in listed["items"] if h["uuid"] == household.uuid]
    assert item["links"] == [
        {
            "uuid": assessment["uuid"],
            "kind": "respite_assessment",
            "captured_at": "2026-03-05T01:12:00+00:00",
            "person_uuid": household.members[0].uuid,
            "values": {
                "dependency": assessment["computed"]["dependency"],
                "care_level": assessment["computed"]["care_level"],
                "eligible": True,
            },
        }
    ]
    member = item["members"][0]
    assert "respite_assessments" not in member and "birth_date" not in member
    detail = api(worker).get(f"/api/v1/households/{household.uuid}").get_json()
    assert detail["links"] == item["links"]


def test_ledger_has_the_service_columns_active_as_of_today(
    api, worker, household, make_user, today
):
    import csv
    import io

    today("2026-06-01")
    stored_service(api, worker, household, ended_on="2026-06-30")
    boss = api(make_user("supervisor", towns=()))

    def rows():
        response = boss.get("/api/v1/exports/ledger.csv")
        body = response.get_data()
        response.close()
        return list(csv.DictReader(io.StringIO(body.decode("utf-8-sig"))))

    (service,) = [r for r in rows() if r["调查类型"] == "托养服务"]
    assert service["托养方式"] == "居家托养"
    assert service["托养服务机构"] == "万宁市托养中心"
    assert (service["托养开始日期"], service["托养结束日期"]) == (
        "2026-05-01",
        "2026-06-30",
    )
    assert float(service["每月补贴(元)"]) == 300.0
    assert service["正在托养"] == "是"
    today("2026-07-01")
    (service,) = [r for r in rows() if r["调查类型"] == "托养服务"]
    assert service["正在托养"] == "否"


def test_ledger_says_a_service_of_someone_gone_has_no_end(
    api, worker, household, make_user, today
):
    import csv
    import io
    from datetime import date

    from fieldapp.extensions import db

    today("2026-06-01")
    stored_service(api, worker, household)  # no end
    person = household.members[0]
    person.status, person.status_on = "deceased", date(2026, 5, 20)
    db.session.commit()
    response = api(make_user("supervisor", towns=())).get("/api/v1/exports/ledger.csv")
    body = response.get_data().decode("utf-8-sig")
    response.close()
    (service,) = [
        r for r in csv.DictReader(io.StringIO(body)) if r["调查类型"] == "托养服务"
    ]
    assert service["正在托养"] == "已去世,未填结束日期"


def test_case_file_has_the_respite_section(
    client, login, api, worker, household, make_user, today
):
    from tests.pdftools import pdf_text

    today("2026-06-01")
    stored_service(api, worker, household)
    login(make_user("supervisor", towns=()))
    response = client.get(f"/households/{household.uuid}/casefile.pdf")
    assert response.status_code == 200
    text = pdf_text(response.data)
    assert "托养:评估与服务" in text
    assert "万宁市托养中心" in text
    assert "2026-05-01–未结束" in text  # pdf_text drops spaces
    assert "截至2026-06-01" in text
    assert "托养服务" in text and "依据的托养评估" in text  # the record's own page
    assert household.members[0].id_number not in text


def test_case_file_says_which_respite_records_were_sent_back(
    client, login, api, worker, household, make_user, today
):
    from tests.pdftools import pdf_text

    today("2026-06-01")
    _assessment, service = stored_service(api, worker, household)
    boss = make_user("supervisor", towns=())
    returned = api(boss).post(
        f"/api/v1/records/{service['uuid']}/review",
        json={"decision": "return", "comment": "补贴金额有误", "version": 1},
    )
    assert returned.status_code == 200
    login(boss)
    text = pdf_text(client.get(f"/households/{household.uuid}/casefile.pdf").data)
    assert "2026-05-01–未结束(已退回)" in text  # pdf_text drops spaces


def test_person_page_shows_assessment_then_service(
    client, login, api, worker, household, today
):
    today("2026-06-01")
    assessment, service = stored_service(api, worker, household)
    login(worker)
    person = household.members[0]
    html = client.get(f"/households/{household.uuid}/persons/{person.uuid}").get_data(
        as_text=True
    )
    first = html.index(f'data-assessment="{assessment["uuid"]}"')
    assert html.index(f'data-service="{service["uuid"]}"') > first
    assert "服务中" in html and "万宁市托养中心" in html
    assert person.id_number not in html
