"""The backup file (`.sotay`): the whole workspace in one zip, and putting one back.

A backup holds `manifest.json` (what the file is), `handbook.db` (a consistent snapshot made
with SQLite's online backup API, so the app may keep writing meanwhile: a unit of work is in
it whole or not at all), `settings.json` and the attachments the snapshot refers to, under
their hash names. It is written to a hidden temporary file beside the target and renamed at
the end: a full disk or a cancel leaves no file, and an older backup of the same name whole.

Restoring checks the whole file before touching anything (a zip, ours, not damaged, not from
a newer program, of this cell), keeps the current data as `backups/before-restore-….sotay`,
then puts the new data in place in an order a crash cannot turn into a mix: the attachments
first (content-addressed: adding files changes nothing the old database sees; those it no
longer needs go as orphans at the next start), then the database in one rename (the point
of no return), then the settings. An older schema is upgraded by the next normal open.

The manifest's figures and the cell are read with plain SQL from the snapshot itself: they
describe exactly what the file holds, and infrastructure may not import the features.
"""

import hashlib
import json
import os
import shutil
import sqlite3
import tempfile
import zipfile
from collections.abc import Iterator
from contextlib import closing, contextmanager
from dataclasses import asdict, dataclass
from datetime import datetime
from pathlib import Path

from handbook_desktop import __version__
from handbook_desktop.core import migrations
from handbook_desktop.core.attachments import HASH_NAME, blob_path, store_dir
from handbook_desktop.core.backup import BACKUP_DIR, damage_in, forget_closed, open_read_only
from handbook_desktop.core.errors import WorkspaceError, is_disk_full
from handbook_desktop.core.paths import DATABASE_NAME, SETTINGS_NAME
from handbook_desktop.core.progress import Progress
from handbook_desktop.i18n import _

EXTENSION = ".sotay"
FORMAT = 1  # the layout of the zip; a file of a higher format comes from a newer program
MANIFEST = "manifest.json"
ATTACHMENTS = "attachments/"
_COPY_PAGES = 256  # pages per step of the online backup: cancel is heard between steps
_CHUNK = 1 << 20


@dataclass(frozen=True)
class Manifest:
    format: int
    app_version: str
    schema: str  # the Alembic revision of the database in the file
    unit_id: str | None
    unit_name: str
    is_demo: bool
    created_at: str  # ISO 8601 with the Vietnam offset
    members: int  # member records (those who left or moved included), not the cell's figure of today
    meetings: int
    documents: int
    attachments: int

    @property
    def created(self) -> datetime:
        return datetime.fromisoformat(self.created_at)

    def summary(self) -> str:
        return _("Bản sao lưu của {name}, lúc {when:%H:%M ngày %d/%m/%Y} (phiên bản {version}): {members} hồ "
                 "sơ đảng viên, {meetings} cuộc họp, {documents} văn bản, {files} tệp đính kèm.").format(
            name=self.unit_name or _("dữ liệu chưa gắn chi bộ"), when=self.created, version=self.app_version,
            members=self.members, meetings=self.meetings, documents=self.documents, files=self.attachments)


@dataclass(frozen=True)
class Restored:
    manifest: Manifest
    kept: Path | None  # the data as it was before, as a backup file (None: the folder was blank)


def write_backup(data_dir: Path, target: Path, *, now: datetime, progress: Progress | None = None) -> Manifest:
    """Write the workspace of `data_dir` into the backup file `target`."""
    progress = progress or Progress()
    db_path = data_dir / DATABASE_NAME
    if not db_path.is_file():
        raise WorkspaceError(_("Thư mục dữ liệu {path} chưa có dữ liệu để sao lưu.").format(path=data_dir))
    target = target.expanduser().resolve()
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        with tempfile.TemporaryDirectory(dir=target.parent, prefix=".sotay-") as work:
            partial = Path(work) / target.name
            manifest = _write_zip(db_path, Path(work) / DATABASE_NAME, partial, now, progress)
            os.replace(partial, target)
    except (OSError, sqlite3.Error) as exc:
        if isinstance(exc, OSError) and is_disk_full(exc) or getattr(exc, "sqlite_errorcode", 0) == sqlite3.SQLITE_FULL:
            raise WorkspaceError(_("Không đủ chỗ trống để ghi bản sao lưu vào {folder}; chưa ghi gì, bản sao lưu "
                                   "cũ (nếu có) vẫn nguyên vẹn.").format(folder=target.parent)) from exc
        raise WorkspaceError(_("Không ghi được bản sao lưu {path} ({error}).").format(
            path=target, error=getattr(exc, "strerror", None) or exc)) from exc
    return manifest


def _write_zip(db_path: Path, snapshot: Path, partial: Path, now: datetime, progress: Progress) -> Manifest:
    db_size = db_path.stat().st_size
    progress.report(0, 0, _("đang chép cơ sở dữ liệu…"))
    with open_read_only(db_path) as source, \
            closing(sqlite3.connect(snapshot)) as copy:
        source.backup(copy, pages=_COPY_PAGES, progress=lambda _status, left, total: progress.report(
            (total - left) * db_size // max(total, 1), 0, _("đang chép cơ sở dữ liệu…")))
    blobs = [path for path in (blob_path(db_path.parent, sha) for sha in _referenced(snapshot)) if path.is_file()]
    manifest = _describe(snapshot, now, len(blobs))
    total = snapshot.stat().st_size + sum(path.stat().st_size for path in blobs)
    with zipfile.ZipFile(partial, "w") as archive:
        archive.writestr(MANIFEST, json.dumps(asdict(manifest), ensure_ascii=False, indent=1))
        settings = db_path.parent / SETTINGS_NAME
        if settings.is_file():
            archive.write(settings, SETTINGS_NAME, zipfile.ZIP_DEFLATED)
        progress.report(0, total, _("đang nén cơ sở dữ liệu…"))
        archive.write(snapshot, DATABASE_NAME, zipfile.ZIP_DEFLATED, compresslevel=1)
        done = snapshot.stat().st_size
        for path in blobs:  # documents are mostly PDF and DOCX: compressed already
            progress.report(done, total, _("đang chép tệp đính kèm…"))
            archive.write(path, ATTACHMENTS + path.name, zipfile.ZIP_STORED)
            done += path.stat().st_size
    with partial.open("rb+") as handle:
        os.fsync(handle.fileno())  # the rename must not reach the disk before the bytes
    progress.report(total, total, _("đã ghi bản sao lưu"))
    return manifest


def _referenced(db: Path) -> list[str]:
    with closing(sqlite3.connect(db)) as conn:
        return [row[0] for row in conn.execute("SELECT DISTINCT sha256 FROM attachments")]


def _describe(db: Path, now: datetime, attachments: int) -> Manifest:
    with closing(sqlite3.connect(db)) as conn:
        revision = conn.execute("SELECT version_num FROM alembic_version").fetchone()[0]
        unit_id, is_demo = _cell(conn)
        name = conn.execute("SELECT name FROM org_units WHERE id = ?", (unit_id,)).fetchone()

        def live(table: str) -> int:
            return conn.execute(f"SELECT count(*) FROM {table} WHERE deleted_at IS NULL").fetchone()[0]  # noqa: S608

        return Manifest(FORMAT, __version__, revision, unit_id, name[0] if name else "", is_demo,
                        now.isoformat(timespec="seconds"), live("members"), live("meetings"), live("documents"),
                        attachments)


def _cell(conn: sqlite3.Connection) -> tuple[str | None, bool]:
    from handbook_desktop.core.workspace import HOME_UNIT, IS_DEMO  # the workspace opens backups: no cycle at import

    facts = dict(conn.execute("SELECT key, value FROM workspace_facts WHERE key IN (?, ?)", (HOME_UNIT, IS_DEMO)))
    return facts.get(HOME_UNIT), facts.get(IS_DEMO) == "1"


# -- checking and restoring -------------------------------------------------------------------


def check_backup(file: Path, data_dir: Path) -> Manifest:
    """Everything `restore_backup` refuses, found without changing anything: the manifest."""
    with _staged(file, data_dir) as (manifest, _db):
        return manifest


def restore_backup(file: Path, data_dir: Path, *, now: datetime, progress: Progress | None = None) -> Restored:
    """Replace the workspace of `data_dir` (closed: no program may hold it) by the backup `file`."""
    progress = progress or Progress()
    data_dir = data_dir.expanduser().resolve()
    db_path = data_dir / DATABASE_NAME
    with _staged(file, data_dir) as (manifest, staged_db):
        _ensure_closed(db_path)
        kept = None
        if db_path.is_file() and db_path.stat().st_size:
            kept = before_restore_path(data_dir, now)
            write_backup(data_dir, kept, now=now, progress=progress)
        progress.report(0, 0, _("đang khôi phục tệp đính kèm…"))
        try:
            with zipfile.ZipFile(file) as archive:
                _merge_attachments(archive, data_dir, progress)
                progress.check()  # the last moment a cancel leaves the current data as it was
                for stale in ("-wal", "-shm"):  # the log of the old file must never replay onto the new one
                    db_path.with_name(DATABASE_NAME + stale).unlink(missing_ok=True)
                os.replace(staged_db, db_path)
                forget_closed(db_path)  # the next open reads every page of the new file
                if SETTINGS_NAME in archive.namelist():
                    incoming = data_dir / (SETTINGS_NAME + ".restoring")
                    incoming.write_bytes(archive.read(SETTINGS_NAME))
                    os.replace(incoming, data_dir / SETTINGS_NAME)
        except OSError as exc:
            raise WorkspaceError(_("Không khôi phục được ({error}); dữ liệu đang dùng vẫn giữ nguyên, bản sao "
                                   "của nó: {kept}.").format(error=exc.strerror or exc, kept=kept or "—")) from exc
    return Restored(manifest, kept)


def before_restore_path(data_dir: Path, now: datetime) -> Path:
    return data_dir / BACKUP_DIR / f"before-restore-{now:%Y%m%d-%H%M%S}{EXTENSION}"


@contextmanager
def _staged(file: Path, data_dir: Path) -> Iterator[tuple[Manifest, Path]]:
    """The backup's manifest and its database unpacked (and checked) in a hidden folder of
    `data_dir`, on the same disk, so that putting it in place is one rename."""
    data_dir.mkdir(parents=True, exist_ok=True)
    not_ours = WorkspaceError(_("Tệp {path} không phải tệp sao lưu của Sổ tay đảng viên.").format(path=file))
    damaged = WorkspaceError(_("Tệp sao lưu {path} bị hỏng: một phần nội dung không còn đọc được. Dữ liệu đang dùng "
                               "được giữ nguyên.").format(path=file))
    if not file.is_file():
        raise WorkspaceError(_("Không có tệp {path}.").format(path=file))
    with tempfile.TemporaryDirectory(dir=data_dir, prefix=".restore-") as work:
        staged_db = Path(work) / DATABASE_NAME
        try:
            with zipfile.ZipFile(file) as archive:
                manifest = _read_manifest(archive, not_ours)
                _refuse_newer(manifest)
                if archive.testzip() is not None:  # reads every entry against its checksum
                    raise damaged
                with archive.open(DATABASE_NAME) as source, staged_db.open("wb") as out:
                    shutil.copyfileobj(source, out, _CHUNK)
        except (zipfile.BadZipFile, zipfile.LargeZipFile, KeyError, EOFError) as exc:
            raise (not_ours if isinstance(exc, zipfile.BadZipFile) and not _looks_like_zip(file) else damaged) from exc
        except OSError as exc:
            if is_disk_full(exc):
                raise WorkspaceError(_("Không đủ chỗ trống trong {folder} để khôi phục; dữ liệu đang dùng được giữ "
                                       "nguyên.").format(folder=data_dir)) from exc
            raise
        if not _sound(staged_db):
            raise damaged
        _refuse_other_cell(manifest, data_dir / DATABASE_NAME)
        yield manifest, staged_db


def _read_manifest(archive: zipfile.ZipFile, not_ours: WorkspaceError) -> Manifest:
    try:
        raw = json.loads(archive.read(MANIFEST).decode("utf-8"))
        if DATABASE_NAME not in archive.namelist() or not isinstance(raw.get("format"), int):
            raise not_ours
        if raw["format"] > FORMAT:
            raise WorkspaceError(_("Tệp sao lưu được tạo bởi một phiên bản Sổ tay đảng viên mới hơn ({version}); "
                                   "hãy cập nhật ứng dụng rồi khôi phục lại. Dữ liệu đang dùng được giữ nguyên.")
                                 .format(version=raw.get("app_version", "?")))
        return Manifest(**{key: raw[key] for key in Manifest.__dataclass_fields__})
    except (KeyError, ValueError, TypeError, AttributeError) as exc:
        raise not_ours from exc


def _refuse_newer(manifest: Manifest) -> None:
    if manifest.schema not in migrations.known_revisions():
        raise WorkspaceError(_("Tệp sao lưu được tạo bởi một phiên bản Sổ tay đảng viên mới hơn ({version}, lược đồ "
                               "{schema}); hãy cập nhật ứng dụng rồi khôi phục lại. Dữ liệu đang dùng được giữ "
                               "nguyên.").format(version=manifest.app_version, schema=manifest.schema))


def _refuse_other_cell(manifest: Manifest, db_path: Path) -> None:
    """A blank folder or the demo may take any cell; a cell's data only its own backup."""
    if not db_path.is_file() or not db_path.stat().st_size:
        return
    try:  # not read-only: the last connection to close removes the -wal and -shm files it made
        with closing(sqlite3.connect(db_path)) as conn:
            unit_id, is_demo = _cell(conn)
            name = conn.execute("SELECT name FROM org_units WHERE id = ?", (unit_id,)).fetchone()
    except sqlite3.DatabaseError:
        return  # the current file is damaged or not ours: a backup is the way out of that
    if unit_id is None or is_demo or unit_id == manifest.unit_id:
        return
    raise WorkspaceError(_("Tệp sao lưu là của {other}, không phải của {current} đang dùng trong thư mục này. "
                           "Không khôi phục; để mở dữ liệu của {other}, hãy chọn một thư mục dữ liệu trống "
                           "(Cài đặt hoặc --data-dir) rồi khôi phục vào đó.").format(
        other=manifest.unit_name or _("một chi bộ khác"), current=name[0] if name else _("chi bộ")))


def _sound(db: Path) -> bool:
    try:
        return damage_in(db, thorough=True) is None
    except sqlite3.DatabaseError:  # unreadable for another reason than damage: not sound either
        return False


def _looks_like_zip(file: Path) -> bool:
    with file.open("rb") as handle:
        return handle.read(2) == b"PK"


def _ensure_closed(db_path: Path) -> None:
    """Refuse while another program (a window, a command) holds the database: its next write
    would land in a file that is no longer there. In WAL mode every connection keeps a shared
    lock on the file, so an exclusive lock is free only when nobody else has it open."""
    if not db_path.is_file():
        return
    with closing(sqlite3.connect(db_path, timeout=0, isolation_level=None)) as conn:
        try:
            conn.execute("PRAGMA locking_mode = EXCLUSIVE")
            conn.execute("BEGIN EXCLUSIVE")
            conn.execute("ROLLBACK")
        except sqlite3.OperationalError as exc:
            raise WorkspaceError(_("Dữ liệu trong {folder} đang được một chương trình khác mở (cửa sổ Sổ tay đảng "
                                   "viên hoặc một lệnh); hãy đóng nó rồi khôi phục lại. Chưa thay đổi gì.")
                                 .format(folder=db_path.parent)) from exc


def _merge_attachments(archive: zipfile.ZipFile, data_dir: Path, progress: Progress) -> None:
    names = [name for name in archive.namelist()
             if name.startswith(ATTACHMENTS) and HASH_NAME.fullmatch(name[len(ATTACHMENTS):])]
    for done, name in enumerate(names):
        progress.report(done, len(names), _("đang khôi phục tệp đính kèm…"))
        sha256 = name[len(ATTACHMENTS):]
        target = blob_path(data_dir, sha256)
        if target.is_file() and target.stat().st_size == archive.getinfo(name).file_size:
            continue
        target.parent.mkdir(parents=True, exist_ok=True)
        incoming = target.with_name(".incoming-restore-" + sha256)
        digest = hashlib.sha256()
        with archive.open(name) as source, incoming.open("wb") as out:
            while chunk := source.read(_CHUNK):
                digest.update(chunk)
                out.write(chunk)
        if digest.hexdigest() != sha256:
            incoming.unlink()
            raise OSError(_("tệp đính kèm {name} trong bản sao lưu không đúng nội dung").format(name=sha256))
        os.replace(incoming, target)
    store_dir(data_dir).mkdir(exist_ok=True)

