"""Chi bộ / Đảng viên: the cell's figures, search and filter, the roster, the member's record."""

from html import escape
from pathlib import Path

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import (QAbstractItemView, QComboBox, QFileDialog, QHBoxLayout, QLabel, QLineEdit,
                               QPushButton, QTableView, QVBoxLayout, QWidget)

from handbook_desktop.core import home, members
from handbook_desktop.core.access import can_edit_cell
from handbook_desktop.core.labels import label
from handbook_desktop.core.members import MemberStatus
from handbook_desktop.i18n import _
from handbook_desktop.ui.changes import keep_fresh
from handbook_desktop.ui.figures import figures_html
from handbook_desktop.ui.fit import AdaptiveSplitter, FlowLayout, fit_columns, fit_rows, vertical_scroll
from handbook_desktop.ui.members.member_detail import MemberDetail
from handbook_desktop.ui.members.member_form import MemberFormDialog
from handbook_desktop.ui.members.roster_files_flow import RosterFilesFlow
from handbook_desktop.ui.members.roster_model import COLUMNS, RosterModel
from handbook_desktop.ui.members.statistics_dialog import StatisticsDialog
from handbook_desktop.ui.members.status_dialog import StatusDialog
from handbook_desktop.ui.ops import Operations
from handbook_desktop.ui.read_only import ACCESS_TABLES, ReadOnlyNote
from handbook_desktop.ui.trash.delete_flow import add_delete_action, delete_with_confirmation, push_undo_creation

SEARCH_DELAY_MS = 200
SHOWN_TABLES = {"members", "member_events"}
OPTIONAL_COLUMNS = (3, 6, 5)  # Giới tính, Số thẻ, Ngày chính thức
LEAST_ROWS, LEAST_RECORD_LINES, LEAST_RECORD_CHARS = 6, 8, 20  # stacked at large text, the page scrolls rather than squeeze these


class RosterPage(QWidget):
    def __init__(self, ops: Operations, title: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.ops = ops
        self.sort, self.descending = members.RosterSort.NAME, False
        self.model = RosterModel(self)
        self.table = QTableView(selectionBehavior=QAbstractItemView.SelectionBehavior.SelectRows,
                                selectionMode=QAbstractItemView.SelectionMode.SingleSelection,
                                alternatingRowColors=True)
        self.table.setModel(self.model)
        self.table.verticalHeader().hide()
        # A name is never cut: sex, card number and official date give way first (the record shows them).
        self.columns = fit_columns(self.table, 1, whole_stretch=True, optional=OPTIONAL_COLUMNS)
        self.table.horizontalHeader().sectionClicked.connect(self._sort_by)
        self.table.selectionModel().currentRowChanged.connect(lambda *_a: self._show_current())
        self.editable = True  # a member's or committee's device: read only (see reload)
        self.table.doubleClicked.connect(lambda _index: self.editable and self.edit_member())
        add_delete_action(self.table, lambda: self.editable and self.delete_member())
        self.read_only_note = ReadOnlyNote()
        self.edit_buttons: list[QPushButton] = []
        self.detail = MemberDetail()
        self.counts = QLabel(wordWrap=True)
        self.search = QLineEdit(placeholderText=_("Tìm theo tên (gõ không dấu cũng được), số thẻ, số điện thoại"),
                                clearButtonEnabled=True)
        self._search_timer = QTimer(self, singleShot=True, interval=SEARCH_DELAY_MS, timeout=self.reload)
        self.search.textChanged.connect(lambda _t: self._search_timer.start())
        self.status = QComboBox()
        self.status.addItem(_("Mọi tình trạng"), None)
        for status in MemberStatus:
            self.status.addItem(label(status), status)
        self.status.currentIndexChanged.connect(lambda _i: self.reload())
        self._build(title)
        self.reload()
        keep_fresh(self, ops.changes, SHOWN_TABLES | ACCESS_TABLES, self.reload)

    def _build(self, title: str) -> None:
        filters = QHBoxLayout()
        filters.addWidget(self.search, 2)
        filters.addWidget(self.status, 1)
        actions = FlowLayout()  # wraps at large text sizes
        for text, slot in ((_("Thêm đảng viên…"), self.add_member), (_("Sửa hồ sơ…"), self.edit_member),
                           (_("Thay đổi tình trạng…"), self.change_status), (_("Xóa…"), self.delete_member)):
            button = QPushButton(text)
            button.clicked.connect(slot)
            actions.addWidget(button)
            self.edit_buttons.append(button)
        actions.addStretch(1)
        self.files = RosterFilesFlow(self, self.ops)
        for text, slot in ((_("Nhập Excel…"), self.files.ask_and_import), (_("Xuất Excel…"), self.files.ask_and_export),
                           (_("Thống kê"), self.show_statistics), (_("Thẻ QR…"), self.save_card)):
            button = QPushButton(text)
            button.clicked.connect(slot)
            actions.addWidget(button)
            if slot == self.files.ask_and_import:
                self.edit_buttons.append(button)
        left = QWidget()
        column = QVBoxLayout(left)
        column.setContentsMargins(0, 0, 0, 0)
        column.addLayout(filters)
        column.addWidget(self.table, 1)
        fit_rows(self.table, LEAST_ROWS)
        self.detail.setMinimumHeight(self.detail.fontMetrics().lineSpacing() * LEAST_RECORD_LINES)
        self.detail.setMinimumWidth(self.detail.fontMetrics().averageCharWidth() * LEAST_RECORD_CHARS)
        # The record beside the roster while the names fit there whole, else below it.
        split = AdaptiveSplitter(first_needs=self.columns.least_width)
        split.addWidget(left)
        split.addWidget(self.detail)
        split.setSizes([1000, 300])  # the roster first: its columns must fit a 1366-px screen
        split.setChildrenCollapsible(False)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 16, 24, 8)
        layout.addWidget(QLabel("<h1>%s</h1>" % escape(title)))
        body = QWidget()
        column = QVBoxLayout(body)
        column.setContentsMargins(0, 0, 0, 0)
        column.addWidget(self.counts)
        column.addWidget(self.read_only_note)
        column.addLayout(actions)
        column.addWidget(split, 1)
        layout.addWidget(vertical_scroll(body), 1)  # large text on a small screen: scroll down

    def query(self) -> members.RosterQuery:
        status = self.status.currentData()
        return members.RosterQuery(text=self.search.text(),
                                   statuses=frozenset({MemberStatus(status)} if status else ()),
                                   sort=self.sort, descending=self.descending)

    def reload(self, select_id: str | None = None) -> None:
        select_id, query = select_id or self.current_id(), self.query()
        result = self.ops.read_now(lambda uow: members.roster(uow, query))
        self.editable = self.ops.read_now(can_edit_cell)
        self.read_only_note.setVisible(not self.editable)
        for button in self.edit_buttons:
            button.setEnabled(self.editable)
        self.model.set_rows(result.rows)
        self.counts.setText(figures_html(result.figures))
        row = self.model.row_of(select_id) if select_id else -1
        if row >= 0:
            self.table.selectRow(row)
        self._show_current()

    def current_id(self) -> str | None:
        index = self.table.selectionModel().currentIndex()
        return self.model.rows[index.row()].id if index.isValid() and index.row() < len(self.model.rows) else None

    def _show_current(self) -> None:
        member_id = self.current_id()
        if member_id is None:
            self.detail.show_member(None, [])
        else:
            self.detail.show_member(*self.ops.read_now(lambda uow: (
                members.get_member(uow, member_id), members.member_timeline(uow, member_id))))

    def _member(self, member_id: str) -> members.MemberRow:
        return self.ops.read_now(lambda uow: members.get_member(uow, member_id))

    def _sort_by(self, column: int) -> None:
        sort = COLUMNS[column][2]
        if sort is None:
            return
        self.descending = not self.descending if sort == self.sort else False
        self.sort = sort
        self.reload()

    def show_statistics(self) -> None:
        StatisticsDialog(self.ops.read_now(members.member_statistics), parent=self).exec()

    def save_card(self) -> None:
        member_id = self.current_id()
        if not member_id:
            return
        row = self._member(member_id)
        name, _filter = QFileDialog.getSaveFileName(self, _("Lưu thẻ đảng viên có mã QR"),
                                                    f"the-{row.card_number or row.id[:8]}.svg",
                                                    _("Thẻ để in (*.svg);;Ảnh mã QR (*.png)"))
        if name:  # a file, not a record: errors reach the task runner's dialog
            path = Path(name)
            self.ops.read(lambda uow: members.write_member_card(uow, member_id, path), title=_("Thẻ đảng viên"),
                          on_done=lambda _path: None, quiet=False)

    def add_member(self) -> None:
        dialog = MemberFormDialog(self.ops, parent=self)
        if dialog.exec():  # the rows are fresh already (keep_fresh): show the new record
            self.reload(dialog.saved_id)
            name = self.ops.read_now(lambda uow: home.describe(uow, home.MEMBER, dialog.saved_id))
            push_undo_creation(self.ops, home.MEMBER, [dialog.saved_id],
                               _("Thêm đảng viên “{name}”").format(name=name))

    def edit_member(self) -> None:
        member_id = self.current_id()
        if member_id:
            dialog = MemberFormDialog(self.ops, member_id, parent=self)
            if dialog.exec():
                self.reload(member_id)

    def delete_member(self) -> None:
        """For a record entered by mistake; a member who leaves gets a status event instead
        (the service refuses, saying so)."""
        member_id = self.current_id()
        if member_id:
            delete_with_confirmation(self, self.ops, home.MEMBER, member_id)

    def change_status(self) -> None:
        member_id = self.current_id()
        if member_id and StatusDialog(self.ops, self._member(member_id), self).exec():
            self.reload(member_id)
