"""What the app needs in order to work, checked: the database, its migrations,
Redis, the photo store and the job queue. Read by /healthz (the proxy and
monitoring) and by `flask check-deploy`; never reads or shows personal data."""

from datetime import timedelta
from pathlib import Path

from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import func, select, text

from fieldapp.extensions import db
from fieldapp.models import Job, utcnow

MIGRATIONS = Path(__file__).resolve().parents[2] / "migrations"
REDIS_TIMEOUT_S = 1.0
FAILED_WINDOW = timedelta(hours=24)


def database_ok() -> bool:
    """Whether one trivial query gets an answer (the session is rolled back)."""
    try:
        db.session.execute(text("SELECT 1"))
        return True
    except Exception:  # any failure means "down" to the proxy
        return False
    finally:
        db.session.rollback()


def migration_heads() -> tuple[set[str], set[str]]:
    """(the revisions the database is at, the latest revisions in the code)."""
    script = ScriptDirectory(str(MIGRATIONS))
    with db.engine.connect() as conn:
        current = set(MigrationContext.configure(conn).get_current_heads())
    return current, set(script.get_heads())


def migrations_ok() -> bool:
    """Whether the database is at the latest migration."""
    try:
        current, latest = migration_heads()
    except Exception:
        return False
    return current == latest


def redis_client(url: str):
    """A Redis client that gives up quickly (a health check must not hang)."""
    from redis import Redis

    return Redis.from_url(
        url,
        socket_timeout=REDIS_TIMEOUT_S,
        socket_connect_timeout=REDIS_TIMEOUT_S,
    )


def redis_state(config) -> str:
    """ "ok", "not_configured" (jobs run in-process) or "error"."""
    url = config.get("REDIS_URL")
    if not url:
        return "not_configured"
    try:
        return "ok" if redis_client(url).ping() else "error"
    except Exception:
        return "error"


def job_counts(config) -> dict[str, int]:
    """Jobs waiting, running and failed in the last 24 hours (database), and,
    with Redis, the RQ queue's length and its failed registry."""
    since = utcnow() - FAILED_WINDOW
    rows = db.session.execute(
        select(Job.status, func.count())
        .where((Job.status != "failed") | (Job.finished_at >= since))
        .group_by(Job.status)
    ).all()
    by_status = dict(rows)
    counts = {
        "queued": by_status.get("queued", 0),
        "running": by_status.get("running", 0),
        "failed_24h": by_status.get("failed", 0),
    }
    if config.get("REDIS_URL"):
        counts.update(rq_counts(config))
    return counts


def rq_counts(config) -> dict[str, int]:
    """The RQ queue's waiting and failed job counts (empty when unreachable)."""
    from rq import Queue

    try:
        queue = Queue(config["JOB_QUEUE"], connection=redis_client(config["REDIS_URL"]))
        return {"rq_queued": queue.count, "rq_failed": queue.failed_job_registry.count}
    except Exception:
        return {}


def report(config, storage) -> tuple[bool, dict]:
    """(healthy, the answer of /healthz): each part "ok" or named as failing."""
    answer: dict = {"database": "ok" if database_ok() else "error"}
    if answer["database"] == "ok":
        answer["migrations"] = "ok" if migrations_ok() else "behind"
    else:
        answer["migrations"] = "unknown"
    answer["redis"] = redis_state(config)
    answer["uploads"] = storage.health(config.get("UPLOAD_MIN_FREE_MB", 0))
    healthy = all(
        answer[part] in ("ok", "not_configured")
        for part in ("database", "migrations", "redis", "uploads")
    )
    if answer["database"] == "ok":
        try:
            answer["jobs"] = job_counts(config)
        except Exception:
            db.session.rollback()
    answer = {"status": "ok" if healthy else "error", **answer}
    if not healthy:
        answer["failing"] = [
            part
            for part in ("database", "migrations", "redis", "uploads")
            if answer[part] not in ("ok", "not_configured")
        ]
    return healthy, answer
