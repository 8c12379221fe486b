"""Security headers and cookie flags: CSP without inline script, no framing,
nosniff, same-origin referrers; Secure cookies and HSTS in production."""

import re
from pathlib import Path

import pytest

from fieldapp import create_app
from fieldapp.headers import tile_source
from tests.conftest import PASSWORD, dispose_engines

ROOT = Path(__file__).resolve().parents[2]


def directives(response) -> dict[str, list[str]]:
    """The response's Content-Security-Policy, directive by directive."""
    policy = response.headers["Content-Security-Policy"]
    found = {}
    for part in policy.split(";"):
        name, *values = part.split()
        found[name] = values
    return found


def assert_secure_headers(response) -> None:
    csp = directives(response)
    assert csp["script-src"] == ["'self'"]
    for directive in ("script-src", "default-src"):
        assert "'unsafe-inline'" not in csp[directive]
        assert "'unsafe-eval'" not in csp[directive]
    assert "'unsafe-inline'" not in csp["style-src"]
    assert csp["frame-ancestors"] == ["'none'"]
    assert csp["object-src"] == ["'none'"]
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert response.headers["Referrer-Policy"] == "same-origin"
    assert response.headers["X-Frame-Options"] == "DENY"


@pytest.mark.parametrize(
    "path", ["/login", "/api/v1/towns", "/sw.js", "/static/js/app.js", "/nope"]
)
def test_every_answer_carries_the_security_headers(client, path):
    with client.get(path) as response:
        assert_secure_headers(response)


def test_pages_and_the_api_of_a_logged_in_user_carry_them(client, login, make_user):
    login(make_user())
    for path in ("/", "/households/new", "/offline", "/api/v1/households"):
        assert_secure_headers(client.get(path))


def test_the_case_file_preview_styles_by_nonce(client, login, make_user, household):
    login(make_user("supervisor"))
    response = client.get(f"/households/{household.uuid}/casefile")
    assert response.status_code == 200
    nonce = re.search(r'<style nonce="([^"]+)">', response.get_data(as_text=True))
    assert nonce
    assert f"'nonce-{nonce.group(1)}'" in directives(response)["style-src"]


def test_a_nonce_only_where_a_template_used_one(client, login, make_user, household):
    login(make_user("supervisor"))
    for path in ("/api/v1/households", "/login", "/"):
        assert not any(
            value.startswith("'nonce-")
            for values in directives(client.get(path)).values()
            for value in values
        ), path
    first = client.get(f"/households/{household.uuid}/casefile")
    second = client.get(f"/households/{household.uuid}/casefile")
    assert directives(first)["style-src"] != directives(second)["style-src"]


SCRIPT_TAG = re.compile(r"<script\b([^>]*)>", re.IGNORECASE)
HANDLER = re.compile(r"\son[a-z]+\s*=", re.IGNORECASE)


@pytest.mark.parametrize(
    "template",
    sorted(p.relative_to(ROOT) for p in (ROOT / "templates").rglob("*.html")),
)
def test_templates_hold_no_inline_script_or_handler(template):
    text = (ROOT / template).read_text()
    for attributes in SCRIPT_TAG.findall(text):
        assert "src=" in attributes or 'type="application/json"' in attributes
    assert not HANDLER.search(text)
    assert "javascript:" not in text


def test_scripts_never_evaluate_strings():
    for path in (ROOT / "static").rglob("*.js"):
        if "vendor" in path.parts:
            continue
        text = path.read_text()
        assert "eval(" not in text, path
        assert "new Function" not in text, path


@pytest.fixture
def production_app(_app):
    config = {
        key: _app.config[key]
        for key in ("DATABASE_URL", "SECRET_KEY", "UPLOAD_DIR", "JOB_DIR")
    }
    app = create_app(
        {
            **config,
            "TESTING": True,
            "WTF_CSRF_ENABLED": False,
            "PASSWORD_HASH_METHOD": "pbkdf2:sha256:1000",
            "FIELDAPP_ENV": "production",
        }
    )
    yield app
    dispose_engines(app)


def cookie_flags(response, name: str) -> str:
    return next(c for c in response.headers.getlist("Set-Cookie") if c.startswith(name))


def test_production_cookies_are_secure_and_hsts_is_sent(app, production_app, make_user):
    user = make_user()
    client = production_app.test_client()
    response = client.post(
        "/login",
        data={"username": user.username, "password": PASSWORD, "remember": "y"},
        base_url="https://localhost",
    )
    assert response.status_code == 302
    assert "Secure" in cookie_flags(response, "session=")
    assert "Secure" in cookie_flags(response, "remember_token=")
    hsts = response.headers["Strict-Transport-Security"]
    assert hsts.startswith("max-age=31536000")


def test_development_sends_neither_secure_cookies_nor_hsts(app, client, make_user):
    user = make_user()
    response = client.post(
        "/login",
        data={"username": user.username, "password": PASSWORD, "remember": "y"},
        base_url="https://localhost",
    )
    assert "Secure" not in cookie_flags(response, "session=")
    assert "Strict-Transport-Security" not in response.headers


@pytest.mark.parametrize(
    ("url", "source"),
    [
        (
            "https://t{s}.tianditu.gov.cn/vec_w/wmts?TILEMATRIX={z}&tk=KEY",
            "https://*.tianditu.gov.cn",
        ),
        ("https://tiles.example/{z}/{x}/{y}.png", "https://tiles.example"),
        ("", None),
    ],
)
def test_the_map_tile_host_becomes_an_image_source(url, source):
    assert tile_source(url) == source


def test_configured_map_tiles_are_allowed_as_images_and_nothing_more(_app, app):
    config = {key: _app.config[key] for key in ("DATABASE_URL", "SECRET_KEY")}
    tiled = create_app(
        {**config, "TESTING": True, "MAP_TILES_URL": "https://t{s}.tianditu.gov.cn/x"}
    )
    try:
        csp = directives(tiled.test_client().get("/login"))
    finally:
        dispose_engines(tiled)
    assert csp["img-src"] == ["'self'", "blob:", "data:", "https://*.tianditu.gov.cn"]
    assert csp["script-src"] == ["'self'"] and csp["connect-src"] == ["'self'"]
