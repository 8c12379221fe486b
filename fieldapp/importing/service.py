"""Household import, web side: an upload stored as an import job.

A bad file is refused before anything is stored. The job then takes the one
path every import takes (`run.py`), whether the page, the API or the command
line started it.
"""

import shutil
from pathlib import Path

from flask import current_app
from flask_babel import lazy_gettext as _l

from fieldapp.extensions import db
from fieldapp.i18n import current_language
from fieldapp.importing.workbook import BadFile, read_rows
from fieldapp.models import Job, User
from fieldapp.services import jobs
from fieldapp.services.errors import ServiceError, TooLarge

KIND = "import"
UPLOAD = "upload.xlsx"
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
    params = {
        **checked.params,
        "dry_run": False,
        "checked_by": checked.uuid,
        "lang": current_language(),
    }
    job = jobs.create(KIND, actor, params)
    folder = jobs.job_dir(current_app.config, job)
    folder.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(source, folder / UPLOAD)
    db.session.commit()
    return job


def _drop(folder: Path) -> None:
    """Forget a refused upload: no job row, no folder."""
    db.session.rollback()
    shutil.rmtree(folder, ignore_errors=True)
