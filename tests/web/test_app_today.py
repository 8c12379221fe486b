"""Ages, ID-number checks and the building's latest year follow the app's today
(China time, or the `TODAY` setting), not the server's zone or its start-up day."""

from datetime import date

from tests.factories import household_payload, make_id, member_payload, record_payload


def test_ages_turn_on_the_birthday_in_the_list_and_the_detail(
    api, make_user, household, today
):
    # The household fixture's member was born on 1980-06-01.
    client = api(make_user("supervisor"))

    def ages():
        listed = client.get("/api/v1/households").get_json()["items"][0]
        detail = client.get(f"/api/v1/households/{household.uuid}").get_json()
        return listed["members"][0]["age"], detail["members"][0]["age"]

    today("2026-05-31")
    assert ages() == (45, 45)
    today("2026-06-01")
    assert ages() == (46, 46)


def test_an_id_number_is_in_the_future_only_after_the_apps_today(api, make_user, today):
    client = api(make_user("inspector"))
    born = make_id(date(2030, 12, 31))
    payload = household_payload(members=[member_payload(id_number=born)])
    refused = client.post("/api/v1/households", json=payload)
    assert refused.status_code == 422
    assert "id_number" in str(refused.get_json()["errors"])
    today("2031-01-01")
    accepted = client.post("/api/v1/households", json=payload)
    assert accepted.status_code == 201, accepted.get_json()


def test_the_latest_building_year_is_this_years(api, make_user, household, today):
    client = api(make_user("inspector"))
    today("2031-06-01")
    built_2031 = record_payload("housing_inspection", household)
    built_2031["data"]["built_year"] = 2031
    assert client.post("/api/v1/records", json=built_2031).status_code == 201
    built_2032 = record_payload("housing_inspection", household)
    built_2032["data"]["built_year"] = 2032
    refused = client.post("/api/v1/records", json=built_2032)
    assert refused.status_code == 422
    assert "built_year" in str(refused.get_json()["errors"])


def test_the_year_input_says_this_years_limit(
    client, make_user, login, household, today
):
    login(make_user("inspector"))
    today("2031-06-01")
    url = f"/surveys/housing_inspection/new?household={household.uuid}"
    page = client.get(url).get_data(as_text=True)
    year_input = page.split('name="data-built_year"')[0].rsplit("<input", 1)[1]
    year_input += page.split('name="data-built_year"')[1].split(">", 1)[0]
    assert 'max="2031"' in year_input and 'min="1900"' in year_input
