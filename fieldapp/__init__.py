"""fieldapp: offline-first field surveys for Wanning's poor disabled households."""

from pathlib import Path

from flask import Flask
from werkzeug.middleware.proxy_fix import ProxyFix

from fieldapp.config import (
    Config,
    database_uri,
    job_settings,
    persistent_secret_key,
    read_environment,
)

ROOT = Path(__file__).resolve().parent.parent


def create_app(config: dict | None = None) -> Flask:
    """Build the application: settings, extensions, blueprints, CLI, error pages."""
    app = Flask(
        __name__,
        template_folder=str(ROOT / "templates"),
        static_folder=str(ROOT / "static"),
    )
    configure_settings(app, config or {})
    configure_json(app)
    configure_logging(app)
    configure_extensions(app)
    configure_inputs(app)
    configure_auth(app)
    configure_blueprints(app)
    configure_login_limits(app)
    configure_pwa(app)
    configure_compression(app)
    configure_headers(app)
    configure_errors(app)
    configure_templates(app)
    configure_cli(app)
    configure_proxy(app)
    return app


def configure_settings(app: Flask, overrides: dict) -> None:
    """Defaults, then the environment, then explicit overrides (tests)."""
    app.config.from_object(Config)
    app.config.update(read_environment())
    app.config.update(overrides)
    Path(app.instance_path).mkdir(parents=True, exist_ok=True)
    app.config["SQLALCHEMY_DATABASE_URI"] = database_uri(
        app.config.get("DATABASE_URL"), app.instance_path
    )
    if not app.config.get("SECRET_KEY"):
        app.config["SECRET_KEY"] = persistent_secret_key(app.instance_path)
        app.config["SECRET_KEY_GENERATED"] = True  # check-deploy refuses it
    if not app.config.get("UPLOAD_DIR"):
        app.config["UPLOAD_DIR"] = str(Path(app.instance_path) / "uploads")
    app.config.update(job_settings(app.config, app.instance_path))
    # Room for one photo or one import file plus the form's fields; both are
    # checked against their own limit with a clearer message. (Flask's own
    # default is None, so a setdefault would never apply.)
    if app.config.get("MAX_CONTENT_LENGTH") is None:
        largest = max(app.config["MAX_PHOTO_BYTES"], app.config["IMPORT_MAX_BYTES"])
        app.config["MAX_CONTENT_LENGTH"] = largest + 65536
    app.config["BABEL_TRANSLATION_DIRECTORIES"] = str(
        ROOT / "fieldapp" / "translations"
    )
    app.config["WTF_CSRF_CHECK_DEFAULT"] = False  # checked in configure_auth
    # Database errors never carry the statement's values (ID numbers, phones).
    app.config["SQLALCHEMY_ENGINE_OPTIONS"] = {
        "hide_parameters": True,
        **app.config.get("SQLALCHEMY_ENGINE_OPTIONS", {}),
    }


def configure_json(app: Flask) -> None:
    """JSON answers encoded by orjson (`fieldapp/jsonio.py`)."""
    from fieldapp.jsonio import FastJSONProvider

    app.json = FastJSONProvider(app)


def configure_logging(app: Flask) -> None:
    """Every log line is masked: no full ID, card or phone number."""
    from fieldapp.logredact import install_log_redaction
    from fieldapp.ops.access_log import init_access_log

    install_log_redaction()
    init_access_log(app)


def configure_extensions(app: Flask) -> None:
    """Initialise the database (SQLite: WAL), migrations, CSRF, translations."""
    from fieldapp.database import init_database
    from fieldapp.extensions import babel, csrf, db, migrate
    from fieldapp.i18n import select_locale

    db.init_app(app)
    migrate.init_app(
        app,
        db,
        directory=str(ROOT / "migrations"),
        render_as_batch=True,
        compare_type=True,
    )
    csrf.init_app(app)
    babel.init_app(app, locale_selector=select_locale)
    init_database(app)


def configure_inputs(app: Flask) -> None:
    """Refuse inputs no view can store (NUL characters) with a 400."""
    from fieldapp.inputs import init_inputs

    init_inputs(app)


def configure_auth(app: Flask) -> None:
    """Sessions for the browser, bearer tokens for the API, CSRF for forms."""
    from fieldapp.auth.loaders import init_auth

    init_auth(app)


def configure_blueprints(app: Flask) -> None:
    """Register one blueprint per feature."""
    from fieldapp.admin import bp as admin_bp
    from fieldapp.api import bp as api_bp
    from fieldapp.auth import bp as auth_bp
    from fieldapp.households import bp as households_bp
    from fieldapp.office import bp as office_bp
    from fieldapp.ops import bp as ops_bp
    from fieldapp.reports import bp as reports_bp
    from fieldapp.review import bp as review_bp
    from fieldapp.surveys import bp as surveys_bp

    blueprints = (
        auth_bp,
        households_bp,
        surveys_bp,
        review_bp,
        admin_bp,
        api_bp,
        reports_bp,
        office_bp,
        ops_bp,
    )
    for blueprint in blueprints:
        app.register_blueprint(blueprint)


def configure_login_limits(app: Flask) -> None:
    """Failed logins limited by account and by address (Flask-Limiter)."""
    from fieldapp.auth.limits import init_limits
    from fieldapp.auth.views import throttled

    init_limits(app, on_page_breach=throttled)


def configure_pwa(app: Flask) -> None:
    """The installable app: /sw.js, the manifest, the offline page."""
    from fieldapp.pwa.setup import init_pwa

    init_pwa(app)


def configure_compression(app: Flask) -> None:
    """Gzip text responses for phones on weak signal."""
    from fieldapp.compression import init_compression

    init_compression(app)


def configure_headers(app: Flask) -> None:
    """Content-Security-Policy and the other security headers; HSTS in production."""
    from fieldapp.headers import init_headers

    init_headers(app)


def configure_errors(app: Flask) -> None:
    """JSON errors under /api, friendly pages elsewhere."""
    from fieldapp.errors import init_errors

    init_errors(app)


def configure_templates(app: Flask) -> None:
    """Filters and globals shared by every template."""
    from fieldapp.templating import init_templates

    init_templates(app)


def configure_cli(app: Flask) -> None:
    """Commands: create-user, seed-demo, load-towns."""
    from fieldapp.cli import init_cli

    init_cli(app)


def configure_proxy(app: Flask) -> None:
    """Behind TRUSTED_PROXIES reverse proxies (nginx: 1), the client's address,
    scheme, host and port come from their X-Forwarded-* headers, and only from
    that many hops; without proxies the headers are ignored."""
    hops = int(app.config.get("TRUSTED_PROXIES") or 0)
    if hops:
        app.wsgi_app = ProxyFix(
            app.wsgi_app, x_for=hops, x_proto=hops, x_host=hops, x_port=hops
        )
