"""Reading the member rows under a roster's header: cell values → cleaned record values.

Only what the file itself says is checked here (readable dates, a known status, a status
that agrees with the row's dates); matching against the register comes later.
"""

from dataclasses import dataclass
from datetime import date

from handbook_desktop.core.text.dates import EXCEL_EPOCH, read_date, split_date_and_text
from handbook_desktop.core.members.values import DATE_FIELDS, EVENT_DATE_FIELDS, Problem, clean_values, field_label
from handbook_desktop.core.members.models import MemberStatus
from handbook_desktop.core.progress import Progress
from handbook_desktop.core.members.excel.files import Sheet, UncachedFormula
from handbook_desktop.core.members.excel.headers import Header
from handbook_desktop.core.members.excel.status import parse_status, status_conflicts
from handbook_desktop.core.text.folding import fold
from handbook_desktop.i18n import _

# Lines under the table of a printed roster, not members.
_FOOTERS = ("tong cong", "tong so", "nguoi lap", "xac nhan", "t/m", "bi thu", "ghi chu")
_MIN_CELLS_WITHOUT_NAME = 3  # a row this full but nameless is a member missing a name


@dataclass(frozen=True)
class RowReading:
    row_number: int  # 1-based, as the spreadsheet shows it
    values: dict[str, object]  # cleaned: text NFC, dates as dates; blank cells left out
    status: MemberStatus | None  # from the status column only
    problems: list[Problem]


def read_rows(sheet: Sheet, header: Header, today: date, progress: Progress) -> list[RowReading]:
    readings = []
    total = len(sheet.rows) - header.data_start
    for offset, cells in enumerate(sheet.rows[header.data_start:]):
        if not cells:
            continue  # empty: a stray cell far down can leave a million of them
        if offset % 500 == 0:
            progress.report(offset, total, _("Đang đọc các dòng"))
        raw = {name: cells[column] for column, name in header.columns.items()
               if column < len(cells) and not _blank(cells[column])}
        if _is_filler(raw):
            continue
        readings.append(read_row(header.data_start + offset + 1, raw, today, sheet.epoch))
    return readings


def _blank(value: object) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def _is_filler(raw: dict[str, object]) -> bool:
    """Empty rows, and the totals and signature lines under a printed table."""
    if not raw:
        return True
    name = raw.get("full_name")
    if name is None:
        return len(raw) < _MIN_CELLS_WITHOUT_NAME
    return isinstance(name, str) and fold(name.strip()).startswith(_FOOTERS) and len(raw) < _MIN_CELLS_WITHOUT_NAME


def read_row(row_number: int, raw: dict[str, object], today: date, epoch: date = EXCEL_EPOCH) -> RowReading:
    raw, problems = dict(raw), []
    for name, value in list(raw.items()):
        if isinstance(value, UncachedFormula):  # its value is unknown, not empty
            del raw[name]
            field = name.removesuffix("_male").removesuffix("_female")  # birth date under Nam / Nữ
            problems.append(Problem(field, _(
                "{field}: ô {cell} có công thức nhưng chưa có giá trị tính sẵn (tệp do một chương trình tạo ra); "
                "hãy mở tệp bằng Excel, lưu lại rồi nhập lại.").format(field=field_label(field), cell=value.coordinate)))
    for name in (*DATE_FIELDS, *EVENT_DATE_FIELDS, "birth_date_male", "birth_date_female"):
        if isinstance(raw.get(name), (int, float)) and epoch != EXCEL_EPOCH:  # a serial from an old Mac workbook
            raw[name] = read_date(raw[name], epoch=epoch).value or raw[name]
    problems += _birth_by_sex(raw)
    if isinstance(raw.get("left_on"), str):  # "12/03/2020, xóa tên" in one cell
        reading, rest = split_date_and_text(raw["left_on"], today=today)
        if reading.value and rest:
            raw["left_on"] = reading.value
            raw.setdefault("left_form", rest)
    status, problem = parse_status(raw.pop("status", None))
    values, reading_problems = clean_values(raw, today)
    problems += reading_problems + ([problem] if problem else [])
    if not problems:
        problems += status_conflicts(status, values)
    return RowReading(row_number, values, status, problems)


def _birth_by_sex(raw: dict[str, object]) -> list[Problem]:
    """The layout with the birth date written under "Nam" or under "Nữ"."""
    male, female = raw.pop("birth_date_male", None), raw.pop("birth_date_female", None)
    if male is not None and female is not None:
        return [Problem("birth_date", _("Ngày sinh ghi ở cả cột Nam và cột Nữ."))]
    if male is None and female is None:
        return []
    raw.setdefault("birth_date", male if male is not None else female)
    raw.setdefault("sex", "Nam" if male is not None else "Nữ")
    return []


def column_letter(index: int) -> str:
    """0 → A, 25 → Z, 26 → AA: how the spreadsheet names a column."""
    letters = ""
    index += 1
    while index:
        index, remainder = divmod(index - 1, 26)
        letters = chr(65 + remainder) + letters
    return letters
