"""SQLite engine for the workspace database, and the checks made before opening it.

The checks run on a read-only connection so that a foreign, damaged or newer file is
reported and left byte-for-byte untouched.
"""

import shutil
import sqlite3
from pathlib import Path

from sqlalchemy import Engine, create_engine, event

from handbook_desktop.core import migrations
from handbook_desktop.core.errors import WorkspaceError
from handbook_desktop.i18n import _

SQLITE_HEADER = b"SQLite format 3\x00"


def make_engine(path: Path) -> Engine:
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
        with sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True) as conn:
            tables = {row[0] for row in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}
            if not tables:
                return None
            if "alembic_version" not in tables:
                raise WorkspaceError(_not_ours(path))
            row = conn.execute("SELECT version_num FROM alembic_version").fetchone()
    except sqlite3.DatabaseError as exc:
        raise WorkspaceError(_damaged(path, exc)) from exc
    return row[0] if row else None


def check_and_upgrade(path: Path) -> Engine:
    """Open the database, upgrading an older schema after a backup; refuse a newer one."""
    revision = stored_revision(path)
    if revision is not None and revision not in migrations.known_revisions():
        raise WorkspaceError(_(
            "Cơ sở dữ liệu {path} được tạo bởi một phiên bản Sổ tay đảng viên mới hơn "
            "(lược đồ {revision}). Hãy cập nhật ứng dụng; tệp được giữ nguyên."
        ).format(path=path, revision=revision))
    engine = make_engine(path)
    if revision != migrations.head_revision():
        if revision is not None:
            _backup(path, revision)
        with engine.begin() as connection:
            migrations.upgrade(connection)
    return engine


def _backup(path: Path, revision: str) -> Path:
    """Keep a copy of the database as it was before an upgrade."""
    target = path.with_name(f"{path.name}.before-upgrade-{revision}.bak")
    with sqlite3.connect(path) as source, sqlite3.connect(target) as copy:
        source.backup(copy)
    shutil.copymode(path, target)
    return target


def _not_ours(path: Path) -> str:
    return _("Tệp {path} không phải là cơ sở dữ liệu của Sổ tay đảng viên. Tệp được giữ "
             "nguyên; hãy chọn thư mục dữ liệu khác.").format(path=path)


def _damaged(path: Path, exc: Exception) -> str:
    return _("Cơ sở dữ liệu {path} bị hỏng hoặc không đọc được ({error}). Tệp được giữ "
             "nguyên; hãy khôi phục từ bản sao lưu hoặc chọn thư mục dữ liệu khác."
             ).format(path=path, error=exc)
