"""Keeping background jobs honest: the worker's lease, old files, and a per-user cap.

- A running worker renews `job.heartbeat_at` every JOB_LEASE_S / 4 seconds from
  a thread (`heartbeat`). A running job whose lease lapsed (the process was
  killed, the machine restarted) is marked failed by `expire_lapsed`, which the
  web side calls whenever it lists, opens or starts jobs.
- `cleanup` removes finished jobs older than JOB_KEEP_DAYS (rows and folders)
  and stray folders under JOB_DIR; `flask cleanup-jobs` runs it, and so does
  every job start.
- `refuse_over_limit` keeps one user from having more than
  JOB_MAX_ACTIVE_PER_USER jobs queued or running at once.
"""

import logging
import re
import shutil
import threading
from contextlib import contextmanager
from datetime import timedelta
from pathlib import Path

from flask import current_app
from flask_babel import lazy_gettext as _l
from sqlalchemy import and_, delete, func, or_, select, update
from sqlalchemy.exc import OperationalError, SQLAlchemyError

from fieldapp.extensions import db
from fieldapp.models import Job, User, utcnow
from fieldapp.services.errors import ServiceError

# `job.error` of a job whose worker stopped renewing its lease.
LEASE_LOST = "worker_lost"
ACTIVE = ("queued", "running")
JOB_FOLDER = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")
log = logging.getLogger(__name__)


class TooManyJobs(ServiceError):
    """The user has as many unfinished jobs as one may have (429)."""

    status = 429


def setting(name: str) -> int:
    """A job setting from the app's configuration."""
    return int(current_app.config[name])


def lease_lapsed_before(now):
    """Heartbeats older than this mean the worker is gone."""
    return now - timedelta(seconds=setting("JOB_LEASE_S"))


@contextmanager
def heartbeat(job: Job):
    """Renew the job's lease from a thread while the body runs.

    Each beat is its own short transaction on its own connection, so it is seen
    at once by every app server; `updated_at` (progress) is left alone. A beat
    that cannot write (SQLite busy while the job itself holds a long write)
    is retried at the next one.
    """
    interval = setting("JOB_LEASE_S") / 4
    engine, job_id, stop = db.engine, job.id, threading.Event()

    def beat():
        while not stop.wait(interval):
            try:
                with engine.begin() as conn:
                    conn.execute(
                        update(Job)
                        .where(Job.id == job_id, Job.status == "running")
                        .values(heartbeat_at=utcnow(), updated_at=Job.updated_at)
                    )
            except SQLAlchemyError as exc:
                log.warning("job %s: heartbeat not written: %s", job_id, exc)

    thread = threading.Thread(target=beat, name=f"job-{job_id}-heartbeat", daemon=True)
    thread.start()
    try:
        yield
    finally:
        stop.set()
        thread.join()


def _lapsed(now):
    """The condition of a running job whose lease lapsed."""
    cutoff = lease_lapsed_before(now)
    return and_(
        Job.status == "running",
        or_(
            Job.heartbeat_at < cutoff,
            and_(Job.heartbeat_at.is_(None), Job.started_at < cutoff),
        ),
    )


def expire_lapsed(now=None) -> int:
    """Mark running jobs whose lease lapsed as failed; committed. How many.

    Looks first and writes only when there is something to mark, so the
    progress polls that call it do not compete for SQLite's write lock.
    """
    now = now or utcnow()
    if not db.session.scalars(select(Job.id).where(_lapsed(now)).limit(1)).first():
        return 0
    stmt = (
        update(Job)
        .where(_lapsed(now))
        .values(status="failed", error=LEASE_LOST, finished_at=now)
        .execution_options(synchronize_session="fetch")
    )
    try:
        expired = db.session.execute(stmt).rowcount
        db.session.commit()
    except OperationalError:  # SQLite busy: a later call will catch up
        db.session.rollback()
        return 0
    log.warning("%d job(s) lost their worker and were marked failed", expired)
    return expired


def still_running(job: Job) -> bool:
    """Without committing: the job is running and nobody asked to cancel it."""
    status, cancel = db.session.execute(
        select(Job.status, Job.cancel_requested).where(Job.id == job.id)
    ).one()
    return status == "running" and not cancel


def claim(job: Job) -> bool:
    """Renew the lease inside the caller's transaction, if the job is still
    running and not cancelled; False otherwise. A runner that commits its work
    only after a True claim cannot race a lease expiry or a cancel: both wait
    for its row lock (or, on SQLite, for its write lock)."""
    stmt = (
        update(Job)
        .where(
            Job.id == job.id, Job.status == "running", Job.cancel_requested.is_(False)
        )
        .values(heartbeat_at=utcnow(), updated_at=Job.updated_at)
        .execution_options(synchronize_session=False)
    )
    return db.session.execute(stmt).rowcount == 1


def note_progress(job: Job, done: int, total: int) -> None:
    """Progress from inside a long write transaction, on its own connection.
    Skipped on SQLite, whose single writer is that transaction itself."""
    if db.engine.dialect.name == "sqlite":
        return
    with db.engine.begin() as conn:
        conn.execute(update(Job).where(Job.id == job.id).values(done=done, total=total))


def active_count(user: User) -> int:
    """The user's jobs that are queued or running."""
    stmt = select(func.count()).where(Job.user_id == user.id, Job.status.in_(ACTIVE))
    return db.session.scalar(stmt) or 0


def refuse_over_limit(user: User) -> None:
    """TooManyJobs when the user has JOB_MAX_ACTIVE_PER_USER unfinished jobs.

    The user's row is locked first (PostgreSQL), so two requests at once cannot
    both pass; SQLite serialises writers anyway.
    """
    limit = setting("JOB_MAX_ACTIVE_PER_USER")
    if limit <= 0:
        return
    db.session.execute(select(User.id).where(User.id == user.id).with_for_update())
    if active_count(user) >= limit:
        raise TooManyJobs(
            "too_many_jobs",
            _l(
                "您已有 %(n)s 个后台任务尚未完成(排队或进行中),每人最多同时 %(n)s 个。"
                "请等任务完成,或取消其中一个后再开始新任务。",
                n=limit,
            ),
        )


def cleanup(now=None) -> dict[str, int]:
    """Remove finished jobs older than JOB_KEEP_DAYS (rows and folders) and
    folders under JOB_DIR that no job owns; committed. 0 days keeps everything."""
    days = setting("JOB_KEEP_DAYS")
    if days <= 0:
        return {"jobs": 0, "folders": 0}
    now = now or utcnow()
    cutoff = now - timedelta(days=days)
    root = Path(current_app.config["JOB_DIR"])
    old = list(
        db.session.scalars(
            select(Job.uuid)
            .where(Job.status.in_(("done", "failed", "cancelled")))
            .where(func.coalesce(Job.finished_at, Job.created_at) < cutoff)
        )
    )
    for uuid in old:
        shutil.rmtree(root / uuid, ignore_errors=True)
    if old:
        db.session.execute(delete(Job).where(Job.uuid.in_(old)))
        db.session.commit()
    return {"jobs": len(old), "folders": _remove_strays(root, cutoff.timestamp())}


def _remove_strays(root: Path, before: float) -> int:
    """Job folders under JOB_DIR untouched since `before` whose job no longer
    exists. Only folders named like a job (a uuid) are touched, so a JOB_DIR
    set by mistake to a folder holding other data loses nothing."""
    if not root.is_dir():
        return 0
    known = set(db.session.scalars(select(Job.uuid)))
    removed = 0
    for folder in root.iterdir():
        named = JOB_FOLDER.fullmatch(folder.name) is not None
        stray = named and folder.is_dir() and folder.name not in known
        if stray and folder.stat().st_mtime < before:
            shutil.rmtree(folder, ignore_errors=True)
            removed += 1
    return removed
