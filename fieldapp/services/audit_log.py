"""Reading the audit log: filter by user, action, town and day; a page or a CSV.

The log is only read here; entries are written by `services.audit` and never
changed. An entry's town is that of the household its object belongs to, or
the town an export was for.
"""

import csv
import io
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta

from sqlalchemy import ColumnElement, Select, case, func, select

from fieldapp.domain.labels import label
from fieldapp.domain.localtime import LOCAL_TZ
from fieldapp.extensions import db
from fieldapp.models import AuditLog, Household, Person, Photo, Record
from fieldapp.services.ledger_columns import text

PER_PAGE = 50
ACTIONS = (
    "login",
    "login_failed",
    "logout",
    "view_unmasked",
    "export",
    "print",
    "review",
    "reopen",
    "create",
    "update",
    "delete",
)


@dataclass(frozen=True)
class AuditFilter:
    """What the admin asked for; empty fields do not filter."""

    user: str = ""
    action: str = ""
    town: str = ""
    since: date | None = None
    until: date | None = None


def day_start(day: date) -> datetime:
    """Midnight at the start of a China day, in UTC."""
    return datetime.combine(day, time(), LOCAL_TZ).astimezone(UTC)


def town_of() -> ColumnElement:
    """The town of an entry's object (NULL when it has none or is gone)."""

    def via_household(column, *joins):
        stmt = select(Household.town_code)
        for model, on in joins:
            stmt = stmt.join(model, on)
        return stmt.where(column == AuditLog.object_key).limit(1).scalar_subquery()

    on_record = (Record, Record.household_id == Household.id)
    return case(
        (AuditLog.object_type == "household", via_household(Household.uuid)),
        (AuditLog.object_type == "record", via_household(Record.uuid, on_record)),
        (
            AuditLog.object_type == "person",
            via_household(Person.uuid, (Person, Person.household_id == Household.id)),
        ),
        (
            AuditLog.object_type == "photo",
            via_household(Photo.uuid, on_record, (Photo, Photo.record_id == Record.id)),
        ),
        (
            AuditLog.object_type.in_(("ledger", "print_job", "dashboard")),
            AuditLog.detail["town"].as_string(),
        ),
        else_=None,
    )


def entries(wanted: AuditFilter) -> Select:
    """Matching entries with their town, newest first."""
    town = town_of().label("town_code")
    stmt = select(AuditLog, town).order_by(AuditLog.at.desc(), AuditLog.id.desc())
    if wanted.user:
        stmt = stmt.where(AuditLog.actor_name == wanted.user)
    if wanted.action:
        stmt = stmt.where(AuditLog.action == wanted.action)
    if wanted.town:
        stmt = stmt.where(town_of() == wanted.town)
    if wanted.since:
        stmt = stmt.where(AuditLog.at >= day_start(wanted.since))
    if wanted.until:
        stmt = stmt.where(AuditLog.at < day_start(wanted.until + timedelta(days=1)))
    return stmt


@dataclass
class AuditPage:
    """One page of entries: (entry, town code) pairs."""

    items: list
    page: int
    pages: int
    total: int


def audit_page(wanted: AuditFilter, page: int = 1) -> AuditPage:
    """A page of the matching entries."""
    stmt = entries(wanted)
    total = db.session.scalar(select(func.count()).select_from(stmt.subquery())) or 0
    pages = max(1, -(-total // PER_PAGE))
    page = min(max(page, 1), pages)
    rows = db.session.execute(stmt.limit(PER_PAGE).offset((page - 1) * PER_PAGE))
    return AuditPage([tuple(row) for row in rows], page, pages, total)


# Detail values with words of their own, by key.
DETAIL_VOCABULARIES = {
    "decision": "review_decision",
    "via": "audit_via",
    "reason": "login_failure",
    "action": "audit_action",
}


def detail_value(key: str, value, lang: str) -> str:
    """One detail value in words: yes/no, a coded value's label, else as kept."""
    if isinstance(value, bool):
        return label("yes_no", "true" if value else "false", lang)
    if isinstance(value, list | tuple):
        return ", ".join(str(v) for v in value)
    if isinstance(value, dict):
        return ", ".join(f"{k}={v}" for k, v in value.items() if v)
    if key in DETAIL_VOCABULARIES:
        return label(DETAIL_VOCABULARIES[key], value, lang)
    return str(value)


def detail_text(detail: dict | None, lang: str = "zh") -> str:
    """An entry's detail as one line in the reader's words (names and codes
    only, never personal values): `文件: casefile.pdf; 完整号码: 是`."""
    parts = []
    for key, value in sorted((detail or {}).items()):
        if value in (None, "") or value == [] or value == {}:
            continue
        name = label("audit_detail", key, lang)
        parts.append(f"{name}: {detail_value(key, value, lang)}")
    return "; ".join(parts)


CSV_COLUMNS = (
    ("时间", "time"),
    ("用户", "user"),
    ("操作", "action"),
    ("对象类型", "object_type"),
    ("对象", "object"),
    ("镇", "town"),
    ("IP", "ip"),
    ("详情", "detail"),
)


def csv_chunks(wanted: AuditFilter, lang: str) -> Iterator[bytes]:
    """The matching entries as UTF-8 CSV with a BOM, in chunks."""
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    buffer.write("\ufeff")
    english = lang.startswith("en")
    writer.writerow([en if english else zh for zh, en in CSV_COLUMNS])
    stmt = entries(wanted).execution_options(yield_per=500)
    for index, (entry, town) in enumerate(db.session.execute(stmt), start=1):
        writer.writerow(
            [
                entry.at.astimezone(LOCAL_TZ).strftime("%Y-%m-%d %H:%M:%S"),
                text(entry.actor_name),
                label("audit_action", entry.action, lang),
                label("audit_object", entry.object_type, lang),
                text(entry.object_key),
                town or "",
                entry.ip,
                text(detail_text(entry.detail, lang)),
            ]
        )
        if index % 500 == 0:
            yield buffer.getvalue().encode("utf-8")
            buffer.seek(0)
            buffer.truncate()
    yield buffer.getvalue().encode("utf-8")
