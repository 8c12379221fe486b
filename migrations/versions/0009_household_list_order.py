"""The household list's order as an index: a page is read in index order.

`GET /api/v1/households` and the households page order by town, village and id
within the user's towns; without this index every page sorted all the
households of those towns (10,000 in a city-wide scope) to return 20.

Revision ID: 0009
Revises: 0008
Create Date: 2026-12-01
"""
from alembic import op

revision = '0009'
down_revision = '0008'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('household', schema=None) as batch_op:
        batch_op.create_index('ix_household_list_order', ['town_code', 'village', 'id'], unique=False)


def downgrade():
    with op.batch_alter_table('household', schema=None) as batch_op:
        batch_op.drop_index('ix_household_list_order')
