"""The attendance sheet as a table model: one row per member, one column per mark.

No widget per row: a cell shows ● for the member's mark and ○ for the others, and a click
on a cell (or a key on the row) marks. The sheet of a large cell scrolls as smoothly as
the roster.
"""

from PySide6.QtCore import QAbstractTableModel, QModelIndex, Qt
from PySide6.QtGui import QBrush, QColor

from handbook_desktop.core.meetings import AttendanceStatus
from handbook_desktop.core.members import MemberStatus
from handbook_desktop.core.labels import label
from handbook_desktop.core import meetings
from handbook_desktop.i18n import N_, _

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


class AttendanceModel(QAbstractTableModel):
    def __init__(self, parent=None):
        super().__init__(parent)
        self.rows: list[meetings.AttendanceRow] = []

    def set_rows(self, rows: list[meetings.AttendanceRow]) -> None:
        self.beginResetModel()
        self.rows = list(rows)
        self.endResetModel()

    def replace(self, row: meetings.AttendanceRow) -> int:
        """Show one member's new mark without resetting the view (keeps the selection)."""
        position = self.row_of(row.member_id)
        if position >= 0:
            self.rows[position] = row
            self.dataChanged.emit(self.index(position, 0), self.index(position, REASON))
        return position

    def row_of(self, member_id: str) -> int:
        return next((i for i, row in enumerate(self.rows) if row.member_id == member_id), -1)

    @staticmethod
    def mark_of_column(column: int) -> Mark | None:
        return MARKS[column - FIRST_MARK][1] if FIRST_MARK <= column < REASON else None

    def rowCount(self, parent=QModelIndex()) -> int:  # noqa: N802 - Qt API
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent=QModelIndex()) -> int:  # noqa: N802
        return len(HEADERS)

    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):  # noqa: N802
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return _(HEADERS[section]).replace(" (", "\n(")  # the key under the word: narrower columns
        return None

    def data(self, index: QModelIndex, role=Qt.ItemDataRole.DisplayRole):
        row, column = self.rows[index.row()], index.column()
        mark = self.mark_of_column(column)
        if role == Qt.ItemDataRole.DisplayRole:
            return self._text(row, index.row(), column, mark)
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
