"""Small forms for one row: an agenda item, an invitee, a resolution item, an addendum."""

from datetime import date

from PySide6.QtWidgets import QDialog, QFormLayout, QLineEdit, QPlainTextEdit, QSpinBox, QWidget

from handbook_desktop.core.errors import UserError, ValidationError
from handbook_desktop.core.text import format_date, parse_date
from handbook_desktop.core import meetings
from handbook_desktop.i18n import _
from handbook_desktop.ui.dialogs import accept_buttons
from handbook_desktop.ui.meetings.common import Notice, member_combo, select_data


class RowDialog(QDialog):
    """A form of a few fields with Lưu/Hủy; `check` builds the value or raises a UserError."""

    def __init__(self, title: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle(title)
        self.value = None
        self.problem = Notice()
        self.form = QFormLayout(self)
        self.setMinimumWidth(self.fontMetrics().horizontalAdvance("M") * 40)

    def finish(self) -> None:
        self.form.addRow(self.problem)
        buttons = accept_buttons(self, _("Lưu"), self.save)
        self.form.addRow(buttons)

    def check(self):
        raise NotImplementedError

    def save(self) -> bool:
        try:
            self.value = self.check()
        except UserError as exc:
            self.problem.show_text(exc.message, "error")
            return False
        self.accept()
        return True


class AgendaItemDialog(RowDialog):
    def __init__(self, choices: list[tuple[str, str]], entry: meetings.AgendaEntry | None = None,
                 parent: QWidget | None = None):
        super().__init__(_("Sửa nội dung") if entry else _("Thêm nội dung vào chương trình"), parent)
        self.entry = entry
        self.title = QLineEdit(placeholderText=_("Ví dụ: Báo cáo kết quả thực hiện nhiệm vụ tháng"))
        self.presenter = member_combo(choices, _("— chưa phân công —"))
        self.minutes = QSpinBox(minimum=0, maximum=600, singleStep=5, suffix=_(" phút"))
        self.form.addRow(_("Nội dung"), self.title)
        self.form.addRow(_("Người trình bày"), self.presenter)
        self.form.addRow(_("Thời gian"), self.minutes)
        if entry:
            self.title.setText(entry.title)
            select_data(self.presenter, entry.presenter_id)
            self.minutes.setValue(entry.minutes)
        self.finish()

    def check(self) -> meetings.AgendaEntry:
        if not self.title.text().strip():
            raise ValidationError(_("Hãy ghi tên nội dung."))
        return meetings.AgendaEntry(self.title.text(), self.presenter.currentData(), self.minutes.value(),
                                    self.entry.id if self.entry else None)


class InviteeDialog(RowDialog):
    """A member of the cell (name from the roster) or a guest from outside (name, title, unit)."""

    def __init__(self, choices: list[tuple[str, str]], invitee: meetings.Invitee | None = None,
                 parent: QWidget | None = None):
        super().__init__(_("Sửa người được mời") if invitee else _("Mời dự cuộc họp"), parent)
        self.member = member_combo(choices, _("— đại biểu ngoài chi bộ —"))
        self.name = QLineEdit()
        self.title = QLineEdit(placeholderText=_("Ví dụ: Đảng ủy viên, phụ trách chi bộ"))
        self.unit = QLineEdit(placeholderText=_("Ví dụ: Đảng ủy phường"))
        self.form.addRow(_("Đảng viên trong chi bộ"), self.member)
        self.form.addRow(_("Họ và tên"), self.name)
        self.form.addRow(_("Chức vụ"), self.title)
        self.form.addRow(_("Đơn vị"), self.unit)
        self.member.currentIndexChanged.connect(self._member_chosen)
        if invitee:
            select_data(self.member, invitee.member_id)
            self.name.setText(invitee.name)
            self.title.setText(invitee.title)
            self.unit.setText(invitee.unit_name)
        self.finish()

    def _member_chosen(self, _index: int) -> None:
        if self.member.currentData():
            self.name.setText(self.member.currentText())

    def check(self) -> meetings.InviteeForm:
        if not self.name.text().strip() and not self.member.currentData():
            raise ValidationError(_("Hãy ghi họ tên người được mời."))
        return meetings.InviteeForm(self.name.text(), self.title.text(), self.unit.text(), self.member.currentData())


class ResolutionItemDialog(RowDialog):
    def __init__(self, choices: list[tuple[str, str]], item: meetings.ResolutionItemForm | None = None,
                 parent: QWidget | None = None):
        super().__init__(_("Sửa điểm của nghị quyết") if item else _("Thêm điểm vào nghị quyết"), parent)
        self.item = item
        self.text = QPlainTextEdit()
        self.text.setTabChangesFocus(True)
        self.owner = member_combo(choices, _("— không giao cho ai (kết quả) —"))
        self.due = QLineEdit(placeholderText=_("ngày/tháng/năm (để trống nếu không có hạn)"))
        self.form.addRow(_("Nội dung"), self.text)
        self.form.addRow(_("Người phụ trách"), self.owner)
        self.form.addRow(_("Thời hạn"), self.due)
        if item:
            self.text.setPlainText(item.text)
            select_data(self.owner, item.owner_id)
            self.due.setText(format_date(item.due_on))
        self.finish()

    def check(self) -> meetings.ResolutionItemForm:
        if not self.text.toPlainText().strip():
            raise ValidationError(_("Hãy ghi nội dung của điểm này."))
        due = parse_date(self.due.text(), _("Thời hạn"))
        return meetings.ResolutionItemForm(self.text.toPlainText(), self.owner.currentData(), due,
                                           self.item.id if self.item else None)


class AddendumDialog(RowDialog):
    """A correction or supplement to approved minutes: saved through the service on Lưu."""

    def __init__(self, ctx, meeting_id: str, today: date, parent: QWidget | None = None):
        super().__init__(_("Lập phụ lục biên bản"), parent)
        self.ctx, self.meeting_id = ctx, meeting_id
        self.text = QPlainTextEdit(placeholderText=_("Nội dung đính chính, bổ sung biên bản đã thông qua"))
        self.text.setTabChangesFocus(True)
        self.day = QLineEdit(format_date(today), placeholderText=_("ngày/tháng/năm"))
        self.form.addRow(_("Nội dung"), self.text)
        self.form.addRow(_("Ngày lập"), self.day)
        self.finish()

    def save(self) -> bool:
        """Written on the task runner; the dialog closes once it is saved, stays open if refused."""
        try:
            made_on = parse_date(self.day.text(), _("Ngày lập"))
            if made_on is None:
                raise ValidationError(_("Hãy nhập ngày lập phụ lục."))
        except UserError as exc:
            self.problem.show_text(exc.message, "error")
            return False
        self.ctx.write(self, _("Lập phụ lục biên bản"), meetings.add_addendum, self.meeting_id,
                       self.text.toPlainText(), made_on, on_done=self._saved,
                       refused=lambda exc: self.problem.show_text(exc.message, "error"))
        return self.result() == QDialog.DialogCode.Accepted

    def _saved(self, addendum: meetings.AddendumView) -> None:
        self.value = addendum
        self.accept()
