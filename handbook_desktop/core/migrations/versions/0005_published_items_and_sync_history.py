"""published items and sync history

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-03

Documents and articles pulled from the server carry the server's revision (a correction
shows "đã cập nhật") and the publishing body's name; `sync_runs` is the local history the
"Đồng bộ" page lists.

Hand-reviewed: autogenerate would drop the FTS5 tables of 0003 (raw SQL, not in the models).
Columns are added with ALTER TABLE ADD COLUMN, so no table other rows point to is rebuilt.
"""

from alembic import op
import sqlalchemy as sa

revision = '0005'
down_revision = '0004'
branch_labels = None
depends_on = None

PUBLISHED = ('documents', 'articles')


def upgrade() -> None:
    op.create_table('sync_runs',
    sa.Column('id', sa.Integer(), autoincrement=True, nullable=False),
    sa.Column('started_at', sa.DateTime(), nullable=False),
    sa.Column('finished_at', sa.DateTime(), nullable=False),
    sa.Column('ok', sa.Boolean(), nullable=False),
    sa.Column('pulled', sa.Integer(), nullable=False),
    sa.Column('withdrawn', sa.Integer(), nullable=False),
    sa.Column('attachments', sa.Integer(), nullable=False),
    sa.Column('message', sa.Text(), nullable=False),
    sa.Column('hint', sa.Text(), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_sync_runs'))
    )
    op.create_index(op.f('ix_sync_runs_started_at'), 'sync_runs', ['started_at'], unique=False)
    for table in PUBLISHED:
        op.add_column(table, sa.Column('revision', sa.Integer(), server_default='1', nullable=False))
        op.add_column(table, sa.Column('publisher', sa.String(length=200), server_default='', nullable=False))


def downgrade() -> None:
    for table in PUBLISHED:
        with op.batch_alter_table(table, schema=None) as batch_op:
            batch_op.drop_column('publisher')
            batch_op.drop_column('revision')
    op.drop_index(op.f('ix_sync_runs_started_at'), table_name='sync_runs')
    op.drop_table('sync_runs')
