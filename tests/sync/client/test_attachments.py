"""Files of pulled items: fetched by SHA-256, resumed after a drop, verified (a corrupted
download is fetched again), and never fetched twice."""

import hashlib
import os

from handbook_desktop.core.attachments import blob_path
from handbook_desktop.core.library import ARTICLES, DOCUMENTS, ItemFilter, list_items
from sync.account import connect
from sync.engine import sync_once

from .conftest import MEMBER, PASSWORD, publish_as_editor

FILES = "/api/v1/attachments/"


def _file(tmp_path, size=300_000):
    path = tmp_path / "phu-luc.bin"
    path.write_bytes(os.urandom(size))
    return path, hashlib.sha256(path.read_bytes()).hexdigest()


def test_a_dropped_download_resumes_where_it_stopped(live_server, memory_keyring, workspace, proxy, tmp_path):
    path, sha256 = _file(tmp_path)
    publish_as_editor(live_server.url, "Tài liệu sinh hoạt chi bộ tháng 12", files=[path])
    connect(workspace, proxy.url, MEMBER, PASSWORD)
    proxy.drop_after[FILES] = 100_000

    report = sync_once(workspace)

    assert report.attachments == 1 and report.bytes < 2 * path.stat().st_size
    assert blob_path(workspace.data_dir, sha256).read_bytes() == path.read_bytes()
    first, second = proxy.requests_to(FILES + sha256)
    assert "range" not in first.headers
    resumed_at = int(second.headers["range"].removeprefix("bytes=").rstrip("-"))
    assert 0 < resumed_at <= 100_000
    assert not list(blob_path(workspace.data_dir, sha256).parent.glob("*.partial"))


def test_a_corrupted_download_is_fetched_again(live_server, memory_keyring, workspace, proxy, tmp_path):
    path, sha256 = _file(tmp_path)
    publish_as_editor(live_server.url, "Tài liệu bị hỏng trên đường truyền", files=[path])
    connect(workspace, proxy.url, MEMBER, PASSWORD)
    proxy.corrupt_once.add(FILES)

    assert sync_once(workspace).attachments == 1
    assert blob_path(workspace.data_dir, sha256).read_bytes() == path.read_bytes()
    assert len(proxy.requests_to(FILES + sha256)) == 2


def test_a_file_already_here_is_never_fetched(live_server, memory_keyring, workspace, proxy, tmp_path):
    path, sha256 = _file(tmp_path, 20_000)
    publish_as_editor(live_server.url, "Lần đầu", files=[path])
    connect(workspace, proxy.url, MEMBER, PASSWORD)
    sync_once(workspace)
    publish_as_editor(live_server.url, "Cùng tệp, bài khác", files=[path])
    proxy.seen.clear()
    report = sync_once(workspace)
    assert report.pulled == 1 and report.attachments == 0
    assert proxy.requests_to(FILES) == []


def test_a_full_disk_keeps_what_arrived_and_the_next_round_fetches_the_file(
        live_server, memory_keyring, workspace, tmp_path, monkeypatch):
    from sync.errors import SyncError
    from sync.history import list_runs
    from tests.core.faults import full_disk

    path, sha256 = _file(tmp_path)
    publish_as_editor(live_server.url, "Phụ lục kèm theo hướng dẫn", files=[path])
    connect(workspace, live_server.url, MEMBER, PASSWORD)
    folder = blob_path(workspace.data_dir, sha256).parent.parent
    with full_disk(folder, monkeypatch, size_kb=64):
        try:
            sync_once(workspace)
        except SyncError as exc:
            assert "Ổ đĩa đã đầy" in exc.message and "đồng bộ lại" in exc.hint
        else:
            raise AssertionError("a full disk must stop the round with a message")
        assert not list(folder.rglob("*.partial")), "the partial file gives its space back"
    with workspace.unit_of_work(read_only=True) as uow:
        runs = list_runs(uow)
        titles = [item.title for item in list_items(uow, ItemFilter(DOCUMENTS)) + list_items(uow, ItemFilter(ARTICLES))]
    assert not runs[0].ok and "Ổ đĩa đã đầy" in runs[0].message
    assert "Phụ lục kèm theo hướng dẫn" in titles, "what arrived before the file stays"

    assert sync_once(workspace).attachments == 1
    assert blob_path(workspace.data_dir, sha256).read_bytes() == path.read_bytes()
