"""reading state

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-25
"""

from alembic import op
import sqlalchemy as sa

revision = '0002'
down_revision = '0001'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('favorites',
    sa.Column('item_table', sa.String(length=16), nullable=False),
    sa.Column('item_id', sa.String(length=36), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.PrimaryKeyConstraint('item_table', 'item_id', name=op.f('pk_favorites'))
    )
    op.create_table('reading_positions',
    sa.Column('item_table', sa.String(length=16), nullable=False),
    sa.Column('item_id', sa.String(length=36), nullable=False),
    sa.Column('fraction', sa.Float(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.PrimaryKeyConstraint('item_table', 'item_id', name=op.f('pk_reading_positions'))
    )
    with op.batch_alter_table('reading_positions', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_reading_positions_updated_at'), ['updated_at'], unique=False)

    op.create_table('read_receipts',
    sa.Column('item_table', sa.String(length=16), nullable=False),
    sa.Column('item_id', sa.String(length=36), nullable=False),
    sa.Column('reader', sa.String(length=64), nullable=False),
    sa.Column('first_opened_at', sa.DateTime(), nullable=False),
    sa.Column('last_read_at', sa.DateTime(), nullable=False),
    sa.Column('furthest', sa.Float(), nullable=False),
    sa.Column('id', sa.String(length=36), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.Column('updated_by', sa.String(length=64), nullable=True),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('deleted_at', sa.DateTime(), nullable=True),
    sa.Column('unit_id', sa.String(length=36), nullable=False),
    sa.ForeignKeyConstraint(['unit_id'], ['org_units.id'], name=op.f('fk_read_receipts_unit_id_org_units')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_read_receipts')),
    sa.UniqueConstraint('item_table', 'item_id', 'reader', name=op.f('uq_read_receipts_item_table'))
    )
    with op.batch_alter_table('read_receipts', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_read_receipts_item_id'), ['item_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_read_receipts_unit_id'), ['unit_id'], unique=False)



def downgrade() -> None:
    with op.batch_alter_table('read_receipts', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_read_receipts_unit_id'))
        batch_op.drop_index(batch_op.f('ix_read_receipts_item_id'))

    op.drop_table('read_receipts')
    with op.batch_alter_table('reading_positions', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_reading_positions_updated_at'))

    op.drop_table('reading_positions')
    op.drop_table('favorites')
