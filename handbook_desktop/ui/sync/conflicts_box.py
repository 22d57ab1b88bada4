"""The "Xung đột" list of the Đồng bộ page: each conflict side by side, one click per choice.

A text changed on two laptops also offers a merged version to edit, prefilled with both; a
resolution number taken elsewhere names the number it would take before the click; a change
the server refused shows its content (with a copy button) before it is let go.
"""

from html import escape

from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (QFrame, QGroupBox, QHBoxLayout, QLabel, QPlainTextEdit, QPushButton, QVBoxLayout,
                               QWidget)

from handbook_desktop.i18n import _
from handbook_desktop.ui.changes import keep_fresh
from handbook_desktop.ui.fit import FlowLayout
from handbook_desktop.ui.ops import Operations
from sync import conflicts
from sync.protocol import ConflictKind

SHOWN_TABLES = {"sync_conflicts", "outbox"}
VALUE_LINES, FIELD_LINES = 5, 2  # the height of each side (a field's value is short): long texts scroll inside


def _side(title: str, text: str, editable: bool = False, lines: int = VALUE_LINES) -> tuple[QWidget, QPlainTextEdit]:
    box = QWidget()
    column = QVBoxLayout(box)
    column.setContentsMargins(0, 0, 0, 0)
    column.addWidget(QLabel("<b>%s</b>" % escape(title), wordWrap=True))
    value = QPlainTextEdit(text, readOnly=not editable)
    value.setFixedHeight(value.fontMetrics().lineSpacing() * lines + 12)
    column.addWidget(value)
    return box, value


def _by(name: str) -> str:
    return name or _("máy khác")


class ConflictCard(QFrame):
    """One conflict; `chosen(key, choice, text)` says what the secretary clicked."""

    def __init__(self, view: conflicts.ConflictView, choose, parent: QWidget | None = None):
        super().__init__(parent, frameShape=QFrame.Shape.StyledPanel)
        self.view = view
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel("<b>%s</b>" % escape(view.what), wordWrap=True))
        if view.message:
            layout.addWidget(QLabel(escape(view.message), wordWrap=True))
        sides = QHBoxLayout()
        refused = view.kind == ConflictKind.REJECTED
        kept_title = _("Hiện có") if refused else _("Trên máy chủ ({who})").format(who=_by(view.kept_by))
        other_title = (_("Thay đổi không được nhận ({who})") if refused else _("Bản kia ({who})")).format(
            who=_by(view.other_by))
        lines = FIELD_LINES if view.kind == ConflictKind.FIELD else VALUE_LINES
        kept_box, self.kept = _side(kept_title, view.kept, lines=lines)
        other_box, self.other = _side(other_title, view.other, lines=lines)
        sides.addWidget(kept_box, 1)
        sides.addWidget(other_box, 1)
        layout.addLayout(sides)
        self.merged = None
        if conflicts.MERGED in view.choices:
            merged_box, self.merged = _side(_("Bản gộp (sửa rồi lưu)"), f"{view.kept}\n\n{view.other}", editable=True)
            layout.addWidget(merged_box)
        buttons = FlowLayout()
        self.buttons: dict[str, QPushButton] = {}
        for choice in view.choices:
            button = QPushButton(self._label(choice))
            button.clicked.connect(lambda _c=False, choice=choice: choose(
                view.key, choice, self.merged.toPlainText() if choice == conflicts.MERGED else None))
            buttons.addWidget(button)
            self.buttons[choice] = button
        if refused or conflicts.DISMISS in view.choices:
            copy = QPushButton(_("Sao chép nội dung"))
            copy.clicked.connect(lambda: QGuiApplication.clipboard().setText(view.other))
            buttons.addWidget(copy)
            self.buttons["copy"] = copy
        layout.addLayout(buttons)

    def _label(self, choice: str) -> str:
        view = self.view
        if choice == conflicts.KEPT:
            return _("Giữ bản trên máy chủ")
        if choice == conflicts.OTHER:
            return _("Dùng bản kia")
        if choice == conflicts.MERGED:
            return _("Lưu bản gộp")
        if choice == conflicts.RENUMBER:
            return _("Cấp số {number}").format(number=view.new_number)
        return _("Bỏ qua thay đổi này")


class ConflictsBox(QGroupBox):
    def __init__(self, ops: Operations, parent: QWidget | None = None):
        super().__init__(parent)
        self.ops = ops
        self.views: list[conflicts.ConflictView] = []
        self.cards: list[ConflictCard] = []
        self.empty = QLabel(_("Không có xung đột nào: mọi thay đổi đã khớp giữa các máy."), wordWrap=True)
        self.column = QVBoxLayout(self)
        self.column.addWidget(self.empty)
        self.reload()
        keep_fresh(self, ops.changes, SHOWN_TABLES, self.reload)

    def reload(self) -> None:
        self.views = self.ops.read_now(conflicts.open_conflicts)
        for card in self.cards:
            self.column.removeWidget(card)
            card.deleteLater()
        self.cards = [ConflictCard(view, self.choose) for view in self.views]
        for card in self.cards:
            self.column.addWidget(card)
        self.empty.setVisible(not self.views)
        self.setTitle(_("Xung đột ({n})").format(n=len(self.views)) if self.views else _("Xung đột"))

    def choose(self, key: str, choice: str, text: str | None) -> None:
        self.ops.write(lambda uow: conflicts.resolve(uow, key, choice, text), title=_("Giải quyết xung đột"),
                       on_done=lambda _none: self.reload())
