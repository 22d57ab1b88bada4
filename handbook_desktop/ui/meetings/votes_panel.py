"""Votes in the minutes: agree / disagree / abstain per matter, checked live against those
entitled to vote (official members present)."""

from dataclasses import replace

from PySide6.QtCore import QModelIndex, Qt, Signal
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import QGroupBox, QLabel, QVBoxLayout, QWidget

from handbook_desktop.core import meetings
from handbook_desktop.i18n import N_, _
from handbook_desktop.ui.meetings.common import Notice, button_row, current_row, on_key, rows_table
from handbook_desktop.ui.table_model import RowsModel

# Two-line headers keep the number columns narrow beside the matter.
HEADERS = (N_("Nội dung"), N_("Đồng\ný"), N_("Không\nđồng ý"), N_("Không\nbiểu quyết"),
           N_("Tỷ lệ\nđồng ý"))
RATE = 4  # shows the check too: red when the totals are wrong, amber when short
COUNTS = ("agree", "disagree", "abstain")  # columns 1–3
ERROR, WARNING = QColor("#b3261e"), QColor("#8a5a00")


class VotesModel(RowsModel):
    """Editable in place (Tab / F2 / typing); numbers get a spin box from Qt's default delegate."""

    def __init__(self, parent=None):
        super().__init__([(HEADERS[0], lambda vote, _i: vote.matter)]
                         + [(HEADERS[1 + n], lambda vote, _i, count=count: getattr(vote, count))
                            for n, count in enumerate(COUNTS)]
                         + [(HEADERS[RATE], lambda _vote, position: self._rate_text(position))], parent,
                         key=lambda _vote: None)  # drafts have no identity: as many votes repaint in place
        self.voters = 0
        self.read_only = False

    def set_votes(self, votes: list[meetings.VoteDraft], voters: int) -> None:
        self.voters = voters
        self.set_rows(votes)

    def check(self, row: int) -> meetings.VoteCheck:
        return meetings.check_vote(self.rows[row], self.voters)

    def flags(self, index: QModelIndex):
        flags = super().flags(index)
        return flags | Qt.ItemFlag.ItemIsEditable if index.column() < RATE and not self.read_only else flags

    def role_data(self, vote: meetings.VoteDraft, position: int, column: int, role):
        if role == Qt.ItemDataRole.EditRole and column < RATE:
            return self.text(position, column)
        if role == Qt.ItemDataRole.ForegroundRole and column == RATE:
            check = self.check(position)
            return QBrush(ERROR if check.error else WARNING) if check.error or check.warning else None
        if role == Qt.ItemDataRole.ToolTipRole and column == RATE:
            check = self.check(position)
            return check.error or check.warning or _("Tổng số phiếu khớp với số được biểu quyết.")
        return None

    def _rate_text(self, row: int) -> str:
        vote, check = self.rows[row], self.check(row)
        rate = f"{meetings.percent(vote.agree, self.voters):.1f}%"
        return f"✗ {rate}" if check.error else f"! {rate}" if check.warning else f"✓ {rate}"

    def setData(self, index: QModelIndex, value, role=Qt.ItemDataRole.EditRole) -> bool:  # noqa: N802 - Qt API
        if role != Qt.ItemDataRole.EditRole or self.read_only or index.column() >= RATE:
            return False
        vote = self.rows[index.row()]
        if index.column() == 0:
            vote = replace(vote, matter=str(value))
        else:
            try:
                vote = replace(vote, **{COUNTS[index.column() - 1]: int(value)})
            except (TypeError, ValueError):
                return False
        self.rows[index.row()] = vote
        self.dataChanged.emit(self.index(index.row(), 0), self.index(index.row(), len(HEADERS) - 1))
        return True

    def add(self, vote: meetings.VoteDraft) -> int:
        self.beginInsertRows(QModelIndex(), len(self.rows), len(self.rows))
        self.rows.append(vote)
        self.endInsertRows()
        return len(self.rows) - 1

    def remove(self, row: int) -> None:
        self.beginRemoveRows(QModelIndex(), row, row)
        del self.rows[row]
        self.endRemoveRows()


class VotesPanel(QGroupBox):
    changed = Signal()

    def __init__(self, parent: QWidget | None = None):
        super().__init__(_("Biểu quyết"), parent)
        self.model = VotesModel(self)
        self.model.dataChanged.connect(lambda *_a: self._on_edit())
        self.table = rows_table(self.model, stretch_column=0)
        self.table.setTabKeyNavigation(True)  # type the matter, Tab, the numbers: like a paper form
        self.table.selectionModel().currentRowChanged.connect(lambda *_a: self.show_check())
        on_key(self.table, "Ctrl+Delete", self.remove_vote)
        self.problems, self.voters = Notice(), QLabel(wordWrap=True)
        buttons, self.buttons = button_row((_("Thêm biểu quyết"), self.add_vote),
                                           (_("Bỏ biểu quyết"), self.remove_vote))
        layout = QVBoxLayout(self)
        layout.addWidget(self.voters)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.problems)
        layout.addLayout(buttons)

    def set_votes(self, votes: tuple[meetings.VoteDraft, ...], voters: int) -> None:
        self.model.set_votes(list(votes), voters)
        self.voters.setText(_("{voters} đảng viên chính thức có mặt được biểu quyết; tỷ lệ tính trên số này.")
                            .format(voters=voters))
        self.show_check()

    def votes(self) -> tuple[meetings.VoteDraft, ...]:
        return tuple(self.model.rows)

    def set_read_only(self, read_only: bool) -> None:
        self.model.read_only = read_only
        for button in self.buttons:
            button.setEnabled(not read_only)

    def _on_edit(self) -> None:
        self.show_check()
        self.changed.emit()

    def show_check(self) -> None:
        """Every vote's problem, errors first: they block saving; warnings do not."""
        checks = [self.model.check(row) for row in range(self.model.rowCount())]
        errors = [c.error for c in checks if c.error]
        warnings = [c.warning for c in checks if c.warning]
        if errors:
            self.problems.show_text("\n".join(errors + warnings), "error")
        else:
            self.problems.show_text("\n".join(warnings), "warning")

    def add_vote(self) -> None:
        """A new matter, every voter agreeing: the usual outcome, corrected when it is not."""
        row = self.model.add(meetings.VoteDraft("", agree=self.model.voters))
        self.table.setCurrentIndex(self.model.index(row, 0))
        self.table.setFocus()
        self.table.edit(self.model.index(row, 0))
        self._on_edit()

    def remove_vote(self) -> None:
        row = current_row(self.table)
        if row >= 0 and not self.model.read_only:
            self.model.remove(row)
            self._on_edit()

