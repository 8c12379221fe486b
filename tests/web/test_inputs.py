"""NUL characters, which PostgreSQL text cannot hold, are a 400, never a 500."""

import pytest

from tests.factories import household_payload, member_payload


@pytest.mark.parametrize(
    "path",
    [
        "/api/v1/households?q=%00",
        "/api/v1/households?town=46900%00",
        "/api/v1/households/%00",
        "/api/v1/records?household=a%00b",
        "/api/v1/exports/ledger.csv?town=%00",
        "/api/v1/exports/ledger.xlsx?town=%00",
        "/?q=%00",
    ],
)
def test_nul_in_the_address_is_a_400(api, make_user, path):
    response = api(make_user("admin", towns=())).get(path)
    assert response.status_code == 400


@pytest.mark.parametrize("where", ["village", "name"])
def test_nul_in_a_json_body_is_a_400(api, make_user, where):
    member = member_payload(name="王\u0000明" if where == "name" else "王明")
    body = household_payload(members=[member])
    if where == "village":
        body["village"] = "东\u0000岭村"
    response = api(make_user("inspector")).post("/api/v1/households", json=body)
    assert response.status_code == 400
    assert response.get_json()["error"] == "bad_request"


def test_nul_in_a_login_form_is_a_400(client):
    response = client.post("/login", data={"username": "a\x00", "password": "x"})
    assert response.status_code == 400


def test_nul_in_a_token_request_is_a_400(client):
    body = {"username": "a\u0000", "password": "x"}
    assert client.post("/api/v1/auth/token", json=body).status_code == 400


def test_a_multipart_field_without_a_name_is_not_a_500(api, make_user):
    body = (
        b'--b\r\nContent-Disposition: form-data; name="\xf0\xba\x9c\xa6\x0f\\"\r\n\r\n'
        b"{}\r\n--b--\r\n"
    )
    response = api(make_user("inspector")).post(
        "/api/v1/records/no-such-record/photos",
        data=body,
        headers={"Content-Type": "multipart/form-data; boundary=b"},
    )
    assert response.status_code in (400, 404, 422)
