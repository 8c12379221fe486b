"""Shared fixtures: an app on SQLite (or PostgreSQL), clients, users, logins."""

import os

import pytest
from flask.testing import FlaskClient
from flask_migrate import upgrade
from sqlalchemy import text

from fieldapp import create_app
from fieldapp.extensions import db
from fieldapp.models import Base, Household
from fieldapp.services.accounts import create_user, issue_token
from fieldapp.services.households import create_household
from fieldapp.services.reference import sync_towns
from tests.factories import household_payload

PASSWORD = "correct-horse-9"


def database_url_for_tests(tmp_path_factory) -> str:
    """PostgreSQL on the second `make test` pass, SQLite otherwise."""
    if os.environ.get("FIELDAPP_TEST_DB") == "postgresql":
        url = os.environ.get("TEST_DATABASE_URL")
        if not url:
            raise RuntimeError("FIELDAPP_TEST_DB=postgresql needs TEST_DATABASE_URL")
        return url
    return "sqlite:///" + str(tmp_path_factory.mktemp("db") / "test.sqlite3")


def reset_schema(app) -> None:
    """Start from an empty database, then build it with the real migrations."""
    with app.app_context():
        if db.engine.dialect.name == "postgresql":
            with db.engine.begin() as conn:
                conn.execute(text("DROP SCHEMA public CASCADE"))
                conn.execute(text("CREATE SCHEMA public"))
        upgrade()
        sync_towns()


class FreshContextClient(FlaskClient):
    """Each request gets its own app context, database session and `g`, as in
    production; the test's own session is expired afterwards so it rereads."""

    def open(self, *args, **kwargs):
        with self.application.app_context():
            response = super().open(*args, **kwargs)
        db.session.expire_all()
        return response


def dispose_engines(app) -> None:
    """Close pooled connections so none is left for the garbage collector."""
    with app.app_context():
        for engine in db.engines.values():
            engine.dispose()


@pytest.fixture(scope="session")
def _app(tmp_path_factory):
    app = create_app(
        {
            "TESTING": True,
            "DATABASE_URL": database_url_for_tests(tmp_path_factory),
            "SECRET_KEY": "test-secret",
            "UPLOAD_DIR": str(tmp_path_factory.mktemp("uploads")),
            "JOB_DIR": str(tmp_path_factory.mktemp("jobs")),
            "WTF_CSRF_ENABLED": False,
            "PASSWORD_HASH_METHOD": "pbkdf2:sha256:1000",
            "SERVER_NAME": "localhost",
        }
    )
    app.test_client_class = FreshContextClient
    reset_schema(app)
    yield app
    dispose_engines(app)


@pytest.fixture
def app(_app):
    """The app with every table but the towns emptied before the test."""
    with _app.app_context():
        for table in reversed(Base.metadata.sorted_tables):
            if table.name != "town":
                db.session.execute(table.delete())
        db.session.commit()
        _app.config["WTF_CSRF_ENABLED"] = False
        _app.extensions["login_limiter"].reset()  # failed logins of earlier tests
        yield _app
        db.session.remove()


@pytest.fixture
def client(app):
    return app.test_client()


@pytest.fixture
def runner(app):
    return app.test_cli_runner()


@pytest.fixture
def make_user(app):
    """Create users: make_user("inspector", towns=["469006100"])."""
    seq = iter(range(1, 1000))

    def make(role="inspector", towns=("469006100",), username=None, password=PASSWORD):
        name = username or f"{role}{next(seq)}"
        return create_user(name, password, role, list(towns))

    return make


@pytest.fixture
def login(client):
    """Log a user in through the login page."""

    def do(user, password=PASSWORD):
        response = client.post(
            "/login", data={"username": user.username, "password": password}
        )
        assert response.status_code == 302, response.get_data(as_text=True)
        return response

    return do


class Api:
    """A JSON client authenticated with a bearer token."""

    def __init__(self, client, token: str | None):
        self.client = client
        self.headers = {"Authorization": f"Bearer {token}"} if token else {}

    def __getattr__(self, method):
        def call(path, **kwargs):
            headers = {**self.headers, **kwargs.pop("headers", {})}
            return getattr(self.client, method)(path, headers=headers, **kwargs)

        return call


@pytest.fixture
def api(client):
    """api(user) gives a bearer-token JSON client; api(None) an anonymous one."""

    def make(user=None):
        return Api(client, issue_token(user)[0] if user else None)

    return make


@pytest.fixture
def today(app):
    """Fix the app's today (China time) for the test: `today("2026-06-01")`."""

    def fix(day: str):
        app.config["TODAY"] = day

    yield fix
    app.config.pop("TODAY", None)


@pytest.fixture
def make_household(app, make_user):
    """Store a household directly (not through the API) for read tests."""
    author = None

    def make(town_code="469006100", **overrides) -> Household:
        nonlocal author
        author = author or make_user("admin", towns=(), username="factory-admin")
        household, _created = create_household(
            household_payload(town_code, **overrides), author
        )
        return household

    return make


@pytest.fixture
def household(make_household):
    """A registered-poor household whose member was born in 1980 and holds an
    intellectual-disability card of level 2 (eligible for respite care)."""
    from datetime import date

    from tests.factories import make_id, member_payload

    idn = make_id(date(1980, 6, 1))
    return make_household(
        members=[member_payload(id_number=idn, disability_card=idn + "52")]
    )


@pytest.fixture(scope="session")
def s3_endpoint():
    """A local S3-compatible server (moto) for the whole run, started on first use."""
    from tests.s3server import moto_server

    with moto_server() as endpoint:
        yield endpoint


@pytest.fixture(params=["local", "s3"])
def photo_store(request, app, monkeypatch, tmp_path):
    """Run the test once with photos in the local folder and once in S3 (moto);
    yields the app's store, empty (the local one in this test's own folder)."""
    from fieldapp.services.storage import photo_storage

    if request.param == "s3":
        from tests.s3server import s3_settings

        for name, value in s3_settings(request.getfixturevalue("s3_endpoint")).items():
            monkeypatch.setitem(app.config, name, value)
    else:
        monkeypatch.setitem(app.config, "PHOTO_STORE", "local")
        monkeypatch.setitem(app.config, "UPLOAD_DIR", str(tmp_path / "uploads"))
    yield photo_storage(app)
