"""Recording a status change as a dated event with a reason (history is never overwritten)."""

from datetime import date

from PySide6.QtWidgets import QComboBox, QDialog, QFormLayout, QLabel, QLineEdit, QWidget

from handbook_desktop.core.members.models import MemberEventKind
from handbook_desktop.core.errors import UserError
from handbook_desktop.core.text.formatting import format_date
from handbook_desktop.core.members import roster as members
from handbook_desktop.core.workspace import Workspace
from handbook_desktop.i18n import _
from handbook_desktop.ui.dialogs import accept_buttons

KINDS = (MemberEventKind.MADE_OFFICIAL, MemberEventKind.EXCUSED, MemberEventKind.TEMPORARY,
         MemberEventKind.TRANSFERRED_OUT, MemberEventKind.TRANSFERRED_IN, MemberEventKind.DECEASED,
         MemberEventKind.LEFT, MemberEventKind.ADMITTED)


class StatusDialog(QDialog):
    def __init__(self, workspace: Workspace, row: members.MemberRow, parent: QWidget | None = None):
        super().__init__(parent)
        self.workspace, self.row = workspace, row
        self.setWindowTitle(_("Thay đổi tình trạng: {name}").format(name=row.full_name))
        self.kind = QComboBox()
        for kind in KINDS:
            self.kind.addItem(members.event_label(kind), kind)
        self.day = QLineEdit(format_date(date.today()), placeholderText=_("ngày/tháng/năm"))
        self.reason = QLineEdit(placeholderText=_("Lý do, số quyết định…"))
        self.problem = QLabel(wordWrap=True)
        self.problem.setStyleSheet("color: #b3261e")
        form = QFormLayout(self)
        form.addRow(_("Sự kiện"), self.kind)
        form.addRow(_("Ngày"), self.day)
        form.addRow(_("Lý do"), self.reason)
        form.addRow(self.problem)
        buttons = accept_buttons(self, _("Ghi nhận"), self.save)
        form.addRow(buttons)

    def save(self) -> bool:
        try:
            members.change_status(self.workspace, self.row.id, MemberEventKind(self.kind.currentData()), self.day.text(),
                                  self.reason.text())
        except UserError as exc:
            self.problem.setText(exc.message)
            return False
        self.accept()
        return True
