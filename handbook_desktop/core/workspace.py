"""A workspace: the data folder with its database, settings and attachment store."""

import sqlite3
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy import Engine, select
from sqlalchemy.exc import OperationalError
from sqlalchemy.orm import Session, sessionmaker

from handbook_desktop.core import outbox, search_index
from handbook_desktop.core.db import check_and_upgrade
from handbook_desktop.core.errors import WorkspaceError
from handbook_desktop.core.models import WorkspaceFact
from handbook_desktop.core.paths import DATABASE_NAME, SETTINGS_NAME
from handbook_desktop.core.settings import Settings
from handbook_desktop.i18n import _

HOME_UNIT = "home_unit_id"
IS_DEMO = "is_demo"


@dataclass
class Workspace:
    data_dir: Path
    engine: Engine
    settings: Settings
    _factory: sessionmaker = field(repr=False)

    @property
    def db_path(self) -> Path:
        return self.data_dir / DATABASE_NAME

    @contextmanager
    def session(self, *, record_outbox: bool = True, user: str | None = None) -> Iterator[Session]:
        """One unit of work: commits once at the end, rolls back on any error."""
        session = self._factory(info={"record_outbox": record_outbox, "user": user})
        try:
            with session.begin():
                yield session
        except OperationalError as exc:
            if _is_disk_full(exc):
                raise WorkspaceError(_("Ổ đĩa đã đầy: thay đổi chưa được lưu, dữ liệu cũ vẫn "
                                       "nguyên vẹn. Hãy giải phóng dung lượng rồi thử lại.")) from exc
            raise
        finally:
            session.close()

    def fact(self, key: str) -> str | None:
        with self.session() as session:
            return session.scalar(select(WorkspaceFact.value).where(WorkspaceFact.key == key))

    def close(self) -> None:
        self.engine.dispose()


def has_database(data_dir: Path) -> bool:
    path = data_dir / DATABASE_NAME
    return path.exists() and path.stat().st_size > 0


def open_workspace(data_dir: Path) -> Workspace:
    """Open (creating or upgrading as needed) the workspace in `data_dir`."""
    data_dir = data_dir.expanduser().resolve()
    _ensure_writable(data_dir)
    engine = check_and_upgrade(data_dir / DATABASE_NAME)
    factory = sessionmaker(engine, expire_on_commit=False)
    outbox.install(factory)
    search_index.install(factory)
    return Workspace(data_dir, engine, Settings(data_dir / SETTINGS_NAME), factory)


def open_existing_workspace(data_dir: Path) -> Workspace:
    """For commands that read or add to a workspace: a typo in --data-dir must not leave an
    empty database behind, so a folder without one is refused."""
    if not has_database(data_dir):
        raise WorkspaceError(_("Thư mục dữ liệu {path} chưa có cơ sở dữ liệu; hãy tạo bằng 'main.py demo' "
                               "hoặc mở giao diện trước.").format(path=data_dir))
    return open_workspace(data_dir)


def _ensure_writable(data_dir: Path) -> None:
    try:
        data_dir.mkdir(parents=True, exist_ok=True)
        with tempfile.TemporaryFile(dir=data_dir):
            pass
    except OSError as exc:
        raise WorkspaceError(_(
            "Không ghi được vào thư mục dữ liệu {path} ({error}). Hãy chọn thư mục khác "
            "bằng --data-dir hoặc trong Cài đặt."
        ).format(path=data_dir, error=exc.strerror or exc)) from exc


def _is_disk_full(exc: OperationalError) -> bool:
    return getattr(exc.orig, "sqlite_errorcode", None) == sqlite3.SQLITE_FULL
