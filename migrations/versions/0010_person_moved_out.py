"""Someone who moved out can be registered where they moved to.

`person.id_number` stays unique among members who have not moved out
(`uq_person_id_number_present`, a partial unique index) and is indexed for
look-ups as before: the household a person left keeps them, marked moved
out, with their records, and the household they joined registers them anew.

Revision ID: 0010
Revises: 0009
Create Date: 2026-12-02
"""
import sqlalchemy as sa
from alembic import op

revision = '0010'
down_revision = '0009'
branch_labels = None
depends_on = None

PRESENT = "status != 'moved_out'"


def upgrade():
    with op.batch_alter_table('person', schema=None) as batch_op:
        batch_op.drop_index('ix_person_id_number')
        batch_op.create_index('ix_person_id_number', ['id_number'], unique=False)
        batch_op.create_index(
            'uq_person_id_number_present',
            ['id_number'],
            unique=True,
            sqlite_where=sa.text(PRESENT),
            postgresql_where=sa.text(PRESENT),
        )


def downgrade():
    conn = op.get_bind()
    twice = conn.execute(
        sa.text(
            "SELECT COUNT(*) FROM (SELECT id_number FROM person "
            "GROUP BY id_number HAVING COUNT(*) > 1) AS dup"
        )
    ).scalar()
    if twice:
        raise RuntimeError(
            f"{twice} ID numbers are registered twice (moved out, then registered "
            "again): the older schema allows each only once"
        )
    with op.batch_alter_table('person', schema=None) as batch_op:
        batch_op.drop_index('uq_person_id_number_present')
        batch_op.drop_index('ix_person_id_number')
        batch_op.create_index('ix_person_id_number', ['id_number'], unique=True)
