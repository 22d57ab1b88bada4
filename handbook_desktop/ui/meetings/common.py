"""What the meeting screens share: their context, service calls that report mistakes,
member pickers, time fields, notices and a read-only table model."""

import re
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date, datetime, time
from typing import Any

from PySide6.QtCore import QAbstractTableModel, Qt, QUrl
from PySide6.QtGui import QAction, QDesktopServices, QKeySequence
from PySide6.QtWidgets import QAbstractItemView, QComboBox, QHBoxLayout, QLabel, QPushButton, QTableView, QWidget

from handbook_desktop.core.members import MemberStatus
from handbook_desktop.core.attachments import viewable_copy
from handbook_desktop.core.errors import UserError, ValidationError
from handbook_desktop.core.clock import VIETNAM_TIME, vietnam_now
from handbook_desktop.core import members
from handbook_desktop.core.workspace import Workspace
from handbook_desktop.i18n import N_, _
from handbook_desktop.ui.dialogs import show_error
from handbook_desktop.ui.fit import FlowLayout, fit_columns
from handbook_desktop.ui.ops import Operations
from handbook_desktop.ui.taskrunner import TaskRunner

# Colours only: sizes come from the application font, so large-text mode scales everything.
NOTICE_STYLES = {
    "error": "color: #b3261e;",
    "warning": "color: #6b4a00; background: #fff8dc; border: 1px solid #e0b000; border-radius: 4px; padding: 4px;",
    "ok": "color: #1e6b30;",
    "info": "",
}
EXPECTED = frozenset({MemberStatus.OFFICIAL, MemberStatus.PROBATIONARY})
WEEKDAYS = (N_("Thứ Hai"), N_("Thứ Ba"), N_("Thứ Tư"), N_("Thứ Năm"), N_("Thứ Sáu"), N_("Thứ Bảy"), N_("Chủ nhật"))
SHORT_WEEKDAYS = (N_("T2"), N_("T3"), N_("T4"), N_("T5"), N_("T6"), N_("T7"), N_("CN"))  # as wall calendars print them
# A pale selection keeps the coloured content of the current row or day readable.
PALE_SELECTION = "QTableView { selection-background-color: #f6d5d1; selection-color: palette(text); }"


@dataclass
class MeetingContext:
    """Shared by every meeting screen; tests fix `today` and `clock` to the demo's dates."""

    ops: Operations
    today: date
    clock: Callable[[], datetime] = field(default=vietnam_now)

    @property
    def workspace(self) -> Workspace:
        """For what is not a service call: the attachment store, the roster, the export panel."""
        return self.ops.workspace

    @property
    def tasks(self) -> TaskRunner:
        return self.ops.tasks

    def now(self) -> datetime:
        return self.clock()

    def read(self, service: Callable[..., Any], *args: Any, **kwargs: Any) -> Any:
        """A quick read of what the screen shows."""
        return self.ops.read_now(lambda uow: service(uow, *args, **kwargs))

    def write(self, parent: QWidget | None, title: str, service: Callable[..., Any], *args: Any,
              on_done: Callable[[Any], None] | None = None,
              refused: Callable[[UserError], None] | None = None, **kwargs: Any) -> None:
        """One user action on the task runner; a refusal of the services goes to `refused`,
        else becomes a message as with `reported`, and `on_done` then does not run."""
        def failed(exc: BaseException) -> None:
            if isinstance(exc, UserError):
                (refused or (lambda error: show_error(parent, title, error)))(exc)
            else:
                self.tasks.error.emit(title, exc)

        self.ops.write(lambda uow: service(uow, *args, **kwargs), title=title, on_done=on_done, on_error=failed)


@contextmanager
def reported(parent: QWidget | None, title: str) -> Iterator[None]:
    """Run a user action; a mistake the services refuse becomes a message, not a crash.

    The rest of the `with` block is skipped after a refusal, which is what every caller wants.
    """
    try:
        yield
    except UserError as exc:
        show_error(parent, title, exc)


class Notice(QLabel):
    """A line of feedback in place (no modal box): errors, warnings, confirmations."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent, wordWrap=True, textInteractionFlags=Qt.TextInteractionFlag.TextSelectableByMouse)
        self.kind = "info"
        self.hide()

    def show_text(self, text: str, kind: str = "info") -> None:
        self.kind = kind
        self.setStyleSheet(NOTICE_STYLES[kind])
        self.setText(text)
        self.setVisible(bool(text))

    def clear_text(self) -> None:
        self.show_text("")


def member_choices(workspace: Workspace, statuses: frozenset[MemberStatus] = EXPECTED) -> list[tuple[str, str]]:
    """(id, full name) of the members who may chair, present or own a task, in Vietnamese order."""
    rows = workspace.perform(lambda uow: members.roster(uow, members.RosterQuery(statuses=statuses))).rows
    return [(row.id, row.full_name) for row in rows]


def member_combo(choices: Sequence[tuple[str, str]], empty: str) -> QComboBox:
    combo = QComboBox()
    combo.addItem(empty, None)
    for member_id, name in choices:
        combo.addItem(name, member_id)
    combo.setMaxVisibleItems(20)
    return combo


def select_data(combo: QComboBox, value: Any) -> None:
    """Select the entry holding `value` (the empty entry when it is not listed)."""
    index = combo.findData(value)
    combo.setCurrentIndex(max(index, 0))


TIME_PATTERN = re.compile(r"(\d{1,2})\s*(?::|h|\.|giờ)\s*(\d{1,2})?\s*(?:phút|p)?", re.IGNORECASE)


def parse_time(text: str, field_name: str) -> time | None:
    """A time typed as 19:30 (also 19h30, 19.30, 19 giờ 30); empty means not recorded."""
    text = text.strip()
    if not text:
        return None
    match = TIME_PATTERN.fullmatch(text) or (re.fullmatch(r"(\d{1,2})()", text))
    if match:
        hour, minute = int(match[1]), int(match[2] or 0)
        if hour < 24 and minute < 60:
            return time(hour, minute)
    raise ValidationError(_("{field}: “{text}” không phải giờ hợp lệ; hãy nhập theo dạng giờ:phút, ví dụ 19:30.")
                          .format(field=field_name, text=text))


def format_time(moment: datetime | None) -> str:
    return moment.astimezone(VIETNAM_TIME).strftime("%H:%M") if moment else ""


def button_row(*buttons: tuple[str, Callable[[], Any]], stretch: bool = True,
               flow: bool = False) -> tuple[QHBoxLayout | FlowLayout, list[QPushButton]]:
    """`flow`: the buttons wrap onto a second line when the row is full (large text)."""
    row = FlowLayout() if flow else QHBoxLayout()
    made = []
    for text, slot in buttons:
        button = QPushButton(text)
        button.clicked.connect(lambda _checked=False, s=slot: s())
        row.addWidget(button)
        made.append(button)
    if stretch:
        row.addStretch(1)
    return row, made


def rows_table(model: QAbstractTableModel, stretch_column: int = 0) -> QTableView:
    table = QTableView(selectionBehavior=QAbstractItemView.SelectionBehavior.SelectRows,
                       selectionMode=QAbstractItemView.SelectionMode.SingleSelection, alternatingRowColors=True,
                       wordWrap=False)
    table.setModel(model)
    table.verticalHeader().hide()
    fit_columns(table, stretch_column)
    table.setTabKeyNavigation(False)  # Tab leaves the table for the buttons (keyboard users)
    return table


def current_row(table: QTableView) -> int:
    index = table.selectionModel().currentIndex()
    return index.row() if index.isValid() else -1


def on_key(widget: QWidget, keys: str, slot: Callable[[], Any], children: bool = False) -> QAction:
    """A key that works while `widget` (with `children`: or anything inside it) has the focus."""
    context = Qt.ShortcutContext.WidgetWithChildrenShortcut if children else Qt.ShortcutContext.WidgetShortcut
    action = QAction(widget, shortcut=QKeySequence(keys), shortcutContext=context)
    action.triggered.connect(lambda _checked=False: slot())
    widget.addAction(action)
    return action


def open_attached(parent: QWidget, workspace: Workspace, attached) -> None:
    """Open a stored file in the system's viewer, through a named copy (the store has no names)."""
    try:
        path = viewable_copy(workspace.data_dir, attached.sha256, attached.filename)
    except OSError as exc:
        show_error(parent, _("Mở tệp"), UserError(_("Không mở được tệp {name}: {error}").format(
            name=attached.filename, error=exc.strerror or exc)))
        return
    QDesktopServices.openUrl(QUrl.fromLocalFile(str(path)))
