"""`main.py import FILE...` run as a user runs it: a separate process on real files."""

import os
import subprocess
import sys
import time

from sqlalchemy import func, select

from handbook_desktop.core.library import Document
from handbook_desktop.core.models import Attachment
from handbook_desktop.core.workspace import open_workspace

from .conftest import REPO
from .core.library.docfiles import party_docx
from .test_cli import run

NOTE = "ĐẢNG ỦY PHƯỜNG BẮC SƠN\n*\nSố 09-HD/ĐU\n\nHƯỚNG DẪN\nkiểm điểm cuối năm\n\nNội dung hướng dẫn.\n"


def documents(data_dir) -> list[tuple[str, str]]:
    workspace = open_workspace(data_dir)
    try:
        with workspace.session() as session:
            return sorted(session.execute(select(Document.number, Document.title)
                                          .where(Document.number.in_(["57-NQ/TW", "09-HD/ĐU"]))).all())
    finally:
        workspace.close()


def document_count(data_dir) -> int:
    workspace = open_workspace(data_dir)
    try:
        with workspace.session() as session:
            return session.scalar(select(func.count()).select_from(Document).where(Document.deleted_at.is_(None)))
    finally:
        workspace.close()


def attachment_count(data_dir) -> int:
    workspace = open_workspace(data_dir)
    try:
        with workspace.session() as session:
            return session.scalar(select(func.count()).select_from(Attachment))
    finally:
        workspace.close()


def test_import_reports_each_file_and_exits_0_when_one_was_imported(tmp_path):
    data = tmp_path / "ws"
    assert run("demo", "--data-dir", str(data)).returncode == 0
    docx = party_docx(tmp_path / "nq57.docx")
    (tmp_path / "huong-dan.txt").write_text(NOTE, encoding="utf-8")
    (tmp_path / "hong.docx").write_bytes(b"PK\x03\x04 broken")
    party_docx(tmp_path / "mat.docx", stamp="MẬT")

    result = run("import", str(docx), str(tmp_path / "huong-dan.txt"), str(tmp_path / "hong.docx"),
                 str(tmp_path / "mat.docx"), "--data-dir", str(data))

    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines() == [
        "Đã nhập nq57.docx: 57-NQ/TW | Nghị quyết về đột phá phát triển khoa học, công nghệ, đổi mới sáng tạo và "
        "chuyển đổi số quốc gia",
        "Đã nhập huong-dan.txt: 09-HD/ĐU | Hướng dẫn kiểm điểm cuối năm"]
    errors = result.stderr.splitlines()
    assert len(errors) == 2 and all(line.startswith("Lỗi: ") for line in errors)
    assert "hong.docx bị hỏng" in errors[0] and "mat.docx là tài liệu MẬT" in errors[1]
    assert "Traceback" not in result.stderr
    demo_numbers = [number for number, _title in documents(data)]
    assert demo_numbers.count("57-NQ/TW") == 2 and demo_numbers.count("09-HD/ĐU") == 2  # demo's + imported
    assert attachment_count(data) == 2

    again = run("import", str(docx), "--data-dir", str(data))
    assert again.returncode == 0, again.stderr
    assert again.stdout.startswith("Bỏ qua nq57.docx: đã có trong thư viện (57-NQ/TW | Nghị quyết về đột phá")
    assert attachment_count(data) == 2


def test_exit_2_when_every_file_failed(tmp_path):
    data = tmp_path / "ws"
    assert run("demo", "--data-dir", str(data)).returncode == 0
    (tmp_path / "rong.txt").write_bytes(b"")
    (tmp_path / "bang.xls").write_bytes(b"x")
    result = run("import", str(tmp_path / "rong.txt"), str(tmp_path / "bang.xls"), str(tmp_path / "khong-co.pdf"),
                 "--data-dir", str(data))
    assert result.returncode == 2
    assert result.stdout == ""
    errors = result.stderr.splitlines()
    assert len(errors) == 3 and all(line.startswith("Lỗi: ") for line in errors)
    assert ["rong.txt" in errors[0], "bang.xls" in errors[1], "khong-co.pdf" in errors[2]] == [True] * 3
    assert "Traceback" not in result.stderr
    assert attachment_count(data) == 0


def test_no_workspace_yet_is_one_line_and_creates_nothing(tmp_path):
    (tmp_path / "a.txt").write_text("Nội dung.", encoding="utf-8")
    result = run("import", str(tmp_path / "a.txt"), "--data-dir", str(tmp_path / "ws"))
    assert result.returncode == 2
    assert result.stderr.startswith("Lỗi: ") and len(result.stderr.strip().splitlines()) == 1
    assert not (tmp_path / "ws" / "handbook.db").exists()


def test_import_needs_at_least_one_file(tmp_path):
    result = run("import", "--data-dir", str(tmp_path))
    assert result.returncode == 2 and "FILE" in result.stderr


# ---- two programs on one data folder ------------------------------------------------------

# Both processes load the program first, then start importing the moment the file `go`
# appears, so they reach the same file at the same time (as two windows importing the
# same folder would).
LAUNCH = """
import sys, time, pathlib
from handbook_desktop.cli import main
go = pathlib.Path(sys.argv[1])
while not go.exists():
    time.sleep(0.002)
sys.exit(main(sys.argv[2:]))
"""


def run_together(tmp_path, *commands: list[str]) -> list[subprocess.CompletedProcess]:
    go = tmp_path / "go"
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "PYTHONPATH": str(REPO)}
    processes = [subprocess.Popen([sys.executable, "-c", LAUNCH, str(go), *command], cwd=REPO, env=env,
                                  stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
                 for command in commands]
    time.sleep(1.5)  # both have loaded the program and wait
    go.touch()
    results = []
    for process, command in zip(processes, commands, strict=True):
        stdout, stderr = process.communicate(timeout=180)
        results.append(subprocess.CompletedProcess(command, process.returncode, stdout, stderr))
    return results


def test_two_programs_importing_the_same_files_store_each_once(tmp_path):
    data = tmp_path / "ws"
    assert run("demo", "--data-dir", str(data)).returncode == 0
    before = document_count(data)
    folder = tmp_path / "files"
    folder.mkdir()
    files = [party_docx(folder / f"nq{i:02}.docx", number=f"Số {i}-NQ/TW") for i in range(1, 8)]
    for i in range(8, 15):
        (folder / f"tb{i:02}.txt").write_text(NOTE.replace("09-HD", f"{i}-HD"), encoding="utf-8")
        files.append(folder / f"tb{i:02}.txt")
    command = ["import", *map(str, files), "--data-dir", str(data)]

    first, second = run_together(tmp_path, command, command)

    for result in (first, second):
        assert result.returncode == 0, result.stderr
        assert "Traceback" not in result.stderr and result.stderr == ""
        assert len(result.stdout.splitlines()) == 14
    lines = first.stdout.splitlines() + second.stdout.splitlines()
    assert sum(line.startswith("Đã nhập ") for line in lines) == 14
    assert sum(line.startswith("Bỏ qua ") for line in lines) == 14
    assert document_count(data) == before + 14
    assert attachment_count(data) == 14
    assert len([p for p in (data / "attachments").rglob("*") if p.is_file()]) == 14
