"""`flask check-deploy`: every setting that would be unsafe or broken in
production, as a list of (setting, what is wrong and what to do)."""

from dataclasses import dataclass

from fieldapp.services import health

MIN_SECRET_KEY = 32


@dataclass(frozen=True)
class Problem:
    """One unsafe or broken setting."""

    setting: str
    message: str


def secret_key_problems(config) -> list[Problem]:
    """A key generated on this machine, or one too short to be safe."""
    if config.get("SECRET_KEY_GENERATED"):
        return [
            Problem(
                "SECRET_KEY",
                "generated into instance/secret_key: set one in the environment "
                "file, the same on every app server "
                '(python3 -c "import secrets; print(secrets.token_hex(32))")',
            )
        ]
    if len(str(config.get("SECRET_KEY") or "")) < MIN_SECRET_KEY:
        return [Problem("SECRET_KEY", f"shorter than {MIN_SECRET_KEY} characters")]
    return []


def web_problems(config) -> list[Problem]:
    """Production mode, Secure cookies, the proxy, debug mode, the public URL."""
    found = []
    if config.get("FIELDAPP_ENV") != "production":
        found.append(
            Problem("FIELDAPP_ENV", "not 'production' (no Secure cookies, no HSTS)")
        )
    for name in ("SESSION_COOKIE_SECURE", "REMEMBER_COOKIE_SECURE"):
        if not config.get(name):
            found.append(Problem(name, "cookies are sent over plain HTTP (not Secure)"))
    if not config.get("TRUSTED_PROXIES"):
        found.append(
            Problem(
                "TRUSTED_PROXIES",
                "0 behind nginx: client addresses and https:// are not seen "
                "(set 1 for one nginx in front)",
            )
        )
    if config.get("DEBUG"):
        found.append(Problem("DEBUG", "debug mode is on"))
    base = config.get("PUBLIC_BASE_URL") or ""
    if base and not base.startswith("https://"):
        found.append(Problem("PUBLIC_BASE_URL", "not an https:// address"))
    return found


def service_problems(config, storage) -> list[Problem]:
    """The photo store, Redis and the database with its migrations."""
    found = []
    if not storage.writable():
        found.append(Problem("PHOTO_STORE", f"cannot write to {storage.describe()}"))
    if health.redis_state(config) == "error":
        found.append(Problem("REDIS_URL", "configured but unreachable"))
    if not health.database_ok():
        found.append(Problem("DATABASE_URL", "the database does not answer"))
    elif not health.migrations_ok():
        found.append(
            Problem(
                "DATABASE_URL",
                "not at the latest migration: run `flask --app wsgi db upgrade`",
            )
        )
    return found


def problems(config, storage) -> list[Problem]:
    """Everything unsafe or broken, in the order an operator fixes it."""
    return (
        secret_key_problems(config)
        + web_problems(config)
        + service_problems(config, storage)
    )


def summary(config, storage) -> list[str]:
    """What a passing check found, in a few lines."""
    from fieldapp.extensions import db

    current, _latest = health.migration_heads()
    return [
        f"database: {db.engine.dialect.name} at {', '.join(sorted(current))}",
        f"redis: {health.redis_state(config)}",
        f"photos: {storage.describe()}",
        f"proxies trusted: {config.get('TRUSTED_PROXIES')}",
    ]
