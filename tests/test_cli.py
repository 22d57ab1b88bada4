"""The command-line contract, run as a user runs it: a separate process."""

import hashlib
import os
import sqlite3
import subprocess
import sys
from contextlib import closing

from handbook_desktop import __version__

from .conftest import REPO


def run(*args, env_extra=None):
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", **(env_extra or {})}
    return subprocess.run([sys.executable, str(REPO / "main.py"), *args], capture_output=True, text=True,
                          env=env, timeout=120)


def test_version():
    result = run("--version")
    assert result.returncode == 0
    assert result.stdout.strip() == f"Sổ tay đảng viên {__version__}"


def test_demo_creates_a_workspace_and_refuses_to_overwrite(tmp_path):
    result = run("demo", "--data-dir", str(tmp_path / "ws"))
    assert result.returncode == 0, result.stderr
    assert "Đã tạo không gian làm việc mẫu" in result.stdout
    assert "12 văn bản" in result.stdout and "2 cuộc họp" in result.stdout
    again = run("demo", "--data-dir", str(tmp_path / "ws"))
    assert again.returncode == 2
    assert again.stderr.startswith("Lỗi: ") and "đã có dữ liệu" in again.stderr
    assert "Traceback" not in again.stderr


def test_data_dir_from_the_environment(tmp_path):
    result = run("demo", env_extra={"HANDBOOK_DATA_DIR": str(tmp_path / "env-ws")})
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "env-ws" / "handbook.db").exists()


def test_damaged_database_gives_one_line_and_is_untouched(tmp_path):
    db = tmp_path / "handbook.db"
    db.write_bytes(b"SQLite format 3\x00" + b"\x13" * 5000)
    before = hashlib.sha256(db.read_bytes()).hexdigest()
    result = run("--screenshot", str(tmp_path / "shot.png"), "--data-dir", str(tmp_path))
    assert result.returncode == 2
    assert len(result.stderr.strip().splitlines()) == 1
    assert str(db) in result.stderr
    assert hashlib.sha256(db.read_bytes()).hexdigest() == before
    assert not (tmp_path / "shot.png").exists()


def test_screenshot_renders_the_window_to_png(tmp_path):
    from PySide6.QtGui import QImage

    shot = tmp_path / "members.png"
    result = run("--screenshot", str(shot), "--page", "members", "--data-dir", str(tmp_path / "ws"))
    assert result.returncode == 0, result.stderr
    image = QImage(str(shot))
    assert (image.width(), image.height()) == (1366, 768)  # the secretaries' laptops
    assert (tmp_path / "ws" / "handbook.db").exists()  # first start without a display takes the demo


def test_screenshot_of_a_meeting_tab_at_a_size_and_text_size(tmp_path):
    from PySide6.QtGui import QImage

    shot = tmp_path / "minutes.png"
    result = run("--screenshot", str(shot), "--page", "meeting-minutes", "--size", "1366x700",
                 "--font-scale", "1.25", "--data-dir", str(tmp_path / "ws"))
    assert result.returncode == 0, result.stderr
    assert (QImage(str(shot)).width(), QImage(str(shot)).height()) == (1366, 700)
    assert not (tmp_path / "ws" / "settings.json").exists()  # the text size was for the picture only
    refused = run("--page", "meeting-minutes", "--data-dir", str(tmp_path / "ws"))
    assert refused.returncode == 2 and "--screenshot" in refused.stderr
    bad_size = run("--screenshot", str(shot), "--size", "big", "--data-dir", str(tmp_path / "ws"))
    assert bad_size.returncode == 2 and "1366x768" in bad_size.stderr


def test_english_setting_changes_cli_messages(tmp_path):
    (tmp_path / "settings.json").write_text('{"version": 1, "values": {"ui/language": "en"}}')
    result = run("--data-dir", str(tmp_path), "sync")
    assert result.stderr.startswith("Error: This data is not connected to a server yet.")


def screenshot_loading(tmp_path, shot) -> bool:
    """Take a screenshot in a fresh process; whether it loaded SQLAlchemy."""
    code = ("import sys; from handbook_desktop.cli import main; "
            f"code = main(['--screenshot', {str(shot)!r}, '--data-dir', {str(tmp_path / 'ws')!r}]); "
            "print('sqlalchemy' in sys.modules); sys.exit(code)")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=REPO, timeout=120,
                            env={**os.environ, "QT_QPA_PLATFORM": "offscreen"})
    assert result.returncode == 0, result.stderr
    return result.stdout.strip() == "True"


def test_the_next_start_paints_the_home_page_before_the_orm_loads(tmp_path):
    """The target of issue 16's cold start: the first screen without SQLAlchemy, the same pixels."""
    assert run("demo", "--data-dir", str(tmp_path / "ws")).returncode == 0
    first, second, third = (tmp_path / f"{n}.png" for n in ("first", "second", "third"))
    assert screenshot_loading(tmp_path, first)  # no figures kept yet: read through the ORM, then kept
    assert (tmp_path / "ws" / "home-snapshot.json").is_file()
    assert not screenshot_loading(tmp_path, second)
    assert second.read_bytes() == first.read_bytes()
    with closing(sqlite3.connect(tmp_path / "ws" / "handbook.db")) as conn, conn:  # another program's write
        conn.execute("UPDATE org_units SET name = 'Chi bộ Khu phố 9' WHERE name = 'Chi bộ Khu phố 3'")
    assert screenshot_loading(tmp_path, third)  # the kept figures no longer hold
    assert third.read_bytes() != first.read_bytes()
