"""The agenda: items with presenter and time, added, corrected, removed and reordered."""

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QGroupBox, QLabel, QVBoxLayout, QWidget

from handbook_desktop.core import meetings
from handbook_desktop.i18n import N_, _
from handbook_desktop.ui.meetings.common import (MeetingContext, Notice, button_row, current_row, member_choices, on_key, rows_table)
from handbook_desktop.ui.table_model import RowsModel
from handbook_desktop.ui.meetings.item_dialogs import AgendaItemDialog

COLUMNS = (
    (N_("STT"), lambda item, i: str(i + 1)),
    (N_("Nội dung"), lambda item, i: item.title),
    (N_("Người trình bày"), lambda item, i: item.presenter_name),
    (N_("Thời gian"), lambda item, i: _("{n} phút").format(n=item.minutes) if item.minutes else ""),
)


def entry_of(item: meetings.AgendaItemView) -> meetings.AgendaEntry:
    return meetings.AgendaEntry(item.title, item.presenter_id, item.minutes, item.id)


class AgendaBox(QGroupBox):
    changed = Signal()

    def __init__(self, ctx: MeetingContext, parent: QWidget | None = None):
        super().__init__(_("Chương trình cuộc họp"), parent)
        self.ctx = ctx
        self.meeting_id, self.planned_minutes, self.locked = "", 0, False
        self.choices: list[tuple[str, str]] = []
        self.model = RowsModel(COLUMNS, self)
        self.table = rows_table(self.model, stretch_column=1)
        self.table.activated.connect(lambda _index: self.edit_item())
        on_key(self.table, "Delete", self.remove_item)
        on_key(self.table, "Ctrl+Up", lambda: self.move_item(-1))
        on_key(self.table, "Ctrl+Down", lambda: self.move_item(1))
        self.total = QLabel()
        self.notice = Notice()
        buttons, self.buttons = button_row((_("Thêm…"), self.add_item), (_("Sửa…"), self.edit_item),
                                           (_("Bỏ"), self.remove_item), (_("Lên"), lambda: self.move_item(-1)),
                                           (_("Xuống"), lambda: self.move_item(1)))
        buttons.insertWidget(buttons.count() - 1, self.total)
        layout = QVBoxLayout(self)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.notice)
        layout.addLayout(buttons)

    def load(self, detail: meetings.MeetingDetail) -> None:
        self.meeting_id, self.planned_minutes, self.locked = detail.id, detail.planned_minutes, detail.locked
        self.choices = member_choices(self.ctx.workspace)
        self._show(self.ctx.read(meetings.agenda, detail.id))
        self.notice.clear_text()
        for button in self.buttons:
            button.setEnabled(not detail.locked)

    def _show(self, items: list[meetings.AgendaItemView], select: int = -1) -> None:
        self.model.set_rows(items)
        total = sum(item.minutes for item in items)
        self.total.setText(_("Tổng: {total}/{planned} phút").format(total=total, planned=self.planned_minutes))
        if 0 <= select < len(items):
            self.table.selectRow(select)

    def entries(self) -> list[meetings.AgendaEntry]:
        return [entry_of(item) for item in self.model.rows]

    def _save(self, entries: list[meetings.AgendaEntry], select: int) -> None:
        def done(saved: meetings.AgendaSaved) -> None:
            self._show(saved.items, select)
            self.notice.show_text("\n".join(saved.warnings), "warning")
            self.changed.emit()

        self.ctx.write(self, _("Chương trình cuộc họp"), meetings.set_agenda, self.meeting_id, entries,
                       loaded=[item.id for item in self.model.rows], on_done=done)

    def add_item(self) -> None:
        if self.locked:
            return
        dialog = AgendaItemDialog(self.choices, parent=self)
        if dialog.exec() and dialog.value:
            self._save(self.entries() + [dialog.value], len(self.model.rows))

    def edit_item(self) -> None:
        row = current_row(self.table)
        if row < 0 or self.locked:
            return
        dialog = AgendaItemDialog(self.choices, self.entries()[row], parent=self)
        if dialog.exec() and dialog.value:
            entries = self.entries()
            entries[row] = dialog.value
            self._save(entries, row)

    def remove_item(self) -> None:
        row = current_row(self.table)
        if row >= 0 and not self.locked:
            entries = self.entries()
            del entries[row]
            self._save(entries, min(row, len(entries) - 1))

    def move_item(self, delta: int) -> None:
        row = current_row(self.table)
        target = row + delta
        if row < 0 or not 0 <= target < len(self.model.rows) or self.locked:
            return
        entries = self.entries()
        entries[row], entries[target] = entries[target], entries[row]
        self._save(entries, target)

