"""Message boxes with Vietnamese buttons (Qt ships no Vietnamese translation of its own)."""

from collections.abc import Callable

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QMessageBox, QWidget

from handbook_desktop.core.errors import UserError
from handbook_desktop.i18n import _


def show_error(parent: QWidget | None, title: str, exc: BaseException) -> None:
    """A user's mistake gets its own message; a bug gets an honest generic one."""
    if isinstance(exc, UserError):
        text = exc.message
    else:
        text = _("Đã xảy ra lỗi ngoài dự kiến: {error}. Dữ liệu đã lưu không bị ảnh hưởng.").format(error=exc)
    box = QMessageBox(QMessageBox.Icon.Warning, title, text, parent=parent)
    box.addButton(_("Đóng"), QMessageBox.ButtonRole.AcceptRole)
    box.exec()


def ask(parent: QWidget | None, title: str, text: str, yes: str, no: str) -> bool:
    box = QMessageBox(QMessageBox.Icon.Question, title, text, parent=parent)
    yes_button = box.addButton(yes, QMessageBox.ButtonRole.YesRole)
    box.addButton(no, QMessageBox.ButtonRole.NoRole)
    box.setDefaultButton(yes_button)
    box.exec()
    return box.clickedButton() is yes_button


def accept_buttons(dialog: QDialog, accept_text: str, on_accept: Callable[[], object]) -> QDialogButtonBox:
    """An accept button with our own wording and a Hủy (cancel) button; Qt's defaults are English."""
    buttons = QDialogButtonBox()
    buttons.addButton(accept_text, QDialogButtonBox.ButtonRole.AcceptRole)
    buttons.addButton(_("Hủy"), QDialogButtonBox.ButtonRole.RejectRole)
    buttons.accepted.connect(on_accept)
    buttons.rejected.connect(dialog.reject)
    return buttons
