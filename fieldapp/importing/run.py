"""The one path of every import, always inside a job:

1. the sheet is streamed into a staging file (`staging.py`), cells checked;
2. every household is checked against the database in batches (`plan.py`);
3. a dry run stops there; an import writes each clean household as it goes,
   inside one transaction, and stops writing at the first problem;
4. an import commits once, after renewing the job's lease, only when no
   household had a problem; otherwise everything is rolled back.
"""

from collections.abc import Iterator
from pathlib import Path

from flask_babel import lazy_gettext as _l
from sqlalchemy.exc import IntegrityError

from fieldapp.extensions import db
from fieldapp.importing.existing import known_for, town_choices
from fieldapp.importing.plan import Plan, changes, check_group
from fieldapp.importing.report import Problem, Report
from fieldapp.importing.staging import Staging, stage
from fieldapp.importing.workbook import BadFile
from fieldapp.importing.write import release, write_plan
from fieldapp.models import User
from fieldapp.services import audit, jobs

BATCH = 200  # households checked (and written) per round of queries
NO_ROWS = _l("没有可导入的数据行(模板中的示例行不会导入)。")
RACE = _l("导入期间有人同时登记了文件中的人或户编号,没有写入任何数据。请重新导入。")


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


def check_all(staging: Staging, actor: User, report: Report, tick, write=False) -> None:
    """Check every staged household in batches; when `write`, also write each
    clean one (flushed per batch, never committed) until a problem appears."""
    _towns, choices = town_choices()
    staging.reset_claims()
    done = 0
    for batch in batches(staging):
        keys = [key for key, _rows in batch if key]
        ids = [row.values["id_number"] for _key, rows in batch for row, _f in rows]
        known = known_for(keys, ids)
        for key, rows in batch:
            plan = check_group(key, rows, known, actor, choices, staging.claim)
            if record(report, plan) and write and not report.error_count:
                write_plan(plan, actor)
            done += len(rows)
        if write:
            release()
        tick(done)


def write_all(staging: Staging, actor: User, report: Report, hooks) -> None:
    """Check and write in one transaction, stopping the writes at the first
    problem; commit (by the caller) only a clean result while the job still
    holds its lease: a problem, a cancel or a lost lease writes nothing."""

    def tick(done):
        hooks.write_progress(done, report.rows)
        if not hooks.still_running():
            raise jobs.Cancelled

    try:
        check_all(staging, actor, report, tick, write=True)
    except IntegrityError:
        db.session.rollback()
        report.problem(Problem(None, None, str(RACE)))
        return
    except BaseException:
        db.session.rollback()
        raise
    if report.error_count:
        db.session.rollback()
        return
    if not hooks.claim():
        db.session.rollback()
        raise jobs.Cancelled
    report.imported = True


def run(
    path: Path,
    folder: Path,
    actor: User,
    *,
    dry_run: bool,
    file_name: str,
    key: str,
    hooks,
) -> Report:
    """Check the file and, unless `dry_run` or a problem, import it entirely;
    one audit entry either way (who, the file's name, the counts)."""
    report = Report(file_name, dry_run=dry_run)
    with audit.acting_as(actor):
        try:
            staging = stage(path, folder, hooks)
        except BadFile as exc:
            report.problem(Problem(None, None, exc.message))
        else:
            try:
                report = _check_and_write(staging, actor, report, hooks)
            finally:
                staging.close()
                hooks.finished()
        audit.record_event(
            "import",
            actor=actor,
            object_type="household_import",
            object_key=key,
            detail={"file": file_name, **report.counts()},
        )
        db.session.commit()
    return report


def _check_and_write(staging: Staging, actor: User, report: Report, hooks) -> Report:
    """A dry run checks every household; an import checks and writes them."""
    report.rows = rows = staging.count
    if not rows:
        report.problem(Problem(None, None, str(NO_ROWS)))
        return report
    hooks.progress(0, rows)
    if not report.dry_run:
        write_all(staging, actor, report, hooks)
        return report

    def tick(done):
        hooks.progress(done, rows)
        hooks.check_cancel()

    check_all(staging, actor, report, tick)
    return report
