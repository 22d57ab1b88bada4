"""sync rows waiting for their parent, and push counts in the sync history

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-03

`sync_waiting` holds pulled rows of a cell's records whose parent has not arrived yet (a
later page brings it); `sync_runs` counts the records received, the changes pushed, refused
and the new conflicts of each round.

Hand-reviewed: autogenerate would drop the FTS5 tables of 0003 (raw SQL, not in the models).
"""

from alembic import op
import sqlalchemy as sa

revision = '0007'
down_revision = '0006'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('sync_waiting',
    sa.Column('table_name', sa.String(length=32), nullable=False),
    sa.Column('row_id', sa.String(length=36), nullable=False),
    sa.Column('seq', sa.Integer(), nullable=False),
    sa.Column('row', sa.JSON(), nullable=False),
    sa.PrimaryKeyConstraint('table_name', 'row_id', name=op.f('pk_sync_waiting'))
    )
    with op.batch_alter_table('sync_runs', schema=None) as batch_op:
        batch_op.add_column(sa.Column('records', sa.Integer(), server_default='0', nullable=False))
        batch_op.add_column(sa.Column('pushed', sa.Integer(), server_default='0', nullable=False))
        batch_op.add_column(sa.Column('rejected', sa.Integer(), server_default='0', nullable=False))
        batch_op.add_column(sa.Column('conflicts', sa.Integer(), server_default='0', nullable=False))


def downgrade() -> None:
    with op.batch_alter_table('sync_runs', schema=None) as batch_op:
        batch_op.drop_column('conflicts')
        batch_op.drop_column('rejected')
        batch_op.drop_column('pushed')
        batch_op.drop_column('records')

    op.drop_table('sync_waiting')
