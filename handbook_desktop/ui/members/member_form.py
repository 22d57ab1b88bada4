"""The member form: every field of the record, dates as dd/mm/yyyy, problems shown by field."""

from PySide6.QtWidgets import (QComboBox, QDialog, QFormLayout, QLabel, QLineEdit,
                               QPlainTextEdit, QScrollArea, QVBoxLayout, QWidget)

from handbook_desktop.core import members
from handbook_desktop.core.errors import UserError
from handbook_desktop.core.members import SEXES, THEORY_LEVELS
from handbook_desktop.core.text import format_date
from handbook_desktop.core.workspace import UnitOfWork
from handbook_desktop.i18n import _
from handbook_desktop.ui.dialogs import accept_buttons, show_error
from handbook_desktop.ui.ops import Operations

TEXT_FIELDS = ("full_name", "birth_date", "sex", "ethnicity", "religion", "hometown", "address", "education",
               "specialist_level", "theory_level", "occupation", "admitted_on", "official_on", "card_number",
               "phone")
DATE_FIELDS = ("birth_date", "admitted_on", "official_on", "transferred_in_on")
CHOICES = {"sex": ("",) + SEXES, "theory_level": ("",) + THEORY_LEVELS}


def _store(uow: UnitOfWork, member_id: str | None, form: members.MemberForm) -> members.SaveResult:
    return members.update_member(uow, member_id, form) if member_id else members.create_member(uow, form)


class MemberFormDialog(QDialog):
    def __init__(self, ops: Operations, member_id: str | None = None, parent: QWidget | None = None):
        super().__init__(parent)
        self.ops, self.member_id = ops, member_id
        self.saved_id: str | None = None
        self.setWindowTitle(_("Sửa hồ sơ đảng viên") if member_id else _("Thêm đảng viên"))
        self.inputs: dict[str, QLineEdit | QComboBox] = {}
        form = QFormLayout()
        fields = TEXT_FIELDS + (() if member_id else ("transferred_in_on",))
        for name in fields:
            widget = self._input(name)
            self.inputs[name] = widget
            form.addRow(members.field_label(name), widget)
        self.notes = QPlainTextEdit()
        self.notes.setFixedHeight(80)
        form.addRow(members.field_label("notes"), self.notes)
        self.problems = QLabel(wordWrap=True, objectName="problems")
        self.problems.setStyleSheet("color: #b3261e")
        body = QWidget()
        body.setLayout(form)
        scroll = QScrollArea(widgetResizable=True)
        scroll.setWidget(body)
        self.buttons = accept_buttons(self, _("Lưu"), self.save)
        layout = QVBoxLayout(self)
        layout.addWidget(scroll, 1)
        layout.addWidget(self.problems)
        layout.addWidget(self.buttons)
        self.resize(620, 640)
        if member_id:
            self._load(ops.read_now(lambda uow: members.get_member(uow, member_id)))

    def _input(self, name: str) -> QLineEdit | QComboBox:
        if name in CHOICES:
            combo = QComboBox(editable=name == "theory_level")
            combo.addItems(CHOICES[name])
            return combo
        edit = QLineEdit()
        if name in DATE_FIELDS:
            edit.setPlaceholderText(_("ngày/tháng/năm"))
        return edit

    def _load(self, row: members.MemberRow) -> None:
        for name, widget in self.inputs.items():
            value = getattr(row, name, "")
            text = format_date(value) if name in DATE_FIELDS else str(value or "")
            if isinstance(widget, QComboBox):
                widget.setCurrentText(text)
            else:
                widget.setText(text)
        self.notes.setPlainText(row.notes)

    def form(self) -> members.MemberForm:
        values = {name: (w.currentText() if isinstance(w, QComboBox) else w.text()).strip()
                  for name, w in self.inputs.items()}
        for name in DATE_FIELDS:
            if name in values and not values[name]:
                values[name] = None
        return members.MemberForm(notes=self.notes.toPlainText(), **values)

    def save(self) -> bool:
        """False when the form breaks a rule (said beside the fields); True once the record is
        being saved off the GUI thread: the dialog closes when that is done."""
        form, member_id = self.form(), self.member_id
        problems = self.ops.read_now(lambda uow: members.check_member(uow, form, member_id=member_id))
        self._show(problems)
        if any(p.is_error for p in problems):
            return False
        self.buttons.setEnabled(False)
        self.ops.write(lambda uow: _store(uow, member_id, form), title=self.windowTitle(),
                       on_done=self._saved, on_error=self._refused)
        return True

    def _show(self, problems: list[members.Problem]) -> None:
        self.problems.setText("\n".join(p.message for p in problems))

    def _saved(self, result: members.SaveResult) -> None:
        self.saved_id = result.member_id
        self.accept()

    def _refused(self, exc: BaseException) -> None:
        """The register changed between the check and the write (a sync, another window)."""
        self.buttons.setEnabled(True)
        if isinstance(exc, members.MemberInvalid):
            self._show(exc.problems)
        elif isinstance(exc, UserError):
            self.problems.setText(exc.message)
        else:
            show_error(self, self.windowTitle(), exc)
