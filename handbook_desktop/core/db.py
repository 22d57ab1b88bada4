"""SQLite engine for the workspace database, the checks made before opening it, and what
SQLite's failures mean to the user.

The checks run on a read-only connection so that a foreign, damaged or newer file is
reported and left byte-for-byte untouched. A failure is named by its cause: a damaged file
(`DamagedDatabase`, with the automatic backup to restore), a full disk, a read-only file;
a full disk is never reported as damage.
"""

from __future__ import annotations

import shutil
import sqlite3
from contextlib import closing
from pathlib import Path
from typing import TYPE_CHECKING

from handbook_desktop.core import migrations
from handbook_desktop.core.backup import DamagedDatabase, damage_in, open_read_only
from handbook_desktop.core.errors import WorkspaceError, low_on_space
from handbook_desktop.i18n import _

if TYPE_CHECKING:
    from sqlalchemy import Engine

SQLITE_HEADER = b"SQLite format 3\x00"


def make_engine(path: Path) -> Engine:
    # SQLAlchemy loads here, not with this module: the checks below and a start that paints
    # from the home page's snapshot need only sqlite3.
    from sqlalchemy import create_engine, event

    engine = create_engine(f"sqlite:///{path}")
    event.listen(engine, "connect", _configure_connection)
    event.listen(engine, "begin", _begin)
    return engine


def _begin(conn) -> None:
    # pysqlite would run DDL outside transactions; take BEGIN into our own hands so a
    # migration or a user action is all-or-nothing (SQLAlchemy's documented recipe).
    conn.exec_driver_sql("BEGIN")
    # Check foreign keys at commit: rows of one action (or one sync page) may arrive in
    # any order, yet the transaction as a whole must be consistent.
    conn.exec_driver_sql("PRAGMA defer_foreign_keys = ON")


def _configure_connection(dbapi_connection, _record) -> None:
    dbapi_connection.isolation_level = None
    cursor = dbapi_connection.cursor()
    for pragma in ("journal_mode=WAL", "foreign_keys=ON", "synchronous=NORMAL", "busy_timeout=5000"):
        cursor.execute(f"PRAGMA {pragma}")
    cursor.close()


def stored_revision(path: Path) -> str | None:
    """The schema revision of an existing database file; None for a new, empty one."""
    if not path.exists() or path.stat().st_size == 0:
        return None
    with path.open("rb") as handle:
        if handle.read(16) != SQLITE_HEADER:
            raise WorkspaceError(_not_ours(path))
    try:
        with open_read_only(path) as conn:
            tables = {row[0] for row in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}
            if not tables:
                return None
            if "alembic_version" not in tables:
                raise WorkspaceError(_not_ours(path))
            row = conn.execute("SELECT version_num FROM alembic_version").fetchone()
    except sqlite3.DatabaseError as exc:
        raise failure(exc, path) or unreadable(path, exc) from exc
    return row[0] if row else None


def check(path: Path, *, verify: bool = False) -> str | None:
    """The schema revision of the database (None for a new one), after refusing a foreign or
    newer file; `verify`: read every page first (`PRAGMA quick_check`) and refuse a damaged one.
    Only sqlite3: nothing is written and SQLAlchemy is not loaded."""
    revision = stored_revision(path)
    if verify and revision is not None:
        try:
            problem = damage_in(path)
        except sqlite3.DatabaseError as exc:
            raise failure(exc, path) or unreadable(path, exc) from exc
        if problem:
            raise DamagedDatabase(path, problem)
    if revision is not None and revision not in migrations.known_revisions():
        raise WorkspaceError(_(
            "Cơ sở dữ liệu {path} được tạo bởi một phiên bản Sổ tay đảng viên mới hơn "
            "(lược đồ {revision}). Hãy cập nhật ứng dụng; tệp được giữ nguyên."
        ).format(path=path, revision=revision))
    return revision


def connect(path: Path, revision: str | None) -> Engine:
    """The engine of a checked database (`check`), upgrading an older schema after a backup."""
    from sqlalchemy.exc import DBAPIError

    engine = make_engine(path)
    if revision != migrations.head_revision():
        try:
            if revision is not None:
                _backup(path, revision)
            _upgrade(engine)
        except (sqlite3.Error, DBAPIError) as exc:
            engine.dispose()
            raise failure(exc, path) or exc
    return engine


def _upgrade(engine: Engine) -> None:
    """Migrate with foreign keys off, as SQLite's own recipe for rebuilding a table asks (a
    rebuilt table other rows point to would otherwise fail at commit), and check them all
    before committing: the upgrade is all-or-nothing and leaves no dangling reference."""
    with engine.connect() as connection:
        raw = connection.connection.dbapi_connection
        raw.execute("PRAGMA foreign_keys = OFF")  # outside the transaction: inside it is ignored
        try:
            with connection.begin():
                migrations.upgrade(connection)
                broken = connection.exec_driver_sql("PRAGMA foreign_key_check").first()
                if broken is not None:
                    raise WorkspaceError(_("Nâng cấp cơ sở dữ liệu dừng lại: bảng {table} có dòng trỏ tới dữ liệu "
                                           "không còn; tệp được giữ nguyên.").format(table=broken[0]))
        finally:
            raw.execute("PRAGMA foreign_keys = ON")


def _backup(path: Path, revision: str) -> Path:
    """Keep a copy of the database as it was before an upgrade."""
    target = path.with_name(f"{path.name}.before-upgrade-{revision}.bak")
    try:
        with closing(sqlite3.connect(path)) as source, closing(sqlite3.connect(target)) as copy:
            source.backup(copy)
        shutil.copymode(path, target)
    except BaseException:
        target.unlink(missing_ok=True)  # a half copy on a full disk is no backup
        raise
    return target


def _not_ours(path: Path) -> str:
    return _("Tệp {path} không phải là cơ sở dữ liệu của Sổ tay đảng viên. Tệp được giữ "
             "nguyên; hãy chọn thư mục dữ liệu khác.").format(path=path)


def sqlite_code(exc: BaseException) -> int | None:
    """The primary SQLite result code of an error (SQLAlchemy's wraps the driver's)."""
    code = getattr(getattr(exc, "orig", exc), "sqlite_errorcode", None)
    return None if code is None else code & 0xFF


def failure(exc: BaseException, path: Path) -> WorkspaceError | None:
    """What an SQLite error means to the user, or None when it is not about the file
    (a bug, or a busy database that the caller waits for)."""
    code = sqlite_code(exc)
    if code in (sqlite3.SQLITE_CORRUPT, sqlite3.SQLITE_NOTADB):
        return DamagedDatabase(path, str(getattr(exc, "orig", exc)))
    # SQLite reports a full disk while growing its shared-memory file as a plain I/O error.
    if code == sqlite3.SQLITE_FULL or (code == sqlite3.SQLITE_IOERR and low_on_space(path.parent)):
        return disk_full(path)
    if code == sqlite3.SQLITE_READONLY:
        return read_only(path)
    if code in (sqlite3.SQLITE_IOERR, sqlite3.SQLITE_CANTOPEN, sqlite3.SQLITE_PERM):
        return unreadable(path, exc)
    return None


def unreadable(path: Path, exc: BaseException) -> WorkspaceError:
    return WorkspaceError(_("Không đọc hoặc ghi được cơ sở dữ liệu {path} ({error}). Chưa lưu gì; hãy kiểm tra "
                            "ổ đĩa hoặc quyền truy cập thư mục rồi thử lại.").format(
        path=path, error=getattr(exc, "orig", exc)))


def disk_full(path: Path) -> WorkspaceError:
    return WorkspaceError(_("Ổ đĩa đã đầy (ổ chứa {folder}): chưa lưu được gì, dữ liệu cũ vẫn nguyên vẹn. "
                            "Hãy giải phóng dung lượng rồi thử lại.").format(folder=path.parent))


def read_only(path: Path) -> WorkspaceError:
    return WorkspaceError(_("Tệp cơ sở dữ liệu {path} chỉ cho phép đọc: chưa lưu được gì. Hãy bỏ thuộc tính "
                            "chỉ đọc của tệp (hoặc chép thư mục dữ liệu sang nơi ghi được) rồi mở lại.").format(
        path=path))
