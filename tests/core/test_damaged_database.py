"""A damaged database: found, told in words, never written to, and restored from the
automatic daily backup."""

import multiprocessing
import sqlite3
from contextlib import closing
from datetime import date, datetime

import pytest
from sqlalchemy import select

from handbook_desktop.core import backup
from handbook_desktop.core.backup import DamagedDatabase
from handbook_desktop.core.clock import vietnam_today
from handbook_desktop.core.members import Member
from handbook_desktop.core.paths import DATABASE_NAME
from handbook_desktop.core.workspace import open_workspace

from .faults import damage_data_pages, fingerprint


def _members(workspace) -> int:
    return workspace.perform(lambda uow: len(uow.session.scalars(select(Member.full_name)).all()))


@pytest.fixture
def used_dir(demo_dir):
    """A demo folder used once today: it has today's backup and was closed cleanly."""
    workspace = open_workspace(demo_dir)
    workspace.close()
    return demo_dir


def test_the_first_start_of_a_day_makes_a_backup_and_keeps_the_newest(demo_dir):
    folder = demo_dir / backup.BACKUP_DIR
    folder.mkdir()
    for day in ("20250101", "20250102", "20250103"):
        (folder / f"handbook-{day}.db").write_bytes(b"old")
    workspace = open_workspace(demo_dir)
    members = _members(workspace)
    workspace.close()
    found = backup.backups(demo_dir)
    assert [b.day for b in found] == [vietnam_today(), date(2025, 1, 3), date(2025, 1, 2)]
    assert len(found) == backup.KEEP
    assert backup.damage_in(found[0].path) is None
    copy = open_workspace(_copy_folder(found[0].path, demo_dir.parent / "copy"))
    assert _members(copy) == members
    copy.close()


def test_processes_making_the_same_daily_backup_at_once_each_succeed(tmp_path):
    # Two windows opened together both find the day's copy due (seen as a "disk I/O error").
    database, day = tmp_path / DATABASE_NAME, date(2026, 1, 5)
    with closing(sqlite3.connect(database)) as db, db:
        db.execute("CREATE TABLE pages (body BLOB)")
        db.executemany("INSERT INTO pages VALUES (randomblob(4096))", [()] * 5000)  # long enough to overlap
    with multiprocessing.get_context("spawn").Pool(4) as pool:
        made = pool.starmap(backup.make_daily, [(database, day)] * 8)
    assert all(copy is not None and copy.day == day for copy in made)
    assert [b.day for b in backup.backups(tmp_path)] == [day]
    assert backup.damage_in(made[0].path) is None
    assert not list((tmp_path / backup.BACKUP_DIR).glob("*.partial"))


def _copy_folder(db, folder):
    folder.mkdir()
    (folder / DATABASE_NAME).write_bytes(db.read_bytes())
    return folder


def test_damage_is_found_at_start_and_the_file_is_left_alone(used_dir):
    db = used_dir / DATABASE_NAME
    damage_data_pages(db)  # written behind our back: not as we left it, so the start reads every page
    before = fingerprint(db)
    with pytest.raises(DamagedDatabase) as caught:
        open_workspace(used_dir)
    assert "bị hỏng" in caught.value.message and "malformed" not in caught.value.message
    assert "main.py restore-backup" in caught.value.message
    assert caught.value.backup == backup.latest(used_dir)
    assert fingerprint(db) == before


def test_damage_found_while_working_refuses_every_later_write(used_dir):
    db = used_dir / DATABASE_NAME
    damage_data_pages(db, keep_times=True)  # the file looks as we left it: the start reads no page
    workspace = open_workspace(used_dir)
    before = fingerprint(db)
    with pytest.raises(DamagedDatabase):
        _members(workspace)
    with pytest.raises(DamagedDatabase):
        workspace.perform(lambda uow: uow.session.add(Member(unit_id=uow.home_unit_id, full_name="Lê Văn Mới")))
    workspace.close()
    assert fingerprint(db) == before
    with pytest.raises(DamagedDatabase):  # and the next start, in any program, reads every page
        open_workspace(used_dir)


def test_restore_puts_the_backup_back_and_keeps_the_damaged_file(used_dir):
    db = used_dir / DATABASE_NAME
    workspace = open_workspace(used_dir)
    members = _members(workspace)
    workspace.close()
    damage_data_pages(db)
    damaged = db.read_bytes()
    restored = backup.restore_latest(db, datetime(2026, 12, 3, 9, 30))
    assert restored.damaged == used_dir / "handbook.db.damaged-20261203-093000"
    assert restored.damaged.read_bytes() == damaged
    workspace = open_workspace(used_dir)
    assert _members(workspace) == members
    workspace.close()


def test_restore_refuses_a_sound_database(used_dir):
    before = fingerprint(used_dir / DATABASE_NAME)
    with pytest.raises(backup.WorkspaceError, match="không bị hỏng"):
        backup.restore_latest(used_dir / DATABASE_NAME, datetime(2026, 12, 3))
    assert fingerprint(used_dir / DATABASE_NAME) == before
