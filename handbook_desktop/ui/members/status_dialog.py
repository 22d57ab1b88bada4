"""Recording a status change as a dated event with a reason (history is never overwritten)."""

from PySide6.QtWidgets import QComboBox, QDialog, QFormLayout, QLabel, QLineEdit, QWidget

from handbook_desktop.core import members
from handbook_desktop.core.clock import vietnam_today
from handbook_desktop.core.errors import UserError
from handbook_desktop.core.members import MemberEventKind
from handbook_desktop.core.text import format_date
from handbook_desktop.i18n import _
from handbook_desktop.ui.dialogs import accept_buttons, show_error
from handbook_desktop.ui.ops import Operations

KINDS = (MemberEventKind.MADE_OFFICIAL, MemberEventKind.EXCUSED, MemberEventKind.TEMPORARY,
         MemberEventKind.TRANSFERRED_OUT, MemberEventKind.TRANSFERRED_IN, MemberEventKind.DECEASED,
         MemberEventKind.LEFT, MemberEventKind.ADMITTED)


class StatusDialog(QDialog):
    def __init__(self, ops: Operations, row: members.MemberRow, parent: QWidget | None = None):
        super().__init__(parent)
        self.ops, self.row = ops, row
        self.setWindowTitle(_("Thay đổi tình trạng: {name}").format(name=row.full_name))
        self.kind = QComboBox()
        for kind in KINDS:
            self.kind.addItem(members.event_label(kind), kind)
        self.day = QLineEdit(format_date(vietnam_today()), placeholderText=_("ngày/tháng/năm"))
        self.reason = QLineEdit(placeholderText=_("Lý do, số quyết định…"))
        self.problem = QLabel(wordWrap=True)
        self.problem.setStyleSheet("color: #b3261e")
        form = QFormLayout(self)
        form.addRow(_("Sự kiện"), self.kind)
        form.addRow(_("Ngày"), self.day)
        form.addRow(_("Lý do"), self.reason)
        form.addRow(self.problem)
        self.buttons = accept_buttons(self, _("Ghi nhận"), self.save)
        form.addRow(self.buttons)

    def save(self) -> bool:
        """False when the rules refuse the event (said beside the fields); True once it is
        being recorded off the GUI thread: the dialog closes when that is done."""
        member_id, kind = self.row.id, MemberEventKind(self.kind.currentData())
        day, reason = self.day.text(), self.reason.text()
        problem = self.ops.read_now(lambda uow: members.status_change_refusal(uow, member_id, kind, day, reason))
        self.problem.setText(problem or "")
        if problem:
            return False
        self.buttons.setEnabled(False)
        self.ops.write(lambda uow: members.change_status(uow, member_id, kind, day, reason),
                       title=self.windowTitle(), on_done=lambda _row: self.accept(), on_error=self._refused)
        return True

    def _refused(self, exc: BaseException) -> None:
        """The data changed between the check and the write (a sync, another window)."""
        self.buttons.setEnabled(True)
        if isinstance(exc, UserError):
            self.problem.setText(exc.message)
        else:
            show_error(self, self.windowTitle(), exc)
