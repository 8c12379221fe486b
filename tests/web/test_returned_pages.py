"""What the server gives the phone for returned records: the start page's list,
the status bar's switch, and the comment above the correction form."""

import pytest

from fieldapp.services.accounts import issue_token
from tests.conftest import Api
from tests.factories import record_payload


@pytest.mark.parametrize(
    ("role", "writes"),
    [
        ("inspector", True),
        ("rehab_worker", True),
        ("supervisor", False),
        ("admin", True),
    ],
)
def test_start_page_and_status_bar_offer_the_list_to_those_who_write_surveys(
    client, login, make_user, role, writes
):
    login(make_user(role))
    page = client.get("/").get_data(as_text=True)
    assert ('id="returned"' in page) == writes
    assert f'data-writes-records="{1 if writes else 0}"' in page


def test_the_list_names_each_kind_for_the_phone(client, login, make_user):
    login(make_user("inspector"))
    page = client.get("/").get_data(as_text=True)
    assert '<li data-kind="respite_assessment">托养评估</li>' in page


def test_correction_form_of_a_returned_record_shows_the_comment(
    app, client, login, make_user, household
):
    worker = make_user("rehab_worker")
    boss = make_user("supervisor", username="chen-boss")
    body = record_payload("respite_assessment", household)
    url = f"/api/v1/records/{body['uuid']}"
    Api(app.test_client(), issue_token(worker)[0]).post("/api/v1/records", json=body)
    login(worker)
    assert "data-review-comment" not in client.get(f"/records/{body['uuid']}/edit").text
    reviewer = Api(app.test_client(), issue_token(boss)[0])
    comment = "主要照料人姓名写错了"
    reviewer.post(
        url + "/review", json={"decision": "return", "comment": comment, "version": 1}
    )
    page = client.get(f"/records/{body['uuid']}/edit").get_data(as_text=True)
    banner = page.split("data-review-comment>")[1].split("</div>")[0]
    assert comment in banner and "chen-boss" in banner and "第 1 版" in banner
    assert 'name="version" value="1"' in page
