"""Household import and sturdier jobs: the county's household number, one
person once, and the job lease.

- `household.register_no` (户编号) holds the county list's household number that
  an import matches on; unique where set (NULLs do not collide).
- `person.id_number` becomes unique: a person is registered in one household of
  the city. The upgrade stops with a clear message when the data already holds
  a number twice (it names how many, never the numbers): resolve those first.
- `job.heartbeat_at` is the lease a running worker renews; a lapsed lease
  marks the job failed.

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-03
"""
from alembic import op
import sqlalchemy as sa

from fieldapp.models.base import UTCDateTime

revision = '0005'
down_revision = '0004'
branch_labels = None
depends_on = None


def refuse_duplicate_persons():
    """Stop before the unique index when an ID number is held twice."""
    twice = op.get_bind().scalar(sa.text(
        "SELECT COUNT(*) FROM (SELECT id_number FROM person "
        "GROUP BY id_number HAVING COUNT(*) > 1) AS dup"
    ))
    if twice:
        raise RuntimeError(
            f"{twice} ID numbers belong to more than one member; merge or correct "
            "those members, then run the upgrade again"
        )


def upgrade():
    with op.batch_alter_table('household', schema=None) as batch_op:
        batch_op.add_column(sa.Column('register_no', sa.String(length=40), nullable=True))
        batch_op.create_unique_constraint(batch_op.f('uq_household_register_no'), ['register_no'])

    with op.batch_alter_table('job', schema=None) as batch_op:
        batch_op.add_column(sa.Column('heartbeat_at', UTCDateTime(), nullable=True))

    refuse_duplicate_persons()
    with op.batch_alter_table('person', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_person_id_number'))
        batch_op.create_index(batch_op.f('ix_person_id_number'), ['id_number'], unique=True)


def downgrade():
    with op.batch_alter_table('person', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_person_id_number'))
        batch_op.create_index(batch_op.f('ix_person_id_number'), ['id_number'], unique=False)

    with op.batch_alter_table('job', schema=None) as batch_op:
        batch_op.drop_column('heartbeat_at')

    with op.batch_alter_table('household', schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f('uq_household_register_no'), type_='unique')
        batch_op.drop_column('register_no')
