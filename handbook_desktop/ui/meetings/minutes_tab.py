"""Biên bản: times, opinions per agenda item, conclusions, votes, quality; autosaved.

Autosave: every change (re)starts a short timer; when it fires, the editor's whole state
goes to `save_minutes_draft` (one small row, a few ms, so it runs on the GUI thread and
drafts can never land out of order). While typing goes on without a pause, a save still
happens at least every MAX_UNSAVED_S seconds. Leaving the tab (or the meeting, or the
window) or pressing Lưu writes the minutes as rows with `save_minutes`; a draft found on
opening is what an earlier session left behind when it crashed, and the user is told.
"""

from collections.abc import Callable
from datetime import date, datetime
from time import monotonic

from PySide6.QtCore import QTimer, Signal
from PySide6.QtWidgets import (QComboBox, QGroupBox, QHBoxLayout, QLabel, QLineEdit, QPlainTextEdit,
                               QVBoxLayout, QWidget)

from handbook_desktop.core.errors import UserError, ValidationError
from handbook_desktop.core import write_guard
from handbook_desktop.core.clock import VIETNAM_TIME
from handbook_desktop.core.text import format_datetime
from handbook_desktop.core import meetings
from handbook_desktop.i18n import _
from handbook_desktop.ui.fit import AdaptiveSplitter, FlowLayout
from handbook_desktop.ui.dialogs import ask, show_error
from handbook_desktop.ui.fit import fit_rows, vertical_scroll
from handbook_desktop.ui.meetings.common import (MeetingContext, Notice, button_row, format_time, on_key,
                                                 parse_time)
from handbook_desktop.ui.meetings.minutes_after import AddendaBox, EvaluationBox, lock_text
from handbook_desktop.ui.meetings.speeches_panel import SpeechesPanel
from handbook_desktop.ui.meetings.stale_draft import StaleDraftDialog
from handbook_desktop.ui.meetings.votes_panel import VotesPanel

AUTOSAVE_DELAY_MS = 2000
MAX_UNSAVED_S = 5.0


class MinutesTab(QWidget):
    saved = Signal()  # the minutes became rows (the meeting counts as held) or were approved

    def __init__(self, ctx: MeetingContext, parent: QWidget | None = None):
        super().__init__(parent)
        self.ctx = ctx
        self.minutes: meetings.Minutes | None = None
        self._origin = meetings.MinutesContent()
        self.locked, self._loading, self._dirty, self._has_draft = False, False, False, False
        self._edited = False  # typed in since opening: only then does leaving write the minutes
        self._dirty_since: float | None = None
        self.autosave_timer = QTimer(self, singleShot=True, interval=AUTOSAVE_DELAY_MS, timeout=self.autosave)
        self.banner, self.status, self.problems = Notice(), Notice(), Notice()
        self.started, self.ended = QLineEdit(placeholderText=_("giờ:phút")), QLineEdit(placeholderText=_("giờ:phút"))
        self.conclusions = QPlainTextEdit(placeholderText=_("Kết luận của đồng chí chủ trì…"))
        self.conclusions.setTabChangesFocus(True)
        self.quality = QComboBox()
        self.quality.addItem(_("— chưa đánh giá —"), None)
        for quality in meetings.Quality:
            self.quality.addItem(meetings.meeting_label(quality), quality)
        self.speeches, self.votes = SpeechesPanel(), VotesPanel()
        self.addenda, self.evaluation = AddendaBox(ctx), EvaluationBox(ctx)
        for signal in (self.started.textEdited, self.ended.textEdited, self.conclusions.textChanged,
                       self.quality.activated, self.speeches.changed, self.votes.changed):
            signal.connect(lambda *_a: self.changed())
        self._build()

    def _build(self) -> None:
        actions, (self.save_button, self.approve_button, self.discard_button) = button_row(
            (_("Lưu biên bản"), self.save), (_("Thông qua biên bản…"), self.approve),
            (_("Bỏ bản nháp"), self.discard_draft), stretch=False)
        actions.addWidget(self.status, 1)  # after the buttons, so they never move
        on_key(self, "Ctrl+S", self.save, children=True)
        times = FlowLayout()  # each label stays with its field when large text wraps the row
        for text, widget in ((_("Bắt đầu lúc"), self.started), (_("Kết thúc lúc"), self.ended),
                             (_("Tự đánh giá chất lượng"), self.quality)):
            pair = QWidget()
            row = QHBoxLayout(pair)
            row.setContentsMargins(0, 0, 0, 0)
            label = QLabel(text)
            label.setBuddy(widget)
            row.addWidget(label)
            row.addWidget(widget)
            times.addWidget(pair)
        for edit in (self.started, self.ended):
            edit.setMaximumWidth(self.fontMetrics().horizontalAdvance("00:00 (theo lịch)") + 24)
        conclusions = QGroupBox(_("Kết luận của chủ trì"))
        QVBoxLayout(conclusions).addWidget(self.conclusions)
        self.conclusions.setMinimumHeight(self.fontMetrics().lineSpacing() * 6)
        fit_rows(self.votes.table, 3)
        right = QWidget()
        column = QVBoxLayout(right)
        column.setContentsMargins(0, 0, 4, 0)
        for widget in (conclusions, self.votes):
            column.addWidget(widget, 1)
        column.addWidget(self.evaluation)
        column.addWidget(self.addenda)
        split = AdaptiveSplitter()  # one pane above the other when both do not fit
        split.addWidget(self.speeches)
        split.addWidget(vertical_scroll(right))
        split.setStretchFactor(0, 9)
        split.setStretchFactor(1, 11)
        split.setChildrenCollapsible(False)
        layout = QVBoxLayout(self)
        layout.addWidget(self.banner)
        layout.addLayout(actions)
        layout.addWidget(self.problems)
        layout.addLayout(times)
        layout.addWidget(split, 1)

    # -- loading and the editor's content -------------------------------------------------
    def load(self, meeting_id: str) -> None:
        """Read the minutes (an autosaved draft first, if one was left behind) into the editor."""
        self.autosave_timer.stop()
        minutes = self.ctx.read(meetings.load_minutes, meeting_id)
        self.minutes, self.locked = minutes, minutes.meeting.locked
        keep_draft = minutes.stale_draft is not None and self.choose_draft(minutes)
        if minutes.stale_draft is not None and not keep_draft:
            self.ctx.write(self, _("Bỏ bản nháp"), meetings.discard_minutes_draft, meeting_id,
                           on_done=lambda _result: self.load(meeting_id))
        self._loading = True
        # The content the editor starts from: its loaded rows and base travel with every save.
        content = self._origin = minutes.stale_draft if keep_draft else minutes.content
        self.started.setPlaceholderText(_("{time} (theo lịch)").format(time=format_time(minutes.meeting.starts_at)))
        self.started.setText(format_time(content.started_at))
        self.ended.setText(format_time(content.ended_at))
        self.conclusions.setPlainText(content.conclusions)
        self.quality.setCurrentIndex(max(self.quality.findData(content.quality), 0))
        self.speeches.set_context(minutes.agenda, minutes.speakers)
        self.speeches.set_speeches(content.speeches)
        self.votes.set_votes(content.votes, minutes.attendance.voters)
        self._loading = False
        self._dirty, self._dirty_since, self._has_draft = False, None, minutes.draft_saved_at is not None
        self._edited = False
        self._show_state()
        if keep_draft:  # the draft kept is rebased on the minutes now saved: store it so
            self._dirty = self._edited = True
            self.autosave()

    def choose_draft(self, minutes: meetings.Minutes) -> bool:
        """This laptop's draft is older than the other laptop's change: True keeps the draft."""
        return StaleDraftDialog(minutes, self).exec() == StaleDraftDialog.DialogCode.Accepted

    def _show_state(self) -> None:
        minutes = self.minutes
        detail = minutes.meeting
        for edit in (self.started, self.ended, self.conclusions):
            edit.setReadOnly(self.locked)
        self.quality.setEnabled(not self.locked)
        self.speeches.set_read_only(self.locked)
        self.votes.set_read_only(self.locked)
        for button in (self.save_button, self.approve_button):
            button.setVisible(not self.locked)
        self.discard_button.setVisible(self._has_draft and not self.locked)
        intact = self.ctx.read(meetings.verify_minutes, detail.id) if self.locked else None
        self.banner.show_text(lock_text(detail, intact) if self.locked else "", "warning")
        self.addenda.load(detail, minutes.addenda)
        self.evaluation.load(detail)
        self.problems.clear_text()
        if self._has_draft and not self.locked:
            self.status.show_text(_("Đã khôi phục bản nháp lúc {when} (chưa lưu chính thức): kiểm tra rồi nhấn "
                                    "“Lưu biên bản”.").format(when=format_datetime(minutes.draft_saved_at)),
                                  "warning")
        else:
            self.status.clear_text()

    def _moment(self, edit: QLineEdit, field: str) -> datetime | None:
        at = parse_time(edit.text(), field)
        if at is None:
            return None
        day: date = self.minutes.meeting.starts_at.astimezone(VIETNAM_TIME).date()
        return datetime.combine(day, at, VIETNAM_TIME)

    def content(self, strict: bool = True) -> meetings.MinutesContent:
        """The editor's state; with `strict` False an unreadable time is left out, not refused."""
        times = []
        for edit, field in ((self.started, _("Giờ bắt đầu")), (self.ended, _("Giờ kết thúc"))):
            try:
                times.append(self._moment(edit, field))
            except ValidationError:
                if strict:
                    raise
                times.append(None)
        return meetings.MinutesContent(started_at=times[0], ended_at=times[1],
                                       conclusions=self.conclusions.toPlainText(),
                                       quality=self.quality.currentData(), speeches=self.speeches.speeches(),
                                       votes=self.votes.votes(), loaded=self._origin.loaded,
                                       base=self._origin.base)

    # -- autosave -------------------------------------------------------------------------
    def changed(self) -> None:
        if self._loading or self.locked or self.minutes is None:
            return
        self._dirty = self._edited = True
        now = monotonic()
        self._dirty_since = self._dirty_since or now
        if now - self._dirty_since >= MAX_UNSAVED_S:
            self.autosave()  # typing without a pause: do not wait for one
        else:
            self.autosave_timer.start()

    def autosave(self) -> bool:
        self.autosave_timer.stop()
        if not self._dirty or self.locked or self.minutes is None:
            return False
        meeting_id, content = self.minutes.meeting.id, self.content(strict=False)
        try:
            # The one write made on the GUI thread, on purpose: autosaves must land in the
            # order they were typed (a queued one could overwrite a later save of the
            # minutes), and one local row without an outbox entry takes about 2 ms.
            with write_guard.inline_write_allowed():
                saved_at = self.ctx.workspace.perform(
                    lambda uow: meetings.save_minutes_draft(uow, meeting_id, content))
        except UserError as exc:
            self.status.show_text(exc.message, "error")
            return False
        self._dirty, self._dirty_since, self._has_draft = False, None, True
        self.status.show_text(_("Đã tự động lưu bản nháp lúc {time}.").format(
            time=saved_at.astimezone(VIETNAM_TIME).strftime("%H:%M:%S")), "info")
        self.discard_button.setVisible(False)
        return True

    # -- saving, leaving, approving -------------------------------------------------------
    def write(self, on_done: Callable[[meetings.MinutesSaved], None],
              refused: Callable[[UserError], None]) -> None:
        """The minutes as rows, on the task runner; when they cannot be, `refused` gets the
        reason (after the latest keystrokes are kept as a draft)."""
        self.autosave_timer.stop()
        try:
            content = self.content()
        except UserError as exc:
            self._keep_draft(refused, exc)
            return
        meeting_id = self.minutes.meeting.id

        def done(saved: meetings.MinutesSaved) -> None:
            self._dirty, self._dirty_since, self._has_draft, self._edited = False, None, False, False
            on_done(saved)

        self.ctx.write(self, _("Lưu biên bản"), meetings.save_minutes, meeting_id, content, on_done=done,
                       refused=lambda exc: self._keep_draft(refused, exc))

    def _keep_draft(self, refused: Callable[[UserError], None], exc: UserError) -> None:
        self.autosave()
        refused(exc)

    def save(self) -> None:
        if self.locked or self.minutes is None:
            return
        self.write(lambda saved: self._after_write(saved.warnings),
                   lambda exc: show_error(self, _("Lưu biên bản"), exc))

    def _after_write(self, warnings: list[str]) -> None:
        selected = self.speeches.table.currentIndex().row()
        self.load(self.minutes.meeting.id)  # saved rows now have ids: later saves update them
        self.speeches.set_speeches(self.speeches.speeches(), selected)
        self.status.show_text(_("Đã lưu biên bản lúc {time}.").format(
            time=self.ctx.now().astimezone(VIETNAM_TIME).strftime("%H:%M:%S")), "ok")
        self.problems.show_text("\n".join(warnings), "warning")
        self.saved.emit()

    def leave(self) -> None:
        """Leaving the tab or the meeting: save what was typed; never a modal box here.

        A draft recovered after a crash but not touched since stays a draft: the user has
        not looked at it yet, and saving would also mark the meeting as held.
        """
        if self.locked or self.minutes is None or not self._edited:
            return
        meeting_id = self.minutes.meeting.id

        def done(_saved: meetings.MinutesSaved) -> None:
            self.load(meeting_id)  # saved rows now have ids: later saves update them
            self.saved.emit()

        # Every keystroke is kept as a draft; it is offered again on return.
        self.write(done, lambda exc: self.problems.show_text(
            _("Biên bản chưa lưu được, đã giữ bản nháp: {error}").format(error=exc.message), "error"))

    def hideEvent(self, event) -> None:  # noqa: N802 - Qt API
        # Another tab, another section or the window closing: the minutes are saved then.
        if not event.spontaneous():
            self.leave()
        super().hideEvent(event)

    def discard_draft(self) -> None:
        if self.minutes and ask(self, _("Bỏ bản nháp"), _("Bỏ bản nháp đã khôi phục và quay về biên bản đã lưu?"),
                                _("Bỏ bản nháp"), _("Giữ lại")):
            meeting_id = self.minutes.meeting.id
            self.ctx.write(self, _("Bỏ bản nháp"), meetings.discard_minutes_draft, meeting_id,
                           on_done=lambda _result: self.load(meeting_id))

    def approve(self) -> None:
        if self.locked or self.minutes is None:
            return
        question = _("Thông qua biên bản “{title}”?\n\nSau khi thông qua, biên bản được khóa: không sửa được nữa, "
                     "mọi đính chính phải lập phụ lục.").format(title=self.minutes.meeting.title)
        if not ask(self, _("Thông qua biên bản"), question, _("Thông qua và khóa"), _("Chưa")):
            return
        try:
            self.content()  # an unreadable time is refused here, not dropped from the draft
        except UserError as exc:
            show_error(self, _("Thông qua biên bản"), exc)
            return
        self._dirty = True
        self.autosave()  # approval takes the latest draft as the minutes
        meeting_id = self.minutes.meeting.id

        def done(approval: meetings.Approval) -> None:
            self._has_draft = False
            self.load(meeting_id)
            self.problems.show_text("\n".join(approval.warnings), "warning")
            self.saved.emit()

        self.ctx.write(self, _("Thông qua biên bản"), meetings.approve_minutes, meeting_id, now=self.ctx.now(),
                       on_done=done)
