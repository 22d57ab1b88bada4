"""The Đồng bộ page: the account, "Đồng bộ ngay", moving a cell set up offline into the
account's cell, the "Xung đột" list, and the history of sync rounds with any error in words
and what to do about it."""

from html import escape

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (QAbstractItemView, QFrame, QHBoxLayout, QLabel, QPushButton, QScrollArea, QTableView,
                               QVBoxLayout, QWidget)

from handbook_desktop.core.text import format_datetime
from handbook_desktop.i18n import N_, _
from handbook_desktop.ui.fit import fit_columns
from handbook_desktop.ui.ops import Operations
from handbook_desktop.ui.meetings.common import Notice
from handbook_desktop.ui.sync.account_box import AccountBox
from handbook_desktop.ui.sync.conflicts_box import ConflictsBox
from handbook_desktop.ui.sync.controller import SyncController
from handbook_desktop.ui.table_model import RowsModel
from sync import adopt, history


def _result(run) -> str:
    return _("Thành công") if run.ok else _("Lỗi")


def _what(run) -> str:
    if not run.ok:
        return f"{run.message} {run.hint}".strip()
    said = "; ".join(records_in_words(run, received=_("Nhận {n} mục").format(n=run.pulled) if run.pulled else ""))
    return said[:1].upper() + said[1:] if said else _("Không có gì mới")


def records_in_words(counts, received: str = "") -> list[str]:
    """What a round did to the cell's records (a SyncRun or a SyncReport), in short phrases."""
    phrases = [received] if received else []
    if counts.records:
        phrases.append(_("nhận {n} bản ghi của chi bộ").format(n=counts.records))
    if counts.pushed:
        phrases.append(_("gửi {n} thay đổi").format(n=counts.pushed))
    if counts.rejected:
        phrases.append(_("{n} thay đổi bị từ chối").format(n=counts.rejected))
    if counts.conflicts:
        phrases.append(_("{n} xung đột cần quyết định").format(n=counts.conflicts))
    return phrases


HISTORY_COLUMNS = ((N_("Thời gian"), lambda run, _i: format_datetime(run.started_at)),
                   (N_("Kết quả"), lambda run, _i: _result(run)),
                   (N_("Nội dung"), lambda run, _i: _what(run)))


SHOWN_TITLES = 3


def arrived(report) -> str:
    """What the last round brought, by title (the history keeps only the counts), and what
    it did to the cell's records; a refusal says why."""
    records = records_in_words(report)
    if report.rejected and report.problems:
        records.append(_("lý do: {why}").format(why=report.problems[0].rstrip(".")))
    records = (" " + _("Hồ sơ chi bộ: {what}.").format(what="; ".join(records))) if records else ""
    if not report.titles:
        return (_("Đã đồng bộ.") + records) if records else _("Đã đồng bộ: không có gì mới.")
    titles = "; ".join(f"“{title}”" for title in report.titles[:SHOWN_TITLES])
    more = len(report.titles) - SHOWN_TITLES
    return (_("Vừa nhận {n} mục: {titles}").format(n=len(report.titles), titles=titles)
            + (_(" và {more} mục khác.").format(more=more) if more > 0 else ".") + records)


class HistoryModel(RowsModel):
    def __init__(self, parent=None):
        super().__init__(HISTORY_COLUMNS, parent, key=lambda run: run.started_at)

    def role_data(self, run, position: int, column: int, role):
        if role == Qt.ItemDataRole.ForegroundRole and not run.ok:
            return Qt.GlobalColor.darkRed
        return super().role_data(run, position, column, role)


class SyncPage(QWidget):
    def __init__(self, ops: Operations, controller: SyncController, title: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.ops, self.controller = ops, controller
        self.account_box = AccountBox(controller)
        self.sync_button = QPushButton(_("Đồng bộ ngay"))
        self.sync_button.clicked.connect(self._sync_or_stop)
        self.state = QLabel(wordWrap=True)
        self.history = HistoryModel(self)
        self.table = QTableView(selectionBehavior=QAbstractItemView.SelectionBehavior.SelectRows,
                                wordWrap=True, alternatingRowColors=True)
        self.table.setModel(self.history)
        self.table.verticalHeader().hide()
        fit_columns(self.table, stretch_column=2)
        self.table.setMinimumHeight(self.table.fontMetrics().lineSpacing() * 8)
        row = QHBoxLayout()
        row.addWidget(self.sync_button)
        row.addWidget(self.state, 1)
        self.adoption = Notice()
        self.adopt_button = QPushButton(_("Chuyển dữ liệu…"))
        self.adopt_button.clicked.connect(self.offer_adoption)
        self._offer_once = False  # after a login: the dialog opens by itself when the round ends
        controller.connected.connect(lambda _account: setattr(self, "_offer_once", True))
        adoption = QHBoxLayout()
        adoption.addWidget(self.adoption, 1)
        adoption.addWidget(self.adopt_button)
        self.conflicts = ConflictsBox(ops)
        content = QWidget()
        column = QVBoxLayout(content)
        column.setContentsMargins(0, 0, 0, 0)
        column.addWidget(self.account_box)
        column.addLayout(row)
        column.addLayout(adoption)
        column.addWidget(self.conflicts)
        column.addWidget(QLabel("<b>%s</b>" % escape(_("Lịch sử đồng bộ"))))
        column.addWidget(self.table, 1)
        scroll = QScrollArea(widgetResizable=True, frameShape=QFrame.Shape.NoFrame)
        scroll.setWidget(content)  # large text: the login form and the history scroll, never squeezed
        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 16, 24, 16)
        layout.addWidget(QLabel(f"<h1>{escape(title)}</h1>"))
        layout.addWidget(scroll, 1)
        controller.changed.connect(self.show_state)
        self.show_state()

    def show_state(self) -> None:
        c = self.controller
        self.sync_button.setVisible(c.can_sync())  # a demo or an unconnected workspace has nothing to sync
        self.sync_button.setText(_("Dừng đồng bộ") if c.syncing else _("Đồng bộ ngay"))
        if c.syncing:
            state = _("Đang đồng bộ…")
        elif c.needs_password:
            state = _("Cần mật khẩu để đồng bộ: bấm \"Đồng bộ ngay\".")
        elif c.error or c.last_report is None:
            state = c.error
        else:
            state = arrived(c.last_report)
        self.state.setText(state)
        self.state.setStyleSheet("color: #b3261e;" if c.error and not c.syncing else "")
        self.history.set_rows(self.ops.read_now(history.list_runs) if not c.is_demo else [])
        self._show_adoption()

    def _show_adoption(self) -> None:
        pending = self.controller.can_sync() and self.ops.read_now(adopt.adoption_pending)
        if pending:
            self.adoption.show_text(_("Dữ liệu trên máy này là của một chi bộ lập khi chưa có máy chủ, chưa phải chi bộ "
                                      "của tài khoản ({unit}): chưa gửi lên máy chủ.").format(
                                          unit=self.controller.account.unit_name), "warning")
        else:
            self.adoption.clear_text()
        self.adopt_button.setVisible(bool(pending))
        if pending and self._offer_once and not self.controller.syncing:
            self._offer_once = False
            self.offer_adoption()

    def offer_adoption(self) -> None:
        from handbook_desktop.ui.sync.adopt_dialog import AdoptDialog

        shown = self.ops.read_now(adopt.preview)
        self.adopt_dialog = AdoptDialog(self.ops, shown, on_adopted=self._adopted, parent=self)
        self.adopt_dialog.open()  # window-modal, not blocking: the round's callbacks go on

    def _adopted(self) -> None:
        self.controller.reload()
        self.controller.sync_now(on_demand=True)  # send what moved at once

    def _sync_or_stop(self) -> None:
        if self.controller.syncing:
            self.controller.cancel()
        else:
            self.controller.sync_now(on_demand=True)
