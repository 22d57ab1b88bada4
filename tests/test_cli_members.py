"""`main.py members import|export` run as a user runs it: a separate process on real files."""

import openpyxl
from sqlalchemy import func, select

from handbook_desktop.core.members.models import Member
from handbook_desktop.core.workspace import open_workspace

from .core.members.rosterfiles import SIMPLE_HEADER, simple_roster
from .test_cli import run
from .test_cli_import import run_together


def member_count(data_dir) -> int:
    workspace = open_workspace(data_dir)
    try:
        with workspace.session() as session:
            return session.scalar(select(func.count()).select_from(Member))
    finally:
        workspace.close()


def demo(tmp_path):
    data = tmp_path / "ws"
    assert run("demo", "--data-dir", str(data)).returncode == 0
    return data


def test_export_then_import_of_the_same_file_changes_nothing(tmp_path):
    data = demo(tmp_path)
    exported = run("members", "export", str(tmp_path / "ds.xlsx"), "--data-dir", str(data))
    assert exported.returncode == 0, exported.stderr
    assert exported.stdout.strip() == f"Đã xuất 27 đảng viên ra {tmp_path / 'ds.xlsx'}."
    assert openpyxl.load_workbook(tmp_path / "ds.xlsx").active["A1"].value == "DANH SÁCH ĐẢNG VIÊN CHI BỘ KHU PHỐ 3"
    again = run("members", "import", str(tmp_path / "ds.xlsx"), "--data-dir", str(data))
    assert again.returncode == 0, again.stderr
    assert again.stdout.splitlines() == ["ds.xlsx: 27 dòng đảng viên — 0 mới, 0 cập nhật, 27 không đổi, 0 có lỗi.",
                                         "Đã nhập: 0 mới, 0 cập nhật, 27 không đổi, 0 dòng lỗi bỏ qua."]
    assert member_count(data) == 27


def test_rows_with_errors_stop_the_import_unless_valid_only(tmp_path):
    data = demo(tmp_path)
    path = simple_roster(tmp_path / "moi.xlsx", SIMPLE_HEADER, [
        ["Hoàng Văn Mới", "15/04/1990", "Nam", "03/02/2020", "03/02/2021", "12345678", "0912345678"],
        ["Hoàng Thị Sai", "31/02/1991", "Nữ", "03/02/2020", "", "", ""]])
    refused = run("members", "import", str(path), "--data-dir", str(data))
    assert refused.returncode == 2
    assert "1 mới, 0 cập nhật, 0 không đổi, 1 có lỗi" in refused.stdout
    assert "Dòng 3 (Hoàng Thị Sai) — lỗi: Ngày sinh: ngày “31/02/1991” không có trên lịch." in refused.stdout
    assert refused.stderr.startswith("Lỗi: chưa nhập dòng nào vì 1 dòng có lỗi") and "--valid-only" in refused.stderr
    assert member_count(data) == 27
    chosen = run("members", "import", str(path), "--valid-only", "--data-dir", str(data))
    assert chosen.returncode == 0, chosen.stderr
    assert chosen.stdout.splitlines()[-1] == "Đã nhập: 1 mới, 0 cập nhật, 0 không đổi, 1 dòng lỗi bỏ qua."
    assert member_count(data) == 28


def test_unreadable_files_give_one_line_and_no_traceback(tmp_path):
    data = demo(tmp_path)
    (tmp_path / "hong.xlsx").write_bytes(b"\x13\x37" * 4000)
    (tmp_path / "cu.xls").write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 600)
    for name, words in (("hong.xlsx", "bị hỏng"), ("cu.xls", "lưu thành .xlsx")):
        result = run("members", "import", str(tmp_path / name), "--data-dir", str(data))
        assert result.returncode == 2
        assert len(result.stderr.strip().splitlines()) == 1 and name in result.stderr and words in result.stderr
        assert "Traceback" not in result.stderr
    assert member_count(data) == 27


def test_a_folder_without_a_database_is_left_alone(tmp_path):
    result = run("members", "export", str(tmp_path / "ds.xlsx"), "--data-dir", str(tmp_path / "empty"))
    assert result.returncode == 2 and "chưa có cơ sở dữ liệu" in result.stderr
    assert not (tmp_path / "empty" / "handbook.db").exists() and not (tmp_path / "ds.xlsx").exists()


def test_two_roster_imports_at_once_wait_for_each_other(tmp_path):
    data = demo(tmp_path)
    names = [f"{family} {middle} {given}" for family in ("Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Vũ", "Đặng", "Bùi")
             for middle in ("Văn", "Thị", "Hữu", "Đức", "Minh", "Thu", "Quốc", "Thanh", "Ngọc", "Xuân")
             for given in ("An", "Bình", "Cường", "Dung", "Hà")]
    people = [[name, f"{1 + i % 28:02}/03/19{60 + i % 30}", "Nam", "12/05/2010", "12/05/2011", f"{90000000 + i}", ""]
              for i, name in enumerate(names)]
    roster = simple_roster(tmp_path / "ds.xlsx", SIMPLE_HEADER, people)
    command = ["members", "import", str(roster), "--data-dir", str(data)]

    first, second = run_together(tmp_path, command, command)

    for result in (first, second):
        assert result.returncode == 0, result.stderr
        assert "Traceback" not in result.stderr and "locked" not in result.stderr
    written = [r.stdout.splitlines()[-1] for r in (first, second)]
    assert sorted(written) == ["Đã nhập: 0 mới, 0 cập nhật, 400 không đổi, 0 dòng lỗi bỏ qua.",
                               "Đã nhập: 400 mới, 0 cập nhật, 0 không đổi, 0 dòng lỗi bỏ qua."]
    assert member_count(data) == 27 + 400
