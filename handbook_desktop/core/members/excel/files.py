"""Reading a roster file (.xlsx, .csv) into rows of cell values, or a clear refusal.

Old binary .xls files and password-protected workbooks are both OLE compound files; the
directory names inside tell them apart, so the user hears which one it is and what to do.
openpyxl is imported here only, when a file is read.

Workbooks are streamed (openpyxl's read-only mode) and the sheet's declared size is not
trusted: one stray cell at row 1,048,576 (a format, or a value typed there by mistake)
makes Excel's used range, and openpyxl's max_row, reach the last row. Rows the file does
not contain cost next to nothing and are stepped over, so a stray value is still read,
like any row, where it is. Rows the file holds but leaves empty (formatted cells) are
parsed one by one; after `EMPTY_RUN` of them in a row the rest of the sheet is not read,
as no roster has such a gap. A merged group title over sub-headers holds its value in its
first cell only, as when typed once; the header matcher spreads it (`headers._fill_groups`).

A formula whose result was never computed (files written by scripts: Excel stores a
cached value, openpyxl and other libraries do not) reads as `UncachedFormula`, never as an
empty cell: the row it is on gets a problem instead of quietly losing a value.
"""

import csv
import io
import operator
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime
from itertools import repeat
from pathlib import Path

from handbook_desktop.core.errors import UserError
from handbook_desktop.core.text.dates import EXCEL_EPOCH, EXCEL_EPOCH_1904
from handbook_desktop.core.members.excel.headers import SCAN_ROWS
from handbook_desktop.i18n import _

XLSX_SUFFIXES = (".xlsx", ".xlsm")
_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_ZIP_MAGIC = b"PK\x03\x04"
_ENCRYPTED_STREAM = "EncryptedPackage".encode("utf-16-le")
EMPTY_RUN = 1000  # formatted but empty rows in a row after which a sheet is not read further


@dataclass
class Sheet:
    name: str
    rows: list[Sequence[object]]  # cell values by row; an empty row is ()
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
        workbook = openpyxl.load_workbook(path, read_only=True, data_only=False)
    except Exception as exc:  # openpyxl raises anything from zipfile, lxml or its own parser
        raise UserError(_("Tệp {name} bị hỏng hoặc không phải bảng tính Excel (.xlsx) nên không đọc được.")
                        .format(name=path.name)) from exc
    try:
        epoch = EXCEL_EPOCH_1904 if workbook.epoch.year == 1904 else EXCEL_EPOCH
        ordered = [workbook.active] + [ws for ws in workbook.worksheets if ws is not workbook.active]
        sheets = [Sheet(ws.title, _rows(ws), epoch) for ws in ordered if ws is not None]
    except UserError:
        raise
    except Exception as exc:  # a part broken further in than the workbook's own
        raise UserError(_("Tệp {name} bị hỏng hoặc không phải bảng tính Excel (.xlsx) nên không đọc được.")
                        .format(name=path.name)) from exc
    finally:
        workbook.close()
    _fill_cached_results(path, sheets)
    return sheets


@dataclass(frozen=True)
class UncachedFormula:
    """A formula cell; `formula` is its text ("=B5&C5"). Stands in a row's cells until the
    result Excel saved replaces it; left only where the file has no result."""

    formula: str
    coordinate: str  # "C7"

    def __str__(self) -> str:
        return self.formula


def _rows(worksheet) -> list[Sequence[object]]:
    """The sheet's rows, 1-based row n at index n - 1; empty rows are one shared empty tuple."""
    from openpyxl.cell.read_only import EMPTY_CELL

    rows: list[Sequence[object]] = []
    last, run = 0, 0  # the last row holding a value; present but empty rows since
    absent = None  # openpyxl hands out one filler object for every row the file lacks
    for number, cells in enumerate(worksheet.iter_rows(), start=1):
        if cells is absent or all(map(operator.is_, cells, repeat(EMPTY_CELL))):  # cells compare by value
            absent = cells
            rows.append(())  # a row the file does not contain: nothing to parse
            continue
        values = [_value(cell) for cell in cells]
        if values.count(None) == len(values):
            rows.append(())
            run += 1
            if run >= EMPTY_RUN:
                break
            continue
        rows.append(values)
        last, run = number, 0
    del rows[last:]
    return rows


def _value(cell) -> object:
    if cell.data_type == "f":
        return UncachedFormula(str(cell.value), cell.coordinate)
    return _plain(cell.value)


def _fill_cached_results(path: Path, sheets: list[Sheet]) -> None:
    """Replace each formula by the result the file keeps for it, where it keeps one (a
    second reading, of the rows down to the last formula, and only when there are any)."""
    import openpyxl

    reach = {sheet.name: max((number for number, row in enumerate(sheet.rows, 1)
                              if any(isinstance(value, UncachedFormula) for value in row)), default=0)
             for sheet in sheets}
    if not any(reach.values()):
        return
    workbook = openpyxl.load_workbook(path, read_only=True, data_only=True)
    try:
        for sheet in sheets:
            last = reach[sheet.name]
            results = workbook[sheet.name].iter_rows(max_row=last, values_only=True) if last else ()
            for row, cached in zip(sheet.rows[:last], results, strict=False):
                for column, value in enumerate(row):
                    if isinstance(value, UncachedFormula) and column < len(cached) and cached[column] is not None:
                        row[column] = _plain(cached[column])
    finally:
        workbook.close()


def _plain(value: object) -> object:
    """Cell values as Python keeps them; a date-time at midnight is a date."""
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
