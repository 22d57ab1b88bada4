"""Faults of the data folder seen from the command line: a damaged database, a read-only
file, a full disk, a busy database. One clear line, an exit code, never a traceback, and
nothing written where it must not be."""

import os
import shutil
import sqlite3
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest

from handbook_desktop.core.paths import DATABASE_NAME
from handbook_desktop.core.workspace import open_workspace

from .conftest import REPO
from .core.faults import damage_data_pages, fingerprint
from .test_cli import run


@pytest.fixture
def used_dir(demo_dir):
    """A demo folder used once today: today's automatic backup exists."""
    open_workspace(demo_dir).close()
    return demo_dir


def _commands(tmp_path):
    (tmp_path / "ghi-chu.txt").write_text("Ghi chú sinh hoạt chi bộ tháng 12.", encoding="utf-8")
    return {"members export": ["members", "export", str(tmp_path / "ds.xlsx")],
            "render": ["render", "minutes", "--meeting", "latest", "--out", str(tmp_path / "bb.pdf")],
            "import": ["import", str(tmp_path / "ghi-chu.txt")],
            "gui": ["--screenshot", str(tmp_path / "shot.png")]}


def _refused_as_damaged(result, folder):
    assert result.returncode == 2, result.stdout + result.stderr
    assert "Traceback" not in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1
    assert "bị hỏng" in result.stderr and f'main.py restore-backup --data-dir "{folder}"' in result.stderr


@pytest.mark.parametrize("command", ["members export", "render", "import", "gui"])
def test_a_damaged_database_is_named_and_left_alone(command, used_dir, tmp_path):
    db = used_dir / DATABASE_NAME
    damage_data_pages(db)
    before = fingerprint(db)
    result = run(*_commands(tmp_path)[command], "--data-dir", str(used_dir))
    _refused_as_damaged(result, used_dir)
    assert fingerprint(db) == before
    assert not any((tmp_path / name).exists() for name in ("ds.xlsx", "bb.pdf", "shot.png"))


def test_damage_found_by_a_read_stops_the_next_write(used_dir, tmp_path):
    db = used_dir / DATABASE_NAME
    damage_data_pages(db, keep_times=True)  # rotted in place: the quick start reads no page
    before = fingerprint(db)
    commands = _commands(tmp_path)
    _refused_as_damaged(run(*commands["members export"], "--data-dir", str(used_dir)), used_dir)
    _refused_as_damaged(run(*commands["import"], "--data-dir", str(used_dir)), used_dir)
    assert fingerprint(db) == before


def test_restore_backup_brings_back_a_working_workspace(used_dir, tmp_path):
    damage_data_pages(used_dir / DATABASE_NAME)
    restored = run("restore-backup", "--data-dir", str(used_dir))
    assert restored.returncode == 0, restored.stderr
    assert "Đã khôi phục từ bản sao lưu ngày" in restored.stdout
    assert len(list(used_dir.glob("handbook.db.damaged-*"))) == 1
    exported = run(*_commands(tmp_path)["members export"], "--data-dir", str(used_dir))
    assert exported.returncode == 0, exported.stderr
    assert (tmp_path / "ds.xlsx").is_file()
    again = run("restore-backup", "--data-dir", str(used_dir))
    assert again.returncode == 2 and "không bị hỏng" in again.stderr


def test_a_full_disk_at_start_is_called_full_never_damaged(demo_dir, tmp_path):
    from .core.faults import fill, tiny_disk

    with tiny_disk(tmp_path / "disk", size_kb=2048) as disk:
        if disk is None:
            pytest.skip("needs a small real file system (mount as root); the SQLite side of a full "
                        "disk is covered by test_full_disk_gives_a_clear_message_and_keeps_old_data")
        (disk / DATABASE_NAME).write_bytes((demo_dir / DATABASE_NAME).read_bytes())
        fill(disk)
        before = fingerprint(disk / DATABASE_NAME)
        result = run("search", "đảng viên", "--data-dir", str(disk))
        assert result.returncode == 2 and "Traceback" not in result.stderr
        assert "Ổ đĩa đã đầy" in result.stderr
        assert "bị hỏng" not in result.stderr and "sao lưu" not in result.stderr
        assert fingerprint(disk / DATABASE_NAME) == before


def _as_another_user() -> list[str]:
    """Root may write any file: drop to `nobody` so that a read-only file means read-only."""
    if os.geteuid() != 0:
        return []
    setpriv = shutil.which("setpriv")
    if setpriv is None:
        pytest.skip("running as root without setpriv: a read-only file cannot be made here")
    return [setpriv, "--reuid=65534", "--regid=65534", "--clear-groups"]


@pytest.mark.parametrize("what", ["file", "folder"])
def test_a_read_only_database_gets_a_clear_message(what, demo_template):
    prefix = _as_another_user()
    folder = Path(tempfile.mkdtemp(prefix="handbook-ro-"))  # not under pytest's root-only folder
    try:
        (folder / "home").mkdir()
        db = folder / DATABASE_NAME
        db.write_bytes(demo_template.read_bytes())
        note = folder / "ghi-chu.txt"
        note.write_text("Ghi chú sinh hoạt chi bộ.", encoding="utf-8")
        for path in (folder, folder / "home", note):
            path.chmod(0o777 if path.is_dir() else 0o644)
        db.chmod(0o444)
        if what == "folder":
            folder.chmod(0o555)
        before = fingerprint(db)
        result = subprocess.run([*prefix, sys.executable, str(REPO / "main.py"), "import", str(note),
                                 "--data-dir", str(folder)], capture_output=True, text=True, timeout=120,
                                env={**os.environ, "HOME": str(folder / "home"), "XDG_CONFIG_HOME": str(folder / "home"),
                                     "XDG_DATA_HOME": str(folder / "home")})
        assert result.returncode == 2, result.stdout + result.stderr
        assert "Traceback" not in result.stderr and len(result.stderr.strip().splitlines()) == 1
        assert ("chỉ cho phép đọc" if what == "file" else "Không ghi được vào thư mục dữ liệu") in result.stderr
        assert fingerprint(db) == before
    finally:
        folder.chmod(0o755)
        shutil.rmtree(folder)


def test_the_command_line_says_once_that_it_waits_for_a_busy_database(used_dir, tmp_path):
    note = _commands(tmp_path)["import"]
    # Another program holds the write lock until the command has said that it waits (past
    # SQLite's own 5 s busy timeout), however slowly the command starts on a busy machine.
    holder = sqlite3.connect(used_dir / DATABASE_NAME, isolation_level=None)
    holder.execute("BEGIN IMMEDIATE")
    command = subprocess.Popen([sys.executable, str(REPO / "main.py"), *note, "--data-dir", str(used_dir)],
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                               env={**os.environ, "QT_QPA_PLATFORM": "offscreen"})
    try:
        first_line = command.stderr.readline()  # the command waits (up to 2 min) while the lock is held
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    stdout, rest = command.communicate(timeout=120)
    stderr = first_line + rest
    assert command.returncode == 0, stderr
    assert stderr.count("Dữ liệu đang bận, đang chờ…") == 1, stderr
    assert "Đã nhập ghi-chu.txt" in stdout
