"""The app behind nginx over HTTPS, as deployed (deploy/nginx/fieldapp.conf with a
certificate made for the test): on a host that is not localhost, only TLS makes
the page a secure context, where the service worker installs, the app works
offline and a record with a photo queued offline is stored once."""

import json
import threading

import pytest
from playwright.sync_api import expect
from werkzeug.serving import make_server

from fieldapp import create_app
from fieldapp.domain.barthel import BARTHEL_ITEMS
from fieldapp.extensions import db
from fieldapp.models import Photo, Record
from tests.conftest import dispose_engines, reset_schema
from tests.e2e.conftest import (
    CHROMIUM,
    CHROMIUM_ARGS,
    PASSWORD,
    PHONE_OPTIONS,
    DroppedConnectionHandler,
    Worker,
    keep_response,
    live_database_url,
)
from tests.e2e.helpers import (
    count_rows,
    expect_pending,
    fill_barthel,
    log_in,
    photo_file,
    wait_until_offline_ready,
)
from tests.e2e.test_offline_survey import open_form_offline
from tests.factories import household_payload, make_id, member_payload
from tests.tls import HOST, nginx_in_front, plain_get

SCORES = {item: values[-1] for item, values in BARTHEL_ITEMS.items()}


@pytest.fixture(scope="module")
def tls_app(tmp_path_factory):
    """A production app (Secure cookies, HSTS, one trusted proxy) with its own
    database, served on a free port for nginx to proxy to."""
    folder = tmp_path_factory.mktemp("tls")
    app = create_app(
        {
            "DATABASE_URL": live_database_url(folder, "tls"),
            "SECRET_KEY": "tls-test-" + "k" * 40,
            "UPLOAD_DIR": str(folder / "uploads"),
            "JOB_DIR": str(folder / "jobs"),
            "PASSWORD_HASH_METHOD": "pbkdf2:sha256:1000",
            "FIELDAPP_ENV": "production",
            "TRUSTED_PROXIES": 1,
        }
    )
    reset_schema(app)
    server = make_server(
        "127.0.0.1",
        0,
        keep_response(app),
        threaded=True,
        request_handler=DroppedConnectionHandler,
    )
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    with nginx_in_front(folder / "nginx", server.server_port) as urls:
        yield app, urls, folder / "nginx"
    server.shutdown()
    dispose_engines(app)


@pytest.fixture(scope="module")
def tls_browser(playwright, tls_app):
    """Chromium that resolves the test host to 127.0.0.1 and trusts the test's
    certificate by its public key (no certificate errors, so service workers
    are allowed)."""
    _app, (_https, _http, spki), _folder = tls_app
    args = [
        *CHROMIUM_ARGS,
        f"--host-resolver-rules=MAP {HOST} 127.0.0.1",
        f"--ignore-certificate-errors-spki-list={spki}",
    ]
    chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=args)
    yield chromium
    chromium.close()


def make_worker(app) -> Worker:
    """A rehabilitation worker with one household in 万城镇."""
    from fieldapp.services.accounts import create_user
    from fieldapp.services.households import create_household

    with app.app_context():
        user = create_user("tls-worker", PASSWORD, "rehab_worker", ["469006100"])
        head = member_payload(name="符春花", relation="head", id_number=make_id())
        payload = household_payload(
            members=[head], location={"lat": 18.80, "lon": 110.39, "accuracy_m": 9.0}
        )
        create_household(payload, user)
        db.session.remove()
    return Worker("tls-worker", payload["uuid"], head["uuid"], "")


def header(page, path: str, name: str) -> str:
    """A response header of a GET the page makes (through the browser's resolver)."""
    return page.evaluate(
        """async ([path, name]) => {
            const answer = await fetch(path, { cache: "no-store" });
            return answer.headers.get(name) || "";
        }""",
        [path, name],
    )


def test_plain_http_only_redirects_to_https(tls_app):
    _app, (_https, http, _spki), _folder = tls_app
    status, headers = plain_get(f"{http}/login")
    assert status == 301
    assert headers["Location"] == f"https://{HOST}/login"


def test_offline_record_with_photo_over_https_is_stored_once(
    tls_app, tls_browser, tmp_path
):
    app, (https, _http, _spki), folder = tls_app
    worker = make_worker(app)
    context = tls_browser.new_context(**{**PHONE_OPTIONS, "base_url": https})
    try:
        page = context.new_page()
        page.goto("/login")
        assert page.evaluate("() => window.isSecureContext") is True
        log_in(page, worker.username)
        session = next(c for c in context.cookies() if c["name"] == "session")
        assert session["secure"] is True
        wait_until_offline_ready(page)
        # The service worker is never kept by an HTTP cache; HSTS is sent.
        assert header(page, "/sw.js", "cache-control") == "no-cache"
        assert "max-age" in header(page, "/", "strict-transport-security")
        # nginx serves and gzips the static files.
        assert header(page, "/static/css/app.css", "content-encoding") == "gzip"
        # A content-named bundle is kept a year; a plain file is revalidated.
        bundle = page.evaluate(
            "() => document.querySelector('script[src*=\"/static/dist/\"]').src"
        )
        assert "immutable" in header(page, bundle, "cache-control")
        assert header(page, "/static/js/app.js", "cache-control") == "no-cache"

        context.set_offline(True)
        page.reload()
        open_form_offline(page, worker)
        fill_barthel(page, SCORES)
        page.select_option("[name='data-mode_requested']", "home")
        page.set_input_files("input[data-photo]", photo_file(tmp_path))
        expect(page.locator("[data-photo-list]")).to_have_attribute("data-count", "1")
        page.click("#survey-form button[type=submit]")
        page.wait_for_url(f"**/households/{worker.household}")
        expect_pending(page, 2)
        assert count_rows(app, Record) == 0

        context.set_offline(False)
        expect_pending(page, 0)
        expect(page.locator("#outbox-status")).to_have_attribute("data-unsent", "0")
    finally:
        context.close()
    assert count_rows(app, Record) == 1
    assert count_rows(app, Photo) == 1
    # nginx logged the visit as JSON, without a query string.
    lines = [
        json.loads(line)
        for line in (folder / "fieldapp.access.log").read_text().splitlines()
    ]
    posts = [line for line in lines if line["method"] == "POST"]
    assert any(line["path"].endswith("/photos") for line in posts)
    assert all("?" not in line["path"] for line in lines)
    assert {line["proto"] for line in lines} == {"HTTP/2.0"}
