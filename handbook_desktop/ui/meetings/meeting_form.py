"""The meeting form: kind, date and time, place, expected length (warned under 90 minutes),
chair and recorder from the roster."""

from datetime import date, datetime, time

from PySide6.QtWidgets import QComboBox, QDialog, QFormLayout, QLineEdit, QSpinBox, QVBoxLayout, QWidget

from handbook_desktop.core.meetings import MeetingKind
from handbook_desktop.core.errors import UserError, ValidationError
from handbook_desktop.core.clock import VIETNAM_TIME
from handbook_desktop.core.text import format_date, parse_date
from handbook_desktop.core.members import MIN_MEETING_MINUTES
from handbook_desktop.core import meetings
from handbook_desktop.i18n import _
from handbook_desktop.ui.dialogs import accept_buttons
from handbook_desktop.ui.meetings.common import (MeetingContext, Notice, format_time, member_choices, member_combo,
                                                 parse_time, select_data)

DEFAULT_START = time(19, 30)  # a blank form only; proposals follow the cell's own habit


class MeetingFormDialog(QDialog):
    """Create a meeting (optionally from a proposal or for a day) or correct one."""

    def __init__(self, ctx: MeetingContext, meeting_id: str | None = None,
                 proposal: meetings.ProposedMeeting | None = None, day: date | None = None,
                 parent: QWidget | None = None):
        super().__init__(parent)
        self.ctx, self.meeting_id = ctx, meeting_id
        self.saved: meetings.MeetingSaved | None = None
        self.setWindowTitle(_("Sửa thông tin cuộc họp") if meeting_id else _("Lên lịch cuộc họp"))
        self._build(member_choices(ctx.workspace))
        if meeting_id:
            self._load_detail(ctx.read(meetings.get_meeting, meeting_id))
        elif proposal:
            self._load_form(proposal.form)
            self.note.show_text(_("Đề xuất theo lịch {pattern}; giờ, địa điểm, chủ trì và thư ký theo cuộc họp "
                                  "thường kỳ gần nhất. Hãy kiểm tra rồi lưu.").format(pattern=proposal.pattern)
                                if proposal.based_on else _("Đề xuất: {pattern}.").format(pattern=proposal.pattern))
        else:
            self.day.setText(format_date(day or ctx.today))
            self.time.setText(DEFAULT_START.strftime("%H:%M"))
        self._update_hints()

    def _build(self, choices: list[tuple[str, str]]) -> None:
        self.kind = QComboBox()
        for kind in MeetingKind:
            self.kind.addItem(meetings.meeting_label(kind), kind)
        self.title = QLineEdit()
        self.day = QLineEdit(placeholderText=_("ngày/tháng/năm"))
        self.time = QLineEdit(placeholderText=_("giờ:phút, ví dụ 19:30"))
        self.place = QLineEdit(placeholderText=_("Ví dụ: Nhà văn hóa khu phố"))
        self.minutes = QSpinBox(minimum=1, maximum=12 * 60, singleStep=5, value=MIN_MEETING_MINUTES,
                                suffix=_(" phút"))
        self.duration_hint = Notice()
        self.chair = member_combo(choices, _("— chưa chọn —"))
        self.recorder = member_combo(choices, _("— chưa chọn —"))
        self.note, self.problems = Notice(), Notice()
        form = QFormLayout()
        for text, widget in ((_("Loại cuộc họp"), self.kind), (_("Tên cuộc họp"), self.title),
                             (_("Ngày họp"), self.day), (_("Giờ bắt đầu"), self.time), (_("Địa điểm"), self.place),
                             (_("Thời lượng dự kiến"), self.minutes), ("", self.duration_hint),
                             (_("Chủ trì"), self.chair), (_("Thư ký"), self.recorder)):
            form.addRow(text, widget)
        self.kind.currentIndexChanged.connect(lambda _i: self._update_hints())
        self.day.textChanged.connect(lambda _t: self._update_hints())
        self.minutes.valueChanged.connect(lambda _v: self._update_hints())
        buttons = accept_buttons(self, _("Lưu"), self.save)
        layout = QVBoxLayout(self)
        layout.addWidget(self.note)
        layout.addLayout(form)
        layout.addWidget(self.problems)
        layout.addWidget(buttons)
        self.setMinimumWidth(self.fontMetrics().horizontalAdvance("M") * 44)

    def _load_form(self, form: meetings.MeetingForm) -> None:
        select_data(self.kind, form.kind)
        if form.starts_at:
            self.day.setText(format_date(form.starts_at.astimezone(VIETNAM_TIME).date()))
            self.time.setText(format_time(form.starts_at))
        self.place.setText(form.place)
        self.minutes.setValue(form.planned_minutes)
        select_data(self.chair, form.chair_id)
        select_data(self.recorder, form.recorder_id)
        day = form.starts_at.astimezone(VIETNAM_TIME).date() if form.starts_at else None
        if form.title and (day is None or form.title != meetings.default_title(form.kind, day)):
            self.title.setText(form.title)  # only a title of its own; the default follows the date

    def _load_detail(self, detail: meetings.MeetingDetail) -> None:
        self._load_form(meetings.MeetingForm(detail.kind, detail.starts_at, detail.planned_minutes, detail.place,
                                             detail.chair_id, detail.recorder_id, detail.title))

    def _update_hints(self) -> None:
        minutes = self.minutes.value()
        if minutes < MIN_MEETING_MINUTES:
            self.duration_hint.show_text(_("Ngắn hơn {least} phút theo hướng dẫn về sinh hoạt chi bộ.").format(
                least=MIN_MEETING_MINUTES), "warning")
        else:
            self.duration_hint.clear_text()
        try:
            day = parse_date(self.day.text(), _("Ngày họp"))
        except ValidationError:
            day = None
        kind = MeetingKind(self.kind.currentData())
        self.title.setPlaceholderText(meetings.default_title(kind, day) if day else _("Đặt theo loại và ngày họp"))

    def form(self) -> meetings.MeetingForm:
        """The form as typed; a ValidationError names the field that cannot be read."""
        day = parse_date(self.day.text(), _("Ngày họp"))
        if day is None:
            raise ValidationError(_("Hãy nhập ngày họp."))
        at = parse_time(self.time.text(), _("Giờ bắt đầu"))
        if at is None:
            raise ValidationError(_("Hãy nhập giờ bắt đầu."))
        return meetings.MeetingForm(kind=MeetingKind(self.kind.currentData()),
                                    starts_at=datetime.combine(day, at, VIETNAM_TIME),
                                    planned_minutes=self.minutes.value(), place=self.place.text(),
                                    chair_id=self.chair.currentData(), recorder_id=self.recorder.currentData(),
                                    title=self.title.text())

    def save(self) -> bool:
        """Written on the task runner; the dialog closes once it is saved, stays open if refused.
        Returns whether it is closed already (at once when the task runner runs inline)."""
        try:
            form = self.form()
        except UserError as exc:
            self._refused(exc)
            return False
        if self.meeting_id:
            self.ctx.write(self, self.windowTitle(), meetings.update_meeting, self.meeting_id, form,
                           on_done=self._saved, refused=self._refused)
        else:
            self.ctx.write(self, self.windowTitle(), meetings.create_meeting, form, on_done=self._saved,
                           refused=self._refused)
        return self.result() == QDialog.DialogCode.Accepted

    def _saved(self, saved: meetings.MeetingSaved) -> None:
        self.saved = saved
        self.accept()

    def _refused(self, exc: UserError) -> None:
        self.problems.show_text(exc.message, "error")
