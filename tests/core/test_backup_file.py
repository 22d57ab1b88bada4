"""The backup file: consistent while the app writes, refused whole when it is not to be
trusted, and the data it replaces kept as a backup first."""

import json
import sqlite3
import threading
import zipfile
from contextlib import closing
from datetime import timedelta
from pathlib import Path

import pytest
from sqlalchemy import delete, func, select

from handbook_desktop.core import attachments, migrations
from handbook_desktop.core.backup_file import check_backup, restore_backup, write_backup
from handbook_desktop.core.clock import vietnam_now
from handbook_desktop.core.errors import Cancelled, WorkspaceError
from handbook_desktop.core.library import Document
from handbook_desktop.core.members import Member
from handbook_desktop.core.models import WorkspaceFact
from handbook_desktop.core.paths import DATABASE_NAME
from handbook_desktop.core.progress import Progress
from handbook_desktop.core.settings import FONT_SCALE
from handbook_desktop.core.workspace import IS_DEMO, open_workspace

from .faults import full_disk

BLOB = b"%PDF-1.4 a signed copy of the minutes"


def _names(workspace) -> list[str]:
    return workspace.perform(lambda uow: sorted(uow.session.scalars(select(Member.full_name))), read_only=True)


def _folder_bytes(folder: Path) -> dict[str, bytes]:
    return {str(path.relative_to(folder)): path.read_bytes() for path in sorted(folder.rglob("*")) if path.is_file()}


@pytest.fixture
def backup_of_demo(demo_dir, tmp_path) -> Path:
    """A backup of the demo with one attachment and a setting of its own."""
    workspace = open_workspace(demo_dir)
    blob = attachments.store_bytes(demo_dir, BLOB)
    with workspace.unit_of_work() as uow:
        document = uow.session.scalars(select(Document).limit(1)).one()
        attachments.add_attachment(uow.session, document, blob, "ban-sao.pdf", "application/pdf")
    workspace.settings.set(FONT_SCALE, 1.5)
    workspace.settings.save()
    target = tmp_path / "out" / "so-tay.sotay"
    manifest = write_backup(demo_dir, target, now=vietnam_now())
    workspace.close()
    assert (manifest.attachments, manifest.documents, manifest.schema) == (1, 12, migrations.head_revision())
    return target


def test_round_trip_into_a_blank_folder_brings_members_attachments_and_settings(demo_dir, backup_of_demo, tmp_path):
    blank = tmp_path / "new-laptop"
    restored = restore_backup(backup_of_demo, blank, now=vietnam_now())
    assert restored.kept is None  # nothing was there to keep
    source, copy = open_workspace(demo_dir), open_workspace(blank)
    assert _names(copy) == _names(source) and len(_names(copy)) > 20
    assert attachments.blob_path(blank, attachments.sha256_of(BLOB)).read_bytes() == BLOB
    assert copy.settings.get(FONT_SCALE) == 1.5
    assert copy.perform(lambda uow: uow.cell, read_only=True) == source.perform(lambda uow: uow.cell, read_only=True)
    source.close(), copy.close()


def test_a_backup_made_while_another_thread_writes_holds_each_unit_of_work_whole_or_not_at_all(demo_dir, tmp_path):
    workspace, stop, rows = open_workspace(demo_dir), threading.Event(), 20

    def write_batches() -> None:
        batch = 0
        while not stop.is_set():
            with workspace.unit_of_work() as uow:
                uow.session.add_all(WorkspaceFact(key=f"batch-{batch}-{row}", value="x") for row in range(rows))
            batch += 1

    writer = threading.Thread(target=write_batches)
    writer.start()
    try:
        files = [tmp_path / f"b{n}.sotay" for n in range(4)]
        for file in files:
            write_backup(demo_dir, file, now=vietnam_now())
    finally:
        stop.set()
        writer.join()
    counts = []
    for n, file in enumerate(files):
        folder = tmp_path / f"restored-{n}"
        restore_backup(file, folder, now=vietnam_now())
        with closing(sqlite3.connect(folder / DATABASE_NAME)) as conn:
            assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
            counts.append(conn.execute("SELECT count(*) FROM workspace_facts WHERE key LIKE 'batch-%'").fetchone()[0])
    assert all(count % rows == 0 for count in counts), counts
    assert counts[-1] > 0  # the writer did write while the backups were made
    workspace.close()


def test_restore_keeps_the_current_data_as_a_backup_first(demo_dir, backup_of_demo):
    workspace = open_workspace(demo_dir)
    with workspace.unit_of_work() as uow:
        uow.session.add(WorkspaceFact(key="made-after-the-backup", value="1"))
    workspace.close()
    now = vietnam_now()
    restored = restore_backup(backup_of_demo, demo_dir, now=now)
    assert restored.kept == demo_dir / "backups" / f"before-restore-{now:%Y%m%d-%H%M%S}.sotay"
    workspace = open_workspace(demo_dir)
    facts = workspace.perform(lambda uow: set(uow.session.scalars(select(WorkspaceFact.key))), read_only=True)
    workspace.close()
    assert "made-after-the-backup" not in facts
    back = restore_backup(restored.kept, demo_dir, now=now + timedelta(seconds=1))  # and it can be put back
    workspace = open_workspace(demo_dir)
    assert workspace.perform(lambda uow: uow.session.get(WorkspaceFact, "made-after-the-backup"), read_only=True)
    workspace.close()
    assert back.kept.exists()


def _rewritten(original: Path, target: Path, **manifest_changes) -> Path:
    with zipfile.ZipFile(original) as source, zipfile.ZipFile(target, "w") as out:
        for item in source.infolist():
            data = source.read(item)
            if item.filename == "manifest.json":
                data = json.dumps({**json.loads(data), **manifest_changes}).encode()
            out.writestr(item, data)
    return target


def _damaged(original: Path, target: Path) -> Path:
    data = bytearray(original.read_bytes())
    data[len(data) // 2] ^= 0xFF
    target.write_bytes(bytes(data))
    return target


def _database_spoiled(original: Path, target: Path) -> Path:
    """A zip whose checksums are right but whose database fails SQLite's integrity check."""
    with zipfile.ZipFile(original) as source, zipfile.ZipFile(target, "w") as out:
        for item in source.infolist():
            data = bytearray(source.read(item))
            if item.filename == DATABASE_NAME:
                data[len(data) // 2:len(data) // 2 + 20000] = b"\x5a" * 20000
            out.writestr(item, bytes(data))
    return target


@pytest.mark.parametrize(("spoil", "message"), [
    (lambda good, path: path.write_text("danh sách đảng viên") and path, "không phải tệp sao lưu"),
    (lambda good, path: _rewritten(good, path, format="nope"), "không phải tệp sao lưu"),
    (_damaged, "bị hỏng"),
    (_database_spoiled, "bị hỏng"),
    (lambda good, path: _rewritten(good, path, schema="9999", app_version="9.0"), "phiên bản Sổ tay đảng viên mới hơn"),
    (lambda good, path: _rewritten(good, path, format=2), "phiên bản Sổ tay đảng viên mới hơn"),
    (lambda good, path: _rewritten(good, path, unit_id="another-cell", unit_name="Chi bộ Thôn 9"), "Chi bộ Thôn 9"),
])
def test_a_file_not_to_be_trusted_is_refused_and_the_data_folder_is_unchanged(spoil, message, demo_dir,
                                                                               backup_of_demo, tmp_path):
    _make_own_cell(demo_dir)  # the demo takes any cell: a real cell only its own
    bad = spoil(backup_of_demo, tmp_path / "bad.sotay")
    before = _folder_bytes(demo_dir)
    for attempt in (check_backup, lambda file, folder: restore_backup(file, folder, now=vietnam_now())):
        with pytest.raises(WorkspaceError, match=message):
            attempt(bad, demo_dir)
        assert _folder_bytes(demo_dir) == before
        assert sorted(path.name for path in demo_dir.iterdir()) == sorted({Path(p).parts[0] for p in before})


def _make_own_cell(folder: Path) -> None:
    workspace = open_workspace(folder)
    with workspace.unit_of_work() as uow:
        uow.session.execute(delete(WorkspaceFact).where(WorkspaceFact.key == IS_DEMO))
    workspace.close()


def test_a_blank_folder_or_the_demo_takes_any_cell_and_a_cell_its_own(demo_dir, backup_of_demo, tmp_path):
    foreign = _rewritten(backup_of_demo, tmp_path / "foreign.sotay", unit_id="another-cell", unit_name="Chi bộ B")
    assert check_backup(foreign, demo_dir).unit_name == "Chi bộ B"  # the demo
    assert check_backup(foreign, tmp_path / "blank").unit_name == "Chi bộ B"
    _make_own_cell(demo_dir)
    assert check_backup(backup_of_demo, demo_dir).unit_id is not None  # its own cell's backup


def test_restore_is_refused_while_a_program_holds_the_data(demo_dir, backup_of_demo):
    workspace = open_workspace(demo_dir)
    workspace.perform(lambda uow: uow.cell, read_only=True)
    before = _folder_bytes(demo_dir)
    with pytest.raises(WorkspaceError, match="đang được một chương trình khác mở"):
        restore_backup(backup_of_demo, demo_dir, now=vietnam_now())
    workspace.close()
    assert _lasting(_folder_bytes(demo_dir)) == _lasting(before)


def _lasting(files: dict[str, bytes]) -> dict[str, bytes]:
    """Without what an open connection keeps beside the database and its clean-close marker."""
    return {name: data for name, data in files.items() if not name.endswith(("-wal", "-shm", ".closed"))}


def test_a_cancelled_backup_leaves_no_file_and_the_older_one_whole(demo_dir, tmp_path):
    target = tmp_path / "so-tay.sotay"
    target.write_bytes(b"last week's backup")
    progress = Progress(lambda *_report: progress.cancel())  # Hủy pressed at the first report
    with pytest.raises(Cancelled):
        write_backup(demo_dir, target, now=vietnam_now(), progress=progress)
    assert [path.name for path in tmp_path.iterdir() if path.name != "demo"] == ["so-tay.sotay"]
    assert target.read_bytes() == b"last week's backup"


def test_a_full_disk_leaves_no_file_and_says_so(demo_dir, tmp_path, monkeypatch):
    with full_disk(tmp_path / "usb", monkeypatch, size_kb=64) as usb:
        with pytest.raises(WorkspaceError, match="Không đủ chỗ trống"):
            write_backup(demo_dir, usb / "so-tay.sotay", now=vietnam_now())
        assert [path.name for path in usb.iterdir() if path.name != "filler"] == []


def test_the_manifest_says_what_the_file_holds(demo_dir, tmp_path):
    manifest = write_backup(demo_dir, tmp_path / "b.sotay", now=vietnam_now())
    workspace = open_workspace(demo_dir)
    cell = workspace.perform(lambda uow: uow.cell, read_only=True)
    members = workspace.perform(lambda uow: uow.session.scalar(
        select(func.count()).select_from(Member).where(Member.deleted_at.is_(None))), read_only=True)
    workspace.close()
    assert (manifest.unit_id, manifest.is_demo, manifest.members) == (cell.unit_id, True, members)
    assert manifest.unit_name and "đảng viên" in manifest.summary()


def test_nobody_reads_the_workspace_while_its_files_are_replaced(demo_dir, tmp_path):
    from handbook_desktop.core.workspace import WorkspaceBusy

    workspace = open_workspace(demo_dir)
    write_backup(demo_dir, tmp_path / "b.sotay", now=vietnam_now())
    refused = []

    def restore():
        with pytest.raises(WorkspaceBusy):  # a GUI timer firing in the middle of a restore
            workspace.perform(lambda uow: uow.session.scalar(select(func.count(Member.id))), read_only=True)
        refused.append(True)
        return restore_backup(tmp_path / "b.sotay", demo_dir, now=vietnam_now())

    workspace.replace_data(restore)
    assert refused and not workspace.restoring
    assert workspace.perform(lambda uow: uow.session.scalar(select(func.count(Member.id))), read_only=True) > 0
    workspace.close()
