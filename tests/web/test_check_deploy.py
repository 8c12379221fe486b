"""`flask --app wsgi check-deploy` refuses what is unsafe or broken in production."""

import pytest

from fieldapp import create_app
from tests.conftest import dispose_engines

GOOD_KEY = "k" * 64


@pytest.fixture
def make_app(_app):
    """Apps on the test database and folders, with settings of the test's choice."""
    made = []

    def make(**overrides):
        config = {
            "DATABASE_URL": _app.config["DATABASE_URL"],
            "UPLOAD_DIR": _app.config["UPLOAD_DIR"],
            "JOB_DIR": _app.config["JOB_DIR"],
            "SECRET_KEY": GOOD_KEY,
            "FIELDAPP_ENV": "production",
            "TRUSTED_PROXIES": 1,
            **overrides,
        }
        app = create_app(config)
        made.append(app)
        return app

    yield make
    for app in made:
        dispose_engines(app)


def check(app):
    """Run the command in that app (not the test's own); (exit code, output)."""
    with app.app_context():
        result = app.test_cli_runner().invoke(args=["check-deploy"])
    return result.exit_code, result.output


def test_a_production_setup_passes_with_a_summary(app, make_app):
    code, output = check(make_app())
    assert code == 0, output
    assert "ready for production" in output
    assert "photos: local folder" in output
    assert "proxies trusted: 1" in output


def test_the_development_defaults_are_refused_with_every_reason(app, make_app):
    code, output = check(make_app(FIELDAPP_ENV="development", TRUSTED_PROXIES=0))
    assert code == 1
    for setting in (
        "FIELDAPP_ENV",
        "SESSION_COOKIE_SECURE",
        "REMEMBER_COOKIE_SECURE",
        "TRUSTED_PROXIES",
    ):
        assert f"- {setting}:" in output
    assert "4 problem(s)" in output


def test_a_short_secret_key_is_refused(app, make_app):
    code, output = check(make_app(SECRET_KEY="short-but-set"))
    assert code == 1
    assert "- SECRET_KEY: shorter than 32 characters" in output


def test_a_generated_secret_key_is_refused(app, make_app):
    code, output = check(make_app(SECRET_KEY=""))
    assert code == 1
    assert "- SECRET_KEY: generated" in output


def test_broken_services_are_each_named(app, make_app, tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("x")
    code, output = check(
        make_app(
            UPLOAD_DIR=str(blocker / "uploads"),
            REDIS_URL="redis://127.0.0.1:1/0",
            PUBLIC_BASE_URL="http://county.example",
        )
    )
    assert code == 1
    assert "- PHOTO_STORE: cannot write" in output
    assert "- REDIS_URL: configured but unreachable" in output
    assert "- PUBLIC_BASE_URL: not an https:// address" in output
    assert "3 problem(s)" in output


def test_a_database_behind_its_migrations_is_refused(app, make_app, tmp_path):
    code, output = check(make_app(DATABASE_URL=f"sqlite:///{tmp_path}/empty.sqlite3"))
    assert code == 1
    assert "not at the latest migration" in output


def test_an_unreachable_database_is_refused(app, make_app, tmp_path):
    code, output = check(make_app(DATABASE_URL=f"sqlite:///{tmp_path}/no/dir.sqlite3"))
    assert code == 1
    assert "- DATABASE_URL: the database does not answer" in output


def test_an_s3_photo_store_is_probed(app, make_app, s3_endpoint):
    from tests.s3server import s3_settings

    code, output = check(make_app(**s3_settings(s3_endpoint)))
    assert code == 0, output
    assert "photos: s3://fieldapp-test/" in output
    settings = {**s3_settings(s3_endpoint), "PHOTO_STORE": "s3://no-such-bucket"}
    code, output = check(make_app(**settings))
    assert code == 1
    assert "- PHOTO_STORE: cannot write to s3://no-such-bucket" in output
