"""A household's records at a glance: counts by kind and status, newest first."""

from sqlalchemy import select

from fieldapp.extensions import db
from fieldapp.models import Household, Record


def household_records(household: Household) -> list[Record]:
    """The household's records, newest capture first."""
    stmt = (
        select(Record)
        .where(Record.household_id == household.id)
        .order_by(Record.captured_at.desc(), Record.id.desc())
    )
    return list(db.session.scalars(stmt))


def records_summary(household: Household) -> dict:
    """Counts by kind and status plus a short line per record."""
    records = household_records(household)
    by_kind: dict[str, dict[str, int]] = {}
    for record in records:
        counts = by_kind.setdefault(record.kind, {})
        counts[record.status] = counts.get(record.status, 0) + 1
    return {
        "total": len(records),
        "by_kind": by_kind,
        "items": [
            {
                "uuid": r.uuid,
                "kind": r.kind,
                "status": r.status,
                "version": r.version,
                "captured_at": r.captured_at.isoformat(),
                "person_uuid": r.person.uuid if r.person else None,
                "grade": r.grade,
                "flags": r.flags,
            }
            for r in records
        ],
    }
