"""A workspace: the data folder with its database, settings and attachment store.

Every user action is one unit of work (`with workspace.unit_of_work() as uow:`): one
transaction, committed once at the end. After the commit the workspace tells its listeners
which tables changed (`Changes`), whoever committed — the GUI, the CLI or, later, a
background sync — so open screens can refresh. Listeners are plain Python; the GUI's
bridge (`ui/changes.py`) re-emits them on the GUI thread.

A failure of the file itself becomes a message (`db.failure`): a damaged database also marks
the workspace damaged, and from then on every write is refused before it starts.

Opening checks the files with sqlite3 only; the engine, SQLAlchemy and the models load with
the first session, or at once unless the caller asks otherwise (`connect=False`: the window
paints its first screen from the home page's snapshot before the ORM has loaded).
"""

from __future__ import annotations

import logging
import os
import sqlite3
import tempfile
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date, datetime
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING, TypeVar

from handbook_desktop.core import backup, backup_schedule, db, migrations, write_guard
from handbook_desktop.core.backup import DamagedDatabase
from handbook_desktop.core.clock import vietnam_now
from handbook_desktop.core.db import disk_full, failure, read_only, sqlite_code
from handbook_desktop.core.errors import UserError, WorkspaceError, is_disk_full
from handbook_desktop.core.progress import Progress
from handbook_desktop.core.paths import DATABASE_NAME, SETTINGS_NAME
from handbook_desktop.core.settings import Settings
from handbook_desktop.i18n import _

if TYPE_CHECKING:  # loaded with the first session (module docstring)
    from sqlalchemy import Engine
    from sqlalchemy.exc import DBAPIError
    from sqlalchemy.orm import ORMExecuteState, Session, sessionmaker

log = logging.getLogger(__name__)

HOME_UNIT = "home_unit_id"
IS_DEMO = "is_demo"
TERM = "party_term"  # the stored key of the current term (nhiệm kỳ)
# The place printed before the date ("Bắc Sơn, ngày …"): a fact, not a setting, so that it is
# written in the same transaction as the rest of the cell's setup and edited in one place.
PLACE = "place_name"
SECRETARY, DEPUTY = "secretary_id", "deputy_secretary_id"  # members, as recorded in Cài đặt → Chi bộ

LOCAL, SYNC = "local", "sync"  # who made a change: this device's user, or a sync pull


@dataclass(frozen=True)
class Changes:
    """What one committed unit of work changed: table names, and who made the change."""

    tables: frozenset[str]
    origin: str = LOCAL

    def touches(self, *tables: str) -> bool:
        return not self.tables.isdisjoint(tables)


Listener = Callable[[Changes], None]
T = TypeVar("T")
BUSY_PATIENCE_S = 120  # how long an action waits for another program's write to end


@dataclass(frozen=True)
class CellProfile:
    """The cell this workspace keeps: its unit, the current term (nhiệm kỳ), place name and
    the members recorded as its secretary and deputy."""

    unit_id: str | None
    term: str | None  # "2025-2030" once recorded
    place: str  # "" takes it from the parent body's name
    is_demo: bool
    secretary_id: str | None = None
    deputy_id: str | None = None

    def require_unit(self) -> str:
        if self.unit_id is None:
            raise UserError(_("Dữ liệu này chưa gắn với chi bộ nào: hãy thiết lập chi bộ (Cài đặt → Chi bộ, "
                              "hoặc lệnh 'main.py setup'), đồng bộ, hoặc mở dữ liệu mẫu trước."))
        return self.unit_id


@dataclass
class UnitOfWork:
    """What a service needs for one user action: the session and the cell's context."""

    session: Session
    settings: Settings
    data_dir: Path

    @cached_property
    def cell(self) -> CellProfile:
        from sqlalchemy import select

        from handbook_desktop.core.models import WorkspaceFact

        facts = dict(self.session.execute(select(WorkspaceFact.key, WorkspaceFact.value).where(
            WorkspaceFact.key.in_((HOME_UNIT, TERM, PLACE, IS_DEMO, SECRETARY, DEPUTY)))).all())
        return CellProfile(facts.get(HOME_UNIT), facts.get(TERM), facts.get(PLACE, ""), facts.get(IS_DEMO) == "1",
                           facts.get(SECRETARY), facts.get(DEPUTY))

    @property
    def home_unit_id(self) -> str:
        return self.cell.require_unit()

    @property
    def user(self) -> str:
        """The sync account's username: the author of this action's changes ("" offline)."""
        from handbook_desktop.core.outbox import current_user

        return current_user(self.session)

    def now(self) -> datetime:
        return vietnam_now()

    def today(self) -> date:
        return self.now().date()

    def mark_changed(self, *tables: str) -> None:
        """For bulk statements the ORM does not see (raw SQL)."""
        self.session.info["changed"].update(tables)


@dataclass
class Workspace:
    data_dir: Path
    settings: Settings
    _revision: str | None = field(default=None, repr=False)  # as checked at opening: None for a new file
    _engine: Engine | None = field(default=None, repr=False)  # made by the first session (`_connected`)
    _factory: sessionmaker | None = field(default=None, repr=False)
    _opening: threading.RLock = field(default_factory=threading.RLock, repr=False)
    _listeners: list[Listener] = field(default_factory=list, repr=False)
    _lock: threading.Lock = field(default_factory=threading.Lock, repr=False)
    # Hears "đang chờ…" when an action is given no progress of its own (the CLI prints it).
    busy_progress: Progress | None = field(default=None, repr=False)
    damaged: DamagedDatabase | None = field(default=None, repr=False)  # once found, writes are refused
    restoring: bool = field(default=False, repr=False)  # the files are being replaced: nobody may read

    @property
    def db_path(self) -> Path:
        return self.data_dir / DATABASE_NAME

    @property
    def engine(self) -> Engine:
        self._connected()
        return self._engine

    def _connected(self) -> sessionmaker:
        """The session factory, made on first use: the engine, every model, the hooks of every
        session, then the attachment store's orphans swept (module docstring)."""
        with self._opening:  # the GUI thread and a background task may both be first
            if self._factory is None:
                self._engine, self._factory = _connect(self.db_path, self._revision)
                if self._revision is not None:
                    from handbook_desktop.core import attachments

                    with self.session(read_only=True) as session:
                        attachments.remove_orphans(session, self.data_dir)
            return self._factory

    @contextmanager
    def unit_of_work(self, *, origin: str = LOCAL, record_outbox: bool = True, user: str | None = None,
                     read_only: bool = False) -> Iterator[UnitOfWork]:
        """One user action: commits once at the end, rolls back on any error, then notifies.
        `read_only`: a read, and any write in it is a bug (`ReadWrote`)."""
        with self.session(origin=origin, record_outbox=record_outbox, user=user, read_only=read_only) as session:
            yield UnitOfWork(session, self.settings, self.data_dir)

    @contextmanager
    def session(self, *, origin: str = LOCAL, record_outbox: bool = True, user: str | None = None,
                read_only: bool = False) -> Iterator[Session]:
        """The bare transaction under a unit of work (infrastructure and tests)."""
        if self.restoring:
            raise WorkspaceBusy(_("Đang khôi phục dữ liệu từ tệp sao lưu; hãy chờ cho xong."))
        if self.damaged is not None and not read_only:
            raise self.damaged
        factory = self._connected()
        from sqlalchemy.exc import DBAPIError

        changed: set[str] = set()
        session = factory(info={"record_outbox": record_outbox, "user": user, "changed": changed,
                                      "read_only": read_only})
        try:
            with session.begin():
                yield session
        except DBAPIError as exc:
            problem = None if _is_busy(exc) else failure(exc, self.db_path)
            if isinstance(problem, DamagedDatabase):
                self.damaged = problem
                backup.forget_closed(self.db_path)
            if problem is not None:
                raise problem from exc
            raise
        finally:
            session.close()
        if changed:
            self._notify(Changes(frozenset(changed), origin))

    def perform(self, action: Callable[["UnitOfWork"], T], *, progress: Progress | None = None,
                origin: str = LOCAL, patience_s: float = BUSY_PATIENCE_S, read_only: bool = False,
                record_outbox: bool = True) -> T:
        """Run one user action in its own unit of work; while another program (or a sync)
        holds the database, wait, say so through `progress`, and try the whole action again."""
        from sqlalchemy.exc import OperationalError

        deadline, pause = time.monotonic() + patience_s, 0.2
        while True:
            try:
                with self.unit_of_work(origin=origin, read_only=read_only, record_outbox=record_outbox) as uow:
                    return action(uow)
            except OperationalError as exc:
                if not _is_busy(exc):
                    raise
                if time.monotonic() + pause > deadline:
                    raise WorkspaceBusy(_("Dữ liệu đang bận: một chương trình khác đang ghi vào thư mục này. "
                                          "Chưa lưu gì; hãy thử lại sau ít phút.")) from exc
            progress = progress or self.busy_progress or Progress()
            progress.report(0, 0, _("dữ liệu đang bận, đang chờ…"))
            time.sleep(pause)
            pause = min(pause * 2, 2.0)

    def add_listener(self, listener: Listener) -> None:
        with self._lock:
            self._listeners.append(listener)

    def remove_listener(self, listener: Listener) -> None:
        with self._lock:
            if listener in self._listeners:
                self._listeners.remove(listener)

    def _notify(self, changes: Changes) -> None:
        with self._lock:
            listeners = list(self._listeners)
        for listener in listeners:
            try:
                listener(changes)
            except Exception:  # a broken screen must not undo or hide a committed change
                log.exception("change listener %r failed", listener)

    def close(self) -> None:
        if self._engine is not None:
            self._engine.dispose()
        if self.damaged is None:
            backup.mark_closed(self.db_path)

    def replace_data(self, change: Callable[[], T]) -> T:
        """Close the database, let `change` replace the files (a restore), and open what is
        there then — the new data, or the old if `change` failed. The object stays, so
        whoever holds it (every screen) reads the new data; every listener hears of it.
        Meanwhile every unit of work is refused (`WorkspaceBusy`): the GUI runs this off its
        thread, and a timer must not open the files being replaced."""
        self.restoring = True
        self.close()
        try:
            return change()
        finally:
            try:
                fresh = open_workspace(self.data_dir)
                self._revision, self._engine, self._factory = fresh._revision, fresh._engine, fresh._factory
                self.damaged = None
                self.settings.reload()
            finally:
                self.restoring = False
            from handbook_desktop.core.models import Base

            self._notify(Changes(frozenset(Base.metadata.tables), LOCAL))


class ReadWrote(RuntimeError):
    """A unit of work opened as a read tried to write: a bug, never the user's doing."""


class WorkspaceBusy(WorkspaceError):
    """Another program kept the database locked for longer than an action waits."""


def has_database(data_dir: Path) -> bool:
    path = data_dir / DATABASE_NAME
    return path.exists() and path.stat().st_size > 0


def open_workspace(data_dir: Path, *, weekly_backup: bool = True, connect: bool = True) -> Workspace:
    """Open (creating or upgrading as needed) the workspace in `data_dir`. The GUI passes
    `weekly_backup=False` and makes the week's backup file in the background once its window
    shows (a large attachment store would hold the window back); a command makes it here.
    `connect=False` leaves the engine to the first session, unless the schema needs upgrading."""
    data_dir = data_dir.expanduser().resolve()
    _ensure_writable(data_dir)
    path, now = data_dir / DATABASE_NAME, vietnam_now()
    today = now.date()
    existed = has_database(data_dir)
    if existed and not os.access(path, os.W_OK):
        raise read_only(path)
    # Reading every page costs ~1 ms per MB: only for a file not as we left it, and before the day's copy.
    backup_due = existed and backup.due(data_dir, today)
    revision = db.check(path, verify=backup_due or not backup.left_as_closed(path))
    workspace = Workspace(data_dir, Settings(data_dir / SETTINGS_NAME), revision)
    if connect or revision != migrations.head_revision():
        workspace._connected()  # an upgrade comes before the day's copy, as before every write
    if backup_due:
        backup.make_daily(path, today)
    if existed and weekly_backup:
        backup_schedule.make_weekly(data_dir, now)
    backup_schedule.start_watch(data_dir, now)
    return workspace


def open_existing_workspace(data_dir: Path) -> Workspace:
    """For commands that read or add to a workspace: a typo in --data-dir must not leave an
    empty database behind, so a folder without one is refused."""
    if not has_database(data_dir):
        raise WorkspaceError(_("Thư mục dữ liệu {path} chưa có cơ sở dữ liệu; hãy thiết lập chi bộ bằng "
                               "'main.py setup', tạo dữ liệu mẫu bằng 'main.py demo', hoặc mở giao diện trước.")
                             .format(path=data_dir))
    return open_workspace(data_dir)


def _connect(path: Path, revision: str | None) -> tuple[Engine, sessionmaker]:
    from sqlalchemy import event
    from sqlalchemy.orm import sessionmaker

    from handbook_desktop.core import outbox
    from handbook_desktop.core.models.registry import load_all

    engine = db.connect(path, revision)
    load_all()  # a flush orders tables by their foreign keys: every table must be known
    factory = sessionmaker(engine, expire_on_commit=False)
    outbox.install(factory)
    event.listen(factory, "before_flush", lambda session, *_args: _check_write(session))
    event.listen(factory, "after_flush", _record_flushed_tables)
    event.listen(factory, "do_orm_execute", _record_statement_table)
    return engine, factory


def _record_flushed_tables(session: Session, _flush_context) -> None:
    changed = session.info.get("changed")
    if changed is None:
        return
    for obj in (*session.new, *session.dirty, *session.deleted):
        table = getattr(obj, "__tablename__", None)
        if table and (obj not in session.dirty or session.is_modified(obj)):
            changed.add(table)


def _check_write(session: Session) -> None:
    if session.info.get("read_only"):
        raise ReadWrote("a read-only unit of work tried to write")
    write_guard.check_write()


def _record_statement_table(state: ORMExecuteState) -> None:
    """ORM insert/update/delete statements bypass the flush; note their table too."""
    changed = state.session.info.get("changed")
    table = getattr(state.statement, "table", None)
    if changed is not None and table is not None and (state.is_insert or state.is_update or state.is_delete):
        _check_write(state.session)
        changed.add(table.name)


def _ensure_writable(data_dir: Path) -> None:
    try:
        data_dir.mkdir(parents=True, exist_ok=True)
        with tempfile.TemporaryFile(dir=data_dir) as probe:
            probe.write(bytes(4096))  # an empty file fits on a full disk too; a page does not
            probe.flush()
    except OSError as exc:
        if is_disk_full(exc):
            raise disk_full(data_dir / DATABASE_NAME) from exc
        raise WorkspaceError(_(
            "Không ghi được vào thư mục dữ liệu {path} ({error}). Hãy chọn thư mục khác "
            "bằng --data-dir hoặc trong Cài đặt."
        ).format(path=data_dir, error=exc.strerror or exc)) from exc


def _is_busy(exc: DBAPIError) -> bool:
    # Extended codes count too: SQLITE_BUSY_SNAPSHOT (517) is a read snapshot gone stale
    # because another program wrote, and the whole action is worth running again.
    return sqlite_code(exc) in (sqlite3.SQLITE_BUSY, sqlite3.SQLITE_LOCKED)
