"""Background jobs of every kind: create, find, start, cancel, report and read progress.

A kind (print, later import) stores what it needs in `Job.params`; its runner,
named in `fieldapp/worker.py`, does the work in a worker process and reports
here. Web pages only create, dispatch, cancel and read.
"""

import logging
import os
import subprocess
import sys
from datetime import timedelta
from pathlib import Path

from flask_babel import gettext as _
from sqlalchemy import select

from fieldapp.config import ENV_SETTINGS
from fieldapp.extensions import db
from fieldapp.models import Job, User, new_uuid, utcnow
from fieldapp.services import job_upkeep
from fieldapp.services.job_upkeep import TooManyJobs, heartbeat

__all__ = ["TooManyJobs", "heartbeat"]

ROOT = Path(__file__).resolve().parents[2]
# The worker entry point, by name: services never import the entry layer.
WORKER_MODULE = "fieldapp.worker"
WORKER_FUNCTION = f"{WORKER_MODULE}.run_job"
RQ_TIMEOUT_S = 6 * 3600
# A queued or running job whose progress has not moved for this long is stalled.
STALL_AFTER = timedelta(minutes=10)
# Local job processes started by this web process, kept so they can be reaped.
_local_workers: list[subprocess.Popen] = []
log = logging.getLogger(__name__)
# A job's stored error when Redis could not be reached to queue it.
QUEUE_UNREACHABLE = "queue_unreachable"


class Cancelled(Exception):
    """Raised by a runner that stopped because the user asked it to."""


def create(kind: str, user: User, params: dict, total: int = 0) -> Job:
    """A queued job of `kind` for `user`, added to the session (not committed).

    Jobs whose worker died are failed and old jobs removed first (each its own
    commit); TooManyJobs when the user has the most unfinished jobs allowed.
    """
    job_upkeep.expire_lapsed()
    job_upkeep.cleanup()
    job_upkeep.refuse_over_limit(user)
    job = Job(uuid=new_uuid(), kind=kind, user_id=user.id, params=params, total=total)
    db.session.add(job)
    return job


def get(uuid: str) -> Job | None:
    """The job with this uuid, of any kind and owner."""
    return db.session.scalar(select(Job).where(Job.uuid == uuid))


def owned(uuid: str, user: User, kind: str) -> Job | None:
    """A job of `kind` the user started (admins may open any); None otherwise.
    A job whose worker died is shown failed from here on."""
    job_upkeep.expire_lapsed()
    job = get(uuid)
    if job is None or job.kind != kind:
        return None
    if job.user_id != user.id and user.role != "admin":
        return None
    return job


def recent(user: User, kind: str, limit: int = 10) -> list[Job]:
    """The user's latest jobs of a kind, newest first."""
    job_upkeep.expire_lapsed()
    stmt = (
        select(Job)
        .where(Job.user_id == user.id, Job.kind == kind)
        .order_by(Job.id.desc())
        .limit(limit)
    )
    return list(db.session.scalars(stmt))


def job_dir(config, job: Job) -> Path:
    """Where a job's files (parts, result, local worker log) live."""
    return Path(config["JOB_DIR"]) / job.uuid


def cancel(job: Job) -> bool:
    """Ask the worker to stop; a job that has not started stops at once.
    False when the job had ended already (nothing to cancel)."""
    db.session.refresh(job)  # it may have ended since the page was loaded
    if job.finished:
        return False
    job.cancel_requested = True
    if job.status == "queued":
        job.status = "cancelled"
        job.finished_at = utcnow()
    db.session.commit()
    return True


def cancel_requested(job: Job) -> bool:
    """For runners: commit, then re-read the flag the web process may have set."""
    db.session.commit()
    return bool(db.session.scalar(select(Job.cancel_requested).where(Job.id == job.id)))


def report_progress(
    job: Job, *, done: int, failures: list | None = None, total: int | None = None
) -> None:
    """For runners: items finished so far, the failures so far, and the total
    once known; committed at once so every app server sees it."""
    job.done = done
    if failures is not None:
        job.failures = list(failures)
    if total is not None:
        job.total = total
    db.session.commit()


def finish(job: Job, status: str, error: str = "") -> None:
    """Record how the job ended."""
    job.status, job.finished_at = status, utcnow()
    if error:
        job.error = error[:500]
    db.session.commit()


def execute(job: Job, runner, config, make_app) -> Job:
    """Run a queued job with its runner to its end, holding the lease meanwhile:
    done, cancelled (the runner raised Cancelled) or failed (any other
    exception, which is re-raised for the log after being recorded)."""
    job.status, job.started_at = "running", utcnow()
    job.heartbeat_at = job.started_at
    db.session.commit()
    try:
        if job.cancel_requested:
            raise Cancelled
        with heartbeat(job):
            runner(job, config, make_app)
    except Cancelled:
        db.session.rollback()
        finish(job, "cancelled")
    except Exception as exc:  # recorded for the user; the traceback goes to the log
        db.session.rollback()
        finish(job, "failed", f"{type(exc).__name__}: {exc}")
        raise
    else:
        finish(job, "done")
    return job


def worker_environment(config) -> dict[str, str]:
    """The environment a worker process needs to build the same app."""
    env = dict(os.environ)
    for name in ENV_SETTINGS:
        value = config.get(name)
        if value is not None and value != "":
            env[name] = str(value)
    return env


def enqueue(config, job: Job) -> None:
    """Put the job on the RQ queue JOB_QUEUE for `rq worker` to run."""
    from redis import Redis
    from rq import Queue

    queue = Queue(config["JOB_QUEUE"], connection=Redis.from_url(config["REDIS_URL"]))
    queue.enqueue(
        WORKER_FUNCTION,
        job.uuid,
        job_id=f"{job.kind}-{job.uuid}",
        job_timeout=RQ_TIMEOUT_S,
        result_ttl=3600,
    )


def spawn(config, job: Job) -> None:
    """Run the job in a detached local process that outlives the request."""
    folder = job_dir(config, job)
    folder.mkdir(parents=True, exist_ok=True)
    _local_workers[:] = [p for p in _local_workers if p.poll() is None]
    with open(folder / "worker.log", "ab") as output:
        process = subprocess.Popen(
            [sys.executable, "-m", WORKER_MODULE, job.uuid],
            cwd=ROOT,
            env=worker_environment(config),
            stdin=subprocess.DEVNULL,
            stdout=output,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
    _local_workers.append(process)


def dispatch(config, job: Job) -> str:
    """Start a committed job outside the request: "rq" when REDIS_URL is set,
    else "local"; "failed" when it cannot start (Redis down), stored on the job."""
    try:
        if config.get("REDIS_URL"):
            enqueue(config, job)
            return "rq"
        spawn(config, job)
        return "local"
    except Exception as exc:
        log.exception("%s job %s did not start", job.kind, job.uuid)
        error = f"{type(exc).__name__}: {exc}"[:500]
        if config.get("REDIS_URL") and is_redis_down(exc):
            error = QUEUE_UNREACHABLE
        job.status, job.error = "failed", error
        job.finished_at = utcnow()
        db.session.commit()
        return "failed"


def is_redis_down(exc: Exception) -> bool:
    """Whether queuing failed because Redis did not answer."""
    from redis.exceptions import ConnectionError as RedisConnectionError
    from redis.exceptions import TimeoutError as RedisTimeoutError

    return isinstance(exc, (RedisConnectionError, RedisTimeoutError))


def is_stalled(job: Job, now=None) -> bool:
    """Whether an unfinished job has made no progress for STALL_AFTER."""
    now = now or utcnow()
    return (
        not job.finished
        and job.updated_at is not None
        and (now - job.updated_at > STALL_AFTER)
    )


def status_text(status: str) -> str:
    """A job status in words."""
    words = {
        "queued": _("排队中"),
        "running": _("进行中"),
        "done": _("已完成"),
        "failed": _("失败"),
        "cancelled": _("已取消"),
    }
    return words.get(status, status)


def error_text(error: str) -> str:
    """A job's stored error in words (a lost worker is explained, not coded)."""
    if error == job_upkeep.LEASE_LOST:
        return _("后台进程意外停止(可能是服务器重启),任务未完成。请重新开始。")
    if error == QUEUE_UNREACHABLE:
        return _("任务队列(Redis)暂时无法连接,任务没有开始。请稍后重试,或联系管理员。")
    return error


def progress(job: Job) -> dict:
    """What a progress bar polls."""
    return {
        "uuid": job.uuid,
        "status": job.status,
        "status_text": status_text(job.status),
        "total": job.total,
        "done": job.done,
        "failed": len(job.failures or []),
        "failures": job.failures or [],
        "percent": round(100 * job.done / job.total) if job.total else 100,
        "cancel_requested": job.cancel_requested,
        "stalled": is_stalled(job),
        "error": error_text(job.error),
        "ready": job.status == "done" and bool(job.file_name),
    }
