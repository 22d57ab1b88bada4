"""Table model over library items: one row per item, unread rows in bold.

A reload that lists the same items in the same order updates the rows in place, so the
selection, the current row and the scroll position stay where the reader left them.
"""

from PySide6.QtCore import QAbstractTableModel, QModelIndex, Qt
from PySide6.QtGui import QFont

from handbook_desktop.core.library import DOCUMENTS, LibraryItem, category_label
from handbook_desktop.core.text import format_date
from handbook_desktop.i18n import N_, _

COLUMNS = {
    DOCUMENTS: (N_("Số, ký hiệu"), N_("Tiêu đề"), N_("Ngày ban hành")),
    "articles": (N_("Tiêu đề"), N_("Kênh"), N_("Ngày đăng")),
}


class ItemsModel(QAbstractTableModel):
    def __init__(self, table: str, parent=None):
        super().__init__(parent)
        self.table = table
        self.items: list[LibraryItem] = []

    def set_items(self, items: list[LibraryItem]) -> None:
        if items and [item.id for item in items] == [item.id for item in self.items]:
            self.items = items
            self.dataChanged.emit(self.index(0, 0), self.index(len(items) - 1, self.columnCount() - 1))
            return
        self.beginResetModel()
        self.items = items
        self.endResetModel()

    def item(self, row: int) -> LibraryItem:
        return self.items[row]

    def rowCount(self, parent=QModelIndex()) -> int:  # noqa: N802 - Qt API
        return 0 if parent.isValid() else len(self.items)

    def columnCount(self, parent=QModelIndex()) -> int:  # noqa: N802
        return 3

    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):  # noqa: N802
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return _(COLUMNS[self.table][section])
        return None

    def data(self, index: QModelIndex, role=Qt.ItemDataRole.DisplayRole):
        item = self.items[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return self._cells(item)[index.column()]
        if role == Qt.ItemDataRole.ToolTipRole:
            return item.title
        if role == Qt.ItemDataRole.FontRole and item.unread:
            font = QFont()
            font.setBold(True)
            return font
        return None

    def _cells(self, item: LibraryItem) -> tuple[str, str, str]:
        star = "★ " if item.favorite else ""
        if self.table == DOCUMENTS:
            return item.number, star + item.title, format_date(item.day)
        return star + item.title, category_label(self.table, item.category), format_date(item.day)

    def row_of(self, item_id: str) -> int:
        return next((row for row, item in enumerate(self.items) if item.id == item_id), -1)
