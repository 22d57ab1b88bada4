"""Table model over the roster: no widget per row, so 5,000 members scroll smoothly."""

from PySide6.QtCore import QAbstractTableModel, QModelIndex, Qt

from handbook_desktop.core.text import format_date
from handbook_desktop.core.labels import label
from handbook_desktop.core.members import MemberRow, RosterSort
from handbook_desktop.i18n import N_, _

# column title, how a row shows it, the service's sort for it (None: not sortable)
COLUMNS = (
    (N_("STT"), lambda row, index: str(index + 1), None),
    (N_("Họ và tên"), lambda row, index: row.full_name, RosterSort.NAME),
    (N_("Ngày sinh"), lambda row, index: format_date(row.birth_date), RosterSort.BIRTH_DATE),
    (N_("Giới tính"), lambda row, index: row.sex, None),
    (N_("Ngày vào Đảng"), lambda row, index: format_date(row.admitted_on), RosterSort.ADMITTED_ON),
    (N_("Ngày chính thức"), lambda row, index: format_date(row.official_on), RosterSort.OFFICIAL_ON),
    (N_("Số thẻ"), lambda row, index: row.card_number, RosterSort.CARD_NUMBER),
    (N_("Tình trạng"), lambda row, index: label(row.status), RosterSort.STATUS),
)


class RosterModel(QAbstractTableModel):
    def __init__(self, parent=None):
        super().__init__(parent)
        self.rows: list[MemberRow] = []

    def set_rows(self, rows: list[MemberRow]) -> None:
        self.beginResetModel()
        self.rows = rows
        self.endResetModel()

    def row_of(self, member_id: str) -> int:
        return next((i for i, row in enumerate(self.rows) if row.id == member_id), -1)

    def rowCount(self, parent=QModelIndex()) -> int:  # noqa: N802 - Qt API
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent=QModelIndex()) -> int:  # noqa: N802
        return len(COLUMNS)

    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):  # noqa: N802
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return _(COLUMNS[section][0])
        return None

    def data(self, index: QModelIndex, role=Qt.ItemDataRole.DisplayRole):
        if role == Qt.ItemDataRole.DisplayRole:
            return COLUMNS[index.column()][1](self.rows[index.row()], index.row())
        return None
