"""Chuẩn bị: the meeting's readiness at a glance, then agenda, materials, invitations and the
follow-up of the previous resolution."""

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QVBoxLayout, QWidget

from handbook_desktop.core.meetings import MeetingState
from handbook_desktop.core.text import format_datetime
from handbook_desktop.core import meetings
from handbook_desktop.i18n import _
from handbook_desktop.ui.meetings.agenda_box import AgendaBox
from handbook_desktop.ui.fit import fit_rows, vertical_scroll
from handbook_desktop.ui.meetings.common import MeetingContext, Notice
from handbook_desktop.ui.meetings.followup_box import FollowUpBox
from handbook_desktop.ui.meetings.invitations_box import InvitationsBox
from handbook_desktop.ui.meetings.materials_box import MaterialsBox

NOTICE_KIND = {meetings.MaterialsState.READY: "ok", meetings.MaterialsState.WAITING: "warning",
               meetings.MaterialsState.LATE: "error"}


def days_text(days_left: int) -> str:
    if days_left > 0:
        return _("Còn {n} ngày đến cuộc họp.").format(n=days_left)
    if days_left == 0:
        return _("Cuộc họp diễn ra hôm nay.")
    return _("Cuộc họp đã diễn ra {n} ngày trước.").format(n=-days_left)


def readiness_text(r: meetings.Readiness) -> str:
    """The rule first (materials on the app at least one day before), then the rest."""
    lines = [_("Tài liệu đăng trước ≥ 1 ngày: {state} — {on_time}/{total} tài liệu đúng hạn "
               "(hạn đăng: {deadline}).").format(state=meetings.meeting_label(r.materials_state),
                                                  on_time=r.materials_on_time, total=r.materials,
                                                  deadline=format_datetime(r.materials_deadline)),
             _("Chương trình: {items} nội dung · Giấy mời: {sent}/{invited} đã gửi · {days}").format(
                 items=r.agenda_items, sent=r.invitations_sent, invited=r.invitees, days=days_text(r.days_left))]
    lines += [f"• {warning}" for warning in r.warnings]
    return "\n".join(lines)


class PreparationTab(QWidget):
    open_document = Signal(str)

    def __init__(self, ctx: MeetingContext, parent: QWidget | None = None):
        super().__init__(parent)
        self.ctx, self.meeting_id, self.planned = ctx, "", True
        self.readiness = Notice()
        self.agenda, self.materials = AgendaBox(ctx), MaterialsBox(ctx)
        self.invitations, self.follow_up = InvitationsBox(ctx), FollowUpBox(ctx)
        for box in (self.agenda, self.materials, self.invitations):
            box.changed.connect(self.show_readiness)
        self.materials.open_document.connect(self.open_document)
        # One column, full width, scrolled: the tables keep room for their columns, and the
        # page still works in large-text mode on a small screen.
        body = QWidget()
        column = QVBoxLayout(body)
        column.setContentsMargins(0, 0, 4, 0)
        for box, rows in ((self.agenda, 6), (self.materials, 3), (self.invitations, 4), (self.follow_up, 5)):
            fit_rows(box.table, rows, fixed=True)
            column.addWidget(box)
        column.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.readiness)
        layout.addWidget(vertical_scroll(body), 1)

    def load(self, detail: meetings.MeetingDetail) -> None:
        self.meeting_id, self.planned = detail.id, detail.state == MeetingState.PLANNED
        for box in (self.agenda, self.materials, self.invitations, self.follow_up):
            box.load(detail)
        self.show_readiness()

    def show_readiness(self) -> None:
        readiness = self.ctx.read(meetings.meeting_readiness, self.meeting_id, self.ctx.now())
        self.current = readiness
        # Once the meeting took place its readiness is history, not an alarm.
        kind = NOTICE_KIND[readiness.materials_state] if self.planned else "info"
        self.readiness.show_text(readiness_text(readiness), kind)
