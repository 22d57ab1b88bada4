"""Nghị quyết: the number from the cell's counter (gaps warned, duplicates refused), title,
items with owner and deadline, recipients; the signed copy beside it."""

from html import escape

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (QFormLayout, QGroupBox, QHBoxLayout, QLabel, QLineEdit, QPlainTextEdit, QSpinBox,
                               QVBoxLayout, QWidget)

from handbook_desktop.core.errors import UserError, ValidationError
from handbook_desktop.core.text import format_date, parse_date
from handbook_desktop.core import meetings
from handbook_desktop.i18n import N_, _
from handbook_desktop.ui.fit import AdaptiveSplitter
from handbook_desktop.ui.dialogs import show_error
from handbook_desktop.ui.fit import fit_rows, vertical_scroll
from handbook_desktop.ui.meetings.common import (MeetingContext, Notice, button_row, current_row, member_choices,
                                                 on_key, rows_table)
from handbook_desktop.ui.table_model import RowsModel
from handbook_desktop.ui.meetings.item_dialogs import ResolutionItemDialog
from handbook_desktop.ui.meetings.signed_copy import SignedCopyPanel


def gaps_text(gaps: list[int]) -> str:
    """Runs of missing numbers: "01-NQ/CB … 09-NQ/CB, 12-NQ/CB"."""
    runs: list[list[int]] = []
    for number in gaps:
        if runs and number == runs[-1][-1] + 1:
            runs[-1].append(number)
        else:
            runs.append([number])
    return ", ".join(meetings.symbol(run[0]) if len(run) == 1 else
                     f"{meetings.symbol(run[0])} … {meetings.symbol(run[-1])}" for run in runs)


def number_check(number: int, report: meetings.NumberingReport) -> tuple[str, str]:
    """(message, kind) for a number about to be given in the report's term."""
    if number in report.numbers:
        return _("Số {symbol} đã cấp trong nhiệm kỳ {term}: không cấp trùng số.").format(
            symbol=meetings.symbol(number), term=report.term), "error"
    if number > report.next_number:
        return _("Số {symbol} bỏ cách: chưa có {missing}.").format(
            symbol=meetings.symbol(number), missing=gaps_text(list(range(report.next_number, number)))), "warning"
    if report.gaps:
        return _("Nhiệm kỳ {term} còn số chưa cấp: {gaps}.").format(term=report.term, gaps=gaps_text(report.gaps)), \
            "warning"
    return "", "info"


class ResolutionTab(QWidget):
    def __init__(self, ctx: MeetingContext, parent: QWidget | None = None):
        super().__init__(parent)
        self.ctx, self.meeting_id, self._filling = ctx, "", False
        self.resolution: meetings.ResolutionView | None = None
        self.report: meetings.NumberingReport | None = None
        self.items: list[meetings.ResolutionItemForm] = []
        self.names: dict[str, str] = {}
        self.symbol = QLabel(textFormat=Qt.TextFormat.RichText)
        self.number = QSpinBox(minimum=1, maximum=999)
        self.number.valueChanged.connect(lambda _v: self._show_number())
        self.numbering, self.notice = Notice(), Notice()
        self.title, self.issued_on = QLineEdit(), QLineEdit(placeholderText=_("ngày/tháng/năm"))
        self.issued_on.editingFinished.connect(self._refresh_numbering)
        self.recipients = QPlainTextEdit(placeholderText=_("Mỗi nơi nhận một dòng"))
        self.recipients.setTabChangesFocus(True)
        self.recipients.setMaximumHeight(self.fontMetrics().lineSpacing() * 5)
        self.items_model = RowsModel((
            (N_("STT"), lambda item, i: str(i + 1)),
            (N_("Nội dung"), lambda item, i: " ".join(item.text.split())),
            (N_("Người phụ trách"), lambda item, i: self.names.get(item.owner_id or "", "")),
            (N_("Thời hạn"), lambda item, i: format_date(item.due_on)),
        ), self)
        self.items_table = rows_table(self.items_model, stretch_column=1)
        fit_rows(self.items_table, 4)
        self.items_table.activated.connect(lambda _index: self.edit_item())
        on_key(self.items_table, "Delete", self.remove_item)
        for signal in (self.title.textEdited, self.issued_on.textEdited, self.recipients.textChanged):
            signal.connect(lambda *_a: self._mark_unsaved())
        self.signed = SignedCopyPanel(ctx)
        self.signed.changed.connect(self._reload_signed)
        self._build()

    def _build(self) -> None:
        number_row = QHBoxLayout()
        number_row.addWidget(self.symbol, 1)
        self.number_label = QLabel(_("Số cấp:"))
        number_row.addWidget(self.number_label)
        number_row.addWidget(self.number)
        form = QFormLayout()
        form.addRow(_("Trích yếu"), self.title)
        form.addRow(_("Ngày ban hành"), self.issued_on)
        items = QGroupBox(_("Quyết nghị"))
        item_buttons, _made = button_row((_("Thêm…"), self.add_item), (_("Sửa…"), self.edit_item),
                                         (_("Bỏ"), self.remove_item), (_("Lên"), lambda: self.move_item(-1)),
                                         (_("Xuống"), lambda: self.move_item(1)))
        column = QVBoxLayout(items)
        column.addWidget(QLabel(_("Kết quả đạt được và nhiệm vụ (có người phụ trách, thời hạn)."), wordWrap=True))
        column.addWidget(self.items_table, 1)
        column.addLayout(item_buttons)
        actions, (self.save_button,) = button_row((_("Ban hành và cấp số"), self.save))
        left = QWidget()
        layout = QVBoxLayout(left)
        layout.setContentsMargins(0, 0, 8, 0)
        layout.addLayout(number_row)
        layout.addWidget(self.numbering)
        layout.addLayout(form)
        layout.addWidget(items, 1)
        layout.addWidget(QLabel(_("Nơi nhận")))
        layout.addWidget(self.recipients)
        layout.addWidget(self.notice)
        layout.addLayout(actions)
        split = AdaptiveSplitter()  # one pane above the other when both do not fit
        split.addWidget(vertical_scroll(left))  # large text on a small screen: scroll down
        split.addWidget(self.signed)
        split.setStretchFactor(0, 3)
        split.setStretchFactor(1, 2)
        split.setChildrenCollapsible(False)
        QVBoxLayout(self).addWidget(split)

    # -- showing ----------------------------------------------------------------------------
    def load(self, detail: meetings.MeetingDetail) -> None:
        self.meeting_id = detail.id
        self.names = dict(member_choices(self.ctx.workspace))
        self.resolution = self.ctx.read(meetings.resolution_of_meeting, detail.id)
        self.notice.clear_text()
        if self.resolution:
            r = self.resolution
            self.names.update({item.owner_id: item.owner_name for item in r.items if item.owner_id})
            self._fill(r.title, r.issued_on, r.recipients,
                       [meetings.ResolutionItemForm(i.text, i.owner_id, i.due_on, i.id) for i in r.items])
        else:
            defaults = self.ctx.read(meetings.resolution_defaults, detail.id)
            self._fill(defaults.title, defaults.issued_on, defaults.recipients, list(defaults.items))
        self.number.setVisible(self.resolution is None)
        self.number_label.setVisible(self.resolution is None)
        self.save_button.setText(_("Lưu thay đổi") if self.resolution else _("Ban hành và cấp số"))
        self._refresh_numbering()
        self.signed.load(self.resolution)

    def _fill(self, title: str, issued_on, recipients: list[str], items: list[meetings.ResolutionItemForm]) -> None:
        self._filling = True
        self.title.setText(title)
        self.issued_on.setText(format_date(issued_on))
        self.recipients.setPlainText("\n".join(recipients))
        self._show_items(items, edited=False)
        self._filling = False

    def _mark_unsaved(self) -> None:
        if not self._filling:
            self.notice.show_text(_("Có thay đổi chưa lưu: nhấn “{button}”.").format(button=self.save_button.text()),
                                  "warning")

    def _show_items(self, items: list[meetings.ResolutionItemForm], select: int = -1, edited: bool = True) -> None:
        if edited:
            self._mark_unsaved()
        self.items = items
        self.items_model.set_rows(items)
        if 0 <= select < len(items):
            self.items_table.selectRow(select)

    def _refresh_numbering(self) -> None:
        """The counter of the term the issue date falls in; a new resolution gets its next number."""
        if self.resolution:
            self.report = None
            self.symbol.setText("<h2>%s</h2>%s" % (escape(_("Số {symbol}").format(symbol=self.resolution.symbol)),
                                                    escape(_("Nhiệm kỳ {term} · đã cấp số").format(
                                                        term=self.resolution.term))))
            self.numbering.clear_text()
            return
        try:
            day = parse_date(self.issued_on.text(), _("Ngày ban hành")) or self.ctx.today
        except ValidationError:
            day = self.ctx.today
        term = self.ctx.read(meetings.current_term, day)
        self.report = self.ctx.read(meetings.numbering_report, term)
        self.number.blockSignals(True)
        self.number.setValue(self.report.next_number)
        self.number.blockSignals(False)
        self._show_number()

    def _show_number(self) -> None:
        if self.report is None:
            return
        number = self.number.value()
        self.symbol.setText("<h2>%s</h2>%s" % (escape(_("Số {symbol}").format(symbol=meetings.symbol(number))),
                                                escape(_("Nhiệm kỳ {term} · số sẽ cấp khi ban hành").format(
                                                    term=self.report.term))))
        self.numbering.show_text(*number_check(number, self.report))

    def _reload_signed(self) -> None:
        self.resolution = self.ctx.read(meetings.resolution_of_meeting, self.meeting_id)
        self.signed.load(self.resolution)

    # -- editing ----------------------------------------------------------------------------
    def form(self) -> meetings.ResolutionForm:
        issued_on = parse_date(self.issued_on.text(), _("Ngày ban hành"))
        if issued_on is None:
            raise ValidationError(_("Hãy nhập ngày ban hành nghị quyết."))
        recipients = [line.strip() for line in self.recipients.toPlainText().splitlines() if line.strip()]
        shown = tuple(item.id for item in self.resolution.items) if self.resolution else ()
        return meetings.ResolutionForm(self.title.text(), issued_on, recipients, list(self.items), shown)

    def save(self) -> None:
        try:
            form = self.form()
        except UserError as exc:
            show_error(self, _("Nghị quyết"), exc)
            return
        if self.resolution:
            self.ctx.write(self, _("Nghị quyết"), meetings.update_resolution, self.resolution.id, form,
                           on_done=self._saved)
        else:
            number = self.number.value()
            chosen = None if self.report and number == self.report.next_number else number
            self.ctx.write(self, _("Nghị quyết"), meetings.create_resolution, self.meeting_id, form, number=chosen,
                           term=self.report.term if self.report else None, on_done=self._saved)

    def _saved(self, saved: meetings.ResolutionSaved) -> None:
        detail = self.ctx.read(meetings.get_meeting, self.meeting_id)
        self.load(detail)
        self.notice.show_text("\n".join(saved.warnings) or _("Đã lưu nghị quyết số {symbol}.").format(
            symbol=saved.resolution.symbol), "warning" if saved.warnings else "ok")

    def _item_dialog(self, item: meetings.ResolutionItemForm | None) -> meetings.ResolutionItemForm | None:
        choices = member_choices(self.ctx.workspace)
        self.names.update(dict(choices))
        dialog = ResolutionItemDialog(choices, item, parent=self)
        return dialog.value if dialog.exec() else None

    def add_item(self) -> None:
        value = self._item_dialog(None)
        if value:
            self._show_items(self.items + [value], len(self.items))

    def edit_item(self) -> None:
        row = current_row(self.items_table)
        if row >= 0 and (value := self._item_dialog(self.items[row])):
            items = list(self.items)
            items[row] = value
            self._show_items(items, row)

    def remove_item(self) -> None:
        row = current_row(self.items_table)
        if row >= 0:
            items = list(self.items)
            del items[row]
            self._show_items(items, min(row, len(items) - 1))

    def move_item(self, delta: int) -> None:
        row = current_row(self.items_table)
        if row >= 0 and 0 <= row + delta < len(self.items):
            items = list(self.items)
            items[row], items[row + delta] = items[row + delta], items[row]
            self._show_items(items, row + delta)
