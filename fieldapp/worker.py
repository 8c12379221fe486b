"""Background worker entry: build the app, run one job with its kind's runner.

    python -m fieldapp.worker JOB_UUID      (the local process the web starts)
    rq worker -u "$REDIS_URL" fieldapp-jobs (RQ calls `run_job(JOB_UUID)`)

A runner is `runner(job, config, make_app)`: it does the work, reports through
`fieldapp.services.jobs` and raises `jobs.Cancelled` when it stops for a cancel.
`make_app` is `create_app`, handed down so that a runner's child processes can
build their own app without services importing the entry layer.
"""

import importlib
import sys
from collections.abc import Callable

from fieldapp import create_app
from fieldapp.extensions import db
from fieldapp.models import Job
from fieldapp.services import jobs

# Each job kind and the function that runs it, as "module:function".
RUNNERS = {
    "print": "fieldapp.printing.runner:execute_print_job",
    "import": "fieldapp.importing.runner:execute_import_job",
}


def runner_for(kind: str) -> Callable:
    """The runner function of a job kind; KeyError for an unknown kind."""
    module, function = RUNNERS[kind].split(":")
    return getattr(importlib.import_module(module), function)


def execute_job(job_uuid: str, config) -> Job | None:
    """Run one job to its end (done, failed or cancelled) in the current app."""
    job = jobs.get(job_uuid)
    if job is None or job.finished:
        return job
    if job.kind not in RUNNERS:
        jobs.finish(job, "failed", f"unknown job kind: {job.kind}")
        return job
    return jobs.execute(job, runner_for(job.kind), config, create_app)


def run_job(job_uuid: str) -> None:
    """Entry point for RQ and the local process: an app from the environment."""
    app = create_app()
    with app.app_context():
        try:
            execute_job(job_uuid, app.config)
        finally:
            db.session.remove()
            db.engine.dispose()


if __name__ == "__main__":
    run_job(sys.argv[1])
