"""Exporting the roster to .xlsx in the column order of Mẫu 7-HSĐV.

The sheet is Party paperwork, so its text is Vietnamese whatever the interface language
(as printed minutes are), and it reads back through our own import: export then import
into an empty cell reproduces the roster. Dates are real dates shown dd/mm/yyyy; card and
phone numbers are text so their leading zeros survive. The last two columns (status and
phone) are not on the paper form; the app needs them for the round trip.
"""

import io
import os
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from sqlalchemy import select

from handbook_desktop.core.members.models import Member, MemberEvent, MemberEventKind, MemberStatus
from handbook_desktop.core.errors import UserError, is_disk_full
from handbook_desktop.core.members.labels import STATUS_LABELS
from handbook_desktop.core.org import cell_name
from handbook_desktop.core.text.sort import name_sort_key
from handbook_desktop.core.workspace import UnitOfWork
from handbook_desktop.i18n import _


@dataclass(frozen=True)
class Column:
    header: str
    group: str  # the title merged over a group of columns on the first header row, or ""
    field: str
    width: float


COLUMNS = (
    Column("STT", "", "ordinal", 5), Column("Họ và tên", "", "full_name", 24),
    Column("Ngày sinh", "", "birth_date", 12),
    Column("Giới tính", "", "sex", 7), Column("Dân tộc", "", "ethnicity", 9), Column("Tôn giáo", "", "religion", 10),
    Column("Quê quán", "", "hometown", 30), Column("Nơi thường trú", "", "address", 34),
    Column("Giáo dục phổ thông", "Trình độ", "education", 10),
    Column("Chuyên môn nghiệp vụ", "Trình độ", "specialist_level", 20),
    Column("Lý luận chính trị", "Trình độ", "theory_level", 11),
    Column("Nghề nghiệp, chức vụ", "", "occupation", 32), Column("Ngày vào Đảng", "", "admitted_on", 12),
    Column("Ngày chính thức", "", "official_on", 12), Column("Số thẻ đảng viên", "", "card_number", 11),
    Column("Chuyển đến", "Chuyển sinh hoạt đảng", "transferred_in_on", 12),
    Column("Chuyển đi", "Chuyển sinh hoạt đảng", "transferred_out_on", 12),
    Column("Ngày từ trần", "", "died_on", 12),
    Column("Ngày", "Ra khỏi Đảng", "left_on", 12), Column("Hình thức", "Ra khỏi Đảng", "left_form", 14),
    Column("Ghi chú", "", "notes", 30), Column("Tình trạng", "", "status", 14), Column("Điện thoại", "", "phone", 12),
)
DATE_FORMAT = "DD/MM/YYYY"
TITLE_ROWS = 3  # title, subtitle, a blank line; the header starts below
# The last event of each kind gives the dated columns.
_EVENT_COLUMNS = {MemberEventKind.TRANSFERRED_IN: "transferred_in_on",
                  MemberEventKind.TRANSFERRED_OUT: "transferred_out_on",
                  MemberEventKind.DECEASED: "died_on", MemberEventKind.LEFT: "left_on"}


def export_roster(uow: UnitOfWork, path: Path, *, today: date | None = None) -> int:
    """Write every member of the register to `path` (.xlsx); returns how many."""
    import openpyxl  # heavy: only when a roster is exported

    path = Path(path)
    if path.suffix.lower() != ".xlsx":
        raise UserError(_("Danh sách chỉ xuất được ra tệp .xlsx, không phải “{name}”.").format(name=path.name))
    records = _records(uow)
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.title = "Danh sách đảng viên"
    _write_title(sheet, cell_name(uow), today or uow.today(), len(records))
    _write_header(sheet)
    _register_styles(workbook)
    for number, record in enumerate(records, start=1):
        _write_member(sheet, TITLE_ROWS + 2 + number, number, record)
    _lay_out(sheet)
    _save(workbook, path)
    return len(records)


def _records(uow: UnitOfWork) -> list[dict]:
    cell = uow.cell.unit_id
    members = list(uow.session.scalars(select(Member).where(Member.deleted_at.is_(None), Member.unit_id == cell)))
    events = uow.session.scalars(select(MemberEvent).where(
        MemberEvent.deleted_at.is_(None), MemberEvent.member_id.in_(select(Member.id).where(Member.unit_id == cell)))
        .order_by(MemberEvent.occurred_on, MemberEvent.created_at, MemberEvent.id))
    dated: dict[str, dict] = {}
    for event in events:
        column = _EVENT_COLUMNS.get(MemberEventKind(event.kind))
        if column:
            dated.setdefault(event.member_id, {})[column] = event.occurred_on
            if column == "left_on":
                dated[event.member_id]["left_form"] = event.reason
    members.sort(key=lambda member: name_sort_key(member.full_name))
    return [{**{c.field: getattr(member, c.field, None) for c in COLUMNS}, **dated.get(member.id, {}),
             "status": STATUS_LABELS[MemberStatus(member.status)]}  # the Vietnamese word, not a translation
            for member in members]


def _write_title(sheet, cell_name: str, today: date, count: int) -> None:
    from openpyxl.styles import Alignment, Font

    last = len(COLUMNS)
    title = "DANH SÁCH ĐẢNG VIÊN" + (f" {cell_name.upper()}" if cell_name else "")
    sheet.cell(1, 1, title).font = Font(bold=True, size=14)
    sheet.cell(2, 1, f"(Lập ngày {today:%d/%m/%Y}; {count} đảng viên)").font = Font(italic=True)
    for row in (1, 2):
        sheet.merge_cells(start_row=row, start_column=1, end_row=row, end_column=last)
        sheet.cell(row, 1).alignment = Alignment(horizontal="center")


def _write_header(sheet) -> None:
    """Two header rows: a group title merged across its columns, other titles merged down."""
    from openpyxl.styles import Alignment, Font

    top, bottom = TITLE_ROWS + 1, TITLE_ROWS + 2
    style = dict(font=Font(bold=True), alignment=Alignment(horizontal="center", vertical="center", wrap_text=True))
    column = 1
    while column <= len(COLUMNS):
        spec = COLUMNS[column - 1]
        if spec.group:
            span = sum(1 for c in COLUMNS if c.group == spec.group)
            _styled(sheet.cell(top, column, spec.group), style)
            sheet.merge_cells(start_row=top, start_column=column, end_row=top, end_column=column + span - 1)
            for offset in range(span):
                _styled(sheet.cell(bottom, column + offset, COLUMNS[column - 1 + offset].header), style)
            column += span
        else:
            _styled(sheet.cell(top, column, spec.header), style)
            sheet.merge_cells(start_row=top, start_column=column, end_row=bottom, end_column=column)
            column += 1


def _styled(cell, style: dict) -> None:
    for name, value in style.items():
        setattr(cell, name, value)


def _write_member(sheet, row: int, number: int, record: dict) -> None:
    # Named styles are registered once; a style object per cell would cost seconds at 2,000 rows.
    for index, spec in enumerate(COLUMNS, start=1):
        value = number if spec.field == "ordinal" else record.get(spec.field)
        cell = sheet.cell(row, index, None if value == "" else value)
        cell.style = _DATE_STYLE if isinstance(value, date) else _TEXT_STYLE if spec.field in (
            "card_number", "phone") else _CELL_STYLE


_CELL_STYLE, _DATE_STYLE, _TEXT_STYLE = "roster cell", "roster date", "roster text"


def _register_styles(workbook) -> None:
    from openpyxl.styles import Alignment, Border, NamedStyle, Side

    thin = Side(style="thin")
    for name, number_format in ((_CELL_STYLE, "General"), (_DATE_STYLE, DATE_FORMAT), (_TEXT_STYLE, "@")):
        workbook.add_named_style(NamedStyle(name, number_format=number_format,
                                            border=Border(left=thin, right=thin, top=thin, bottom=thin),
                                            alignment=Alignment(vertical="top", wrap_text=True)))


def _lay_out(sheet) -> None:
    from openpyxl.styles import Border, Side
    from openpyxl.utils import get_column_letter

    thin = Side(style="thin")
    border = Border(left=thin, right=thin, top=thin, bottom=thin)
    for index, spec in enumerate(COLUMNS, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = spec.width
        for row in (TITLE_ROWS + 1, TITLE_ROWS + 2):
            sheet.cell(row, index).border = border
    sheet.freeze_panes = sheet.cell(TITLE_ROWS + 3, 3)
    sheet.page_setup.orientation = "landscape"
    sheet.page_setup.paperSize = sheet.PAPERSIZE_A4
    sheet.page_setup.fitToWidth, sheet.page_setup.fitToHeight = 1, 0
    sheet.sheet_properties.pageSetUpPr.fitToPage = True
    sheet.print_title_rows = f"{TITLE_ROWS + 1}:{TITLE_ROWS + 2}"


def _save(workbook, path: Path) -> None:
    """Through a temporary file: an interrupted export never leaves half a roster behind.
    The workbook is zipped in memory first (a roster is well under a megabyte): openpyxl leaves
    its zip open when a write fails, and the zip's finalizer prints a traceback later."""
    buffer = io.BytesIO()
    workbook.save(buffer)
    partial = path.with_name(path.name + ".partial")
    try:
        partial.write_bytes(buffer.getbuffer())
        os.replace(partial, path)
    except OSError as exc:
        partial.unlink(missing_ok=True)
        if is_disk_full(exc):
            raise UserError(_("Ổ đĩa đã đầy: chưa ghi được tệp {path}. Hãy giải phóng dung lượng hoặc chọn nơi "
                              "lưu khác.").format(path=path)) from exc
        raise UserError(_("Không ghi được tệp {path} ({error}); nếu tệp đang mở trong Excel, hãy đóng lại rồi "
                          "thử lại.").format(path=path, error=exc.strerror or exc)) from exc
