"""two-way sync of cell records

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-03

A second device of the cell: outbox entries get their device, user and state (pending,
sent, acknowledged, rejected, conflict); `sync_conflicts` holds what the server left to the
secretary; a resolution number is no longer unique on one device (two laptops offline may
both give 12, the server turns that into a conflict), so its unique constraint becomes an
index (this rebuilds `resolutions`).

Hand-reviewed: autogenerate would drop the FTS5 tables of 0003 (raw SQL, not in the models).
"""

from alembic import op
import sqlalchemy as sa

revision = '0006'
down_revision = '0005'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('sync_conflicts',
    sa.Column('table_name', sa.String(length=32), nullable=False),
    sa.Column('row_id', sa.String(length=36), nullable=False),
    sa.Column('field', sa.String(length=64), nullable=False),
    sa.Column('kind', sa.String(length=16), nullable=False),
    sa.Column('kept_value', sa.Text(), nullable=False),
    sa.Column('other_value', sa.Text(), nullable=False),
    sa.Column('kept_by', sa.String(length=64), nullable=False),
    sa.Column('other_by', sa.String(length=64), nullable=False),
    sa.Column('message', sa.Text(), nullable=False),
    sa.Column('resolved_at', sa.DateTime(), nullable=True),
    sa.Column('resolved_by', sa.String(length=64), nullable=False),
    sa.Column('resolution', sa.String(length=16), nullable=False),
    sa.Column('id', sa.String(length=36), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.Column('updated_by', sa.String(length=64), nullable=True),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('deleted_at', sa.DateTime(), nullable=True),
    sa.Column('unit_id', sa.String(length=36), nullable=False),
    sa.ForeignKeyConstraint(['unit_id'], ['org_units.id'], name=op.f('fk_sync_conflicts_unit_id_org_units')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_sync_conflicts'))
    )
    with op.batch_alter_table('sync_conflicts', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_sync_conflicts_row_id'), ['row_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_sync_conflicts_unit_id'), ['unit_id'], unique=False)

    with op.batch_alter_table('outbox', schema=None) as batch_op:
        batch_op.add_column(sa.Column('device_id', sa.String(length=36), server_default='', nullable=False))
        batch_op.add_column(sa.Column('user', sa.String(length=64), server_default='', nullable=False))
        batch_op.add_column(sa.Column('state', sa.String(length=16), server_default='pending', nullable=False))
        batch_op.add_column(sa.Column('attempts', sa.Integer(), server_default='0', nullable=False))
        batch_op.add_column(sa.Column('last_error', sa.Text(), server_default='', nullable=False))
        batch_op.add_column(sa.Column('sent_at', sa.DateTime(), nullable=True))
        batch_op.add_column(sa.Column('acknowledged_at', sa.DateTime(), nullable=True))
        batch_op.add_column(sa.Column('result_version', sa.Integer(), nullable=True))
        batch_op.create_index(batch_op.f('ix_outbox_state'), ['state'], unique=False)

    with op.batch_alter_table('resolutions', schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f('uq_resolutions_unit_id'), type_='unique')
        batch_op.create_index('ix_resolutions_unit_id_term_number', ['unit_id', 'term', 'number'], unique=False)


def downgrade() -> None:
    with op.batch_alter_table('resolutions', schema=None) as batch_op:
        batch_op.drop_index('ix_resolutions_unit_id_term_number')
        batch_op.create_unique_constraint(batch_op.f('uq_resolutions_unit_id'), ['unit_id', 'term', 'number'])

    with op.batch_alter_table('outbox', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_outbox_state'))
        batch_op.drop_column('result_version')
        batch_op.drop_column('acknowledged_at')
        batch_op.drop_column('sent_at')
        batch_op.drop_column('last_error')
        batch_op.drop_column('attempts')
        batch_op.drop_column('state')
        batch_op.drop_column('user')
        batch_op.drop_column('device_id')

    with op.batch_alter_table('sync_conflicts', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_sync_conflicts_unit_id'))
        batch_op.drop_index(batch_op.f('ix_sync_conflicts_row_id'))

    op.drop_table('sync_conflicts')
