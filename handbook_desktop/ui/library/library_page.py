"""Tin tức and Văn bản: filters and a list on the left, the reader on the right.

The page keeps itself fresh: any commit touching the library (an import, a sync, the
reader's own read receipt or favorite) reloads the list in place, keeping the selected
row and the open item, so a reload never reopens an item (which would write again).
"""

from html import escape

from PySide6.QtWidgets import (QAbstractItemView, QCheckBox, QComboBox, QHBoxLayout, QLabel, QPushButton,
                               QTableView, QVBoxLayout, QWidget)

from handbook_desktop.core import home, library
from handbook_desktop.core.labels import label
from handbook_desktop.i18n import _
from handbook_desktop.tts.service import SpeechService
from handbook_desktop.ui.changes import keep_fresh
from handbook_desktop.ui.fit import AdaptiveSplitter, fit_columns, fit_rows, vertical_scroll
from handbook_desktop.ui.library.items_model import ItemsModel
from handbook_desktop.ui.library.reader_view import ReaderView
from handbook_desktop.ui.ops import Operations
from handbook_desktop.ui.trash.delete_flow import add_delete_action, delete_with_confirmation

LEAST_ROWS, LEAST_READER_LINES = 6, 12


class LibraryPage(QWidget):
    def __init__(self, ops: Operations, speech: SpeechService, table: str, title: str,
                 parent: QWidget | None = None):
        super().__init__(parent)
        self.ops, self.table = ops, table
        self.model = ItemsModel(table, self)
        self.list = QTableView(selectionBehavior=QAbstractItemView.SelectionBehavior.SelectRows,
                               selectionMode=QAbstractItemView.SelectionMode.SingleSelection,
                               alternatingRowColors=True, wordWrap=False)
        self.list.setModel(self.model)
        self.list.verticalHeader().hide()
        # The title gets the room; long channel names or numbers give way first (elided, tooltip).
        fit_columns(self.list, 1 if table == library.DOCUMENTS else 0, min_stretch_chars=30)
        self.list.selectionModel().currentRowChanged.connect(self._on_current)
        if table == library.DOCUMENTS:  # a document imported by mistake; news come from the server
            add_delete_action(self.list, self.delete_current)
        self.reader = ReaderView(ops, speech)
        self._build(title)
        self.reload()
        keep_fresh(self, ops.changes, library.LIBRARY_TABLES, self.reload)

    def _build(self, title: str) -> None:
        self.category = QComboBox()
        codes = library.DocumentType if self.table == library.DOCUMENTS else library.Channel
        self.category.addItem(_("Tất cả loại") if self.table == library.DOCUMENTS else _("Tất cả kênh"), None)
        for code in codes:
            self.category.addItem(label(code), code.value)
        self.issuer = QComboBox()
        self.year = QComboBox()
        self.unread = QCheckBox(_("Chưa đọc"))
        self.favorites = QCheckBox(_("Đã đánh dấu"))
        combos, checks = QHBoxLayout(), QHBoxLayout()
        for combo in (self.category, self.issuer, self.year):
            combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
            combo.setMinimumContentsLength(8)
            combo.currentIndexChanged.connect(lambda *_args: self.reload())
            combos.addWidget(combo, 1)
        self.count = QLabel()
        for check in (self.unread, self.favorites):
            check.toggled.connect(lambda *_args: self.reload())
            checks.addWidget(check)
        checks.addStretch(1)
        checks.addWidget(self.count)
        if self.table == library.DOCUMENTS:
            delete = QPushButton(_("Xóa…"), toolTip=_("Xóa văn bản đang chọn (phím Delete)"))
            delete.clicked.connect(self.delete_current)
            checks.addWidget(delete)
        self.issuer.setVisible(self.table == library.DOCUMENTS)
        left = QWidget()
        column = QVBoxLayout(left)
        column.setContentsMargins(0, 0, 0, 0)
        column.addLayout(combos)
        column.addLayout(checks)
        column.addWidget(self.list, 1)
        # Stacked at large text, the list keeps a few whole rows and the reader a few lines of
        # text: the page scrolls down rather than squeeze either (2 rows showed at 200 %).
        fit_rows(self.list, LEAST_ROWS)
        self.reader.setMinimumHeight(self.reader.fontMetrics().lineSpacing() * LEAST_READER_LINES)
        split = AdaptiveSplitter()  # one pane above the other when both do not fit
        split.addWidget(left)
        split.addWidget(self.reader)
        split.setSizes([600, 640])  # titles need the room more than the reader's lines do
        split.setChildrenCollapsible(False)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 16, 24, 8)
        layout.addWidget(QLabel("<h1>%s</h1>" % escape(title)))
        layout.addWidget(vertical_scroll(split), 1)

    def _fill_issuers_and_years(self, issuers: list[str], years: list[int]) -> None:
        """The choices the data offers now; the chosen one stays chosen."""
        for combo, everything, values in ((self.issuer, _("Mọi cơ quan ban hành"), issuers),
                                          (self.year, _("Mọi năm"), years)):
            chosen = combo.currentData()
            combo.blockSignals(True)
            combo.clear()
            combo.addItem(everything, None)
            for value in values:
                combo.addItem(str(value), value)
            combo.setCurrentIndex(max(0, combo.findData(chosen)))
            combo.blockSignals(False)

    def current_filter(self) -> library.ItemFilter:
        return library.ItemFilter(table=self.table, category=self.category.currentData(),
                                  issuer=self.issuer.currentData(), year=self.year.currentData(),
                                  unread_only=self.unread.isChecked(), favorites_only=self.favorites.isChecked())

    def reload(self) -> None:
        """The list as the data and the filters say now; the selected item stays selected."""
        (issuers, years), items = self.ops.read_now(lambda uow: (
            library.issuers_and_years(uow, self.table), library.list_items(uow, self.current_filter())))
        self._fill_issuers_and_years(issuers, years)
        index = self.list.currentIndex()
        current = self.model.row(index.row()).id if index.isValid() else None
        self.model.set_rows(items)
        self.count.setText(_("{n} mục").format(n=len(self.model.rows)))
        if current and (row := self.model.row_of(current)) >= 0 and self.list.currentIndex().row() != row:
            self.list.selectionModel().blockSignals(True)  # the item is open already
            self.list.selectRow(row)
            self.list.selectionModel().blockSignals(False)

    def open_item(self, item_id: str) -> None:
        """Open an item from elsewhere (search, continue reading), selecting it if listed."""
        row = self.model.row_of(item_id)
        if row >= 0:
            self.list.selectRow(row)
        else:
            self.reader.open(self.table, item_id)

    def delete_current(self) -> None:
        index = self.list.currentIndex()
        if index.isValid():
            delete_with_confirmation(self, self.ops, home.DOCUMENT, self.model.row(index.row()).id,
                                     on_done=self._deleted)

    def _deleted(self, gone: home.Deleted) -> None:
        if self.reader.reading and self.reader.reading.item.id == gone.id:
            self.reader.show_empty()

    def _on_current(self, current, _previous) -> None:
        if current.isValid():  # its read receipt reloads the list: no longer bold
            self.reader.open(self.table, self.model.row(current.row()).id)
