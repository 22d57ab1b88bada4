"""a generation counter of the tables the home page reads

Revision ID: 0008
Revises: 0007
Create Date: 2026-12-03

The window paints its first screen from the figures it kept at its last read
(core/home/snapshot.py) while none of the tables they come from has changed since. Triggers
raise `data_generation.value` on every insert, update and delete of those tables, whoever
writes: the app, a command, a sync, another program. The list is written out here, as a
migration must not change with the code; tests/core/home/test_snapshot.py checks that the
triggers of the head schema cover `snapshot.GLANCE_TABLES` (a table rebuilt by a later batch
migration loses its triggers, and that test says so).
"""

from alembic import op

revision = '0008'
down_revision = '0007'
branch_labels = None
depends_on = None

TABLES = ("agenda_items", "articles", "attachments", "attendance", "documents", "favorites", "meeting_guests",
          "meeting_materials", "meetings", "member_events", "members", "org_units", "outbox", "read_receipts",
          "reading_positions", "resolution_items", "resolutions", "sync_conflicts", "sync_cursors", "sync_runs",
          "workspace_facts")
EVENTS = ("INSERT", "UPDATE", "DELETE")


def upgrade() -> None:
    op.execute("CREATE TABLE data_generation (id INTEGER PRIMARY KEY CHECK (id = 1), value INTEGER NOT NULL)")
    op.execute("INSERT INTO data_generation (id, value) VALUES (1, 0)")
    for table in TABLES:
        for event in EVENTS:
            op.execute(f"CREATE TRIGGER glance_{table}_{event.lower()} AFTER {event} ON {table} "
                       "BEGIN UPDATE data_generation SET value = value + 1; END")


def downgrade() -> None:
    for table in TABLES:
        for event in EVENTS:
            op.execute(f"DROP TRIGGER glance_{table}_{event.lower()}")
    op.execute("DROP TABLE data_generation")
