"""Browser fixtures: the app served on a free port, Debian chromium via Playwright."""

import threading

import pytest
from werkzeug.serving import make_server

from fieldapp import create_app
from tests.conftest import dispose_engines, reset_schema

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


@pytest.fixture(scope="session")
def live_app(tmp_path_factory):
    """An app with its own SQLite database, as a real deployment would have."""
    folder = tmp_path_factory.mktemp("live")
    app = create_app(
        {
            "DATABASE_URL": f"sqlite:///{folder / 'live.sqlite3'}",
            "SECRET_KEY": "e2e-secret",
            "UPLOAD_DIR": str(folder / "uploads"),
            "PASSWORD_HASH_METHOD": "pbkdf2:sha256:1000",
        }
    )
    reset_schema(app)
    yield app
    dispose_engines(app)


@pytest.fixture(scope="session")
def live_server(live_app):
    """Serve the app in a thread; yields its base URL."""
    server = make_server("127.0.0.1", 0, live_app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}"
    server.shutdown()


@pytest.fixture(scope="session")
def browser():
    """One headless Debian chromium for the whole run (never a downloaded one)."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture
def page(browser, live_server):
    """A fresh phone-sized browser context and page."""
    context = browser.new_context(
        base_url=live_server, viewport={"width": 360, "height": 740}, locale="zh-CN"
    )
    page = context.new_page()
    yield page
    context.close()


@pytest.fixture
def live_user(live_app):
    """Create a user in the live app's database."""
    from fieldapp.services.accounts import create_user

    seq = iter(range(1, 10000))

    def make(role="inspector", towns=("469006100",), password="live-pass-123"):
        with live_app.app_context():
            user = create_user(f"e2e-{role}-{next(seq)}-{id(seq)}", password, role, list(towns))
            return user.username, password

    return make


@pytest.fixture
def logged_in(page):
    """Log the page in through the real login form."""

    def do(username, password):
        page.goto("/login")
        page.fill("#username", username)
        page.fill("#password", password)
        page.click("button[type=submit]")
        page.wait_for_url("**/")
        return page

    return do
