"""Reading a roster file (.xlsx, .csv) into rows of cell values, or a clear refusal.

Old binary .xls files and password-protected workbooks are both OLE compound files; the
directory names inside tell them apart, so the user hears which one it is and what to do.
Merged header cells are filled with their value, so the header matcher sees a group title
over each of its sub-headers. openpyxl is imported here only, when a file is read.
"""

import csv
import io
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

from handbook_desktop.core.errors import UserError
from handbook_desktop.core.text.dates import EXCEL_EPOCH, EXCEL_EPOCH_1904
from handbook_desktop.core.members.excel.headers import SCAN_ROWS
from handbook_desktop.i18n import _

XLSX_SUFFIXES = (".xlsx", ".xlsm")
_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_ZIP_MAGIC = b"PK\x03\x04"
_ENCRYPTED_STREAM = "EncryptedPackage".encode("utf-16-le")


@dataclass
class Sheet:
    name: str
    rows: list[list[object]]  # cell values; merged cells near the top hold the merge's value
    epoch: date  # what a bare serial number counts from


def read_sheets(path: Path) -> list[Sheet]:
    """Every sheet of the file, the active one first; a UserError naming the file otherwise."""
    path = Path(path)
    try:
        head = path.open("rb").read(8)
    except FileNotFoundError as exc:
        raise UserError(_("Không tìm thấy tệp {path}.").format(path=path)) from exc
    except OSError as exc:
        raise UserError(_("Không đọc được tệp {path} ({error}).").format(path=path, error=exc.strerror or exc)) \
            from exc
    if head.startswith(_OLE_MAGIC):
        raise UserError(_ole_refusal(path))
    if path.suffix.lower() == ".csv":
        return [_read_csv(path)]
    if head.startswith(_ZIP_MAGIC) or path.suffix.lower() in XLSX_SUFFIXES:
        return _read_xlsx(path)
    raise UserError(_("Tệp {name} không phải bảng tính Excel (.xlsx) hay .csv; hãy lưu danh sách thành .xlsx "
                      "rồi nhập lại.").format(name=path.name))


def _ole_refusal(path: Path) -> str:
    if _ENCRYPTED_STREAM in path.read_bytes():
        return _("Tệp {name} được đặt mật khẩu: hãy mở trong Excel, bỏ mật khẩu (Tệp › Thông tin › Bảo vệ sổ "
                 "làm việc), lưu lại rồi nhập.").format(name=path.name)
    return _("Tệp {name} ở dạng Excel cũ (.xls): hãy mở trong Excel và lưu thành .xlsx (Tệp › Lưu thành › "
             "Sổ làm việc Excel) rồi nhập lại.").format(name=path.name)


def _read_xlsx(path: Path) -> list[Sheet]:
    import openpyxl  # heavy: only when a workbook is read

    try:
        workbook = openpyxl.load_workbook(path, data_only=True)
    except Exception as exc:  # openpyxl raises anything from zipfile, lxml or its own parser
        raise UserError(_("Tệp {name} bị hỏng hoặc không phải bảng tính Excel (.xlsx) nên không đọc được.")
                        .format(name=path.name)) from exc
    try:
        epoch = EXCEL_EPOCH_1904 if workbook.epoch.year == 1904 else EXCEL_EPOCH
        ordered = [workbook.active] + [ws for ws in workbook.worksheets if ws is not workbook.active]
        return [_sheet(ws, epoch) for ws in ordered if ws is not None]
    finally:
        workbook.close()


def _sheet(worksheet, epoch: date) -> Sheet:
    rows = [[_plain(value) for value in row] for row in worksheet.iter_rows(values_only=True)]
    for merged in worksheet.merged_cells.ranges:
        if merged.min_row > SCAN_ROWS:
            continue  # merges among members (a shared note) carry no header meaning
        value = rows[merged.min_row - 1][merged.min_col - 1]
        for row in range(merged.min_row - 1, min(merged.max_row, len(rows))):
            for column in range(merged.min_col - 1, min(merged.max_col, len(rows[row]))):
                rows[row][column] = value
    return Sheet(worksheet.title, rows, epoch)


def _plain(value: object) -> object:
    """Cell values as Python keeps them; formulas' cached results (data_only) are values too."""
    if isinstance(value, datetime) and (value.hour, value.minute, value.second) == (0, 0, 0):
        return value.date()
    return value


def _read_csv(path: Path) -> Sheet:
    data = path.read_bytes()
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        # Excel's plain "CSV" on a Vietnamese Windows is code page 1258 (tones as combining marks).
        text = data.decode("cp1258", errors="replace")
    if "\x00" in text:
        raise UserError(_("Tệp {name} không phải tệp .csv dạng văn bản nên không đọc được.").format(name=path.name))
    rows = [list(row) for row in csv.reader(io.StringIO(text), delimiter=_delimiter(text))]
    return Sheet(path.stem, [[cell if cell.strip() else None for cell in row] for row in rows], EXCEL_EPOCH)


def _delimiter(text: str) -> str:
    """The separator that splits the first lines most: Excel writes ";" where "," is the decimal mark.

    (csv.Sniffer is thrown by a title line above the header.)
    """
    lines = text.splitlines()[:SCAN_ROWS]
    return max((",", ";", "\t"), key=lambda candidate: max((line.count(candidate) for line in lines), default=0))
