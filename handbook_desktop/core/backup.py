"""Damage in the database file, the automatic daily copy, and putting a copy back.

`PRAGMA quick_check` reads every page (about 1 ms per MB: 0.3 s for a 300 MB library), so
the workspace runs it only when the file is not as this program left it, and before the
day's copy. The copy (`backups/handbook-YYYYMMDD.db`, the newest KEEP kept) is made with
SQLite's online backup API — a consistent snapshot even while another program writes — and
only of a file that just passed the check, so the newest copy is the one to put back.
Backups on demand, to another disk, come with their own issue; this is the safety net.
"""

import logging
import os
import re
import shutil
import sqlite3
from contextlib import closing
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

from handbook_desktop.core.errors import WorkspaceError
from handbook_desktop.core.paths import SNAPSHOT_NAME
from handbook_desktop.i18n import _

log = logging.getLogger(__name__)

BACKUP_DIR = "backups"
KEEP = 3  # daily copies kept: each is as large as the database
_NAME = re.compile(r"handbook-(\d{8})\.db")


@dataclass(frozen=True)
class Backup:
    path: Path
    day: date


class DamagedDatabase(WorkspaceError):
    """The database file is damaged (SQLite: "database disk image is malformed").

    Nothing more is written to it; the message names the newest automatic copy, if any,
    and how to put it back."""

    def __init__(self, path: Path, reason: str):
        self.path, self.reason = path, reason
        self.backup = latest(path.parent)
        super().__init__(self.summary + " " + self.how_to_restore)

    @property
    def summary(self) -> str:
        return _("Cơ sở dữ liệu {path} bị hỏng: một phần dữ liệu trong tệp không còn đọc được. Ứng dụng không "
                 "ghi thêm gì vào tệp này.").format(path=self.path)

    @property
    def how_to_restore(self) -> str:
        if self.backup is None:
            return _("Chưa có bản sao lưu tự động nào; hãy chép tệp sang nơi khác để nhờ người có chuyên môn "
                     "cứu dữ liệu, hoặc chọn thư mục dữ liệu khác.")
        return _("Có bản sao lưu tự động ngày {day:%d/%m/%Y}. Để khôi phục (tệp hỏng được giữ lại bên cạnh): "
                 "main.py restore-backup --data-dir \"{folder}\"").format(day=self.backup.day, folder=self.path.parent)


def open_read_only(path: Path) -> closing[sqlite3.Connection]:
    """A connection that can neither write to the file nor create it (checks, copies)."""
    return closing(sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True))


def damage_in(path: Path, *, thorough: bool = False) -> str | None:
    """What `PRAGMA quick_check` finds wrong with the file (its first line), or None.
    `thorough`: `integrity_check`, which also compares every index with its table (a
    backup file about to replace the user's data is worth the extra read)."""
    check = "integrity_check" if thorough else "quick_check"
    try:
        with open_read_only(path) as conn:
            first = conn.execute(f"PRAGMA {check}(1)").fetchone()[0]
    except sqlite3.DatabaseError as exc:
        if exc.sqlite_errorcode & 0xFF not in (sqlite3.SQLITE_CORRUPT, sqlite3.SQLITE_NOTADB):
            raise
        return str(exc)
    return None if first == "ok" else first.splitlines()[-1]


def left_as_closed(db_path: Path) -> bool:
    """Whether the file is exactly as this program left it at its last clean close: not
    after a crash or a power cut, not changed by anything else since."""
    try:
        return _marker(db_path).read_text(encoding="ascii") == _signature(db_path)
    except (OSError, UnicodeError):
        return False


def mark_closed(db_path: Path) -> None:
    try:
        _marker(db_path).write_text(_signature(db_path), encoding="ascii")
    except OSError:  # a read-only folder or a full disk: the next start checks, that is all
        pass


def forget_closed(db_path: Path) -> None:
    """Damage was found, or another file was put in place: the next start, in whatever program,
    checks the whole file, and paints no figures kept from the old one (its counter of changes
    may match by chance)."""
    for kept in (_marker(db_path), db_path.with_name(SNAPSHOT_NAME)):
        try:
            kept.unlink(missing_ok=True)
        except OSError:
            pass


def _marker(db_path: Path) -> Path:
    return db_path.with_name(db_path.name + ".closed")


def _signature(db_path: Path) -> str:
    stat = db_path.stat()
    return f"{stat.st_size} {stat.st_mtime_ns}"


def backups(data_dir: Path) -> list[Backup]:
    """The automatic copies, newest first."""
    found = []
    folder = data_dir / BACKUP_DIR
    for path in folder.glob("handbook-*.db") if folder.is_dir() else ():
        match = _NAME.fullmatch(path.name)
        if match:
            found.append(Backup(path, datetime.strptime(match[1], "%Y%m%d").date()))
    return sorted(found, key=lambda backup: backup.day, reverse=True)


def latest(data_dir: Path) -> Backup | None:
    found = backups(data_dir)
    return found[0] if found else None


def due(data_dir: Path, today: date) -> bool:
    return not _daily_path(data_dir, today).exists()


def has_room(folder: Path, size: int) -> bool:
    """Room for a copy of `size` bytes, and for the user's next changes after it."""
    return shutil.disk_usage(folder).free >= 2 * size + (16 << 20)


def make_daily(db_path: Path, today: date) -> Backup | None:
    """Today's copy of a file that has just passed the check; older copies beyond KEEP go.
    A copy that cannot be made (a nearly full disk) is skipped: it must not stop the user's
    work, nor take the last free space the user's next change needs."""
    target = _daily_path(db_path.parent, today)
    # Two processes opening the workspace at once both find the copy due: each writes its own
    # partial file, and the last rename wins with an equally good copy.
    partial = target.with_name(f"{target.name}.{os.getpid()}.partial")
    try:
        if not has_room(db_path.parent, db_path.stat().st_size):
            log.warning("no room for the daily backup of %s", db_path)
            return None
        target.parent.mkdir(exist_ok=True)
        with open_read_only(db_path) as source, \
                closing(sqlite3.connect(partial)) as copy:
            source.backup(copy)
        os.replace(partial, target)
    except (OSError, sqlite3.Error):
        log.warning("daily backup of %s failed", db_path, exc_info=True)
        partial.unlink(missing_ok=True)
        return None
    for old in backups(db_path.parent)[KEEP:]:
        old.path.unlink(missing_ok=True)
    return Backup(target, today)


@dataclass(frozen=True)
class Restored:
    backup: Backup
    damaged: Path  # where the damaged file was moved


def restore_latest(db_path: Path, now: datetime) -> Restored:
    """Move the damaged file aside (`handbook.db.damaged-<time>`) and put the newest sound
    copy in its place. Refuses a database that is not damaged: that is a restore on
    demand, with its own confirmation, later."""
    problem = damage_in(db_path) if db_path.exists() else _("không có tệp")
    if problem is None:
        raise WorkspaceError(_("Cơ sở dữ liệu {path} không bị hỏng; không cần khôi phục.").format(path=db_path))
    sound = next((backup for backup in backups(db_path.parent) if damage_in(backup.path) is None), None)
    if sound is None:
        raise WorkspaceError(_("Không có bản sao lưu tự động nào dùng được trong {folder}.").format(
            folder=db_path.parent / BACKUP_DIR))
    incoming = db_path.with_name(db_path.name + ".restoring")
    aside = db_path.with_name(f"{db_path.name}.damaged-{now:%Y%m%d-%H%M%S}")
    try:
        shutil.copyfile(sound.path, incoming)  # first: a failed copy leaves everything where it was
        if db_path.exists():
            os.replace(db_path, aside)
        # The write-ahead log belongs to the damaged file (it may hold its last changes), never
        # to the copy; the shared-memory file is only an index of that log.
        wal, shm = (db_path.with_name(db_path.name + suffix) for suffix in ("-wal", "-shm"))
        if wal.exists() and wal.stat().st_size:
            os.replace(wal, aside.with_name(aside.name + "-wal"))
        wal.unlink(missing_ok=True)
        shm.unlink(missing_ok=True)
        os.replace(incoming, db_path)
        forget_closed(db_path)
    except OSError as exc:
        incoming.unlink(missing_ok=True)
        raise WorkspaceError(_("Không khôi phục được từ {backup} ({error}).").format(
            backup=sound.path, error=exc.strerror or exc)) from exc
    return Restored(sound, aside)


def _daily_path(data_dir: Path, day: date) -> Path:
    return data_dir / BACKUP_DIR / f"handbook-{day:%Y%m%d}.db"
