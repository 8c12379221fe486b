"""The supervisor's review queue: submitted records of their towns, oldest first.

Read side only. Scoped like every read (`policy.scope_households`); a reviewer
never sees their own records here, since they may not review them. A record's
place in the queue is the time its current version was stored, which a review
does not change, so "the next one" after a decision is well defined.
"""

from dataclasses import asdict, dataclass
from datetime import datetime

from sqlalchemy import String, and_, cast, func, or_, select

from fieldapp.domain.localtime import LOCAL_TZ
from fieldapp.extensions import db
from fieldapp.models import Household, Record, RecordVersion, User
from fieldapp.registry import get_kind
from fieldapp.registry.summary import KeyValues
from fieldapp.services import policy

PER_PAGE = 30


@dataclass(frozen=True)
class QueueFilter:
    """What the supervisor narrowed the queue to (empty: everything)."""

    town: str = ""
    kind: str = ""
    author: str = ""
    flag: str = ""

    def args(self, without: str = "") -> dict[str, str]:
        """The filters that are set (but `without`), as query arguments."""
        return {k: v for k, v in asdict(self).items() if v and k != without}


@dataclass(frozen=True)
class QueueRow:
    """One waiting record with what the list shows about it."""

    record: Record
    submitted_at: datetime
    age_days: int
    key_values: KeyValues


@dataclass(frozen=True)
class Queue:
    """One page of the queue and the counts per kind under the other filters."""

    rows: list[QueueRow]
    counts: dict[str, int]
    total: int
    page: int
    pages: int


# The time the current version was stored: a record's place in the queue.
submitted_at = RecordVersion.created_at
current_version = and_(
    RecordVersion.record_id == Record.id, RecordVersion.version == Record.version
)


def conditions(user: User, wanted: QueueFilter, by_kind: bool = True) -> list:
    """WHERE clauses: submitted, in the user's towns, not theirs, the filters."""
    found = [Record.status == "submitted"]
    codes = policy.visible_town_codes(user)
    if codes is not None:
        found.append(Household.town_code.in_(codes))
    if user.id is not None:
        found.append(or_(Record.author_id.is_(None), Record.author_id != user.id))
    if wanted.town:
        found.append(Household.town_code == wanted.town)
    if wanted.kind and by_kind:
        found.append(Record.kind == wanted.kind)
    if wanted.author:
        author = select(User.id).where(User.username == wanted.author)
        found.append(Record.author_id == author.scalar_subquery())
    if wanted.flag:
        # Flags are codes from a fixed vocabulary (checked by the filter form),
        # kept as a JSON list: the quoted code appears in its text.
        found.append(cast(Record.flags, String).like(f'%"{wanted.flag}"%'))
    return found


def queued(*columns, user: User, wanted: QueueFilter, by_kind: bool = True):
    """SELECT columns FROM the queue (records joined to households)."""
    return (
        select(*columns)
        .select_from(Record)
        .join(Household, Record.household_id == Household.id)
        .where(*conditions(user, wanted, by_kind))
    )


def counts_by_kind(user: User, wanted: QueueFilter) -> dict[str, int]:
    """Waiting records per kind, under every filter but the kind."""
    stmt = queued(Record.kind, func.count(), user=user, wanted=wanted, by_kind=False)
    return dict(db.session.execute(stmt.group_by(Record.kind)).all())


def row(record: Record, stored_at: datetime, today) -> QueueRow:
    """A queue row: age in whole days (China time) and the key values."""
    age = (today - stored_at.astimezone(LOCAL_TZ).date()).days
    spec = get_kind(record.kind)
    values = spec.key_values(record.computed or {}, record.data or {}) if spec else []
    return QueueRow(record, stored_at, max(age, 0), values)


def review_queue(user: User, wanted: QueueFilter, page: int = 1) -> Queue:
    """One page of the queue, oldest first, with counts per kind."""
    counts = counts_by_kind(user, wanted)
    total = counts.get(wanted.kind, 0) if wanted.kind else sum(counts.values())
    pages = max(1, -(-total // PER_PAGE))
    page = min(max(page, 1), pages)
    stmt = (
        queued(Record, submitted_at, user=user, wanted=wanted)
        .join(RecordVersion, current_version)
        .order_by(submitted_at, Record.id)
        .limit(PER_PAGE)
        .offset((page - 1) * PER_PAGE)
    )
    today = datetime.now(LOCAL_TZ).date()
    rows = [row(record, at, today) for record, at in db.session.execute(stmt)]
    return Queue(rows, counts, total, page, pages)


def stored_at(record: Record) -> datetime | None:
    """When the record's current version was stored."""
    version = next((v for v in record.versions if v.version == record.version), None)
    return version.created_at if version else None


def next_in_queue(user: User, wanted: QueueFilter, after: Record) -> Record | None:
    """The waiting record after `after` in queue order, else the first one
    (never `after` itself): where the reviewer goes once they have decided."""
    base = queued(Record, user=user, wanted=wanted).join(RecordVersion, current_version)
    base = base.where(Record.id != after.id).order_by(submitted_at, Record.id).limit(1)
    at = stored_at(after)
    if at is not None:
        later = or_(submitted_at > at, and_(submitted_at == at, Record.id > after.id))
        found = db.session.scalars(base.where(later)).first()
        if found is not None:
            return found
    return db.session.scalars(base).first()


def authors(user: User) -> list[User]:
    """Authors of records in the user's towns (any status, so that a filter on
    someone whose last record was just reviewed stays valid), for the filter."""
    ids = select(Record.author_id).join(Household, Record.household_id == Household.id)
    ids = policy.scope_households(ids, user)
    stmt = select(User).where(User.id.in_(ids.scalar_subquery())).order_by(User.id)
    return list(db.session.scalars(stmt))
