"""Bulk printing, worker side: case files rendered on every core, then merged or zipped.

`fieldapp/worker.py` runs it for jobs of kind "print" (through RQ or a local
process) inside an app built from the environment.
"""

import multiprocessing
import os
import shutil
from collections.abc import Callable
from concurrent.futures import FIRST_COMPLETED, ProcessPoolExecutor, wait
from pathlib import Path

from sqlalchemy import select

from fieldapp.config import ENV_SETTINGS
from fieldapp.extensions import db
from fieldapp.models import Household, Job
from fieldapp.printing.casefile import font_config, render_case_file
from fieldapp.printing.output import write_result
from fieldapp.services import jobs

# Each render process is replaced after this many case files (BULK_TASKS_PER_
# PROCESS): WeasyPrint keeps its peak memory, so a long job must not keep one
# process forever. The pool is made anew for each round of workers × this many
# households: ProcessPoolExecutor's own max_tasks_per_child stops replacing its
# processes on Python 3.11 (CPython issue 115634), and a job of more than
# workers × 100 households then waited for ever.
TASKS_PER_PROCESS = 100
_worker_app = None


def worker_settings(config) -> dict:
    """The settings a render process needs to build the same app."""
    return {name: config[name] for name in ENV_SETTINGS if config.get(name) is not None}


def init_render_process(make_app: Callable, settings: dict) -> None:
    """Process-pool initialiser: one app, context and font configuration each.

    `make_app` is the app factory the worker hands down (picklable by name).
    """
    global _worker_app
    _worker_app = make_app(settings)
    _worker_app.app_context().push()
    font_config()


def render_part(index: int, uuid: str, path: str, printed_by: str) -> tuple:
    """Render one household's case file to `path`: (index, uuid, label, error)."""
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


def pool_size(config, total: int) -> int:
    """BULK_WORKERS processes, or one per core; never more than the work."""
    wanted = config.get("BULK_WORKERS") or len(os.sched_getaffinity(0))
    return max(1, min(wanted, total))


def stop_renders(pool: ProcessPoolExecutor) -> None:
    """Terminate the render processes at once: a cancel does not wait for the
    case files being rendered (one can take many seconds)."""
    # ProcessPoolExecutor has no public way to stop its workers before 3.14.
    for process in list((pool._processes or {}).values()):
        process.terminate()
    pool.shutdown(wait=True, cancel_futures=True)


def render_all(job: Job, config, make_app: Callable, parts: Path) -> list[tuple]:
    """Render every household in rounds of fresh process pools; jobs.Cancelled
    when cancelled."""
    printed_by = job.user.name if job.user else ""
    workers = pool_size(config, job.total)
    per_round = workers * (config.get("BULK_TASKS_PER_PROCESS") or TASKS_PER_PROCESS)
    households = list(enumerate(job.params["households"]))
    tally = {"rendered": [], "failures": list(job.failures), "done": job.done}
    for start in range(0, len(households), per_round):
        render_round(
            job,
            households[start : start + per_round],
            (make_app, worker_settings(config)),
            workers,
            parts,
            printed_by,
            tally,
        )
    return sorted(tally["rendered"])


def render_round(job, households, init, workers, parts, printed_by, tally) -> None:
    """Render (index, uuid) pairs in one pool of `workers` processes, adding
    to `tally` and reporting progress as each case file is done."""
    with ProcessPoolExecutor(
        max_workers=min(workers, len(households)),
        mp_context=multiprocessing.get_context("spawn"),
        initializer=init_render_process,
        initargs=init,
    ) as pool:
        pending = {
            pool.submit(render_part, i, uuid, str(parts / f"{i:05d}.pdf"), printed_by)
            for i, uuid in households
        }
        while pending:
            finished, pending = wait(pending, timeout=1.0, return_when=FIRST_COMPLETED)
            for future in finished:
                index, uuid, label, error = future.result()
                if error:
                    tally["failures"].append({"household": uuid, "message": error})
                else:
                    tally["rendered"].append((index, label, parts / f"{index:05d}.pdf"))
            if finished:
                tally["done"] += len(finished)
                jobs.report_progress(
                    job, done=tally["done"], failures=tally["failures"]
                )
            if jobs.cancel_requested(job):
                stop_renders(pool)
                raise jobs.Cancelled


def execute_print_job(job: Job, config, make_app: Callable) -> None:
    """Render the job's households and write its PDF or ZIP; parts are removed."""
    folder = jobs.job_dir(config, job)
    parts = folder / "parts"
    parts.mkdir(parents=True, exist_ok=True)
    try:
        rendered = render_all(job, config, make_app, parts)
        job.file_name = write_result(job, rendered, folder)
    finally:
        shutil.rmtree(parts, ignore_errors=True)
