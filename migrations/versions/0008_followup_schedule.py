"""Device follow-ups are counted from the fitting date (1 and 3 months, then
yearly after the fitting): the stored next follow-up of every fitting is worked
out again with the rule, so the office's counts agree with the record pages.

Revision ID: 0008
Revises: 0007
Create Date: 2026-12-10
"""
import json
from datetime import date

from alembic import op
import sqlalchemy as sa

from fieldapp.domain.devices import assess_device
from fieldapp.domain.errors import DomainError
from fieldapp.domain.localtime import local_today

revision = '0008'
down_revision = '0007'
branch_labels = None
depends_on = None

record = sa.table(
    'record',
    sa.column('id', sa.Integer),
    sa.column('kind', sa.String),
    sa.column('data', sa.JSON),
    sa.column('computed', sa.JSON),
)


def as_dict(value) -> dict:
    """A JSON column's value as a dict (SQLite may hand back text)."""
    if isinstance(value, str):
        return json.loads(value)
    return dict(value or {})


def upgrade():
    conn = op.get_bind()
    today: date = local_today()
    rows = conn.execute(
        sa.select(record.c.id, record.c.data, record.c.computed).where(
            record.c.kind == 'device_fitting'
        )
    ).all()
    for row in rows:
        try:
            fresh = assess_device(as_dict(row.data), today=today)
        except DomainError:
            continue
        computed = {**as_dict(row.computed), **fresh}
        conn.execute(
            record.update().where(record.c.id == row.id).values(computed=computed)
        )


def downgrade():
    # The old schedule's dates are not kept; the new ones stay.
    pass
