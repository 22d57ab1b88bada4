"""The home page's snapshot: exactly the figures the ORM reads, and never once anything changed."""

import json
import sqlite3
from contextlib import closing
from datetime import date, timedelta

import pytest

from handbook_desktop import __version__
from handbook_desktop.core import library, meetings
from handbook_desktop.core.backup import forget_closed
from handbook_desktop.core.home import GLANCE_TABLES, load_overview, load_snapshot, save_snapshot, take_snapshot
from handbook_desktop.core.paths import DATABASE_NAME, SNAPSHOT_NAME
from sync.account_facts import OPEN_CONFLICTS, first_screen_facts
from sync.protocol import ConflictKind
from tests.core.meetings.meeting_helpers import act, at
from tests.sync.client.cells import add_member, as_synced, connected_to, own_cell, pulled_conflict

DAY = date(2026, 12, 3)


def kept(workspace, today=DAY):
    snapshot = workspace.perform(lambda uow: take_snapshot(uow, today), read_only=True)
    save_snapshot(workspace.data_dir, snapshot)
    return snapshot


def test_the_snapshot_paints_what_the_orm_reads_on_each_day_kept(demo_workspace):
    act(demo_workspace, meetings.create_meeting, meetings.MeetingForm(starts_at=at(2026, 12, 8)))
    kept(demo_workspace)
    for day in (DAY, DAY + timedelta(days=3), DAY + timedelta(days=6)):
        glance = load_snapshot(demo_workspace.data_dir, day)
        assert glance.overview == demo_workspace.perform(lambda uow, d=day: load_overview(uow, d))
    glance = load_snapshot(demo_workspace.data_dir, DAY)
    assert glance.overview.next_meeting.days_left == 5 and glance.overview.figures.total == 25
    assert glance.reading == demo_workspace.perform(library.continue_reading)
    assert load_snapshot(demo_workspace.data_dir, DAY + timedelta(days=7)) is None  # a day not kept


def test_a_write_by_the_app_or_another_program_makes_it_stale(demo_workspace):
    kept(demo_workspace)
    act(demo_workspace, meetings.create_meeting, meetings.MeetingForm(starts_at=at(2026, 12, 20)))
    assert load_snapshot(demo_workspace.data_dir, DAY) is None
    kept(demo_workspace)
    assert load_snapshot(demo_workspace.data_dir, DAY) is not None
    with closing(sqlite3.connect(demo_workspace.data_dir / DATABASE_NAME)) as conn, conn:
        conn.execute("UPDATE org_units SET name = name || ' mới'")
    assert load_snapshot(demo_workspace.data_dir, DAY) is None


def test_a_restored_database_never_paints_the_old_figures(demo_workspace):
    kept(demo_workspace)
    forget_closed(demo_workspace.data_dir / DATABASE_NAME)  # what both restores do once the file is in place
    assert not (demo_workspace.data_dir / SNAPSHOT_NAME).exists()


@pytest.mark.parametrize("spoil", [
    lambda record: record.update(version="0.0.1"),
    lambda record: record.update(status=["sync_username", "bt_khupho3"]),
    lambda record: record["days"][DAY.isoformat()].update(documents="12"),
    lambda record: record["days"][DAY.isoformat()]["figures"].update(as_of=20261203),
    lambda record: record["days"][DAY.isoformat()].update(last_sync_at="2026-12-01T10:00:00"),  # naive
    lambda record: record["days"][DAY.isoformat()].pop("unit_path"),
    lambda record: record.update(reading={"__class__": "os.system"}),
    lambda record: record.clear(),
])
def test_a_damaged_or_foreign_file_is_a_start_without_it(demo_workspace, spoil):
    kept(demo_workspace)
    path = demo_workspace.data_dir / SNAPSHOT_NAME
    record = json.loads(path.read_text(encoding="utf-8"))
    assert record["version"] == __version__
    spoil(record)
    path.write_text(json.dumps(record), encoding="utf-8")
    assert load_snapshot(demo_workspace.data_dir, DAY) is None


@pytest.mark.parametrize("content", [b"", b"\xff\xfe garbage", b"[1, 2", b"null", b'"text"'])
def test_unreadable_bytes_are_a_start_without_it(demo_workspace, content):
    (demo_workspace.data_dir / SNAPSHOT_NAME).write_bytes(content)
    assert load_snapshot(demo_workspace.data_dir, DAY) is None


def test_a_full_disk_loses_only_the_head_start(demo_workspace, monkeypatch):
    snapshot = demo_workspace.perform(lambda uow: take_snapshot(uow, DAY, days=1), read_only=True)

    def no_room(*_args, **_kwargs):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr("pathlib.Path.write_text", no_room)
    save_snapshot(demo_workspace.data_dir, snapshot)  # says nothing to the user: a log line
    monkeypatch.undo()
    assert sorted(p.name for p in demo_workspace.data_dir.glob("home-snapshot*")) == []


def test_the_figures_read_only_tables_whose_changes_the_counter_sees(demo_workspace):
    """SQLite names every table a statement reads: the snapshot's reads, on a workspace that
    reaches every branch (a planned meeting with materials and guests, an item read part-way)."""
    planned = act(demo_workspace, meetings.create_meeting, meetings.MeetingForm(starts_at=at(2026, 12, 8)))
    demo_workspace.perform(lambda uow: meetings.set_agenda(uow, planned.id, [meetings.AgendaEntry("Công tác tháng")]))
    demo_workspace.perform(lambda uow: meetings.add_invitee(uow, planned.id, meetings.InviteeForm(name="Đ/c Hòa")))
    document = demo_workspace.perform(lambda uow: library.list_items(uow, library.ItemFilter())[0])
    demo_workspace.perform(lambda uow: meetings.add_library_material(uow, planned.id, document.id, at(2026, 12, 1)))
    demo_workspace.perform(lambda uow: library.save_position(uow, library.DOCUMENTS, document.id, 0.4))
    snapshot, read = tables_read(demo_workspace, lambda uow: take_snapshot(uow, DAY))
    assert snapshot.overviews[DAY].next_meeting.materials == 1 and snapshot.reading  # every branch ran
    assert {"meeting_materials", "meeting_guests", "agenda_items", "reading_positions"} <= read
    assert read - {"data_generation", "sqlite_master"} <= GLANCE_TABLES


def test_an_accounts_first_screen_reads_only_tables_whose_changes_the_counter_sees(workspace):
    connected_to(workspace, cell_id=own_cell(workspace, "Chi bộ Khu phố 3"))
    member_id = add_member(workspace, "Nguyễn Văn An", phone="0912000111")
    as_synced(workspace)
    pulled_conflict(workspace, member_id, "members", ConflictKind.FIELD, "phone", "0912000111", "0987000222")
    facts, read = tables_read(workspace, first_screen_facts)
    assert facts[OPEN_CONFLICTS] == "1" and {"sync_conflicts", "sync_runs", "outbox"} <= read
    assert read - {"sqlite_master"} <= GLANCE_TABLES


def tables_read(workspace, action):
    """What `action` returns, and every table SQLite read for it (its authorizer names each)."""
    read: set[str] = set()

    def note(kind, table, *_rest):
        if kind == sqlite3.SQLITE_READ and table:
            read.add(table)
        return sqlite3.SQLITE_OK

    def watched(uow):
        raw = uow.session.connection().connection.dbapi_connection
        raw.set_authorizer(note)
        try:
            return action(uow)
        finally:
            raw.set_authorizer(None)

    return workspace.perform(watched, read_only=True), read


def test_every_glance_table_has_its_three_triggers(workspace):
    with closing(sqlite3.connect(workspace.data_dir / DATABASE_NAME)) as conn:
        triggers = conn.execute("SELECT tbl_name, sql FROM sqlite_master WHERE type = 'trigger'").fetchall()
    covered = {(table, event) for table, sql in triggers for event in ("INSERT", "UPDATE", "DELETE")
               if f"AFTER {event} ON {table}" in sql and "data_generation" in sql}
    assert covered == {(table, event) for table in GLANCE_TABLES for event in ("INSERT", "UPDATE", "DELETE")}
