"""脱贫不脱政策 (issue 16): a household that has left poverty keeps respite
eligibility by default; RESPITE_EXITED_ELIGIBLE=false turns it off; the record
page says which part of the rule applied."""

from datetime import date

import pytest

from fieldapp.config import read_environment
from fieldapp.surveys.client_config import client_config
from tests.factories import make_id, member_payload, record_payload

KIND = "respite_assessment"


def working_age_head() -> list[dict]:
    """A head of 31 with a physical level 1 card: every other part qualifies."""
    return [member_payload(id_number=make_id(date(1995, 1, 1)))]


@pytest.fixture
def exited(make_household):
    """A household that has left poverty."""
    return make_household(poverty_status="exited", members=working_age_head())


@pytest.fixture
def exited_off(app):
    saved = app.config["RESPITE_EXITED_ELIGIBLE"]
    app.config["RESPITE_EXITED_ELIGIBLE"] = False
    yield app
    app.config["RESPITE_EXITED_ELIGIBLE"] = saved


def assess(api, make_user, household):
    response = api(make_user("rehab_worker")).post(
        "/api/v1/records", json=record_payload(KIND, household)
    )
    assert response.status_code == 201, response.get_json()
    return response.get_json()


def test_exited_household_is_eligible_by_default_and_says_why(
    client, login, api, make_user, exited
):
    record = assess(api, make_user, exited)
    assert record["computed"]["eligible"] is True
    assert "exited_transition" in record["computed"]["eligibility_reasons"]
    login(make_user("supervisor"))
    page = client.get(f"/records/{record['uuid']}").get_data(as_text=True)
    assert "已脱贫家庭,过渡期内脱贫不脱政策" in page


def test_configured_off_the_exited_household_is_not_eligible(
    client, login, api, make_user, exited, exited_off
):
    record = assess(api, make_user, exited)
    assert record["computed"]["eligible"] is False
    assert record["computed"]["eligibility_reasons"] == ["exited_not_covered"]
    login(make_user("supervisor"))
    page = client.get(f"/records/{record['uuid']}").get_data(as_text=True)
    assert "已脱贫家庭(本地规定不再享受)" in page
    with exited_off.test_request_context():
        assert client_config("zh")["eligibility"]["exited_eligible"] is False


def test_a_poor_household_still_says_poor_household(api, make_user, make_household):
    household = make_household(poverty_status="dibao", members=working_age_head())
    record = assess(api, make_user, household)
    assert record["computed"]["eligible"] is True
    assert record["computed"]["eligibility_reasons"][-1] == "poor_household"


def test_preview_gets_the_default(app):
    with app.test_request_context():
        assert client_config("zh")["eligibility"]["exited_eligible"] is True


@pytest.mark.parametrize(
    ("raw", "value"),
    [("false", False), ("0", False), ("OFF", False), ("true", True), ("1", True)],
)
def test_the_setting_is_read_from_the_environment(raw, value):
    assert read_environment({"RESPITE_EXITED_ELIGIBLE": raw}) == {
        "RESPITE_EXITED_ELIGIBLE": value
    }


def test_a_misspelt_setting_is_refused():
    with pytest.raises(RuntimeError, match="RESPITE_EXITED_ELIGIBLE"):
        read_environment({"RESPITE_EXITED_ELIGIBLE": "maybe"})
