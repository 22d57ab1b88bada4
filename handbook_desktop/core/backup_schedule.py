"""When backups are made and when the user is reminded of them.

Weekly: at open, a backup file into `backups/weekly/` when the newest is 7 days old, the
last WEEKLY_KEEP kept; skipped, like the daily copy, on a nearly full disk. It guards
against a mistake (a roster deleted by hand), not a lost laptop: only a backup on another
drive does that, so the home page reminds the user when none was made for REMIND_AFTER
days. `backups/last-backup.json` records the last backup made on demand and the last one
on another drive (a device other than the data folder's); the watch starts at the first
open, so a new workspace is not nagged on its first day.
"""

import json
import logging
import os
from datetime import date, datetime, timedelta
from pathlib import Path

from handbook_desktop.core.attachments import store_dir
from handbook_desktop.core.backup import BACKUP_DIR, has_room
from handbook_desktop.core.backup_file import EXTENSION, write_backup
from handbook_desktop.core.errors import UserError
from handbook_desktop.core.paths import DATABASE_NAME

log = logging.getLogger(__name__)

WEEKLY_DIR = "weekly"
WEEKLY_KEEP = 4
WEEK = timedelta(days=7)
REMIND_AFTER = timedelta(days=30)
RECORD_NAME = "last-backup.json"


def weekly_backups(data_dir: Path) -> list[Path]:
    """Newest first (the names sort by date)."""
    folder = data_dir / BACKUP_DIR / WEEKLY_DIR
    return sorted(folder.glob(f"handbook-*{EXTENSION}"), reverse=True) if folder.is_dir() else []


def weekly_due(data_dir: Path, today: date) -> bool:
    found = weekly_backups(data_dir)
    if not found:
        return True
    try:
        newest = datetime.strptime(found[0].stem.removeprefix("handbook-"), "%Y%m%d").date()
    except ValueError:
        return True
    return today - newest >= WEEK


def make_weekly(data_dir: Path, now: datetime) -> Path | None:
    """The week's backup file, when due; a failure never stops the user's work."""
    if not weekly_due(data_dir, now.date()):
        return None
    target = data_dir / BACKUP_DIR / WEEKLY_DIR / f"handbook-{now:%Y%m%d}{EXTENSION}"
    try:
        if not has_room(data_dir, _size_of(data_dir)):
            log.warning("no room for the weekly backup of %s", data_dir)
            return None
        write_backup(data_dir, target, now=now)
    except (OSError, UserError):
        log.warning("weekly backup of %s failed", data_dir, exc_info=True)
        return None
    for old in weekly_backups(data_dir)[WEEKLY_KEEP:]:
        old.unlink(missing_ok=True)
    return target


def _size_of(data_dir: Path) -> int:
    """The database and the attachment store: what a backup file may hold at most."""
    store = store_dir(data_dir)
    files = [data_dir / DATABASE_NAME, *(store.rglob("*") if store.is_dir() else ())]
    return sum(path.stat().st_size for path in files if path.is_file())


# -- the reminder -----------------------------------------------------------------------------


def start_watch(data_dir: Path, now: datetime) -> None:
    """At open: from now on, a month without a backup on another drive is reminded."""
    if not _record_path(data_dir).exists():
        _write_record(data_dir, {"watching_since": now.isoformat(timespec="seconds")})


def record_manual_backup(data_dir: Path, target: Path, now: datetime) -> None:
    record = _read_record(data_dir)
    record["last_backup"] = now.isoformat(timespec="seconds")
    if on_other_drive(data_dir, target):
        record["last_other_drive"] = record["last_backup"]
    try:
        _write_record(data_dir, record)
    except OSError:  # the backup itself is made: only the reminder may come too early
        log.warning("could not record the backup in %s", data_dir, exc_info=True)


def on_other_drive(data_dir: Path, target: Path) -> bool:
    try:
        return os.stat(target).st_dev != os.stat(data_dir).st_dev
    except OSError:
        return False


def days_without_safe_backup(data_dir: Path, today: date) -> int | None:
    """Days since the last backup on another drive (or since the watch began) once they
    reach REMIND_AFTER; None while no reminder is due."""
    record = _read_record(data_dir)
    since = record.get("last_other_drive") or record.get("watching_since")
    if not since:
        return None
    try:
        days = (today - datetime.fromisoformat(since).date()).days
    except (TypeError, ValueError):
        return None
    return days if days >= REMIND_AFTER.days else None


def _record_path(data_dir: Path) -> Path:
    return data_dir / BACKUP_DIR / RECORD_NAME


def _read_record(data_dir: Path) -> dict:
    try:
        record = json.loads(_record_path(data_dir).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return record if isinstance(record, dict) else {}


def _write_record(data_dir: Path, record: dict) -> None:
    path = _record_path(data_dir)
    path.parent.mkdir(parents=True, exist_ok=True)
    partial = path.with_name(f"{path.name}.{os.getpid()}.tmp")  # two windows opening at once
    partial.write_text(json.dumps(record), encoding="utf-8")
    os.replace(partial, path)
