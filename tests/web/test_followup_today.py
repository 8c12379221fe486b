"""A fitting's follow-up is overdue against today (China time) wherever it is
shown: the API answer, the record page, the ledger and the case file; the
schedule counts from the fitting date (1 month, 3 months, then yearly)."""

import csv
import io

import pytest

from tests.factories import record_payload
from tests.pdftools import pdf_text


@pytest.fixture
def fitting(api, make_user, household, today):
    """A wheelchair fitted on 2026-03-05, stored on 2026-03-20."""
    today("2026-03-20")
    body = record_payload("device_fitting", household)
    response = api(make_user("rehab_worker")).post("/api/v1/records", json=body)
    assert response.status_code == 201
    assert response.get_json()["computed"]["followup_overdue"] is False
    return response.get_json()


def ledger_row(api, make_user, uuid):
    response = api(make_user("supervisor", towns=())).get("/api/v1/exports/ledger.csv")
    body = response.get_data()
    response.close()
    rows = csv.DictReader(io.StringIO(body.decode("utf-8-sig")))
    return next(r for r in rows if r["记录编号"] == uuid)


def test_overdue_the_day_after_it_was_due_everywhere(
    api, client, login, make_user, household, fitting, today
):
    uuid = fitting["uuid"]
    today("2026-04-05")  # due today: not overdue
    assert ledger_row(api, make_user, uuid)["回访逾期"] == "否"
    today("2026-04-06")
    answer = api(make_user("supervisor", towns=())).get(f"/api/v1/records/{uuid}")
    assert answer.get_json()["computed"]["followup_overdue"] is True
    assert answer.get_json()["computed"]["next_followup_due"] == "2026-04-05"
    assert ledger_row(api, make_user, uuid)["回访逾期"] == "是"
    login(make_user("supervisor", towns=()))
    assert "回访已逾期" in client.get(f"/records/{uuid}").get_data(as_text=True)
    pdf = client.get(f"/households/{household.uuid}/casefile.pdf")
    assert "回访已逾期" in pdf_text(pdf.data)


def test_a_late_first_visit_does_not_push_the_next_one_back(
    api, make_user, household, fitting, today
):
    today("2026-06-10")
    body = record_payload("device_fitting", household, uuid=fitting["uuid"])
    body["data"]["stage"] = "followup"
    body["data"]["followups"] = [{"date": "2026-05-20", "outcome": "迟到的首次回访"}]
    worker = api(make_user("rehab_worker"))
    answer = worker.put(
        f"/api/v1/records/{fitting['uuid']}", json={**body, "version": 1}
    )
    assert answer.status_code == 200, answer.get_json()
    computed = answer.get_json()["computed"]
    assert computed["next_followup_due"] == "2026-06-05"  # 3 months after fitting
    assert computed["followup_overdue"] is True
