"""Roster import (preview, then all-or-nothing apply) and export, on real .xlsx and .csv files."""

import unicodedata
from datetime import date, datetime

import openpyxl
import pytest
from sqlalchemy import func, select

from handbook_desktop.core.members.models import Member, MemberEvent, MemberEventKind, MemberStatus
from handbook_desktop.core.models import OutboxEntry
from handbook_desktop.core.errors import Cancelled, UserError, ValidationError
from handbook_desktop.core.progress import Progress
from handbook_desktop.core.members import RowAction, apply_import, export_roster, preview_import
from handbook_desktop.core.members.excel.export import COLUMNS

from .helpers import act
from .rosterfiles import (
    SIMPLE_HEADER,
    TODAY,
    as_datetime,
    excel_serial,
    mau7_member,
    mau7_workbook,
    nfd,
    simple_roster,
    write_xlsx,
)

MEMBER_COLUMNS = ("full_name", "birth_date", "sex", "ethnicity", "religion", "hometown", "address", "education",
                  "specialist_level", "theory_level", "occupation", "admitted_on", "official_on", "card_number",
                  "status", "phone", "notes")


def count(workspace, model) -> int:
    with workspace.session() as session:
        return session.scalar(select(func.count()).select_from(model))


def outbox(workspace) -> list[OutboxEntry]:
    with workspace.session() as session:
        return list(session.scalars(select(OutboxEntry).order_by(OutboxEntry.seq)))


def members_by_name(workspace) -> dict[str, Member]:
    with workspace.session() as session:
        return {x.full_name: x for x in session.scalars(select(Member))}


def cp1258(text: str) -> bytes:
    """Windows-1258 as Excel writes it: letters with a hat or horn precomposed, tones combining."""
    out = b""
    for char in text:
        try:
            out += char.encode("cp1258")
        except UnicodeEncodeError:
            base, *marks = unicodedata.normalize("NFD", char)
            if marks and unicodedata.normalize("NFC", base + marks[0]).encode("cp1258", errors="ignore"):
                base, marks = unicodedata.normalize("NFC", base + marks[0]), marks[1:]
            out += (base + "".join(marks)).encode("cp1258")
    return out


def three_members():
    return [
        mau7_member(1, "Nguyễn Văn Bình", "14/08/1961", admitted=as_datetime(date(1986, 5, 19)),
                    official=excel_serial(date(1987, 5, 19)), card=12345678, phone=912345678),
        [],  # an empty row between members
        mau7_member(2, nfd("  Trần   Thị Hoà "), "1-2-75", female=True, ethnicity="Tày",
                    admitted="2010-03-08", official="08.03.2011", card="2345 6789"),
        mau7_member(3, "Lê Văn Cường", date(1990, 6, 30), admitted="ngày 19 tháng 5 năm 2026", card=None),
    ]


def test_a_mau7_roster_is_read_whatever_its_header_looks_like(cell, tmp_path):
    path = mau7_workbook(tmp_path / "ds.xlsx", three_members())
    preview = act(cell, preview_import, path, today=TODAY)
    fields = {c.field for c in preview.columns}
    assert {"full_name", "birth_date_male", "birth_date_female", "ethnicity", "hometown", "education",
            "specialist_level", "theory_level", "occupation", "admitted_on", "official_on", "card_number",
            "notes", "phone"} <= fields
    assert preview.header_row == 4 and preview.sheet == "Danh sách"
    assert preview.ignored_columns == ["Cột riêng"]
    assert [r.row_number for r in preview.rows] == [7, 9, 10]  # numbering row, empty row and totals skipped
    assert all(r.action == RowAction.NEW and r.is_valid for r in preview.rows), [r.errors for r in preview.rows]
    first, second, third = (r.values for r in preview.rows)
    assert first["birth_date"] == date(1961, 8, 14) and first["sex"] == "Nam"
    assert first["admitted_on"] == date(1986, 5, 19) and first["official_on"] == date(1987, 5, 19)
    assert first["card_number"] == "12345678" and first["phone"] == "0912345678"
    assert second["full_name"] == "Trần Thị Hoà" and unicodedata.is_normalized("NFC", second["full_name"])
    assert second["birth_date"] == date(1975, 2, 1) and second["sex"] == "Nữ" and second["ethnicity"] == "Tày"
    assert second["official_on"] == date(2011, 3, 8) and second["card_number"] == "23456789"
    assert third["birth_date"] == date(1990, 6, 30) and third["admitted_on"] == date(2026, 5, 19)
    assert preview.summary() == "ds.xlsx: 3 dòng đảng viên — 3 mới, 0 cập nhật, 0 không đổi, 0 có lỗi."


def test_apply_writes_members_with_their_events(cell, tmp_path):
    preview = act(cell, preview_import, mau7_workbook(tmp_path / "ds.xlsx", three_members()), today=TODAY)
    result = act(cell, apply_import, preview)
    assert (result.created, result.updated, result.unchanged, result.skipped) == (3, 0, 0, 0)
    members = members_by_name(cell)
    assert members["Nguyễn Văn Bình"].status == MemberStatus.OFFICIAL
    assert members["Lê Văn Cường"].status == MemberStatus.PROBATIONARY
    assert members["Nguyễn Văn Bình"].unit_id == "cell-1"
    assert count(cell, MemberEvent) == 5  # three admissions, two made official
    assert {e.entity for e in outbox(cell)} == {"members", "member_events"}


def test_rows_with_problems_block_the_import_unless_the_user_chooses_the_valid_ones(cell, tmp_path):
    rows = three_members() + [
        mau7_member(4, "Phạm Văn Dũng", "31/02/1980", admitted="01/01/2005"),  # no such day
        mau7_member(5, "Nguyen Van Binh", "14/08/1961", admitted="19/05/1986"),  # row 7 again, typed without tones
        mau7_member(6, "Hoàng Văn Em", "01/01/1970", admitted="01/01/2000", card="1234"),
    ]
    preview = act(cell, preview_import, mau7_workbook(tmp_path / "ds.xlsx", rows), today=TODAY)
    problems = {r.row_number: r.errors for r in preview.rows if r.errors}
    assert list(problems) == [11, 12, 13]
    assert problems[11] == ["Ngày sinh: ngày “31/02/1980” không có trên lịch."]
    assert problems[12] == ["Trùng họ tên và ngày sinh với dòng 7 của tệp."]
    assert problems[13] == ["Số thẻ đảng viên “1234” phải gồm đúng 8 chữ số."]
    assert preview.has_problems and preview.invalid == 3
    with pytest.raises(ValidationError, match="3 dòng có lỗi nên chưa nhập dòng nào"):
        act(cell, apply_import, preview)
    assert count(cell, Member) == 0 and outbox(cell) == []
    result = act(cell, apply_import, preview, valid_rows_only=True)
    assert (result.created, result.skipped) == (3, 3)
    assert sorted(members_by_name(cell)) == ["Lê Văn Cường", "Nguyễn Văn Bình", "Trần Thị Hoà"]


def test_reimport_creates_no_duplicate_and_the_outbox_gets_only_changed_fields(cell, tmp_path):
    path = mau7_workbook(tmp_path / "ds.xlsx", three_members())
    act(cell, apply_import, act(cell, preview_import, path, today=TODAY))
    before = len(outbox(cell))
    again = act(cell, preview_import, path, today=TODAY)
    assert [r.action for r in again.rows] == [RowAction.UNCHANGED] * 3
    act(cell, apply_import, again)
    assert count(cell, Member) == 3 and len(outbox(cell)) == before

    changed = three_members()
    changed[0][14] = "0987 654 321"  # new phone for row 1
    changed[3][1] = "LÊ VĂN CƯỜNG"  # capitals: still the same person, and no change of spelling
    changed[3][13] = "Chuyển đến từ chi bộ khu phố 2"
    preview = act(cell, preview_import, mau7_workbook(tmp_path / "ds2.xlsx", changed), today=TODAY)
    assert [(r.action, r.changes) for r in preview.rows] == [
        (RowAction.UPDATE, ["phone"]), (RowAction.UNCHANGED, []), (RowAction.UPDATE, ["notes"])]
    act(cell, apply_import, preview)
    added = outbox(cell)[before:]
    assert sorted((e.entity, e.op, sorted(e.payload)) for e in added) == [
        ("members", "update", ["notes"]), ("members", "update", ["phone"])]
    assert "Lê Văn Cường" in members_by_name(cell)  # capitals in the file do not replace the written name
    assert count(cell, Member) == 3


def test_members_already_in_the_register_are_matched_by_card_or_by_name_and_birth(demo_workspace, tmp_path):
    rows = [["Trần Đức Dũng", "14/08/1961", "Nam", "19/05/1986", "19/05/1987", "69516578", ""],  # unchanged
            ["dao thu trang", "12/06/1998", "", "", "", "", "0900000001"],  # no card: name + birth
            ["Lê Văn Mới", "12/06/1960", "Nam", "12/06/1990", "", "66960269", ""]]  # someone else's card
    path = simple_roster(tmp_path / "ds.xlsx", SIMPLE_HEADER, rows)
    preview = act(demo_workspace, preview_import, path, today=TODAY)
    first, second, third = preview.rows
    assert first.action == RowAction.UNCHANGED and first.is_valid
    assert second.action == RowAction.UPDATE and second.changes == ["phone"] and second.is_valid
    assert third.errors == ["Số thẻ đảng viên 66960269 đã thuộc đồng chí Nguyễn Thị Thu Hương trong danh sách, "
                            "không phải Lê Văn Mới."]


def test_a_reimport_changes_a_status_only_by_a_dated_event(demo_workspace, tmp_path):
    header = ["Họ và tên", "Ngày sinh", "Số thẻ đảng viên", "Ngày từ trần", "Tình trạng"]
    rows = [["Đỗ Văn Cẩn", "02/03/1941", "87341045", "10/11/2026", ""],  # died: an event with that date
            ["Lê Văn Lữ", "22/12/1950", "87387537", "", "Miễn sinh hoạt"],  # no date: left as it is
            ["Hà Thị Thúy", "14/02/1994", "23991579", "", "Mất tích"]]  # not a status
    preview = act(demo_workspace, preview_import, simple_roster(tmp_path / "ds.xlsx", header, rows), today=TODAY)
    died, excused, unknown = preview.rows
    assert died.action == RowAction.UPDATE and died.status_change == (
        MemberEventKind.DECEASED, date(2026, 11, 10), "")
    assert excused.action == RowAction.UNCHANGED and excused.warnings == [
        "Tình trạng trong tệp là “Miễn sinh hoạt”, trong danh sách là “Chính thức”: chưa đổi, vì tệp không ghi "
        "ngày; hãy dùng “Thay đổi tình trạng”."]
    assert unknown.errors[0].startswith("Tình trạng “Mất tích” không rõ")
    act(demo_workspace, apply_import, preview, valid_rows_only=True)
    members = members_by_name(demo_workspace)
    assert members["Đỗ Văn Cẩn"].status == MemberStatus.DECEASED
    assert members["Lê Văn Lữ"].status == MemberStatus.OFFICIAL


def test_dates_as_text_serials_and_real_dates_and_a_csv_file(cell, tmp_path):
    rows = [["Ngô Văn An", 22_000, "nam", as_datetime(date(1980, 1, 1)), "1/1/81", "01234567", "0912 345 678"]]
    preview = act(cell, preview_import, simple_roster(tmp_path / "a.xlsx", SIMPLE_HEADER, rows), today=TODAY)
    values = preview.rows[0].values
    assert values["birth_date"] == date(1960, 3, 25) and values["sex"] == "Nam"
    assert values["admitted_on"] == date(1980, 1, 1) and values["official_on"] == date(1981, 1, 1)
    assert values["card_number"] == "01234567" and values["phone"] == "0912345678"

    csv_path = tmp_path / "b.csv"
    csv_path.write_text("Danh sách chi bộ\n" + ";".join(SIMPLE_HEADER) + "\n"
                        + nfd("Ngô Văn An;25/03/1960;Nam;01/01/1980;01/01/1981;01234567;\n") + ";;;;;;\n",
                        encoding="utf-8-sig")
    preview = act(cell, preview_import, csv_path, today=TODAY)
    assert len(preview.rows) == 1  # the title line above the header and the empty line are not members
    assert preview.rows[0].values == {name: value for name, value in values.items() if name != "phone"}
    legacy = tmp_path / "c.csv"  # Excel's plain CSV on a Vietnamese Windows
    legacy.write_bytes(cp1258("Họ và tên,Ngày sinh,Ngày vào Đảng\nNgô Văn An,25/03/1960,01/01/1980\n"))
    assert act(cell, preview_import, legacy, today=TODAY).rows[0].full_name == "Ngô Văn An"


def test_files_that_cannot_be_read_say_so_and_write_nothing(cell, tmp_path):
    corrupt = tmp_path / "hong.xlsx"
    corrupt.write_bytes(bytes(range(256)) * 20)
    with pytest.raises(UserError, match="hong.xlsx bị hỏng"):
        act(cell, preview_import, corrupt)
    truncated = tmp_path / "cut.xlsx"
    truncated.write_bytes(simple_roster(tmp_path / "full.xlsx", SIMPLE_HEADER, []).read_bytes()[:300])
    with pytest.raises(UserError, match="cut.xlsx bị hỏng"):
        act(cell, preview_import, truncated)
    old = tmp_path / "cu.xls"
    old.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 500 + "Workbook".encode("utf-16-le"))
    with pytest.raises(UserError, match=r"cu.xls ở dạng Excel cũ \(.xls\).*lưu thành .xlsx"):
        act(cell, preview_import, old)
    locked = tmp_path / "khoa.xlsx"
    locked.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 500 + "EncryptedPackage".encode("utf-16-le"))
    with pytest.raises(UserError, match="khoa.xlsx được đặt mật khẩu"):
        act(cell, preview_import, locked)
    other = write_xlsx(tmp_path / "khac.xlsx", [["Mặt hàng", "Số lượng"], ["Bút", 3]])
    with pytest.raises(UserError, match="Không tìm thấy dòng tiêu đề .* khac.xlsx"):
        act(cell, preview_import, other)
    with pytest.raises(UserError, match="Không tìm thấy tệp"):
        act(cell, preview_import, tmp_path / "khong-co.xlsx")
    assert count(cell, Member) == 0 and outbox(cell) == []


def test_a_header_on_a_later_sheet_is_found(cell, tmp_path):
    workbook = openpyxl.Workbook()
    workbook.active.append(["Hướng dẫn điền mẫu"])
    sheet = workbook.create_sheet("DS")
    sheet.append(SIMPLE_HEADER)
    sheet.append(["Ngô Văn An", "25/03/1960", "Nam", "01/01/1980", "01/01/1981", "", ""])
    workbook.save(tmp_path / "two.xlsx")
    preview = act(cell, preview_import, tmp_path / "two.xlsx", today=TODAY)
    assert preview.sheet == "DS" and len(preview.rows) == 1


def test_a_preview_writes_nothing(demo_workspace, tmp_path):
    heard = []
    demo_workspace.add_listener(heard.append)
    path = simple_roster(tmp_path / "ds.xlsx", SIMPLE_HEADER, [
        ["Hoàng Văn Mới", "15/04/1990", "Nam", "03/02/2020", "03/02/2021", "12345678", ""],
        ["Trần Đức Dũng", "14/08/1961", "Nam", "19/05/1986", "19/05/1987", "69516578", "0900000009"]])
    preview = act(demo_workspace, preview_import, path, today=TODAY)
    assert (preview.count(RowAction.NEW), preview.count(RowAction.UPDATE)) == (1, 1)
    assert heard == [] and outbox(demo_workspace) == []


def test_apply_needs_a_cell_and_preview_can_be_cancelled(workspace, tmp_path):
    path = simple_roster(tmp_path / "a.xlsx", SIMPLE_HEADER, [["Ngô Văn An", "25/03/1960", "Nam", "01/01/1980",
                                                              "01/01/1981", "", ""]])
    preview = act(workspace, preview_import, path, today=TODAY)
    with pytest.raises(UserError, match="chưa gắn với chi bộ nào"):
        act(workspace, apply_import, preview)
    progress = Progress()
    progress.cancel()
    with pytest.raises(Cancelled):
        act(workspace, preview_import, path, progress=progress)


def test_export_follows_mau7_with_a_title_real_dates_and_widths(demo_workspace, tmp_path):
    path = tmp_path / "ds.xlsx"
    assert act(demo_workspace, export_roster, path, today=TODAY) == 27
    sheet = openpyxl.load_workbook(path).active
    assert sheet["A1"].value == "DANH SÁCH ĐẢNG VIÊN CHI BỘ KHU PHỐ 3" and sheet["A1"].font.bold
    assert sheet["A2"].value == "(Lập ngày 25/11/2026; 27 đảng viên)"
    assert [sheet.cell(4, i).value for i in (1, 2, 3, 9, 12)] == ["STT", "Họ và tên", "Ngày sinh", "Trình độ",
                                                                   "Nghề nghiệp, chức vụ"]
    assert [sheet.cell(5, i).value for i in (9, 10, 11)] == ["Giáo dục phổ thông", "Chuyên môn nghiệp vụ",
                                                             "Lý luận chính trị"]
    assert all(sheet.cell(4, i).font.bold for i in range(1, len(COLUMNS) + 1) if sheet.cell(4, i).value)
    assert "I4:K4" in {str(r) for r in sheet.merged_cells.ranges}
    first = [sheet.cell(6, i).value for i in range(1, 4)]
    assert first == [1, "Bùi Thị Lan Anh", datetime(1990, 4, 4)]  # Vietnamese order by given name
    assert sheet.cell(6, 3).number_format == "DD/MM/YYYY"
    assert sheet.cell(6, 15).value == "63057724" and sheet.cell(6, 17).value == datetime(2026, 6, 15)
    assert sheet.column_dimensions["B"].width == 24 and sheet.column_dimensions["H"].width == 34
    assert sheet.max_row == 5 + 27


def test_export_then_import_into_an_empty_cell_reproduces_the_roster(demo_workspace, cell, tmp_path):
    path = tmp_path / "ds.xlsx"
    act(demo_workspace, export_roster, path, today=TODAY)
    preview = act(cell, preview_import, path, today=TODAY)
    assert not preview.has_problems and preview.count(RowAction.NEW) == 27
    act(cell, apply_import, preview)

    def snapshot(workspace):
        with workspace.session() as session:
            return sorted(tuple(getattr(x, name) for name in MEMBER_COLUMNS) for x in session.scalars(select(Member)))

    assert snapshot(cell) == snapshot(demo_workspace)
    with cell.session() as session:
        kinds = dict(session.execute(select(MemberEvent.kind, func.count()).group_by(MemberEvent.kind)).all())
    assert kinds["deceased"] == 1 and kinds["transferred_out"] == 1 and kinds["admitted"] == 27
    assert act(cell, preview_import, path, today=TODAY).count(RowAction.UNCHANGED) == 27
