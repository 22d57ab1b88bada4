"""`main.py login`, `sync`, `logout` and `publish`, run as a user runs them, against a real
server over loopback. The child process has no keyring (tests/conftest.py), so the password
comes from HANDBOOK_PASSWORD, as in a script."""

import os
import subprocess
import sys

import pytest

from sync.server.settings import ServerSettings

from .conftest import REPO
from .sync.conftest import LiveServer

GUIDE = """THÀNH ỦY SÔNG CÔNG
*
Số 14-HD/ThU
ĐẢNG CỘNG SẢN VIỆT NAM
Sông Công, ngày 02 tháng 12 năm 2026

HƯỚNG DẪN
tuyên truyền kỷ niệm ngày thành lập Quân đội nhân dân Việt Nam

Các chi bộ tổ chức tuyên truyền sâu rộng trong đảng viên và nhân dân.
"""


@pytest.fixture
def live_server(tmp_path):
    """The demo server on SQLite, as tests/sync/conftest.py starts it."""
    server = LiveServer(ServerSettings(data_dir=tmp_path / "server", database_url="")).start()
    yield server
    server.stop()


def run(*args, password="demo"):
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "HANDBOOK_PASSWORD": password}
    return subprocess.run([sys.executable, str(REPO / "main.py"), *args], capture_output=True, text=True, env=env,
                          timeout=120, stdin=subprocess.DEVNULL)


def test_publish_login_sync_search_logout(live_server, tmp_path):
    guide = tmp_path / "huong-dan-14.txt"
    guide.write_text(GUIDE, encoding="utf-8")
    published = run("publish", str(guide), "--server", live_server.url, "--user", "bientap.demo",
                    "--channel", "orientation")
    assert published.returncode == 0, published.stderr
    assert "Đã phát hành huong-dan-14.txt" in published.stdout

    data = str(tmp_path / "ws")
    login = run("login", "--server", live_server.url, "--user", "dangvien.demo", "--data-dir", data)
    assert login.returncode == 0, login.stderr
    assert "Chi bộ Khu phố 3" in login.stdout and "HANDBOOK_PASSWORD" in login.stdout  # no keyring here

    first = run("sync", "--data-dir", data)
    assert first.returncode == 0, first.stderr
    assert "tuyên truyền kỷ niệm ngày thành lập Quân đội" in first.stdout
    found = run("search", "quan doi nhan dan", "--data-dir", data)
    assert "14-HD/ThU" in found.stdout

    again = run("sync", "--data-dir", data)
    assert again.returncode == 0 and ": 0 văn bản" in again.stdout

    out = run("logout", "--data-dir", data)
    assert out.returncode == 0 and "Đã đăng xuất dangvien.demo" in out.stdout
    after = run("sync", "--data-dir", data)
    assert after.returncode == 2 and "chưa kết nối" in after.stderr and "Traceback" not in after.stderr


def test_sync_with_server_and_user_logs_in_first(live_server, tmp_path):
    result = run("sync", "--server", live_server.url, "--user", "dangvien.demo", "--data-dir", str(tmp_path / "ws"))
    assert result.returncode == 0, result.stderr
    assert "Đã đồng bộ với" in result.stdout


def test_sync_errors_are_one_line(live_server, tmp_path):
    wrong = run("login", "--server", live_server.url, "--user", "dangvien.demo", "--data-dir", str(tmp_path / "a"),
                password="sai")
    assert wrong.returncode == 2 and wrong.stderr.count("\n") == 1 and "Sai tên đăng nhập hoặc mật khẩu" in wrong.stderr
    down = run("login", "--server", "http://127.0.0.1:9", "--user", "dangvien.demo", "--data-dir",
               str(tmp_path / "b"))
    assert down.returncode == 2 and "Không kết nối được máy chủ" in down.stderr and "Traceback" not in down.stderr
    blank = run("sync", "--data-dir", str(tmp_path / "c"))
    assert blank.returncode == 2 and "chưa kết nối" in blank.stderr and "main.py login" in blank.stderr
    assert not (tmp_path / "c").exists(), "a sync that cannot run leaves no folder behind"


def test_publish_refuses_a_classified_file(live_server, tmp_path):
    secret = tmp_path / "mat.txt"
    secret.write_text("TỐI MẬT\n" + GUIDE, encoding="utf-8")
    result = run("publish", str(secret), "--server", live_server.url, "--user", "bientap.demo")
    assert result.returncode == 2 and "TỐI MẬT" in result.stderr and "Traceback" not in result.stderr


def test_a_member_cannot_publish(live_server, tmp_path):
    guide = tmp_path / "huong-dan.txt"
    guide.write_text(GUIDE, encoding="utf-8")
    result = run("publish", str(guide), "--server", live_server.url, "--user", "dangvien.demo")
    assert result.returncode == 2 and "Traceback" not in result.stderr and result.stderr.startswith("Lỗi: ")


def test_sync_sends_the_cells_records_and_says_so(live_server, tmp_path):
    from datetime import date

    from handbook_desktop.core.members import MemberForm, create_member
    from handbook_desktop.core.workspace import open_workspace

    data = tmp_path / "ws"
    assert run("login", "--server", live_server.url, "--user", "bithu.demo", "--data-dir", str(data)).returncode == 0
    workspace = open_workspace(data)
    workspace.perform(lambda uow: create_member(uow, MemberForm(full_name="Đinh Thị Mơ", birth_date=date(1990, 1, 2),
                                                                admitted_on=date(2015, 3, 4))))
    workspace.close()
    result = run("sync", "--data-dir", str(data))
    assert result.returncode == 0, result.stderr
    assert "Hồ sơ chi bộ: đã gửi 2 thay đổi" in result.stdout and "từ chối" not in result.stdout
