"""meeting preparation and approval

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-25

Materials, addenda, the minutes editor's autosaved draft and the document-number counter
(new tables); invitation state on guests, a guest as speaker, the standing of a member at
a meeting, vote order, the lock and content hash of approved minutes, the secretary's
evaluation and the follow-up of resolution tasks (new columns).

Hand-reviewed: autogenerate would drop the FTS5 tables of 0003 (raw SQL, not in the models)
and rebuild `meeting_guests` and `speeches` to add their foreign keys. Upgrading adds every
column with ALTER TABLE ADD COLUMN instead (SQLite accepts a REFERENCES clause there when
the default is NULL), so no table that other rows point to is dropped and copied back.
"""

from alembic import op
import sqlalchemy as sa

revision = '0004'
down_revision = '0003'
branch_labels = None
depends_on = None


def _syncable_columns() -> list[sa.Column]:
    return [
        sa.Column('id', sa.String(length=36), nullable=False),
        sa.Column('created_at', sa.DateTime(), nullable=False),
        sa.Column('updated_at', sa.DateTime(), nullable=False),
        sa.Column('updated_by', sa.String(length=64), nullable=True),
        sa.Column('version', sa.Integer(), nullable=False),
        sa.Column('deleted_at', sa.DateTime(), nullable=True),
        sa.Column('unit_id', sa.String(length=36), nullable=False),
    ]


def _create_tables() -> None:
    op.create_table('document_counters',
    sa.Column('unit_id', sa.String(length=36), nullable=False),
    sa.Column('doc_type', sa.String(length=8), nullable=False),
    sa.Column('term', sa.String(length=16), nullable=False),
    sa.Column('last_number', sa.Integer(), nullable=False),
    sa.PrimaryKeyConstraint('unit_id', 'doc_type', 'term', name=op.f('pk_document_counters'))
    )
    op.create_table('meeting_materials',
    sa.Column('meeting_id', sa.String(length=36), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.Column('title', sa.Text(), nullable=False),
    sa.Column('document_id', sa.String(length=36), nullable=True),
    sa.Column('posted_at', sa.DateTime(), nullable=False),
    *_syncable_columns(),
    sa.ForeignKeyConstraint(['document_id'], ['documents.id'], name=op.f('fk_meeting_materials_document_id_documents')),
    sa.ForeignKeyConstraint(['meeting_id'], ['meetings.id'], name=op.f('fk_meeting_materials_meeting_id_meetings')),
    sa.ForeignKeyConstraint(['unit_id'], ['org_units.id'], name=op.f('fk_meeting_materials_unit_id_org_units')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_meeting_materials'))
    )
    op.create_index(op.f('ix_meeting_materials_meeting_id'), 'meeting_materials', ['meeting_id'], unique=False)
    op.create_index(op.f('ix_meeting_materials_unit_id'), 'meeting_materials', ['unit_id'], unique=False)
    op.create_table('minutes_addenda',
    sa.Column('meeting_id', sa.String(length=36), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.Column('made_on', sa.Date(), nullable=False),
    sa.Column('text', sa.Text(), nullable=False),
    *_syncable_columns(),
    sa.ForeignKeyConstraint(['meeting_id'], ['meetings.id'], name=op.f('fk_minutes_addenda_meeting_id_meetings')),
    sa.ForeignKeyConstraint(['unit_id'], ['org_units.id'], name=op.f('fk_minutes_addenda_unit_id_org_units')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_minutes_addenda'))
    )
    op.create_index(op.f('ix_minutes_addenda_meeting_id'), 'minutes_addenda', ['meeting_id'], unique=False)
    op.create_index(op.f('ix_minutes_addenda_unit_id'), 'minutes_addenda', ['unit_id'], unique=False)
    op.create_table('minutes_drafts',
    sa.Column('meeting_id', sa.String(length=36), nullable=False),
    sa.Column('saved_at', sa.DateTime(), nullable=False),
    sa.Column('payload', sa.JSON(), nullable=False),
    sa.ForeignKeyConstraint(['meeting_id'], ['meetings.id'], name=op.f('fk_minutes_drafts_meeting_id_meetings')),
    sa.PrimaryKeyConstraint('meeting_id', name=op.f('pk_minutes_drafts'))
    )


def upgrade() -> None:
    _create_tables()
    op.add_column('attendance', sa.Column('standing', sa.String(length=16), nullable=True))
    op.execute("ALTER TABLE meeting_guests ADD COLUMN member_id VARCHAR(36) "
               "CONSTRAINT fk_meeting_guests_member_id_members REFERENCES members (id)")
    op.add_column('meeting_guests', sa.Column('invitation', sa.String(length=16), server_default='not_sent',
                                              nullable=False))
    op.add_column('meeting_guests', sa.Column('invited_at', sa.DateTime(), nullable=True))
    op.add_column('meeting_guests', sa.Column('attended', sa.Boolean(), nullable=True))
    op.add_column('meetings', sa.Column('started_at', sa.DateTime(), nullable=True))
    op.add_column('meetings', sa.Column('locked_at', sa.DateTime(), nullable=True))
    op.add_column('meetings', sa.Column('content_hash', sa.String(length=64), nullable=True))
    op.add_column('meetings', sa.Column('evaluation', sa.Text(), server_default='', nullable=False))
    op.add_column('meetings', sa.Column('evaluated_at', sa.DateTime(), nullable=True))
    op.add_column('resolution_items', sa.Column('done_on', sa.Date(), nullable=True))
    op.execute("ALTER TABLE speeches ADD COLUMN guest_id VARCHAR(36) "
               "CONSTRAINT fk_speeches_guest_id_meeting_guests REFERENCES meeting_guests (id)")
    op.add_column('votes', sa.Column('position', sa.Integer(), server_default='0', nullable=False))


def downgrade() -> None:
    # SQLite cannot drop a column that carries a foreign key: those two tables are rebuilt.
    with op.batch_alter_table('speeches', schema=None, recreate='always') as batch_op:
        batch_op.drop_column('guest_id')
    with op.batch_alter_table('meeting_guests', schema=None, recreate='always') as batch_op:
        batch_op.drop_column('attended')
        batch_op.drop_column('invited_at')
        batch_op.drop_column('invitation')
        batch_op.drop_column('member_id')
    with op.batch_alter_table('votes', schema=None) as batch_op:
        batch_op.drop_column('position')
    with op.batch_alter_table('resolution_items', schema=None) as batch_op:
        batch_op.drop_column('done_on')
    with op.batch_alter_table('meetings', schema=None) as batch_op:
        batch_op.drop_column('evaluated_at')
        batch_op.drop_column('evaluation')
        batch_op.drop_column('content_hash')
        batch_op.drop_column('locked_at')
        batch_op.drop_column('started_at')
    with op.batch_alter_table('attendance', schema=None) as batch_op:
        batch_op.drop_column('standing')
    op.drop_table('minutes_drafts')
    op.drop_index(op.f('ix_minutes_addenda_unit_id'), table_name='minutes_addenda')
    op.drop_index(op.f('ix_minutes_addenda_meeting_id'), table_name='minutes_addenda')
    op.drop_table('minutes_addenda')
    op.drop_index(op.f('ix_meeting_materials_unit_id'), table_name='meeting_materials')
    op.drop_index(op.f('ix_meeting_materials_meeting_id'), table_name='meeting_materials')
    op.drop_table('meeting_materials')
    op.drop_table('document_counters')
