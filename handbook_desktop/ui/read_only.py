"""Read-only views of the cell's records on a member's or a committee's device.

Whether this device may edit comes from the account's grants (`core/access.can_edit_cell`);
the server would refuse the changes of anyone else, so their screens say "Chỉ xem" and offer
no editing rather than let work be lost. Pages re-check when the account changes.
"""

from collections.abc import Iterable

from PySide6.QtWidgets import (QAbstractButton, QAbstractItemView, QAbstractSpinBox, QComboBox, QLabel, QLineEdit,
                               QPlainTextEdit, QTextEdit, QWidget)

from handbook_desktop.i18n import _

ACCESS_TABLES = {"workspace_facts"}  # the account's facts: a login or logout changes what may be edited


class ReadOnlyNote(QLabel):
    def __init__(self, parent: QWidget | None = None):
        super().__init__(_("Chỉ xem: tài khoản của máy này không có quyền sửa dữ liệu của chi bộ "
                           "(chỉ bí thư, phó bí thư chi bộ sửa được)."), parent, wordWrap=True)
        self.setStyleSheet("color: #5f4b00; background: #fff4cc; padding: 6px; border-radius: 4px;")
        self.hide()


def lock_editing(roots: Iterable[QWidget], keep: Iterable[QWidget] = ()) -> None:
    """Every input under `roots` read only and every button disabled, except those in `keep`
    (navigation, printing); text stays selectable and scrollable."""
    kept = set(keep)
    for root in roots:
        for widget in [root, *root.findChildren(QWidget)]:
            if widget in kept:
                continue
            if isinstance(widget, (QLineEdit, QPlainTextEdit, QTextEdit)):
                widget.setReadOnly(True)
            elif isinstance(widget, QAbstractItemView):
                widget.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
            elif isinstance(widget, (QAbstractButton, QComboBox, QAbstractSpinBox)):
                widget.setEnabled(False)
