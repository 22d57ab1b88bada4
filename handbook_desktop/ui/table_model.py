"""The one table model base: plain rows from a service, declared columns, no widget per row.

A column is (header marked with N_, text of a row at its position). Models that show more
than text (bold unread rows, coloured marks, check boxes, editing) override `role_data`,
`flags` or `setData`; the grid-shaped models (the month calendar, the attendance chart with a
column per meeting) keep their own, because their rows are not a list of records.
"""

from collections.abc import Callable, Sequence
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, Qt

from handbook_desktop.i18n import _

Column = tuple[str, Callable[[Any, int], Any]]


class RowsModel(QAbstractTableModel):
    def __init__(self, columns: Sequence[Column], parent=None, *, key: Callable[[Any], Any] = lambda row: row.id):
        super().__init__(parent)
        self.columns = list(columns)
        self.rows: list[Any] = []
        self._key = key

    def set_rows(self, rows: list[Any]) -> None:
        """New rows; the same rows in the same order only repaint, keeping selection and scroll."""
        rows = list(rows)
        if rows and self._same_keys(rows):
            self.rows = rows
            self.dataChanged.emit(self.index(0, 0), self.index(len(rows) - 1, self.columnCount() - 1))
            return
        self.beginResetModel()
        self.rows = rows
        self.endResetModel()

    def _same_keys(self, rows: list[Any]) -> bool:
        try:
            return [self._key(row) for row in rows] == [self._key(row) for row in self.rows]
        except AttributeError:  # rows without an identity: always a fresh reset
            return False

    def row(self, position: int) -> Any:
        return self.rows[position]

    def row_of(self, key: Any) -> int:
        return next((i for i, row in enumerate(self.rows) if self._key(row) == key), -1)

    def replace(self, row: Any) -> int:
        """Show one row's new state without resetting the view (keeps the selection)."""
        position = self.row_of(self._key(row))
        if position >= 0:
            self.rows[position] = row
            self.dataChanged.emit(self.index(position, 0), self.index(position, self.columnCount() - 1))
        return position

    def text(self, position: int, column: int) -> Any:
        return self.columns[column][1](self.rows[position], position)

    def rowCount(self, parent=QModelIndex()) -> int:  # noqa: N802 - Qt API
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent=QModelIndex()) -> int:  # noqa: N802
        return len(self.columns)

    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):  # noqa: N802
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self.header_text(section)
        return None

    def header_text(self, section: int) -> str:
        return _(self.columns[section][0])

    def data(self, index: QModelIndex, role=Qt.ItemDataRole.DisplayRole):
        if role == Qt.ItemDataRole.DisplayRole:
            return self.text(index.row(), index.column())
        return self.role_data(self.rows[index.row()], index.row(), index.column(), role)

    def role_data(self, row: Any, position: int, column: int, role) -> Any:
        """Anything but the display text; by default the tooltip repeats a cell cut short."""
        return self.text(position, column) if role == Qt.ItemDataRole.ToolTipRole else None
