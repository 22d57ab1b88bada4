"""Roster workbooks as scripts leave them: formulas without a computed result, and a used
range stretched to row 1,048,576 by one stray cell."""

import shutil
import zipfile
from datetime import date

import openpyxl
import pytest
from openpyxl.styles import Font

from handbook_desktop.core.errors import ValidationError
from handbook_desktop.core.members import apply_import, preview_import
from handbook_desktop.core.members.excel.files import EMPTY_RUN

from benchmarks.roster_stray_cell import LAST_ROW, PEOPLE, measure, stray_workbook

from .helpers import act
from .rosterfiles import SIMPLE_HEADER, TODAY, simple_roster
from .test_roster_excel import members_by_name


def with_cached_results(path, results: dict[str, object]):
    """As Excel saves it: each formula cell keeps its last result (`<v>`), which openpyxl
    never writes. `results` maps a cell's coordinate to that result (a number or text)."""
    temporary = path.with_suffix(".tmp")
    with zipfile.ZipFile(path) as source, zipfile.ZipFile(temporary, "w") as target:
        for item in source.infolist():
            data = source.read(item)
            if item.filename == "xl/worksheets/sheet1.xml":
                text = data.decode()
                for coordinate, result in results.items():
                    opening = f'<c r="{coordinate}"'
                    start = text.index(opening)
                    end = text.index("</c>", start)
                    typed = opening + (' t="str"' if isinstance(result, str) else "")
                    cell_xml = text[start:end].replace(opening, typed, 1).replace("<v></v>", f"<v>{result}</v>")
                    text = text[:start] + cell_xml + text[end:]
                data = text.encode()
            target.writestr(item, data)
    shutil.move(temporary, path)
    return path


def formula_roster(path):
    rows = [list(person) for person in PEOPLE]
    rows[0][1] = "=DATE(1961,8,14)"  # birth date as a formula
    rows[1][0] = '="Trần Thị "&"Hoà"'  # the name as a formula: the row must not vanish
    return simple_roster(path, SIMPLE_HEADER, rows)


def test_a_formula_without_a_computed_result_is_a_problem_on_its_row(cell, tmp_path):
    path = formula_roster(tmp_path / "ds.xlsx")

    preview = act(cell, preview_import, path, today=TODAY)

    assert [r.row_number for r in preview.rows] == [2, 3, 4]
    first, second, third = preview.rows
    assert first.errors == ["Ngày sinh: ô B2 có công thức nhưng chưa có giá trị tính sẵn (tệp do một chương trình "
                            "tạo ra); hãy mở tệp bằng Excel, lưu lại rồi nhập lại."]
    assert len(second.errors) == 1 and "ô A3 có công thức" in second.errors[0]
    assert third.is_valid
    assert preview.summary() == "ds.xlsx: 3 dòng đảng viên — 1 mới, 0 cập nhật, 0 không đổi, 2 có lỗi."
    with pytest.raises(ValidationError, match="2 dòng có lỗi"):
        act(cell, apply_import, preview)
    assert members_by_name(cell) == {}


def test_a_formula_with_the_result_excel_saved_reads_as_that_result(cell, tmp_path):
    path = with_cached_results(formula_roster(tmp_path / "ds.xlsx"), {"B2": 22507, "A3": "Trần Thị Hoà"})
    preview = act(cell, preview_import, path, today=TODAY)
    assert all(row.is_valid for row in preview.rows), [row.errors for row in preview.rows]
    assert preview.rows[0].values["birth_date"] == date(1961, 8, 14)
    assert preview.rows[1].full_name == "Trần Thị Hoà"


@pytest.mark.parametrize("stray, rows", [("format", [2, 3, 4]), ("value", [2, 3, 4]),
                                         ("member", [2, 3, 4, LAST_ROW])])
def test_one_stray_cell_at_the_last_row_is_read_in_normal_time_and_memory(tmp_path, stray, rows):
    """Issue 12 asks ≤ 5 s and ≤ 300 MB; the benchmark measures ≈ 0.7 s and +30 MB (it was 45 s
    and +1.7 GB). The time bound here is generous so that a loaded machine never flakes."""
    path = stray_workbook(tmp_path / "ds.xlsx", stray)
    assert openpyxl.load_workbook(path, read_only=True).active.max_row == LAST_ROW  # as Excel sees it
    figures = measure(path, tmp_path / "ws", timeout=120)
    assert figures["rows"] == rows  # a lone value is no member, on any row; a member is read where it is
    assert figures["seconds"] < 30 and figures["grown_mb"] < 300, figures


def test_after_a_long_run_of_formatted_empty_rows_the_sheet_is_not_read_further(cell, tmp_path):
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    for row in [SIMPLE_HEADER, *PEOPLE]:
        sheet.append(row)
    for row in range(5, 5 + EMPTY_RUN):  # formatted, empty: a script styling a whole column
        sheet.cell(row, 1).font = Font(bold=True)
    sheet.append(["Phạm Thị Duyên", "02/09/1980", "Nữ", "03/02/2015"])
    workbook.save(tmp_path / "ds.xlsx")
    preview = act(cell, preview_import, tmp_path / "ds.xlsx", today=TODAY)
    assert [row.row_number for row in preview.rows] == [2, 3, 4]
