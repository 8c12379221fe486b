"""Roles × endpoints × in/out of town: who sees and writes which households."""

import pytest

from tests.factories import household_payload

IN_TOWN, OUT_TOWN = "469006100", "469006101"
# role, assigned towns
USERS = {
    "inspector": ("inspector", [IN_TOWN]),
    "rehab_worker": ("rehab_worker", [IN_TOWN]),
    "supervisor": ("supervisor", [IN_TOWN]),
    "city_supervisor": ("supervisor", []),
    "admin": ("admin", []),
}
SEES_OUT_OF_TOWN = {"city_supervisor", "admin"}


@pytest.fixture
def households(make_household):
    return {"in": make_household(IN_TOWN), "out": make_household(OUT_TOWN)}


@pytest.mark.parametrize("who", USERS)
@pytest.mark.parametrize("where", ["in", "out"])
def test_api_detail(api, make_user, households, who, where):
    role, towns = USERS[who]
    client = api(make_user(role, towns=towns))
    response = client.get(f"/api/v1/households/{households[where].uuid}")
    visible = where == "in" or who in SEES_OUT_OF_TOWN
    assert response.status_code == (200 if visible else 404)


@pytest.mark.parametrize("who", USERS)
def test_api_list(api, make_user, households, who):
    role, towns = USERS[who]
    body = api(make_user(role, towns=towns)).get("/api/v1/households").get_json()
    expected = 2 if who in SEES_OUT_OF_TOWN else 1
    assert body["total"] == expected


@pytest.mark.parametrize("who", USERS)
@pytest.mark.parametrize("where", ["in", "out"])
def test_api_create(api, make_user, who, where):
    role, towns = USERS[who]
    town = IN_TOWN if where == "in" else OUT_TOWN
    response = api(make_user(role, towns=towns)).post(
        "/api/v1/households", json=household_payload(town)
    )
    allowed = where == "in" or who in SEES_OUT_OF_TOWN
    assert response.status_code == (201 if allowed else 403)


@pytest.mark.parametrize("who", USERS)
@pytest.mark.parametrize("where", ["in", "out"])
def test_pages(client, login, make_user, households, who, where):
    role, towns = USERS[who]
    login(make_user(role, towns=towns))
    visible = where == "in" or who in SEES_OUT_OF_TOWN
    uuid = households[where].uuid
    assert client.get(f"/households/{uuid}").status_code == (200 if visible else 404)
    assert client.get(f"/households/{uuid}/edit").status_code == (
        200 if visible else 404
    )
    person = households[where].members[0].uuid
    assert client.get(f"/households/{uuid}/persons/{person}").status_code == (
        200 if visible else 404
    )


@pytest.mark.parametrize("who", USERS)
def test_admin_pages_are_for_admins(client, login, make_user, who):
    role, towns = USERS[who]
    login(make_user(role, towns=towns))
    assert client.get("/admin/users").status_code == (200 if role == "admin" else 403)


def test_field_worker_without_towns_sees_nothing(api, make_user, households):
    client = api(make_user("inspector", towns=()))
    assert client.get("/api/v1/households").get_json()["total"] == 0
    response = client.post("/api/v1/households", json=household_payload(IN_TOWN))
    assert response.status_code == 403


REVIEWERS = {"supervisor", "city_supervisor", "admin"}


@pytest.fixture
def records(app, make_user, households):
    """A submitted housing inspection in and out of town, by an inspector of both."""
    from fieldapp.services.accounts import issue_token
    from tests.conftest import Api
    from tests.factories import record_payload

    author = make_user("inspector", towns=[IN_TOWN, OUT_TOWN])
    api = Api(app.test_client(), issue_token(author)[0])
    found = {}
    for where, household in households.items():
        body = record_payload("housing_inspection", household)
        assert api.post("/api/v1/records", json=body).status_code == 201
        found[where] = body["uuid"]
    return found


@pytest.mark.parametrize("who", USERS)
def test_review_queue_page(client, login, make_user, records, who):
    role, towns = USERS[who]
    login(make_user(role, towns=towns))
    response = client.get("/review")
    assert response.status_code == (200 if who in REVIEWERS else 403)
    if who in REVIEWERS:
        page = response.get_data(as_text=True)
        assert (records["out"] in page) == (who in SEES_OUT_OF_TOWN)
        assert records["in"] in page


@pytest.mark.parametrize("who", USERS)
@pytest.mark.parametrize("where", ["in", "out"])
def test_review_pages(client, login, make_user, records, who, where):
    role, towns = USERS[who]
    login(make_user(role, towns=towns))
    visible = where == "in" or who in SEES_OUT_OF_TOWN
    expected = 403 if who not in REVIEWERS else (200 if visible else 404)
    uuid = records[where]
    assert client.get(f"/review/{uuid}").status_code == expected
    decided = client.post(f"/review/{uuid}", data={"decision": "approve", "version": 1})
    assert decided.status_code == (302 if expected == 200 else expected)
    reopened = client.post(f"/records/{uuid}/reopen", data={"comment": "再核对"})
    may_reopen = 302 if who in REVIEWERS else 403
    assert reopened.status_code == (may_reopen if visible else 404)


@pytest.mark.parametrize("who", USERS)
@pytest.mark.parametrize("where", ["in", "out"])
def test_api_review_and_reopen(api, make_user, records, who, where):
    role, towns = USERS[who]
    client = api(make_user(role, towns=towns))
    visible = where == "in" or who in SEES_OUT_OF_TOWN
    expected = 404 if not visible else (200 if who in REVIEWERS else 403)
    url = f"/api/v1/records/{records[where]}"
    review = client.post(f"{url}/review", json={"decision": "approve", "version": 1})
    assert review.status_code == expected
    reopen = client.post(f"{url}/reopen", json={"comment": "再核对"})
    assert reopen.status_code == expected


def import_file(town: str) -> bytes:
    """A one-person county list of a town."""
    from tests.import_factories import household_rows, xlsx

    return xlsx(household_rows("WN-1", members=1, town=town))


@pytest.mark.parametrize("who", USERS)
@pytest.mark.parametrize("where", ["in", "out"])
def test_api_import(api, make_user, who, where):
    import io

    role, towns = USERS[who]
    data = import_file("万城镇" if where == "in" else "龙滚镇")
    response = api(make_user(role, towns=towns)).post(
        "/api/v1/imports/households",
        data={"file": (io.BytesIO(data), "x.xlsx"), "dry_run": "1"},
        content_type="multipart/form-data",
    )
    if role in ("inspector", "rehab_worker"):
        assert response.status_code == 403
        return
    allowed = where == "in" or who in SEES_OUT_OF_TOWN
    body = response.get_json()
    assert response.status_code == 200
    assert (body["error_count"], body["households_created"]) == (
        (0, 1) if allowed else (1, 0)
    )


@pytest.mark.parametrize("who", USERS)
@pytest.mark.parametrize("where", ["in", "out", "all"])
def test_household_export(api, make_user, households, who, where):
    from io import BytesIO

    from openpyxl import load_workbook

    role, towns = USERS[who]
    town = {"in": IN_TOWN, "out": OUT_TOWN, "all": ""}[where]
    response = api(make_user(role, towns=towns)).get(
        f"/api/v1/exports/households.xlsx?town={town}"
    )
    if role in ("inspector", "rehab_worker"):
        assert response.status_code == 403
        return
    if where == "out" and who not in SEES_OUT_OF_TOWN:
        assert response.status_code == 404
        return
    rows = list(load_workbook(BytesIO(response.get_data())).worksheets[0].values)
    response.close()
    expected = {"in": 1, "out": 1, "all": 2 if who in SEES_OUT_OF_TOWN else 1}
    assert len(rows) - 1 == expected[where]
