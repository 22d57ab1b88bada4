"""The weekly backup file at open, and the home page's reminder of a backup on another drive."""

import json
import multiprocessing
from datetime import datetime, timedelta
from pathlib import Path

from sqlalchemy import delete

from handbook_desktop.core import backup_schedule
from handbook_desktop.core.backup import BACKUP_DIR
from handbook_desktop.core.backup_file import check_backup
from handbook_desktop.core.clock import VIETNAM_TIME, vietnam_now
from handbook_desktop.core.home import load_overview
from handbook_desktop.core.models import WorkspaceFact
from handbook_desktop.core.workspace import IS_DEMO, open_workspace

from .faults import tiny_disk


def test_opening_makes_the_weekly_backup_when_the_newest_is_a_week_old_and_keeps_four(demo_dir):
    folder = demo_dir / "backups" / backup_schedule.WEEKLY_DIR
    folder.mkdir(parents=True)
    today = vietnam_now().date()
    for weeks in range(1, 6):
        (folder / f"handbook-{today - timedelta(weeks=weeks):%Y%m%d}.sotay").write_bytes(b"old")
    open_workspace(demo_dir).close()
    kept = backup_schedule.weekly_backups(demo_dir)
    assert [path.name for path in kept] == [f"handbook-{today - timedelta(weeks=weeks):%Y%m%d}.sotay"
                                            for weeks in range(4)]
    assert check_backup(kept[0], demo_dir).members > 20  # a real backup file, fit to restore
    before = kept[0].stat().st_mtime_ns
    open_workspace(demo_dir).close()  # not due again the same week
    assert backup_schedule.weekly_backups(demo_dir)[0].stat().st_mtime_ns == before


def test_no_weekly_backup_on_a_nearly_full_disk(tmp_path, demo_template):
    with tiny_disk(tmp_path / "small", size_kb=1200) as small:
        if small is None:
            return  # mounting needs root; the daily copy's tests cover the same check
        (small / "handbook.db").write_bytes(demo_template.read_bytes())
        open_workspace(small).close()
        assert backup_schedule.weekly_backups(small) == []
        assert not list((small / "backups").glob("**/.sotay-*"))


def _own_cell(folder) -> None:
    workspace = open_workspace(folder)
    with workspace.unit_of_work() as uow:
        uow.session.execute(delete(WorkspaceFact).where(WorkspaceFact.key == IS_DEMO))
    workspace.close()


def _reminder(folder, today) -> int | None:
    workspace = open_workspace(folder)
    days = workspace.perform(lambda uow: load_overview(uow, today), read_only=True).days_without_safe_backup
    workspace.close()
    return days


def test_the_reminder_comes_after_30_days_and_goes_after_a_backup_on_another_drive(demo_dir, tmp_path):
    _own_cell(demo_dir)
    record = demo_dir / "backups" / backup_schedule.RECORD_NAME
    started = json.loads(record.read_text())["watching_since"]
    today = datetime.fromisoformat(started).date()
    assert _reminder(demo_dir, today + timedelta(days=29)) is None
    assert _reminder(demo_dir, today + timedelta(days=30)) == 30
    later = datetime.combine(today + timedelta(days=40), datetime.min.time(), VIETNAM_TIME)
    same_drive = tmp_path / "same.sotay"
    same_drive.write_bytes(b"")
    backup_schedule.record_manual_backup(demo_dir, same_drive, later)
    assert _reminder(demo_dir, later.date()) == 40  # a copy on the same disk dies with it
    with tiny_disk(tmp_path / "usb") as usb:
        if usb is None:
            return
        (usb / "so-tay.sotay").write_bytes(b"")
        backup_schedule.record_manual_backup(demo_dir, usb / "so-tay.sotay", later)
    assert _reminder(demo_dir, later.date()) is None
    assert _reminder(demo_dir, later.date() + timedelta(days=30)) == 30


def test_the_demo_is_never_reminded(demo_dir):
    assert _reminder(demo_dir, vietnam_now().date() + timedelta(days=365)) is None


def _record_often(folder: Path) -> None:
    for i in range(500):
        backup_schedule._write_record(folder, {"last_backup": str(i)})  # raises if the rename lost its file


def test_two_windows_writing_the_record_at_once_do_not_break_each_other(tmp_path):
    # Before, both wrote "last-backup.tmp": one rename found the other's file gone (at open: a crash).
    with multiprocessing.get_context("spawn").Pool(4) as pool:
        pool.map(_record_often, [tmp_path] * 4)
    assert backup_schedule._read_record(tmp_path) == {"last_backup": "499"}
    assert not list((tmp_path / BACKUP_DIR).glob("*.tmp"))
