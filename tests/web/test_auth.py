"""Login pages, bearer tokens, throttling, session ends on reset or deactivation."""

from datetime import timedelta

from fieldapp.extensions import db
from fieldapp.models import ApiToken, AuditLog, utcnow
from fieldapp.services.accounts import reset_password, set_active
from tests.conftest import PASSWORD
from tests.factories import count, only


def test_login_page_logs_in_and_out(client, make_user, login):
    user = make_user()
    assert client.get("/").status_code == 302
    login(user)
    assert client.get("/").status_code == 200
    assert client.post("/logout").status_code == 302
    assert client.get("/").status_code == 302


def test_wrong_password_is_refused_and_audited(client, make_user):
    user = make_user()
    response = client.post(
        "/login", data={"username": user.username, "password": "nope"}
    )
    assert response.status_code == 401
    assert "用户名或密码不正确" in response.get_data(as_text=True)
    assert count(AuditLog, action="login_failed") == 1


def test_repeated_failures_are_rate_limited(client, make_user):
    user = make_user()
    for _ in range(5):
        client.post("/login", data={"username": user.username, "password": "nope"})
    response = client.post(
        "/login", data={"username": user.username, "password": PASSWORD}
    )
    assert response.status_code == 429


def test_login_redirects_only_to_own_site(client, make_user):
    user = make_user()
    response = client.post(
        "/login?next=https://evil.example/",
        data={"username": user.username, "password": PASSWORD},
    )
    assert response.headers["Location"] == "/"


def test_token_is_issued_and_works(client, make_user):
    user = make_user("rehab_worker", towns=["469006103"])
    response = client.post(
        "/api/v1/auth/token", json={"username": user.username, "password": PASSWORD}
    )
    assert response.status_code == 200
    body = response.get_json()
    assert body["user"] == {
        "username": user.username,
        "name": user.username,
        "role": "rehab_worker",
        "towns": ["469006103"],
    }
    assert body["expires_at"]
    headers = {"Authorization": f"Bearer {body['token']}"}
    assert client.get("/api/v1/towns", headers=headers).status_code == 200


def test_token_refusals(client, make_user):
    user = make_user()
    post = client.post
    assert (
        post(
            "/api/v1/auth/token", json={"username": user.username, "password": "x"}
        ).status_code
        == 401
    )
    assert (
        post("/api/v1/auth/token", json={"username": user.username}).status_code == 422
    )
    assert (
        post(
            "/api/v1/auth/token", data="{", content_type="application/json"
        ).status_code
        == 400
    )
    for _ in range(4):
        post("/api/v1/auth/token", json={"username": user.username, "password": "x"})
    response = post(
        "/api/v1/auth/token", json={"username": user.username, "password": PASSWORD}
    )
    assert response.status_code == 429
    assert response.get_json()["error"] == "rate_limited"


def test_api_without_token_is_401(client):
    response = client.get("/api/v1/households")
    assert response.status_code == 401
    assert response.get_json()["error"] == "not_authenticated"
    bad = client.get("/api/v1/households", headers={"Authorization": "Bearer nope"})
    assert bad.status_code == 401


def test_expired_and_revoked_tokens_stop_working(api, make_user):
    user = make_user()
    client = api(user)
    assert client.get("/api/v1/towns").status_code == 200
    token = only(ApiToken)
    token.expires_at = utcnow() - timedelta(seconds=1)
    db.session.commit()
    assert client.get("/api/v1/towns").status_code == 401
    fresh = api(user)
    assert fresh.delete("/api/v1/auth/token").status_code == 204
    assert fresh.get("/api/v1/towns").status_code == 401


def test_password_reset_and_deactivation_end_tokens_and_sessions(
    client, api, make_user, login
):
    user = make_user()
    login(user)
    token_client = api(user)
    reset_password(user, "another-pass-1")
    assert client.get("/").status_code == 302
    assert token_client.get("/api/v1/towns").status_code == 401
    token_client = api(user)
    set_active(user, False)
    assert token_client.get("/api/v1/towns").status_code == 401
    response = client.post(
        "/login", data={"username": user.username, "password": "another-pass-1"}
    )
    assert response.status_code == 401


def test_csrf_is_required_for_browser_posts_but_not_bearer_calls(
    app, client, make_user, login
):
    from fieldapp.services.accounts import issue_token
    from tests.conftest import Api
    from tests.factories import household_payload

    user = make_user()
    login(user)
    app.config["WTF_CSRF_ENABLED"] = True
    response = client.post("/api/v1/households", json=household_payload())
    assert response.status_code == 400
    assert response.get_json()["error"] == "csrf_failed"
    token = client.get("/api/v1/session").get_json()["csrf_token"]
    ok = client.post(
        "/api/v1/households", json=household_payload(), headers={"X-CSRFToken": token}
    )
    assert ok.status_code == 201
    without_cookie = Api(app.test_client(), issue_token(user)[0])
    response = without_cookie.post("/api/v1/households", json=household_payload())
    assert response.status_code == 201


def test_language_switch(client, make_user, login):
    login(make_user())
    assert "我的住户" in client.get("/").get_data(as_text=True)
    client.get("/lang/en")
    assert "My households" in client.get("/").get_data(as_text=True)
