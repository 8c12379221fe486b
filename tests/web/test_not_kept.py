"""Answers that show full numbers carry `Cache-Control: no-store`."""

from tests.factories import make_id


def test_household_edit_page_is_not_kept(client, login, make_user, make_household):
    household = make_household()
    login(make_user("supervisor"))
    response = client.get(f"/households/{household.uuid}/edit?unmasked=1")
    assert response.status_code == 200
    assert household.members[0].id_number in response.get_data(as_text=True)
    assert response.headers["Cache-Control"] == "no-store"
    masked = client.get(f"/households/{household.uuid}/edit")
    assert household.members[0].id_number not in masked.get_data(as_text=True)
    assert masked.headers["Cache-Control"] == "no-store"


def test_refused_new_household_is_not_kept_but_the_blank_form_is(
    client, login, make_user
):
    login(make_user("inspector", towns=["469006100"]))
    assert "no-store" not in client.get("/households/new").headers.get(
        "Cache-Control", ""
    )
    response = client.post(
        "/households/new",
        data={"members-0-id_number": make_id(), "members-0-name": "陈海"},
    )
    assert response.status_code == 422
    assert response.headers["Cache-Control"] == "no-store"


def test_unmasked_api_answer_and_every_json_answer_are_not_kept(
    api, make_user, make_household
):
    household = make_household()
    client = api(make_user("supervisor", towns=["469006100"]))
    for path in (
        f"/api/v1/households/{household.uuid}?unmasked=1",
        f"/api/v1/households/{household.uuid}",
        "/api/v1/households",
        "/api/v1/households/no-such-uuid",
    ):
        assert client.get(path).headers["Cache-Control"] == "no-store", path


def test_case_files_are_not_kept(client, login, make_user, make_household):
    household = make_household()
    login(make_user("supervisor", towns=["469006100"]))
    for query in ("", "?unmasked=1"):
        preview = client.get(f"/households/{household.uuid}/casefile{query}")
        assert preview.headers["Cache-Control"] == "no-store"
