"""What stays possible once the minutes are approved: addenda and the secretary's evaluation."""

from html import escape

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QGroupBox, QLabel, QPlainTextEdit, QVBoxLayout, QWidget

from handbook_desktop.core.meetings import MeetingState
from handbook_desktop.core.clock import VIETNAM_TIME
from handbook_desktop.core.text import format_date, format_datetime
from handbook_desktop.core import meetings
from handbook_desktop.i18n import _
from handbook_desktop.ui.meetings.common import MeetingContext, Notice, button_row
from handbook_desktop.ui.meetings.item_dialogs import AddendumDialog


def lock_text(detail: meetings.MeetingDetail, intact: bool | None) -> str:
    """The banner of approved minutes: when, that they are read-only, and whether they are intact."""
    when = format_datetime(detail.locked_at) if detail.locked_at else ""
    text = (_("Biên bản đã được thông qua lúc {when} và đã khóa: chỉ xem, không sửa được.").format(when=when)
            if when else _("Biên bản đã được thông qua và đã khóa: chỉ xem, không sửa được."))
    text += " " + _("Muốn đính chính hay bổ sung, hãy lập phụ lục biên bản.")
    if intact is True:
        text += " " + _("Nội dung khớp với bản đã thông qua (mã kiểm tra {hash}…).").format(
            hash=(detail.content_hash or "")[:12])
    elif intact is False:
        text += " " + _("CẢNH BÁO: nội dung hiện tại khác với bản đã thông qua.")
    return text


class AddendaBox(QGroupBox):
    """Corrections and supplements to approved minutes (phụ lục), never silent edits."""

    def __init__(self, ctx: MeetingContext, parent: QWidget | None = None):
        super().__init__(_("Phụ lục biên bản"), parent)
        self.ctx, self.meeting_id, self.meeting_day = ctx, "", ctx.today
        self.list = QLabel(wordWrap=True, textFormat=Qt.TextFormat.RichText)
        buttons, (self.add_button,) = button_row((_("Lập phụ lục…"), self.add_addendum))
        layout = QVBoxLayout(self)
        layout.addWidget(self.list)
        layout.addLayout(buttons)

    def load(self, detail: meetings.MeetingDetail, addenda: list[meetings.AddendumView]) -> None:
        self.meeting_id, locked = detail.id, detail.locked
        self.meeting_day = detail.starts_at.astimezone(VIETNAM_TIME).date()
        self.add_button.setEnabled(locked)
        self.setVisible(locked or bool(addenda))
        self.list.setText("<br>".join(
            _("<b>Phụ lục {n}</b> ({day}): {text}").format(n=a.position + 1, day=format_date(a.made_on),
                                                          text=escape(a.text).replace("\n", "<br>"))
            for a in addenda) or escape(_("Chưa có phụ lục.")))

    def add_addendum(self) -> None:
        # An addendum is dated from the meeting day on: today, or the meeting day if that is later.
        dialog = AddendumDialog(self.ctx, self.meeting_id, max(self.ctx.today, self.meeting_day), self)
        if dialog.exec() and dialog.value:
            minutes = self.ctx.read(meetings.load_minutes, self.meeting_id)
            self.load(minutes.meeting, minutes.addenda)


class EvaluationBox(QGroupBox):
    """The secretary's evaluation of the meeting, written afterwards (allowed after approval)."""

    def __init__(self, ctx: MeetingContext, parent: QWidget | None = None):
        super().__init__(_("Đánh giá của bí thư chi bộ"), parent)
        self.ctx, self.meeting_id = ctx, ""
        self.text = QPlainTextEdit(placeholderText=_("Nhận xét, đánh giá buổi sinh hoạt sau khi họp…"))
        self.text.setTabChangesFocus(True)
        self.text.setMaximumHeight(self.fontMetrics().lineSpacing() * 6)
        self.notice = Notice()
        buttons, (self.save_button,) = button_row((_("Lưu đánh giá"), self.save))
        layout = QVBoxLayout(self)
        layout.addWidget(self.text)
        layout.addWidget(self.notice)
        layout.addLayout(buttons)

    def load(self, detail: meetings.MeetingDetail) -> None:
        self.meeting_id = detail.id
        self.text.setPlainText(detail.evaluation)
        held = detail.state != MeetingState.PLANNED
        self.text.setReadOnly(not held)
        self.save_button.setEnabled(held)
        if not held:
            self.notice.show_text(_("Viết đánh giá sau khi cuộc họp diễn ra và biên bản đã được lưu."))
        elif detail.evaluated_at:
            self.notice.show_text(_("Đã lưu lúc {when}.").format(when=format_datetime(detail.evaluated_at)), "ok")
        else:
            self.notice.clear_text()

    def save(self) -> None:
        self.ctx.write(self, _("Đánh giá cuộc họp"), meetings.save_evaluation, self.meeting_id,
                       self.text.toPlainText(), now=self.ctx.now(),
                       on_done=lambda _result: self.load(self.ctx.read(meetings.get_meeting, self.meeting_id)))
