"""Household import: check a county list and, only when it is clean, write it all.

`start` stores an upload as an import job (a bad file is refused before
anything is stored); `run` is the one code path every import takes (the page's
background job, the API's answer, the command line), always inside a job:

1. the sheet is streamed into a staging file (`staging.py`), cells checked;
2. every household is checked against the database in batches (`plan.py`);
3. a dry run stops there; an import writes each clean household as it goes,
   inside one transaction, and stops writing at the first problem;
4. an import commits once, after renewing the job's lease, only when no
   household had a problem; otherwise everything is rolled back.
"""

import shutil
from collections.abc import Iterator
from pathlib import Path

from flask import current_app
from flask_babel import lazy_gettext as _l
from sqlalchemy import select

from fieldapp.extensions import db
from fieldapp.i18n import current_language
from fieldapp.importing.cells import parse_row
from fieldapp.importing.columns import EXAMPLE, KEYS
from fieldapp.importing.plan import Plan, changes
from fieldapp.importing.report import Report
from fieldapp.importing.staging import Staging
from fieldapp.importing.workbook import BadFile, read_rows
from fieldapp.models import Job, Town, User
from fieldapp.services import jobs
from fieldapp.services.errors import ServiceError, TooLarge

KIND = "import"
UPLOAD = "upload.xlsx"
BATCH = 200  # households checked (and written) per round of queries
CHUNK_BYTES = 1 << 16


class BadUpload(ServiceError):
    """The upload is not a county list we can read (422); nothing was stored."""

    status = 422

    def __init__(self, code: str, message: str):
        super().__init__(code, message)
        self.errors = {"file": [message]}


def display_name(name: str | None) -> str:
    """The uploaded file's name for lists and the audit log (never a path)."""
    base = (name or "").replace("\\", "/").rsplit("/", 1)[-1]
    return "".join(ch for ch in base if ch.isprintable())[:100] or "upload.xlsx"


def save_upload(stream, path: Path, limit: int) -> None:
    """Copy the upload to `path`; TooLarge past `limit` bytes."""
    written = 0
    with open(path, "wb") as out:
        while chunk := stream.read(CHUNK_BYTES):
            written += len(chunk)
            if written > limit:
                raise TooLarge(
                    "too_large",
                    _l("文件超过 %(mb)s MB,请拆分后分批导入。", mb=limit >> 20),
                )
            out.write(chunk)


def precheck(path: Path, config) -> None:
    """Open the sheet and read up to its first data row (BadFile otherwise)."""
    rows = read_rows(path, config["IMPORT_MAX_ROWS"], config["IMPORT_MAX_UNZIPPED"])
    next(rows, None)
    rows.close()


def start(actor: User, stream, file_name: str, dry_run: bool) -> Job:
    """A committed import job holding the upload; BadUpload or TooLarge (with
    nothing stored) when the file is not a readable county list."""
    config = current_app.config
    params = {
        "file_name": display_name(file_name),
        "dry_run": dry_run,
        "lang": current_language(),  # the report's language
    }
    job = jobs.create(KIND, actor, params)
    folder = jobs.job_dir(config, job)
    folder.mkdir(parents=True, exist_ok=True)
    try:
        save_upload(stream, folder / UPLOAD, config["IMPORT_MAX_BYTES"])
        precheck(folder / UPLOAD, config)
    except BadFile as exc:
        _drop(folder)
        raise BadUpload(exc.code, exc.message) from exc
    except TooLarge:
        _drop(folder)
        raise
    db.session.commit()
    return job


def start_import_of(checked: Job, actor: User) -> Job:
    """A real import of the file a clean dry run checked (a new job)."""
    source = jobs.job_dir(current_app.config, checked) / UPLOAD
    if not source.exists():
        raise BadUpload("file_gone", _l("检查过的文件已被清理,请重新上传。"))
    params = {**checked.params, "dry_run": False, "checked_by": checked.uuid}
    job = jobs.create(KIND, actor, params)
    folder = jobs.job_dir(current_app.config, job)
    folder.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(source, folder / UPLOAD)
    db.session.commit()
    return job


def _drop(folder: Path) -> None:
    db.session.rollback()
    shutil.rmtree(folder, ignore_errors=True)


def town_choices() -> tuple[dict[str, str], list[tuple[str, str]]]:
    """Town codes by name or code, and the form's choices."""
    towns = list(db.session.scalars(select(Town).order_by(Town.code)))
    by_text = {t.name: t.code for t in towns} | {t.code: t.code for t in towns}
    return by_text, [(t.code, t.name) for t in towns]


def stage(path: Path, folder: Path, hooks) -> Staging:
    """Stream the sheet into a staging file, cells parsed, the example row skipped."""
    config = current_app.config
    towns, _choices = town_choices()
    staging = Staging(folder / "staging.sqlite3")
    try:
        rows = read_rows(path, config["IMPORT_MAX_ROWS"], config["IMPORT_MAX_UNZIPPED"])
        for number, cells in rows:
            if _is_example(cells):
                continue
            staging.add(parse_row(number, cells, towns))
            if staging.count % 1000 == 0:
                hooks.progress(0, 0)
                hooks.check_cancel()
        staging.close_loading()
    except BaseException:
        staging.close()
        raise
    return staging


def _is_example(cells: dict) -> bool:
    """The template's example row, as Excel may give it back (numbers as text)."""
    return all(str(cells[k] or "").strip() == str(EXAMPLE[k]) for k in KEYS)


def batches(staging: Staging) -> Iterator[list]:
    """The staged households, BATCH at a time."""
    batch = []
    for group in staging.households():
        batch.append(group)
        if len(batch) == BATCH:
            yield batch
            batch = []
    if batch:
        yield batch


def record(report: Report, plan: Plan) -> bool:
    """Add a checked household to the report; True when it has something to write."""
    for problem in plan.problems:
        report.problem(problem)
    if plan.payload is None:
        return False
    found = changes(plan)
    if found["created"]:
        report.households_created += 1
        report.members_created += found["members_added"]
        return True
    if not (found["fields"] or found["members_added"] or found["members_updated"]):
        report.households_unchanged += 1
        return False
    report.households_updated += 1
    report.members_created += found["members_added"]
    report.members_updated += found["members_updated"]
    report.change(
        {
            "row": plan.first.number,
            "household_no": plan.key,
            "household_uuid": plan.household["uuid"],
            "fields": found["fields"],
            "members_added": found["members_added"],
            "members_updated": found["members_updated"],
        }
    )
    return True
