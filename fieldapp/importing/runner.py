"""Household import, worker side: the job's file through the one import path.

`fieldapp/worker.py` runs it for jobs of kind "import" (RQ or a local
process); the API and the command line run the same runner in their own
process through `jobs.execute`.
"""

from collections.abc import Callable

from flask_babel import force_locale

from fieldapp.importing.run import run
from fieldapp.importing.service import UPLOAD
from fieldapp.models import Job
from fieldapp.services import job_upkeep, jobs


class JobHooks:
    """How an import reports to its job and learns of a cancel."""

    def __init__(self, job: Job):
        self.job = job

    def progress(self, done: int, total: int) -> None:
        """Rows read (total 0) or checked so far; committed at once."""
        jobs.report_progress(self.job, done=done, total=total)

    def check_cancel(self) -> None:
        """Stop (jobs.Cancelled) when the user asked to."""
        if jobs.cancel_requested(self.job):
            raise jobs.Cancelled

    def write_progress(self, done: int, total: int) -> None:
        """Rows written so far, without touching the write transaction."""
        job_upkeep.note_progress(self.job, done, total)

    def still_running(self) -> bool:
        """No cancel and no lost lease (read inside the write transaction)."""
        return job_upkeep.still_running(self.job)

    def finished(self) -> None:
        """The bar at its end (committed with the import and its audit entry)."""
        self.job.done = self.job.total

    def claim(self) -> bool:
        """Renew the lease just before the import commits."""
        return job_upkeep.claim(self.job)


def execute_import_job(job: Job, config, make_app: Callable | None) -> None:
    """Check (and unless a dry run, import) the job's file; the report is the
    result. An import's own copy of the file is removed once it has run."""
    if job.user is None:
        raise RuntimeError("the user who started the import no longer exists")
    folder = jobs.job_dir(config, job)
    with force_locale(job.params.get("lang") or "zh"):
        report = run(
            folder / UPLOAD,
            folder,
            job.user,
            dry_run=bool(job.params.get("dry_run", True)),
            file_name=job.params.get("file_name", ""),
            key=job.uuid,
            hooks=JobHooks(job),
        )
    job.result = report.as_dict()
    if not report.dry_run:  # the checked upload stays with its dry run
        (folder / UPLOAD).unlink(missing_ok=True)
