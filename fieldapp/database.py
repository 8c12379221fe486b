"""Engine settings for concurrent requests: SQLite in WAL mode with a busy timeout.

Under WAL, readers never wait for the writer and the writer never waits for
readers; writers queue for the one write lock up to the busy timeout instead of
failing at once. Should a writer still wait longer than that, the request gets a
503 with Retry-After (`fieldapp/errors.py`): every write is idempotent (by uuid, or by
version for corrections), so the client's retry is safe.
"""

from flask import Flask
from sqlalchemy import event
from sqlalchemy.exc import OperationalError

from fieldapp.extensions import db


def sqlite_pragmas(busy_timeout_ms: int):
    """A connect hook: WAL journal, and wait up to the timeout for the lock."""

    def on_connect(dbapi_connection, _connection_record) -> None:
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute(f"PRAGMA busy_timeout={int(busy_timeout_ms)}")
        cursor.close()

    return on_connect


def is_busy(exc: OperationalError) -> bool:
    """SQLite's 'database is locked' (the write lock stayed taken too long)."""
    return "database is locked" in str(getattr(exc, "orig", exc))


def is_unreachable(exc: OperationalError) -> bool:
    """The database server went away or cannot be reached (a restart, a failover):
    the connection was invalidated, PostgreSQL's driver raised an operational
    error, or SQLite could not open its file."""
    if getattr(exc, "connection_invalidated", False):
        return True
    orig = getattr(exc, "orig", exc)
    if type(orig).__module__.startswith("psycopg"):
        return True
    return "unable to open database file" in str(orig)


def is_transient(exc: OperationalError) -> bool:
    """A failure a retry may not meet: busy, restarting or unreachable."""
    return is_busy(exc) or is_unreachable(exc)


def init_database(app: Flask) -> None:
    """Apply the SQLite settings to every SQLite engine of the app."""
    hook = sqlite_pragmas(app.config["SQLITE_BUSY_TIMEOUT_MS"])
    with app.app_context():
        for engine in db.engines.values():
            if engine.dialect.name == "sqlite":
                event.listen(engine, "connect", hook)
