"""Bulk printing, worker side: case files rendered on every core, then merged or zipped.

Run by RQ (`rq worker fieldapp-print`) or as `python -m fieldapp.printing.runner
JOB_UUID`; both build the app from the environment and update the PrintJob row.
"""

import multiprocessing
import os
import shutil
import sys
from concurrent.futures import FIRST_COMPLETED, ProcessPoolExecutor, wait
from pathlib import Path

from sqlalchemy import select

from fieldapp.config import ENV_SETTINGS
from fieldapp.extensions import db
from fieldapp.models import PrintJob, utcnow
from fieldapp.printing.bulk import job_dir
from fieldapp.printing.output import write_result

# Each render process is replaced after this many case files: WeasyPrint keeps
# its peak memory, so a long job must not keep one process forever.
TASKS_PER_PROCESS = 100
_worker_app = None


def run_print_job(job_uuid: str) -> None:
    """Entry point for RQ and the local process: an app from the environment."""
    from fieldapp import create_app

    app = create_app()
    with app.app_context():
        try:
            execute_print_job(job_uuid, app.config)
        finally:
            db.session.remove()
            db.engine.dispose()


def worker_settings(config) -> dict:
    """The settings a render process needs to build the same app."""
    names = [*ENV_SETTINGS]
    return {name: config[name] for name in names if config.get(name) is not None}


def init_worker(settings: dict) -> None:
    """Process-pool initialiser: one app, context and font configuration each."""
    global _worker_app
    from fieldapp import create_app
    from fieldapp.printing.casefile import font_config

    _worker_app = create_app(settings)
    _worker_app.app_context().push()
    font_config()


def render_part(index: int, uuid: str, path: str, printed_by: str) -> tuple:
    """Render one household's case file to `path`: (index, uuid, label, error)."""
    from fieldapp.models import Household
    from fieldapp.printing.casefile import render_case_file

    try:
        household = db.session.scalar(select(Household).where(Household.uuid == uuid))
        if household is None:
            return index, uuid, "", "not_found"
        head = household.head
        label = f"{household.village}-{head.name if head else ''}"
        Path(path).write_bytes(render_case_file(household, printed_by=printed_by))
        return index, uuid, label, None
    except Exception as exc:  # one bad household must not stop the job
        return index, uuid, "", f"{type(exc).__name__}: {exc}"[:300]
    finally:
        db.session.remove()


def cancel_requested(job: PrintJob) -> bool:
    """Re-read the cancel flag the web process may have set."""
    db.session.commit()
    return bool(
        db.session.scalar(
            select(PrintJob.cancel_requested).where(PrintJob.id == job.id)
        )
    )


def pool_size(config, total: int) -> int:
    """BULK_WORKERS processes, or one per core; never more than the work."""
    wanted = config.get("BULK_WORKERS") or len(os.sched_getaffinity(0))
    return max(1, min(wanted, total))


def render_all(job: PrintJob, config, parts: Path) -> list[tuple] | None:
    """Render every household in a process pool; None when cancelled."""
    printed_by = job.user.name if job.user else ""
    rendered = []
    with ProcessPoolExecutor(
        max_workers=pool_size(config, job.total),
        mp_context=multiprocessing.get_context("spawn"),
        initializer=init_worker,
        initargs=(worker_settings(config),),
        max_tasks_per_child=TASKS_PER_PROCESS,
    ) as pool:
        pending = {
            pool.submit(render_part, i, uuid, str(parts / f"{i:05d}.pdf"), printed_by)
            for i, uuid in enumerate(job.households)
        }
        while pending:
            finished, pending = wait(pending, timeout=1.0, return_when=FIRST_COMPLETED)
            failures = []
            for future in finished:
                index, uuid, label, error = future.result()
                if error:
                    failures.append({"household": uuid, "message": error})
                else:
                    rendered.append((index, label, parts / f"{index:05d}.pdf"))
            if finished:
                job.done += len(finished)
                job.failures = [*job.failures, *failures]
                db.session.commit()
            if cancel_requested(job):
                pool.shutdown(wait=True, cancel_futures=True)
                return None
    return sorted(rendered)


def execute_print_job(job_uuid: str, config) -> PrintJob | None:
    """Run one job to its end: done, failed or cancelled."""
    job = db.session.scalar(select(PrintJob).where(PrintJob.uuid == job_uuid))
    if job is None or job.finished:
        return job
    folder = job_dir(config, job)
    parts = folder / "parts"
    parts.mkdir(parents=True, exist_ok=True)
    job.status, job.started_at = "running", utcnow()
    db.session.commit()
    try:
        rendered = render_all(job, config, parts) if not job.cancel_requested else None
        if rendered is None:
            job.status = "cancelled"
        else:
            job.file_name = write_result(job, rendered, folder)
            job.status = "done"
    except Exception as exc:  # recorded for the user; the traceback goes to the log
        db.session.rollback()
        job.status, job.error = "failed", f"{type(exc).__name__}: {exc}"[:500]
        raise
    finally:
        job.finished_at = utcnow()
        db.session.commit()
        shutil.rmtree(parts, ignore_errors=True)
    return job


if __name__ == "__main__":
    run_print_job(sys.argv[1])
