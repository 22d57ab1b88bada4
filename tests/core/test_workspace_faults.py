"""Faults met while opening or using a workspace: orphaned attachment files, a read-only file."""

import os
import time

import pytest
from sqlalchemy import select

from handbook_desktop.core import attachments
from handbook_desktop.core.errors import WorkspaceError
from handbook_desktop.core.library import Document
from handbook_desktop.core.workspace import open_workspace


def _aged(path, seconds):
    stamp = time.time() - seconds
    os.utime(path, (stamp, stamp))
    return path


def test_files_orphaned_by_a_failed_import_are_removed_at_the_next_start(demo_workspace):
    data_dir = demo_workspace.data_dir
    kept = attachments.store_bytes(data_dir, b"bien ban da ky")
    with demo_workspace.unit_of_work() as uow:
        document = uow.session.scalars(select(Document)).first()
        attachments.add_attachment(uow.session, document, kept, "bien-ban.pdf")
    _aged(kept.path, 7200)  # referenced: kept however old
    old = _aged(attachments.store_bytes(data_dir, b"killed import").path, 7200)
    fresh = attachments.store_bytes(data_dir, b"import still running in another window").path
    temp = old.parent / (attachments.INCOMING_PREFIX + "abc123")  # a write cut short
    temp.write_bytes(b"half")
    _aged(temp, 7200)
    copy = attachments.viewable_copy(data_dir, kept.sha256, "bien-ban.pdf")
    demo_workspace.close()
    open_workspace(data_dir).close()
    assert kept.path.is_file() and fresh.is_file() and copy.is_file()
    assert not old.exists() and not temp.exists()


def test_writing_to_a_read_only_database_says_so(workspace):
    # Stand-in: root may write any file, so query_only makes SQLite answer SQLITE_READONLY as it
    # does for a read-only file (that real case runs as another user in tests/test_cli_faults.py).
    with pytest.raises(WorkspaceError, match="chỉ cho phép đọc"):
        with workspace.session() as s:
            s.connection().exec_driver_sql("PRAGMA query_only = ON")
            s.connection().exec_driver_sql("INSERT INTO workspace_facts (key, value) VALUES ('x', 'y')")


def test_a_full_disk_when_opening_is_called_full(tmp_path):
    from .faults import fill, tiny_disk

    with tiny_disk(tmp_path / "disk", size_kb=512) as disk:
        if disk is None:
            pytest.skip("needs a small real file system (mount as root)")
        fill(disk)
        with pytest.raises(WorkspaceError, match="Ổ đĩa đã đầy"):
            open_workspace(disk / "data")
