"""The import from the command line: the same job and checks, a printed report."""

from pathlib import Path

import click
from flask import current_app
from sqlalchemy import select

from fieldapp.extensions import db
from fieldapp.importing import service
from fieldapp.importing.runner import execute_import_job
from fieldapp.models import User
from fieldapp.services import jobs, policy
from fieldapp.services.errors import ServiceError

COUNTS = (
    ("rows", "rows"),
    ("households_created", "households created"),
    ("households_updated", "households updated"),
    ("households_unchanged", "households unchanged"),
    ("members_created", "members created"),
    ("members_updated", "members updated"),
)


def outcome(result: dict) -> str:
    """What came of the run, in a word or two."""
    if result["dry_run"]:
        return "checked (dry run)"
    return "imported" if result["imported"] else "not imported"


def echo_report(result: dict) -> None:
    """The counts, what changed and every problem (masked values only)."""
    verb = "would be" if result["dry_run"] else "were"
    click.echo(f"{result['file_name']}: {outcome(result)}")
    for key, label in COUNTS:
        click.echo(f"  {label:<22} {result[key]}")
    for change in result["changes"]:
        fields = "、".join(change["fields"]) or "-"
        click.echo(
            f"  row {change['row']}: {change['household_no']} {verb} updated: {fields};"
            f" members +{change['members_added']} ~{change['members_updated']}"
        )
    for problem in result["errors"]:
        where = (
            f"row {problem['row']}, {problem['column']}" if problem["row"] else "file"
        )
        value = f" [{problem['value']}]" if problem["value"] else ""
        click.echo(f"  error: {where}{value}: {problem['message']}", err=True)
    if result["error_count"]:
        click.echo(
            f"{result['error_count']} problem(s): nothing was written.", err=True
        )


def import_file(path: str, dry_run: bool, username: str) -> int:
    """Run one import as `username`; the exit status (1 on any problem)."""
    actor = db.session.scalar(select(User).where(User.username == username))
    if actor is None or not actor.active:
        click.echo(f"no active user named {username}", err=True)
        return 1
    if not policy.may_import(actor):
        click.echo(f"{username} ({actor.role}) may not import households", err=True)
        return 1
    try:
        with open(path, "rb") as stream:
            job = service.start(actor, stream, Path(path).name, dry_run)
    except ServiceError as exc:
        message = (getattr(exc, "errors", None) or {}).get("file", [exc.message])[0]
        click.echo(f"{Path(path).name}: {message}", err=True)
        return 1
    jobs.execute(job, execute_import_job, current_app.config, None)
    if job.status != "done":
        click.echo(f"import {job.status}: {job.error}", err=True)
        return 1
    echo_report(job.result)
    return 1 if job.result["error_count"] else 0
