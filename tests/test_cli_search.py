"""`main.py search`, run as a user runs it: a separate process."""

import os
import subprocess
import sys

from .conftest import REPO


def run(*args):
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    return subprocess.run([sys.executable, str(REPO / "main.py"), *args], capture_output=True, text=True,
                          env=env, timeout=120)


def test_search_prints_symbol_date_and_title(demo_dir):
    result = run("search", "nghị", "quyết", "57", "--data-dir", str(demo_dir))
    assert result.returncode == 0, result.stderr
    first = result.stdout.splitlines()[0]
    assert first == ("57-NQ/TW | 22/12/2024 | Nghị quyết về đột phá phát triển khoa học, công nghệ, "
                     "đổi mới sáng tạo và chuyển đổi số quốc gia")


def test_search_without_tones_and_limit(demo_dir):
    result = run("search", "sinh hoat chi bo", "--limit", "3", "--data-dir", str(demo_dir))
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert len(lines) == 3 and all(line.count(" | ") >= 2 for line in lines)
    assert all("sinh hoạt chi bộ" in line.lower() for line in lines)


def test_articles_show_their_channel(demo_dir):
    result = run("search", "hoi dap dang vien du bi", "--data-dir", str(demo_dir))
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines()[0].startswith("Hỏi đáp | 25/10/2026 | Hỏi đáp Điều lệ Đảng: Đảng viên dự bị")


def test_nothing_found_is_not_an_error(demo_dir):
    result = run("search", "xyzzyx", "--data-dir", str(demo_dir))
    assert result.returncode == 0
    assert result.stdout.strip() == "Không tìm thấy kết quả nào cho “xyzzyx”."


def test_fts_syntax_is_just_text(demo_dir):
    result = run("search", "--data-dir", str(demo_dir), '"nghị', "(quyết*", "--", "-57-NQ/TW)")
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("57-NQ/TW | ")


def test_user_errors_are_one_line(demo_dir, tmp_path):
    for args in (["search", " ... ", "--data-dir", str(demo_dir)],
                 ["search", "chi bộ", "--limit", "0", "--data-dir", str(demo_dir)],
                 ["search", "chi bộ", "--limit", "mười", "--data-dir", str(demo_dir)],
                 ["search", "chi bộ", "--data-dir", str(tmp_path / "empty")]):
        result = run(*args)
        assert result.returncode == 2, args
        assert result.stderr.startswith("Lỗi: ") and len(result.stderr.strip().splitlines()) == 1, args
    assert not (tmp_path / "empty" / "handbook.db").exists()  # a search never creates a database
