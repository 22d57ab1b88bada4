"""Cell records pushed by the desktops, push results by op_id, purge mark and scope changes.

Revision ID: 0002
Revises: 0001
"""

from alembic import op
import sqlalchemy as sa

revision = '0002'
down_revision = '0001'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('records',
    sa.Column('id', sa.String(length=36), nullable=False),
    sa.Column('table_name', sa.String(length=32), nullable=False),
    sa.Column('unit_id', sa.String(length=36), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('data', sa.JSON(), nullable=False),
    sa.Column('field_meta', sa.JSON(), nullable=False),
    sa.Column('deleted_at', sa.DateTime(), nullable=True),
    sa.Column('updated_by', sa.String(length=64), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['unit_id'], ['units.id'], name=op.f('fk_records_unit_id_units')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_records'))
    )
    with op.batch_alter_table('records', schema=None) as batch_op:
        batch_op.create_index('ix_records_table_name_unit_id', ['table_name', 'unit_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_records_unit_id'), ['unit_id'], unique=False)

    op.create_table('push_ops',
    sa.Column('op_id', sa.String(length=64), nullable=False),
    sa.Column('user_id', sa.String(length=36), nullable=False),
    sa.Column('device_id', sa.String(length=36), nullable=False),
    sa.Column('status', sa.String(length=16), nullable=False),
    sa.Column('version', sa.Integer(), nullable=True),
    sa.Column('message', sa.Text(), nullable=False),
    sa.Column('row', sa.JSON(), nullable=True),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['user_id'], ['users.id'], name=op.f('fk_push_ops_user_id_users')),
    sa.PrimaryKeyConstraint('op_id', name=op.f('pk_push_ops'))
    )
    with op.batch_alter_table('server_state', schema=None) as batch_op:
        batch_op.add_column(sa.Column('purge_seq', sa.Integer(), server_default='0', nullable=False))
    with op.batch_alter_table('users', schema=None) as batch_op:
        batch_op.add_column(sa.Column('scope_seq', sa.Integer(), server_default='0', nullable=False))


def downgrade() -> None:
    with op.batch_alter_table('users', schema=None) as batch_op:
        batch_op.drop_column('scope_seq')
    with op.batch_alter_table('server_state', schema=None) as batch_op:
        batch_op.drop_column('purge_seq')
    op.drop_table('push_ops')
    with op.batch_alter_table('records', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_records_unit_id'))
        batch_op.drop_index('ix_records_table_name_unit_id')
    op.drop_table('records')
