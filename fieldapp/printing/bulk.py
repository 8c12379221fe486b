"""Bulk printing, web side: choose households, create, start, cancel and read jobs."""

import os
import subprocess
import sys
from datetime import timedelta
from pathlib import Path

from flask_babel import gettext as _
from sqlalchemy import func, select

from fieldapp.config import ENV_SETTINGS
from fieldapp.extensions import db
from fieldapp.models import Household, PrintJob, Record, User, new_uuid, utcnow
from fieldapp.services import policy

ROOT = Path(__file__).resolve().parents[2]
MAX_HOUSEHOLDS = 2000
# A queued or running job whose progress has not moved for this long is stalled.
STALL_AFTER = timedelta(minutes=10)
OUTPUTS = ("pdf", "zip")
# Local job processes started by this web process, kept so they can be reaped.
_local_workers: list[subprocess.Popen] = []


class TooManyHouseholds(ValueError):
    """The selection is larger than one job may print."""


def select_households(
    user: User,
    town: str | None = None,
    kind: str | None = None,
    grades: tuple[str, ...] = (),
    status: str | None = None,
) -> list[str]:
    """Uuids of the user's households matching the filter, in print order.

    Filters look at each household's latest record of a kind, so a house graded
    D and later re-inspected as B is no longer "graded C or D". A grade filter
    without a kind means housing inspections.
    """
    if grades and not kind:
        kind = "housing_inspection"
    stmt = policy.scope_households(select(Household.uuid), user)
    if town:
        stmt = stmt.where(Household.town_code == town)
    if kind or grades or status:
        rank = (
            func.row_number()
            .over(
                partition_by=(Record.household_id, Record.kind),
                order_by=(Record.captured_at.desc(), Record.id.desc()),
            )
            .label("rank")
        )
        latest = select(
            Record.household_id, Record.kind, Record.grade, Record.status, rank
        ).subquery()
        matching = select(latest.c.household_id).where(latest.c.rank == 1)
        if kind:
            matching = matching.where(latest.c.kind == kind)
        if grades:
            matching = matching.where(latest.c.grade.in_(grades))
        if status:
            matching = matching.where(latest.c.status == status)
        stmt = stmt.where(Household.id.in_(matching))
    stmt = stmt.order_by(
        Household.town_code, Household.village, Household.address, Household.id
    )
    return list(db.session.scalars(stmt))


def create_print_job(
    user: User, town: str | None, filters: dict, output: str = "pdf"
) -> PrintJob:
    """Store a queued job for the households the filter selects (none is fine)."""
    households = select_households(
        user,
        town,
        kind=filters.get("kind") or None,
        grades=tuple(filters.get("grades") or ()),
        status=filters.get("status") or None,
    )
    if len(households) > MAX_HOUSEHOLDS:
        raise TooManyHouseholds(len(households))
    job = PrintJob(
        uuid=new_uuid(),
        user_id=user.id,
        town_code=town,
        filters=filters,
        output=output if output in OUTPUTS else "pdf",
        households=households,
        total=len(households),
    )
    db.session.add(job)
    return job


def job_dir(config, job: PrintJob) -> Path:
    """Where a job's parts and result live."""
    return Path(config["PRINT_JOB_DIR"]) / job.uuid


def worker_environment(config) -> dict[str, str]:
    """The environment a worker process needs to build the same app."""
    env = dict(os.environ)
    for name in ENV_SETTINGS:
        value = config.get(name)
        if value is not None and value != "":
            env[name] = str(value)
    return env


def start_print_job(config, job: PrintJob) -> str:
    """Queue the job on RQ when REDIS_URL is set, else run it in a local process."""
    if config.get("REDIS_URL"):
        from redis import Redis
        from rq import Queue

        queue = Queue(
            config["PRINT_QUEUE"], connection=Redis.from_url(config["REDIS_URL"])
        )
        queue.enqueue(
            "fieldapp.printing.runner.run_print_job",
            job.uuid,
            job_id=f"print-{job.uuid}",
            job_timeout=6 * 3600,
            result_ttl=3600,
        )
        return "rq"
    folder = job_dir(config, job)
    folder.mkdir(parents=True, exist_ok=True)
    _local_workers[:] = [p for p in _local_workers if p.poll() is None]
    with open(folder / "worker.log", "ab") as log:
        # A new session: the job outlives the request and the web worker.
        process = subprocess.Popen(
            [sys.executable, "-m", "fieldapp.printing.runner", job.uuid],
            cwd=ROOT,
            env=worker_environment(config),
            stdin=subprocess.DEVNULL,
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
    _local_workers.append(process)
    return "local"


def cancel_print_job(job: PrintJob) -> None:
    """Ask the worker to stop; a job that has not started stops at once."""
    if job.finished:
        return
    job.cancel_requested = True
    if job.status == "queued":
        job.status = "cancelled"
        job.finished_at = utcnow()


def is_stalled(job: PrintJob, now=None) -> bool:
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
        "running": _("正在生成"),
        "done": _("已完成"),
        "failed": _("失败"),
        "cancelled": _("已取消"),
    }
    return words.get(status, status)


def job_progress(job: PrintJob) -> dict:
    """What the progress bar polls."""
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
        "error": job.error,
        "ready": job.status == "done" and bool(job.file_name),
    }
