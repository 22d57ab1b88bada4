"""Điểm danh, live at the meeting and fully offline: one click or one key per mark, QR cards
through a USB scanner (it types the code and Enter), live counts and rate."""

from PySide6.QtCore import QModelIndex, Qt, Signal
from PySide6.QtWidgets import (QAbstractItemView, QFrame, QGroupBox, QHBoxLayout, QHeaderView, QLabel, QLineEdit,
                               QListWidget, QListWidgetItem, QPushButton, QTableView, QVBoxLayout, QWidget)

from handbook_desktop.core.errors import UserError
from handbook_desktop.core import meetings
from handbook_desktop.i18n import N_, _
from handbook_desktop.ui.figures import figures_html
from handbook_desktop.ui.meetings.attendance_model import MARKS, REASON, AttendanceModel, Mark
from handbook_desktop.ui.meetings.common import PALE_SELECTION, MeetingContext, Notice, button_row

TITLE = N_("Điểm danh")
KEYS = {key: mark for _title, mark, key in MARKS}


def counts_html(c: meetings.AttendanceCounts) -> str:
    lines = [
        figures_html(c),
        _("Có mặt: <b>{present}</b> (chính thức {official}, dự bị {probationary}) · Vắng: <b>{absent}</b> "
          "(có lý do {excused}, không lý do {unexcused}) · Chưa điểm danh: <b>{pending}</b>").format(
            present=c.present, official=c.present_official, probationary=c.present_probationary, absent=c.absent,
            excused=c.absent_with_reason, unexcused=c.absent_without_reason, pending=c.pending),
        _("Tỷ lệ có mặt: <b>{rate:.1f}%</b> · Được biểu quyết (chính thức có mặt): <b>{voters}</b>").format(
            rate=100 * c.rate, voters=c.voters),
    ]
    return "<br>".join(lines)


class AttendanceTable(QTableView):
    """P, L, K, M mark the current row; the view moves on so the next key marks the next member."""

    mark_requested = Signal(int, object)  # row, Mark
    reason_requested = Signal(int)

    def keyPressEvent(self, event) -> None:  # noqa: N802 - Qt API
        row = self.currentIndex().row()
        mark = KEYS.get(event.key())
        if mark is not None and row >= 0 and not event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier:
            self.mark_requested.emit(row, mark)
        elif event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and row >= 0:
            self.reason_requested.emit(row)
        else:
            super().keyPressEvent(event)


class AttendanceTab(QWidget):
    changed = Signal()

    def __init__(self, ctx: MeetingContext, parent: QWidget | None = None):
        super().__init__(parent)
        self.ctx, self.meeting_id, self.locked = ctx, "", False
        self._reason_row = -1
        self.model = AttendanceModel(self)
        self.table = self._table()
        self.counts = QLabel(textFormat=Qt.TextFormat.RichText, wordWrap=True)
        self.scan = QLineEdit(clearButtonEnabled=True,
                              placeholderText=_("Quét thẻ QR bằng máy quét (hoặc gõ mã rồi nhấn Enter)"))
        self.scan.returnPressed.connect(self.scan_entered)
        self.feedback = Notice()
        self.reason_frame, self.reason_label, self.reason = self._reason_bar()
        self.guests = QListWidget()
        self.guests.itemChanged.connect(self._guest_changed)
        self._build()

    def _table(self) -> AttendanceTable:
        table = AttendanceTable(selectionBehavior=QAbstractItemView.SelectionBehavior.SelectRows,
                                selectionMode=QAbstractItemView.SelectionMode.SingleSelection,
                                editTriggers=QAbstractItemView.EditTrigger.NoEditTriggers)
        table.setModel(self.model)
        table.verticalHeader().hide()
        table.setTabKeyNavigation(False)
        header = table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Interactive)  # names need the room
        header.resizeSection(1, header.fontMetrics().horizontalAdvance("Nguyễn Thị Thu Hương") + 32)
        header.setSectionResizeMode(REASON, QHeaderView.ResizeMode.Stretch)
        table.setStyleSheet(PALE_SELECTION)  # the marks of the current row stay in their colours
        table.clicked.connect(self._clicked)
        table.mark_requested.connect(self.mark_row)
        table.reason_requested.connect(self._ask_reason_again)
        return table

    def _reason_bar(self) -> tuple[QFrame, QLabel, QLineEdit]:
        frame = QFrame(objectName="card")
        row = QHBoxLayout(frame)
        text = QLabel()
        reason = QLineEdit(placeholderText=_("Ví dụ: ốm, đi công tác — Enter để ghi, Esc để bỏ qua"))
        reason.returnPressed.connect(self.save_reason)
        save = QPushButton(_("Ghi lý do"))
        save.clicked.connect(self.save_reason)
        for widget in (text, reason, save):
            row.addWidget(widget, 1 if widget is reason else 0)
        frame.hide()
        return frame, text, reason

    def _build(self) -> None:
        actions, self.buttons = button_row(
            *[(_(title), lambda mark=mark: self.mark_current(mark)) for title, mark, _key in MARKS], flow=True)
        scan_row, rest = button_row((_("Đánh dấu những người còn lại có mặt"), self.mark_rest_present),
                                    stretch=False)
        self.buttons += rest
        scan_label = QLabel(_("&Thẻ QR:"), buddy=self.scan)  # Alt+T: back to the scanner's box
        scan_row.insertWidget(0, scan_label)
        scan_row.insertWidget(1, self.scan, 1)
        self.guests_box = guests = QGroupBox(_("Đại biểu, khách mời có mặt"))
        QVBoxLayout(guests).addWidget(self.guests)
        self.guests.setMaximumHeight(self.fontMetrics().lineSpacing() * 4)
        guests.setMaximumWidth(self.fontMetrics().horizontalAdvance("M") * 24)
        top = QHBoxLayout()
        top.addWidget(self.counts, 1)
        top.addWidget(guests)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addLayout(scan_row)
        layout.addWidget(self.feedback)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.reason_frame)
        layout.addLayout(actions)
        hint = QLabel(_("Phím tắt trên danh sách: P có mặt · L vắng có lý do · K vắng không lý do · M miễn · "
                        "Enter sửa lý do vắng. Nhấp vào một ô để đánh dấu."), wordWrap=True)
        layout.addWidget(hint)

    def load(self, detail: meetings.MeetingDetail) -> None:
        self.meeting_id, self.locked = detail.id, detail.locked
        self.reload()
        self.feedback.clear_text()
        self.reason_frame.hide()
        for widget in (*self.buttons, self.scan):
            widget.setEnabled(not detail.locked)

    def reload(self) -> None:
        sheet = self.ctx.read(meetings.attendance_sheet, self.meeting_id)
        self.model.set_rows(sheet.rows)
        self.counts.setText(counts_html(sheet.counts))
        self._load_guests()
        if sheet.rows:
            self.table.setCurrentIndex(self.model.index(0, 1))

    def _load_guests(self) -> None:
        self.guests.blockSignals(True)
        self.guests.clear()
        for guest in self.ctx.read(meetings.invitees, self.meeting_id):
            if guest.member_id:
                continue  # members of the cell are on the sheet
            item = QListWidgetItem(guest.name)
            item.setToolTip(", ".join(part for part in (guest.title, guest.unit_name) if part))
            item.setData(Qt.ItemDataRole.UserRole, guest.id)
            flags = item.flags() | Qt.ItemFlag.ItemIsUserCheckable
            item.setFlags(flags if not self.locked else flags & ~Qt.ItemFlag.ItemIsEnabled)
            item.setCheckState(Qt.CheckState.Checked if guest.attended else Qt.CheckState.Unchecked)
            self.guests.addItem(item)
        self.guests_box.setVisible(self.guests.count() > 0)  # the room goes to the sheet otherwise
        self.guests.blockSignals(False)

    def _guest_changed(self, item: QListWidgetItem) -> None:
        guest_id = item.data(Qt.ItemDataRole.UserRole)
        if guest_id and not self.locked:
            self.ctx.write(self, _(TITLE), meetings.set_guest_attended, guest_id,
                           item.checkState() == Qt.CheckState.Checked, refused=self._refused)
            self.changed.emit()

    # -- marking ------------------------------------------------------------------------
    def _clicked(self, index: QModelIndex) -> None:
        mark = self.model.mark_of_column(index.column())
        if mark is not None:
            self.mark_row(index.row(), mark)

    def mark_current(self, mark: Mark) -> None:
        row = self.table.currentIndex().row()
        if row >= 0:
            self.mark_row(row, mark)
        self.table.setFocus()

    def mark_row(self, row: int, mark: Mark, reason: str = "", ask_reason: bool = True) -> bool:
        if self.locked or not 0 <= row < len(self.model.rows):
            return False
        member = self.model.rows[row]
        if ask_reason and member.status == mark:
            reason = member.reason  # pressing L again must not wipe the reason given

        def done(marked: meetings.Marked) -> None:
            self._show_marked(marked)
            if mark == Mark.ABSENT_EXCUSED and ask_reason:
                self._ask_reason(row)
            else:
                self._next_row(row)

        self.ctx.write(self, _(TITLE), meetings.mark_attendance, self.meeting_id, member.member_id, mark, reason,
                       on_done=done, refused=self._refused)
        return True

    def _refused(self, exc: UserError) -> None:
        self.feedback.show_text(exc.message, "error")

    def _show_marked(self, marked: meetings.Marked) -> None:
        self.model.replace(marked.row)
        self.counts.setText(counts_html(marked.counts))
        self.feedback.show_text(_("{name}: {mark}").format(name=marked.row.full_name,
                                                           mark=meetings.meeting_label(marked.row.status)), "ok")
        self.changed.emit()

    def _next_row(self, row: int) -> None:
        following = min(row + 1, len(self.model.rows) - 1)
        self.table.setCurrentIndex(self.model.index(following, self.table.currentIndex().column()))

    def mark_rest_present(self) -> None:
        def done(_counts: meetings.AttendanceCounts) -> None:
            self.reload()
            self.feedback.show_text(_("Những đồng chí chưa điểm danh đã được đánh dấu có mặt."), "ok")
            self.changed.emit()

        self.ctx.write(self, _(TITLE), meetings.mark_pending_present, self.meeting_id, on_done=done,
                       refused=self._refused)

    # -- the reason of an excused absence, asked in place -------------------------------
    def _ask_reason(self, row: int) -> None:
        self._reason_row = row
        member = self.model.rows[row]
        self.reason_label.setText(_("Lý do vắng của đồng chí {name}:").format(name=member.full_name))
        self.reason.setText(member.reason)
        self.reason_frame.show()
        self.reason.setFocus()
        self.reason.selectAll()

    def _ask_reason_again(self, row: int) -> None:
        if not self.locked and self.model.rows[row].status == Mark.ABSENT_EXCUSED:
            self._ask_reason(row)

    def save_reason(self) -> None:
        row = self._reason_row
        self.reason_frame.hide()
        if self.mark_row(row, Mark.ABSENT_EXCUSED, self.reason.text(), ask_reason=False):
            self.table.setFocus()

    def keyPressEvent(self, event) -> None:  # noqa: N802 - Qt API
        if event.key() == Qt.Key.Key_Escape and self.reason_frame.isVisible():
            self.reason_frame.hide()
            self._next_row(self._reason_row)
            self.table.setFocus()
        else:
            super().keyPressEvent(event)

    # -- QR cards -----------------------------------------------------------------------
    def scan_entered(self) -> None:
        """A keyboard-wedge scanner typed a code and Enter: mark that member present."""
        text = self.scan.text()
        self.scan.clear()
        if not text.strip() or self.locked:
            return
        self.ctx.write(self, _(TITLE), meetings.mark_by_qr, self.meeting_id, text, on_done=self._scanned,
                       refused=self._refused)

    def _scanned(self, marked: meetings.Marked) -> None:
        position = self.model.replace(marked.row)
        self.counts.setText(counts_html(marked.counts))
        if position >= 0:
            self.table.scrollTo(self.model.index(position, 1))
        if marked.already:
            self.feedback.show_text(_("Đồng chí {name} đã điểm danh rồi.").format(name=marked.row.full_name),
                                    "warning")
        else:
            self.feedback.show_text(_("✓ Đã điểm danh: đồng chí {name} — có mặt.").format(
                name=marked.row.full_name), "ok")
            self.changed.emit()
