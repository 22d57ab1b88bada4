"""Đã xóa: what was deleted in the last 30 days, with its kind and day, and Khôi phục.

Restoring goes through the same service as undo, so it refuses what cannot come back (a
copy entered again since, a deletion older than 30 days) with the reason. A restore is
itself undoable: Ctrl+Z deletes the item again.
"""

from html import escape

from PySide6.QtWidgets import QAbstractItemView, QDialog, QHBoxLayout, QHeaderView, QLabel, QPushButton, QTableView, \
    QVBoxLayout, QWidget

from handbook_desktop.core import home
from handbook_desktop.core.text import format_datetime
from handbook_desktop.i18n import N_, _
from handbook_desktop.ui.changes import keep_fresh
from handbook_desktop.ui.ops import Operations
from handbook_desktop.ui.table_model import RowsModel

COLUMNS = (
    (N_("Loại"), lambda row, i: home.kind_label(row.kind)),
    (N_("Tên"), lambda row, i: row.title),
    (N_("Xóa lúc"), lambda row, i: format_datetime(row.deleted_at)),
)
SHOWN_TABLES = {"documents", "members", "meetings"}


class TrashDialog(QDialog):
    def __init__(self, ops: Operations, parent: QWidget | None = None):
        super().__init__(parent)
        self.ops = ops
        self.setWindowTitle(_("Đã xóa"))
        self.resize(760, 420)
        self.model = RowsModel(COLUMNS, self)
        self.table = QTableView(selectionBehavior=QAbstractItemView.SelectionBehavior.SelectRows,
                                selectionMode=QAbstractItemView.SelectionMode.SingleSelection,
                                alternatingRowColors=True, wordWrap=False)
        self.table.setModel(self.model)
        self.table.verticalHeader().hide()
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.table.activated.connect(lambda _index: self.restore_selected())
        self.empty = QLabel(_("Không có gì bị xóa trong {days} ngày qua.").format(days=home.TRASH_DAYS))
        hint = QLabel(escape(_("Những gì đã xóa trong {days} ngày qua. Mục đã xóa lâu hơn vẫn nằm trong dữ liệu "
                               "(đánh dấu là đã xóa, để đồng bộ mang theo) nhưng không khôi phục được nữa.").format(
            days=home.TRASH_DAYS)), wordWrap=True)
        self.restore_button = QPushButton(_("Khôi phục"))
        self.restore_button.clicked.connect(self.restore_selected)
        close = QPushButton(_("Đóng"))
        close.clicked.connect(self.accept)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.restore_button)
        buttons.addWidget(close)
        layout = QVBoxLayout(self)
        layout.addWidget(hint)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.empty)
        layout.addLayout(buttons)
        self.reload()
        keep_fresh(self, ops.changes, SHOWN_TABLES, self.reload)

    def reload(self) -> None:
        self.model.set_rows(self.ops.read_now(home.deleted_items))
        if self.model.rows and not self.table.selectionModel().currentIndex().isValid():
            self.table.selectRow(0)
        self.empty.setVisible(not self.model.rows)
        self.restore_button.setEnabled(bool(self.model.rows))

    def restore_selected(self) -> None:
        index = self.table.selectionModel().currentIndex()
        if not index.isValid():
            return
        item = self.model.row(index.row())

        def restored(_result) -> None:
            self.ops.undo.push(_("Khôi phục {kind} “{title}”").format(kind=home.kind_word(item.kind), title=item.title),
                               lambda uow: home.delete(uow, item.kind, item.id))

        self.ops.write(lambda uow: home.restore(uow, item.kind, item.id, item.deleted_at), title=_("Khôi phục"),
                       on_done=restored)
