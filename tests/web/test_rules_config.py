"""Policy figures come from configuration, for the server's rules and the preview."""

import pytest

from fieldapp.surveys.client_config import client_config
from tests.factories import member_payload, record_payload


@pytest.fixture
def configured(app):
    saved = {k: app.config[k] for k in ("HOUSING_SUBSIDY_FLOOR_C", "RESPITE_MAX_AGE")}
    app.config.update(HOUSING_SUBSIDY_FLOOR_C=12000, RESPITE_MAX_AGE=0)
    yield app
    app.config.update(saved)


def test_configured_subsidy_floor_and_age_limit_reach_rules_and_preview(
    configured, api, make_user, make_household
):
    from datetime import date

    from tests.factories import make_id

    old = make_id(date(1950, 1, 1))
    household = make_household(
        members=[member_payload(id_number=old, disability_card=old + "51")]
    )
    housing = (
        api(make_user("inspector"))
        .post("/api/v1/records", json=record_payload("housing_inspection", household))
        .get_json()
    )
    assert housing["computed"]["subsidy_floor"] == 12000
    respite = (
        api(make_user("rehab_worker"))
        .post("/api/v1/records", json=record_payload("respite_assessment", household))
        .get_json()
    )
    assert respite["computed"]["eligible"] is True  # 76 years old, no upper age limit
    with configured.test_request_context():
        config = client_config("zh")
    assert config["housing"]["subsidy_floor"]["C"] == 12000
    assert config["eligibility"]["max_age"] is None


def test_accessibility_need_links_the_households_renovation(
    api, make_user, make_household
):
    household = make_household()
    inspector = api(make_user("inspector"))
    alone = inspector.post(
        "/api/v1/records", json=record_payload("accessibility_assessment", household)
    ).get_json()
    assert alone["computed"]["linked_renovation"] is None
    housing = inspector.post(
        "/api/v1/records", json=record_payload("housing_inspection", household)
    ).get_json()
    linked = inspector.post(
        "/api/v1/records", json=record_payload("accessibility_assessment", household)
    ).get_json()
    assert linked["computed"]["linked_renovation"] == {
        "uuid": housing["uuid"],
        "grade": "C",
        "renovation_mode": "repair",
    }


def test_accessibility_record_page_links_the_renovation(
    client, login, api, make_user, make_household
):
    household = make_household()
    inspector = make_user("inspector")
    housing = (
        api(inspector)
        .post("/api/v1/records", json=record_payload("housing_inspection", household))
        .get_json()
    )
    body = record_payload("accessibility_assessment", household)
    api(inspector).post("/api/v1/records", json=body)
    login(inspector)
    html = client.get(f"/records/{body['uuid']}").get_data(as_text=True)
    assert f"/records/{housing['uuid']}" in html and "修缮加固" in html


def test_configured_gps_threshold_reaches_the_position_widgets(
    app, client, login, make_user, make_household
):
    saved = app.config["GPS_INACCURATE_M"]
    app.config["GPS_INACCURATE_M"] = 35.5
    try:
        household = make_household()
        login(make_user("inspector"))
        survey = client.get(
            f"/surveys/housing_inspection/new?household={household.uuid}"
        ).get_data(as_text=True)
        new_household = client.get("/households/new").get_data(as_text=True)
    finally:
        app.config["GPS_INACCURATE_M"] = saved
    for page in (survey, new_household):
        assert 'data-geo data-inaccurate-m="35.5"' in page
