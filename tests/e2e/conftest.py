"""Browser fixtures: the app served on a free port, Debian chromium via Playwright.

No network is needed: the app runs on 127.0.0.1, chromium is the Debian package
(never a downloaded one), and axe-core is vendored under tests/e2e/vendor/.
"""

import itertools
import os
import threading
from dataclasses import dataclass
from pathlib import Path

import pytest
from werkzeug.serving import WSGIRequestHandler, make_server

from fieldapp import create_app
from fieldapp.extensions import db
from tests.conftest import dispose_engines, reset_schema
from tests.e2e.signal import Signal
from tests.factories import household_payload, make_id, member_payload

CHROMIUM = "/usr/bin/chromium"
LIVE_USER_SEQ = itertools.count(1)
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
# Near the 万城镇 seat, inside Wanning.
WANNING = {"latitude": 18.7962, "longitude": 110.3905, "accuracy": 8}
PHONE_OPTIONS = {
    "viewport": {"width": 360, "height": 740},
    "service_workers": "allow",
    "geolocation": WANNING,
    # Chrome allows both by default; a Playwright context starts with neither.
    "permissions": ["geolocation", "background-sync"],
    "locale": "zh-CN",
    "timezone_id": "Asia/Shanghai",
}
PASSWORD = "field-pass-2026"
_names = itertools.count(1)


def pytest_collection_modifyitems(items):
    """Everything in this folder is a browser test (`-m "not e2e"` leaves them out)."""
    here = Path(__file__).parent
    for item in items:
        if here in Path(item.fspath).parents:
            item.add_marker(pytest.mark.e2e)


def live_database_url(folder, suffix: str = "e2e") -> str:
    """SQLite in a temporary folder, or a PostgreSQL database made for the run
    (`<test database>_<suffix>`)."""
    if os.environ.get("FIELDAPP_TEST_DB") != "postgresql":
        return f"sqlite:///{folder / f'{suffix}.sqlite3'}"
    import psycopg
    from sqlalchemy.engine import make_url

    url = make_url(os.environ["TEST_DATABASE_URL"])
    name = f"{url.database}_{suffix}"
    admin = url.set(drivername="postgresql", database="postgres")
    dsn = admin.render_as_string(hide_password=False)
    with psycopg.connect(dsn, autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        conn.execute(f'CREATE DATABASE "{name}"')
    return url.set(database=name).render_as_string(hide_password=False)


@pytest.fixture(scope="session")
def live_app(tmp_path_factory):
    """An app with its own database, as a real deployment would have: SQLite, or on
    the PostgreSQL pass a sibling of the test database (`<name>_e2e`)."""
    folder = tmp_path_factory.mktemp("live")
    app = create_app(
        {
            "DATABASE_URL": live_database_url(folder),
            "SECRET_KEY": "e2e-secret",
            "UPLOAD_DIR": str(folder / "uploads"),
            "JOB_DIR": str(folder / "jobs"),
            "PASSWORD_HASH_METHOD": "pbkdf2:sha256:1000",
        }
    )
    reset_schema(app)
    yield app
    dispose_engines(app)


class DroppedConnectionHandler(WSGIRequestHandler):
    """Close each response once the request is over, whatever happened. When the
    browser hangs up mid-response (a tab closed while its service worker is still
    precaching), werkzeug's dev server can skip closing it, and the open static
    file fails the run with a ResourceWarning; gunicorn in production has no such
    gap. Closing twice is harmless."""

    def run_wsgi(self):
        try:
            super().run_wsgi()
        finally:
            body = getattr(self, "environ", {}).get("e2e.response")
            if hasattr(body, "close"):
                body.close()


def keep_response(app):
    """Remember each response in its environ for DroppedConnectionHandler."""

    def wrapped(environ, start_response):
        environ["e2e.response"] = body = app(environ, start_response)
        return body

    return wrapped


@pytest.fixture(scope="session")
def live_server(live_app):
    """Serve the app in a thread; yields its base URL."""
    server = make_server(
        "127.0.0.1",
        0,
        keep_response(live_app),
        threaded=True,
        request_handler=DroppedConnectionHandler,
    )
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}"
    server.shutdown()


@pytest.fixture(scope="module")
def module_page(browser, live_server):
    """One page of the live app (its login page) for a module's tests that only
    import the app's scripts and call them (the twins of server rules)."""
    context = browser.new_context(base_url=live_server)
    page = context.new_page()
    page.goto("/login")
    yield page
    context.close()


@pytest.fixture(scope="session")
def playwright():
    """Playwright's driver, shared: a thread can run only one."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as driver:
        yield driver


@pytest.fixture(scope="session")
def browser(playwright):
    """One headless Debian chromium for the whole run (never a downloaded one)."""
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

    def make(role="inspector", towns=("469006100",), password="live-pass-123"):
        # The live database lives for the whole run: names must never repeat.
        name = f"e2e-{role}-{next(LIVE_USER_SEQ)}"
        with live_app.app_context():
            user = create_user(name, password, role, list(towns))
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


@dataclass
class Worker:
    """A rehabilitation worker with one household (two members) in 万城镇."""

    username: str
    household: str
    head: str
    spouse: str


def new_worker(live_app, town: str = "469006100") -> Worker:
    """A new worker of `town` and a household there."""
    from fieldapp.services.accounts import create_user
    from fieldapp.services.households import create_household

    with live_app.app_context():
        name = f"rehab-pwa-{next(_names)}"
        user = create_user(name, PASSWORD, "rehab_worker", [town])
        head = member_payload(name="符春花", relation="head")
        spouse = member_payload(name="陈阿公", relation="spouse", id_number=make_id())
        payload = household_payload(
            town,
            members=[head, spouse],
            location={"lat": 18.80, "lon": 110.39, "accuracy_m": 9.0},
        )
        create_household(payload, user)
        db.session.remove()
    return Worker(name, payload["uuid"], head["uuid"], spouse["uuid"])


@pytest.fixture
def worker(live_app) -> Worker:
    """A new worker and household for this test only."""
    return new_worker(live_app)


@pytest.fixture
def signal(live_server):
    """The phone's connection to the app, which a test can cut and restore."""
    relay = Signal(int(live_server.rsplit(":", 1)[1]))
    yield relay
    relay.close()


class Phone:
    """A phone-sized browser with service workers and a position. With a profile
    it can be closed and opened again with its data kept, as a worker closes the
    browser and comes back later."""

    def __init__(self, playwright, browser, signal: Signal, profile: Path | None):
        self.playwright = playwright
        self.browser = browser
        self.signal = signal
        self.profile = profile
        self.context = None

    def open(self, offline: bool = False):
        """Start the browser (on the kept profile, if any); returns its context."""
        options = {**PHONE_OPTIONS, "base_url": self.signal.url, "offline": offline}
        if self.profile is None:
            self.context = self.browser.new_context(**options)
        else:
            self.context = self.playwright.chromium.launch_persistent_context(
                str(self.profile),
                executable_path=CHROMIUM,
                args=CHROMIUM_ARGS,
                **options,
            )
        return self.context

    def go_offline(self):
        """Signal lost: the page's `offline`, and nothing reaches the server."""
        self.signal.cut()
        self.context.set_offline(True)

    def go_online(self):
        """Signal back: the server is reachable and the page hears `online`."""
        self.signal.restore()
        self.context.set_offline(False)

    def close(self):
        """Quit the browser; a profile (IndexedDB, caches, cookies) stays."""
        if self.context is not None:
            self.context.close()
            self.context = None


@pytest.fixture
def kept_phone(playwright, browser, signal, tmp_path):
    """A phone whose browser can be restarted with its data kept."""
    device = Phone(playwright, browser, signal, tmp_path / "profile")
    yield device
    device.close()


@pytest.fixture
def fresh_phone(playwright, browser, signal):
    """A phone for one browser session (a new context of the shared browser)."""
    device = Phone(playwright, browser, signal, None)
    device.open()
    yield device
    device.close()
