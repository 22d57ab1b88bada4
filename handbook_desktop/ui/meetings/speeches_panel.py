"""Opinions in the minutes: per agenda item, each with its speaker (members present, guests).

The panel holds the drafts itself (plain `SpeechDraft`s); the minutes tab reads them for
autosave and saving. Typing changes the selected opinion in place and says `changed`.
"""

from dataclasses import replace

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QComboBox, QFormLayout, QGroupBox, QPlainTextEdit, QVBoxLayout, QWidget

from handbook_desktop.core import meetings
from handbook_desktop.i18n import N_, _
from handbook_desktop.ui.fit import compact_combo
from handbook_desktop.ui.meetings.common import button_row, current_row, on_key, rows_table
from handbook_desktop.ui.table_model import RowsModel
MEMBER, GUEST = "member", "guest"


def _first_line(text: str) -> str:
    line = text.strip().split("\n", 1)[0]
    return line if len(line) <= 90 else line[:89] + "…"


class SpeechesPanel(QGroupBox):
    changed = Signal()

    def __init__(self, parent: QWidget | None = None):
        super().__init__(_("Ý kiến thảo luận"), parent)
        self.drafts: list[meetings.SpeechDraft] = []
        self.agenda_titles: dict[str, str] = {}
        self.agenda_numbers: dict[str, str] = {}
        self.speaker_names: dict[str, str] = {}
        self.read_only = False
        self.model = RowsModel((
            (N_("STT"), lambda d, i: str(i + 1)),
            (N_("Mục"), lambda d, i: self.agenda_numbers.get(d.agenda_item_id or "", _("chung"))),
            (N_("Người phát biểu"), lambda d, i: self._speaker_name(d)),
            (N_("Ý kiến"), lambda d, i: _first_line(d.text)),
        ), self)
        self.table = rows_table(self.model, stretch_column=3)
        self.table.selectionModel().currentRowChanged.connect(lambda *_a: self._show_current())
        on_key(self.table, "Delete", self.remove_speech)
        self.agenda, self.speaker = compact_combo(QComboBox()), compact_combo(QComboBox())  # long agenda titles
        self.text = QPlainTextEdit(placeholderText=_("Ý kiến phát biểu (ghi tóm tắt)…"))
        self.text.setTabChangesFocus(True)
        self.agenda.activated.connect(lambda _i: self._edit())
        self.speaker.activated.connect(lambda _i: self._edit())
        self.text.textChanged.connect(self._edit)
        buttons, self.buttons = button_row((_("Thêm ý kiến"), self.add_speech), (_("Bỏ ý kiến"), self.remove_speech))
        editor = QFormLayout()
        editor.addRow(_("Thuộc nội dung"), self.agenda)
        editor.addRow(_("Người phát biểu"), self.speaker)
        editor.addRow(_("Ý kiến"), self.text)
        layout = QVBoxLayout(self)
        layout.addWidget(self.table, 2)
        layout.addLayout(buttons)
        layout.addLayout(editor, 3)

    def set_context(self, agenda: list[meetings.AgendaItemView], speakers: list[meetings.Speaker]) -> None:
        """What an opinion may refer to: the agenda and those present (members, then guests)."""
        self.agenda_titles = {item.id: f"{item.position + 1}. {item.title}" for item in agenda}
        self.agenda_numbers = {item.id: str(item.position + 1) for item in agenda}
        self.agenda.clear()
        self.agenda.addItem(_("— chung, không theo nội dung nào —"), None)
        for item_id, title in self.agenda_titles.items():
            self.agenda.addItem(title, item_id)
        self.speaker_names = {}
        self.speaker.clear()
        self.speaker.addItem(_("— chưa ghi người phát biểu —"), None)
        for speaker in speakers:
            key = f"{GUEST}:{speaker.guest_id}" if speaker.is_guest else f"{MEMBER}:{speaker.member_id}"
            name = _("{name} (đại biểu)").format(name=speaker.name) if speaker.is_guest else speaker.name
            self.speaker_names[key] = name
            self.speaker.addItem(name, key)

    def set_speeches(self, drafts: tuple[meetings.SpeechDraft, ...], select: int = 0) -> None:
        self.drafts = list(drafts)
        self.model.set_rows(self.drafts)
        if self.drafts:
            self.table.selectRow(min(max(select, 0), len(self.drafts) - 1))
        self._show_current()

    def speeches(self) -> tuple[meetings.SpeechDraft, ...]:
        return tuple(self.drafts)

    def set_read_only(self, read_only: bool) -> None:
        self.read_only = read_only
        self.text.setReadOnly(read_only)
        for widget in (self.agenda, self.speaker, *self.buttons):
            widget.setEnabled(not read_only)
        self._show_current()

    @staticmethod
    def _key(draft: meetings.SpeechDraft) -> str | None:
        """Combo data are strings: Qt compares them by value when looking one up."""
        if draft.guest_id:
            return f"{GUEST}:{draft.guest_id}"
        return f"{MEMBER}:{draft.member_id}" if draft.member_id else None

    def _speaker_name(self, draft: meetings.SpeechDraft) -> str:
        key = self._key(draft)
        if key is None:
            return ""
        return self.speaker_names.get(key, _("(không có mặt theo điểm danh)"))

    def _show_current(self) -> None:
        row = current_row(self.table)
        draft = self.drafts[row] if 0 <= row < len(self.drafts) else None
        for widget in (self.agenda, self.speaker, self.text):
            widget.blockSignals(True)
        self.agenda.setCurrentIndex(max(self.agenda.findData(draft.agenda_item_id if draft else None), 0))
        key = self._key(draft) if draft else None
        if key is not None and self.speaker.findData(key) < 0:
            self.speaker.addItem(self._speaker_name(draft), key)  # keep what the draft says visible
        self.speaker.setCurrentIndex(max(self.speaker.findData(key), 0))
        self.text.setPlainText(draft.text if draft else "")
        for widget in (self.agenda, self.speaker, self.text):
            widget.blockSignals(False)
        editable = draft is not None and not self.read_only
        for widget in (self.agenda, self.speaker):
            widget.setEnabled(editable)
        self.text.setEnabled(draft is not None)

    def _edit(self) -> None:
        row = current_row(self.table)
        if self.read_only or not 0 <= row < len(self.drafts):
            return
        kind, _sep, speaker_id = (self.speaker.currentData() or "").partition(":")
        self.drafts[row] = replace(self.drafts[row], text=self.text.toPlainText(),
                                   agenda_item_id=self.agenda.currentData(),
                                   member_id=speaker_id if kind == MEMBER else None,
                                   guest_id=speaker_id if kind == GUEST else None)
        self.model.rows[row] = self.drafts[row]
        self.model.dataChanged.emit(self.model.index(row, 0), self.model.index(row, 3))
        self.changed.emit()

    def add_speech(self) -> None:
        """A new opinion under the item being discussed (that of the selected opinion)."""
        if self.read_only:
            return
        row = current_row(self.table)
        agenda_item = self.drafts[row].agenda_item_id if 0 <= row < len(self.drafts) else None
        if agenda_item is None and self.agenda.count() > 1:
            agenda_item = self.agenda.itemData(1)
        self.drafts.append(meetings.SpeechDraft("", agenda_item))
        self.set_speeches(tuple(self.drafts), len(self.drafts) - 1)
        self.speaker.setFocus()
        self.changed.emit()

    def remove_speech(self) -> None:
        row = current_row(self.table)
        if self.read_only or not 0 <= row < len(self.drafts):
            return
        del self.drafts[row]
        self.set_speeches(tuple(self.drafts), row)
        self.changed.emit()
