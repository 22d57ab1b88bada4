"""Invitations: members and guests (name, title, unit) and where each invitation stands."""

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QComboBox, QGroupBox, QHBoxLayout, QLabel, QVBoxLayout, QWidget

from handbook_desktop.core.meetings import InvitationState
from handbook_desktop.core.members import MemberStatus
from handbook_desktop.core.clock import VIETNAM_TIME
from handbook_desktop.core.text import format_date
from handbook_desktop.core import meetings
from handbook_desktop.i18n import N_, _
from handbook_desktop.ui.meetings.common import (MeetingContext, button_row, current_row, member_choices, on_key, rows_table)
from handbook_desktop.ui.table_model import RowsModel
from handbook_desktop.ui.meetings.item_dialogs import InviteeDialog

ON_ROLL = frozenset({MemberStatus.OFFICIAL, MemberStatus.PROBATIONARY, MemberStatus.EXCUSED})


def _state(row: meetings.Invitee) -> str:
    text = meetings.meeting_label(row.invitation)
    return f"{text} ({format_date(row.invited_at.astimezone(VIETNAM_TIME).date())})" if row.invited_at else text


COLUMNS = (
    (N_("Họ và tên"), lambda row, i: row.name + ("" if row.member_id else _(" (đại biểu)"))),
    (N_("Chức vụ"), lambda row, i: row.title),
    (N_("Đơn vị"), lambda row, i: row.unit_name),
    (N_("Giấy mời"), lambda row, i: _state(row)),
)


class InvitationsBox(QGroupBox):
    changed = Signal()

    def __init__(self, ctx: MeetingContext, parent: QWidget | None = None):
        super().__init__(_("Giấy mời"), parent)
        self.ctx, self.meeting_id, self.locked = ctx, "", False
        self.model = RowsModel(COLUMNS, self)
        self.table = rows_table(self.model, stretch_column=0)
        self.table.activated.connect(lambda _index: self.edit_invitee())
        self.table.selectionModel().currentRowChanged.connect(lambda *_a: self._show_state())
        on_key(self.table, "Delete", self.remove_invitee)
        self.state = QComboBox()
        for state in InvitationState:
            self.state.addItem(meetings.meeting_label(state), state)
        self.state.activated.connect(lambda _i: self.set_state())
        buttons, self.buttons = button_row((_("Mời…"), self.add_invitee), (_("Sửa…"), self.edit_invitee),
                                           (_("Bỏ"), self.remove_invitee),
                                           (_("Đánh dấu đã gửi giấy mời"), self.mark_sent))
        state_row = QHBoxLayout()
        state_row.addWidget(QLabel(_("Người đang chọn:")))
        state_row.addWidget(self.state, 1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.table, 1)
        layout.addLayout(state_row)
        layout.addLayout(buttons)

    def load(self, detail: meetings.MeetingDetail) -> None:
        self.meeting_id, self.locked = detail.id, detail.locked
        self.reload()
        for widget in (*self.buttons, self.state):
            widget.setEnabled(not detail.locked)

    def reload(self, select: int = -1) -> None:
        self.model.set_rows(self.ctx.read(meetings.invitees, self.meeting_id))
        if 0 <= select < len(self.model.rows):
            self.table.selectRow(select)
        self._show_state()

    def _show_state(self) -> None:
        row = current_row(self.table)
        self.state.setEnabled(row >= 0 and not self.locked)
        if row >= 0:
            self.state.setCurrentIndex(self.state.findData(self.model.rows[row].invitation))

    def _after_change(self, select: int = -1) -> None:
        self.reload(select)
        self.changed.emit()

    def add_invitee(self) -> None:
        if self.locked:
            return
        dialog = InviteeDialog(member_choices(self.ctx.workspace, ON_ROLL), parent=self)
        if dialog.exec() and dialog.value:
            self.ctx.write(self, _("Mời dự cuộc họp"), meetings.add_invitee, self.meeting_id, dialog.value,
                           on_done=lambda _result: self._after_change(len(self.model.rows)))

    def edit_invitee(self) -> None:
        row = current_row(self.table)
        if row < 0 or self.locked:
            return
        invitee = self.model.rows[row]
        dialog = InviteeDialog(member_choices(self.ctx.workspace, ON_ROLL), invitee, parent=self)
        if dialog.exec() and dialog.value:
            self.ctx.write(self, _("Sửa người được mời"), meetings.update_invitee, invitee.id, dialog.value,
                           on_done=lambda _result: self._after_change(row))

    def remove_invitee(self) -> None:
        row = current_row(self.table)
        if row >= 0 and not self.locked:
            self.ctx.write(self, _("Bỏ người được mời"), meetings.remove_invitee, self.model.rows[row].id,
                           on_done=lambda _result: self._after_change(min(row, len(self.model.rows) - 2)))

    def set_state(self) -> None:
        row = current_row(self.table)
        if row >= 0 and not self.locked:
            self.ctx.write(self, _("Giấy mời"), meetings.set_invitation_state, self.model.rows[row].id,
                           InvitationState(self.state.currentData()), now=self.ctx.now(),
                           on_done=lambda _result: self._after_change(row))

    def mark_sent(self) -> None:
        """After the letters went out (printed or sent): everyone not sent yet becomes sent."""
        self.ctx.write(self, _("Giấy mời"), meetings.mark_invitations_sent, self.meeting_id, now=self.ctx.now(),
                       on_done=lambda _result: self._after_change(current_row(self.table)))
