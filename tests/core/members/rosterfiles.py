"""Real roster workbooks for the tests, built with openpyxl as an Excel user would leave them."""

import unicodedata
from datetime import date, datetime
from pathlib import Path

import openpyxl

TODAY = date(2026, 11, 25)


def nfd(text: str) -> str:
    return unicodedata.normalize("NFD", text)


def write_xlsx(path: Path, rows: list[list[object]], merges: tuple[str, ...] = (), title: str = "Sheet1") -> Path:
    """Rows as given (None for an empty cell); merges applied after, as Excel keeps only the anchor."""
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.title = title
    for row in rows:
        sheet.append(list(row))
    for cell_range in merges:
        sheet.merge_cells(cell_range)
    workbook.save(path)
    return path


def mau7_workbook(path: Path, members: list[list[object]]) -> Path:
    """A Mẫu 7-HSĐV style roster: title rows, a two-row header with merged group cells (birth
    date under Nam/Nữ, Trình độ over three levels, Ngày vào Đảng over Dự bị/Chính thức),
    headers typed in capitals, without tones, in NFD and with stray spaces, a numbering row,
    an unknown column, then the members with an empty row among them and a totals line."""
    top = ["STT", "  HỌ VÀ   TÊN ", "Ngày sinh", None, "Dan toc", nfd("Quê quán"), "Trình độ", None, None,
           "Nghề nghiệp,\nchức vụ", "Ngày vào Đảng", None, "Số thẻ ĐV (8 số)", "Ghi chú", "Điện thoại", "Cột riêng"]
    bottom = [None, None, "Nam", "Nữ", None, None, "GDPT", "Chuyên môn", "LLCT", None, "Dự bị", "Chính thức",
              None, None, None, None]
    numbering = [f"({n})" for n in range(1, 17)]
    rows = [["ĐẢNG BỘ PHƯỜNG BẮC SƠN"], ["DANH SÁCH ĐẢNG VIÊN CHI BỘ KHU PHỐ 3"], [], top, bottom, numbering]
    rows += members + [[None, "Tổng cộng: đảng viên"]]
    merges = ("A2:P2", "A4:A5", "B4:B5", "C4:D4", "E4:E5", "F4:F5", "G4:I4", "J4:J5", "K4:L4", "M4:M5",
              "N4:N5", "O4:O5", "P4:P5")
    return write_xlsx(path, rows, merges, title="Danh sách")


def mau7_member(number: int, name: str, born: object, *, female: bool = False, ethnicity: str = "Kinh",
                admitted: object = None, official: object = None, card: object = None, phone: object = None,
                notes: str = "") -> list[object]:
    """One data row of `mau7_workbook`."""
    return [number, name, None if female else born, born if female else None, ethnicity,
            "Xã Tân Quang, thành phố Sông Công", "12/12", "Đại học", "Sơ cấp", "Cán bộ hưu trí",
            admitted, official, card, notes, phone, "không dùng"]


def simple_roster(path: Path, header: list[str], rows: list[list[object]]) -> Path:
    return write_xlsx(path, [header, *rows])


SIMPLE_HEADER = ["Họ và tên", "Ngày sinh", "Giới tính", "Ngày vào Đảng", "Ngày chính thức", "Số thẻ đảng viên",
                 "Điện thoại"]


def excel_serial(day: date) -> int:
    return (day - date(1899, 12, 30)).days


def as_datetime(day: date) -> datetime:
    return datetime(day.year, day.month, day.day)
