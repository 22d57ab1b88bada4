"""The attendance sheet as a table model: one row per member, one column per mark.

No widget per row: a cell shows ● for the member's mark and ○ for the others, and a click
on a cell (or a key on the row) marks. The sheet of a large cell scrolls as smoothly as
the roster.
"""

from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush, QColor

from handbook_desktop.core.meetings import AttendanceStatus
from handbook_desktop.core.members import MemberStatus
from handbook_desktop.core.labels import label
from handbook_desktop.core import meetings
from handbook_desktop.i18n import N_, _
from handbook_desktop.ui.table_model import RowsModel

Mark = AttendanceStatus

# (column title, the mark it sets, its key); the key letters follow the Vietnamese words:
# P(resent) is the international habit, L(ý do), K(hông lý do), M(iễn).
MARKS = (
    (N_("Có mặt (P)"), Mark.PRESENT, Qt.Key.Key_P),
    (N_("Vắng có lý do (L)"), Mark.ABSENT_EXCUSED, Qt.Key.Key_L),
    (N_("Vắng không lý do (K)"), Mark.ABSENT_UNEXCUSED, Qt.Key.Key_K),
    (N_("Miễn (M)"), Mark.EXCUSED, Qt.Key.Key_M),
)
FIRST_MARK = 3  # columns: STT, name, standing, the marks, reason
REASON = FIRST_MARK + len(MARKS)
HEADERS = (N_("STT"), N_("Họ và tên"), N_("Diện")) + tuple(title for title, _m, _k in MARKS) + (N_("Lý do vắng"),)
COLOURS = {Mark.PRESENT: QColor("#1e6b30"), Mark.ABSENT_EXCUSED: QColor("#8a5a00"),
           Mark.ABSENT_UNEXCUSED: QColor("#b3261e"), Mark.EXCUSED: QColor("#616161")}
PENDING_ROW = QColor("#fff8dc")
FILLED, EMPTY = "●", "○"


def standing_text(row: meetings.AttendanceRow) -> str:
    if row.member_status == MemberStatus.EXCUSED:
        return label(MemberStatus.EXCUSED)
    return label(row.standing)


def applies(row: meetings.AttendanceRow, mark: Mark) -> bool:
    """Excused members are marked present or excused; the others never excused."""
    excused = row.member_status == MemberStatus.EXCUSED
    return mark in (Mark.PRESENT, Mark.EXCUSED) if excused else mark != Mark.EXCUSED


class AttendanceModel(RowsModel):
    def __init__(self, parent=None):
        super().__init__([(title, self._cell(column)) for column, title in enumerate(HEADERS)], parent,
                         key=lambda row: row.member_id)

    @staticmethod
    def mark_of_column(column: int) -> Mark | None:
        return MARKS[column - FIRST_MARK][1] if FIRST_MARK <= column < REASON else None

    def header_text(self, section: int) -> str:
        return _(HEADERS[section]).replace(" (", "\n(")  # the key under the word: narrower columns

    def role_data(self, row: meetings.AttendanceRow, position: int, column: int, role):
        mark = self.mark_of_column(column)
        if role == Qt.ItemDataRole.ForegroundRole and mark is not None and row.status == mark:
            return QBrush(COLOURS[mark])
        if role == Qt.ItemDataRole.BackgroundRole and row.status == Mark.PENDING:
            return QBrush(PENDING_ROW)
        if role == Qt.ItemDataRole.TextAlignmentRole and mark is not None:
            return int(Qt.AlignmentFlag.AlignCenter)
        if role == Qt.ItemDataRole.ToolTipRole and mark is not None:
            return meetings.meeting_label(mark)
        if role == Qt.ItemDataRole.AccessibleTextRole:  # screen readers say the mark, not a circle
            return f"{row.full_name}: {meetings.meeting_label(row.status)}"
        return None

    @classmethod
    def _cell(cls, column: int):
        return lambda row, position: cls._text(row, position, column, cls.mark_of_column(column))

    @staticmethod
    def _text(row: meetings.AttendanceRow, position: int, column: int, mark: Mark | None) -> str:
        if column == 0:
            return str(position + 1)
        if column == 1:
            return row.full_name
        if column == 2:
            return standing_text(row)
        if column == REASON:
            return row.reason
        if not applies(row, mark):
            return ""
        return FILLED if row.status == mark else EMPTY
