"""The ledger (台账): one row per record, streamed as CSV or written as XLSX."""

import csv
import io
from collections.abc import Iterable, Iterator
from datetime import date

from flask_babel import force_locale
from flask_babel import gettext as _
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter
from sqlalchemy import Select, select
from sqlalchemy.orm import aliased

from fieldapp.clock import today as clock_today
from fieldapp.extensions import db
from fieldapp.models import Household, Person, Record, Town, User
from fieldapp.registry import get_kind
from fieldapp.services import policy
from fieldapp.services.ledger_columns import COLUMNS, LedgerRow

BATCH = 1000


def ledger_query(user: User, town: str | None = None) -> Select:
    """Records of the user's towns (or one town), oldest household first."""
    head = aliased(Person)
    head_name = (
        select(head.name)
        .where(head.household_id == Household.id)
        .order_by(head.relation != "head", head.position)
        .limit(1)
        .scalar_subquery()
    )
    stmt = (
        select(
            Record.uuid,
            Record.kind,
            Record.status,
            Record.version,
            Record.captured_at,
            Record.lat,
            Record.lon,
            Record.accuracy_m,
            Record.data,
            Record.computed,
            Record.flags,
            Record.grade,
            Record.stage,
            Household.uuid.label("household_uuid"),
            Household.village,
            Town.name.label("town_name"),
            head_name.label("head_name"),
            Person.name.label("person_name"),
            Person.id_number.label("person_id_number"),
            Person.status.label("person_status"),
        )
        .join(Household, Record.household_id == Household.id)
        .join(Town, Household.town_code == Town.code)
        .outerjoin(Person, Record.person_id == Person.id)
        .order_by(Household.town_code, Household.village, Household.id, Record.id)
    )
    if town:
        stmt = stmt.where(Household.town_code == town)
    return policy.scope_households(stmt, user)


def ledger_rows(user: User, town: str | None = None) -> Iterator[LedgerRow]:
    """The query's rows, fetched in batches so memory stays flat.

    The statement is built now, while `user` is attached to the request's session;
    the rows are fetched later, also by a streamed response after the view returned.
    """
    stmt = ledger_query(user, town).execution_options(yield_per=BATCH)
    return _fetch(stmt, clock_today())


class CurrentRow:
    """A ledger row whose computed values are as of today (API.md: overdue and
    active mean today, not the day of the survey)."""

    __slots__ = ("_row", "computed")

    def __init__(self, row: LedgerRow, today: date) -> None:
        self._row = row
        kind = get_kind(row.kind)
        self.computed = (
            kind.computed_on(row.data, row.computed, today) if kind else row.computed
        )

    def __getattr__(self, name: str):
        """Every other column as the query gave it."""
        return getattr(self._row, name)


def _fetch(stmt: Select, today: date) -> Iterator[CurrentRow]:
    """Execute when first iterated; each row's computed values as of `today`."""
    for row in db.session.execute(stmt):
        yield CurrentRow(row, today)


def headers(lang: str) -> list[str]:
    """Column titles in the export's language."""
    with force_locale(lang):
        return [str(column.title) for column in COLUMNS]


def values(row: LedgerRow, lang: str) -> list:
    """One ledger line."""
    return [column.value(row, lang) for column in COLUMNS]


def csv_chunks(rows: Iterable[LedgerRow], lang: str) -> Iterator[bytes]:
    """UTF-8 CSV with a BOM (Excel then reads Chinese correctly), in chunks."""
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    buffer.write("\ufeff")
    writer.writerow(headers(lang))
    for index, row in enumerate(rows, start=1):
        writer.writerow(values(row, lang))
        if index % 500 == 0:
            yield buffer.getvalue().encode("utf-8")
            buffer.seek(0)
            buffer.truncate()
    yield buffer.getvalue().encode("utf-8")


def write_xlsx(rows: Iterable[LedgerRow], target, lang: str) -> int:
    """Write the ledger to `target` (path or binary file); returns the row count.

    Write-only mode streams rows to a temporary file, so memory stays flat;
    the header row is bold, frozen and carries the filter buttons.
    """
    workbook = Workbook(write_only=True)
    with force_locale(lang):
        sheet = workbook.create_sheet(_("台账"))
    sheet.freeze_panes = "A2"
    titles = headers(lang)
    for index, title in enumerate(titles, start=1):
        letter = get_column_letter(index)
        sheet.column_dimensions[letter].width = max(10, len(title) * 2.2)
    bold = Font(bold=True)
    header = []
    for title in titles:
        cell = WriteOnlyCell(sheet, value=title)
        cell.font = bold
        header.append(cell)
    sheet.append(header)
    count = 0
    for row in rows:
        sheet.append(values(row, lang))
        count += 1
    sheet.auto_filter.ref = f"A1:{get_column_letter(len(titles))}{count + 1}"
    workbook.save(target)
    return count
