"""Faults of the data folder seen from the command line: a damaged database, a read-only
file, a full disk, a busy database. One clear line, an exit code, never a traceback, and
nothing written where it must not be."""

import pytest

from handbook_desktop.core.paths import DATABASE_NAME
from handbook_desktop.core.workspace import open_workspace

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
