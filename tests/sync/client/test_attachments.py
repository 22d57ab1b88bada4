"""Files of pulled items: fetched by SHA-256, resumed after a drop, verified (a corrupted
download is fetched again), and never fetched twice."""

import hashlib
import os

from handbook_desktop.core.attachments import blob_path
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
