"""Login limits by account and by address, the real client address behind a proxy,
JSON-only tokens, and CSRF that neither blocks the 401 nor yields to junk headers."""

import json

import pytest

from fieldapp import create_app
from fieldapp.models import Household
from tests.conftest import PASSWORD, dispose_engines
from tests.factories import count, household_payload


def attempt(client, username, password="wrong-password", address="10.0.0.1"):
    """One login through the page from a client address."""
    return client.post(
        "/login",
        data={"username": username, "password": password},
        environ_base={"REMOTE_ADDR": address},
    )


def test_an_account_is_held_up_from_one_address_but_not_from_another(client, make_user):
    user = make_user()
    for _ in range(5):
        assert attempt(client, user.username).status_code == 401
    blocked = attempt(client, user.username, PASSWORD)
    assert blocked.status_code == 429
    assert "登录失败次数过多" in blocked.get_data(as_text=True)
    assert blocked.headers["Retry-After"]
    assert attempt(client, user.username, PASSWORD, "10.0.0.2").status_code == 302


def test_guessing_one_account_from_many_addresses_is_limited(client, make_user):
    user, other = make_user(), make_user()
    for index in range(20):
        attempt(client, user.username, address=f"10.0.1.{index}")
    assert attempt(client, user.username, PASSWORD, "10.0.2.1").status_code == 429
    assert attempt(client, other.username, PASSWORD, "10.0.1.1").status_code == 302


def test_one_address_trying_many_accounts_is_limited_alone(client, make_user):
    users = [make_user() for _ in range(3)]
    for index in range(50):
        attempt(client, f"nobody{index}", address="10.0.3.1")
    assert attempt(client, users[0].username, PASSWORD, "10.0.3.1").status_code == 429
    assert attempt(client, users[1].username, PASSWORD, "10.0.3.2").status_code == 302


def test_successful_logins_do_not_count(client, make_user):
    user = make_user()
    for _ in range(8):
        assert attempt(client, user.username, PASSWORD).status_code == 302
        client.post("/logout")


def test_the_token_endpoint_shares_the_limits(client, make_user):
    user = make_user()
    for _ in range(5):
        client.post(
            "/api/v1/auth/token",
            json={"username": user.username, "password": "nope"},
            environ_base={"REMOTE_ADDR": "10.0.4.1"},
        )
    response = attempt(client, user.username, PASSWORD, "10.0.4.1")
    assert response.status_code == 429


@pytest.fixture
def other_app(_app):
    """Build another app on the test database with some settings changed."""
    made = []

    def make(**overrides):
        config = {
            key: _app.config[key]
            for key in ("DATABASE_URL", "SECRET_KEY", "UPLOAD_DIR", "JOB_DIR")
        }
        config.update(
            TESTING=True,
            WTF_CSRF_ENABLED=False,
            PASSWORD_HASH_METHOD="pbkdf2:sha256:1000",
            **overrides,
        )
        made.append(create_app(config))
        return made[-1]

    yield make
    for app in made:
        dispose_engines(app)


def via_proxy(client, username, password, client_address):
    """A login that reached the app through nginx on the same machine."""
    return client.post(
        "/login",
        data={"username": username, "password": password},
        headers={"X-Forwarded-For": client_address},
        environ_base={"REMOTE_ADDR": "127.0.0.1"},
    )


def test_behind_a_proxy_each_client_is_limited_by_its_own_address(
    app, other_app, make_user
):
    proxied = other_app(TRUSTED_PROXIES=1).test_client()
    user, victim = make_user(), make_user()
    for index in range(60):
        via_proxy(proxied, f"nobody{index}", "wrong", "203.0.113.5")
    assert via_proxy(proxied, user.username, PASSWORD, "203.0.113.5").status_code == 429
    response = via_proxy(proxied, victim.username, PASSWORD, "198.51.100.7")
    assert response.status_code == 302


def test_without_trusted_proxies_the_forwarded_address_is_ignored(client, make_user):
    user = make_user()
    for index in range(5):
        via_proxy(client, user.username, "wrong", f"198.51.100.{index}")
    assert (
        via_proxy(client, user.username, PASSWORD, "198.51.100.99").status_code == 429
    )


REDIS_URL = "redis://127.0.0.1:6379/12"  # database 12 is this module's own


@pytest.fixture
def redis_db():
    from redis import Redis

    redis = Redis.from_url(REDIS_URL)
    try:
        redis.ping()
    except Exception as exc:  # pragma: no cover - depends on the machine
        pytest.fail(f"Redis is needed for the shared-limit test: {exc}")
    redis.flushdb()
    yield redis
    redis.flushdb()
    redis.close()


def test_with_redis_every_app_server_sees_the_same_counts(
    app, other_app, make_user, redis_db
):
    first = other_app(REDIS_URL=REDIS_URL).test_client()
    second = other_app(REDIS_URL=REDIS_URL).test_client()
    user = make_user()
    for _ in range(5):
        attempt(first, user.username)
    assert any(b"fieldapp-login" in key for key in redis_db.scan_iter())
    assert attempt(second, user.username, PASSWORD).status_code == 429


def test_the_token_endpoint_takes_json_only(client, make_user):
    user = make_user()
    body = json.dumps({"username": user.username, "password": PASSWORD})
    as_text = client.post("/api/v1/auth/token", data=body, content_type="text/plain")
    assert as_text.status_code == 415
    assert as_text.get_json()["error"] == "unsupported_media_type"
    as_form = client.post(
        "/api/v1/auth/token", data={"username": user.username, "password": PASSWORD}
    )
    assert as_form.status_code == 415
    ok = client.post(
        "/api/v1/auth/token", json={"username": user.username, "password": PASSWORD}
    )
    assert ok.status_code == 200


@pytest.mark.parametrize(
    "method, path",
    [
        ("post", "/api/v1/households"),
        ("post", "/api/v1/records"),
        ("put", "/api/v1/records/00000000-0000-4000-8000-000000000000"),
        ("post", "/api/v1/records/00000000-0000-4000-8000-000000000000/photos"),
        ("delete", "/api/v1/auth/token"),
    ],
)
def test_unauthenticated_api_writes_are_401_not_a_csrf_400(app, client, method, path):
    app.config["WTF_CSRF_ENABLED"] = True
    response = getattr(client, method)(path, json={})
    assert response.status_code == 401
    assert response.get_json()["error"] == "not_authenticated"
    junk = getattr(client, method)(path, json={}, headers={"Authorization": "Bearer x"})
    assert junk.status_code == 401


def test_a_junk_bearer_header_does_not_switch_csrf_off_for_a_cookie_session(
    app, client, make_user, login
):
    login(make_user())
    app.config["WTF_CSRF_ENABLED"] = True
    for header in ("Bearer junk", "Bearer ", "bearer x y", "Basic abc"):
        response = client.post(
            "/api/v1/households",
            json=household_payload(),
            headers={"Authorization": header},
        )
        assert response.status_code == 400, header
        assert response.get_json()["error"] == "csrf_failed"
    assert count(Household) == 0
