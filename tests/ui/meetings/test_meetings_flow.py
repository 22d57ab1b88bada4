"""A whole meeting in the GUI, as a secretary holds it: proposal, agenda, attendance by keys and
QR card, minutes with autosave, resolution number, approval and an addendum."""

from datetime import date, datetime

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QTextCursor
from PySide6.QtWidgets import QMessageBox

from handbook_desktop.core.meetings import AttendanceStatus, MeetingState
from handbook_desktop.core.clock import VIETNAM_TIME
from handbook_desktop.core import meetings
from handbook_desktop.core.members import member_qr_payload
from handbook_desktop.ui.meetings import minutes_tab
from tests.core.meetings.meeting_helpers import act
from handbook_desktop.ui.meetings.attendance_model import FIRST_MARK
from handbook_desktop.ui.meetings.item_dialogs import AddendumDialog, AgendaItemDialog, ResolutionItemDialog
from handbook_desktop.ui.meetings.meeting_form import MeetingFormDialog
from handbook_desktop.ui.meetings.meeting_view import ATTENDANCE, MINUTES, PREPARATION, RESOLUTION

TODAY = date(2026, 11, 25)
NOW = datetime(2026, 11, 25, 9, 0, tzinfo=VIETNAM_TIME)
Mark = AttendanceStatus


def meetings_page(window):
    window.show_page("meetings")
    page = window.meetings_page
    page.ctx.today, page.ctx.clock = TODAY, lambda: NOW
    return page


def row_of(tab, name: str) -> int:
    return next(i for i, row in enumerate(tab.model.rows) if row.full_name == name)


def status_of(workspace, meeting_id: str, name: str) -> tuple[Mark, str]:
    row = next(r for r in act(workspace, meetings.attendance_sheet, meeting_id).rows if r.full_name == name)
    return row.status, row.reason


@pytest.fixture
def december(main_window, monkeypatch):
    """Next month's meeting, proposed from the demo's pattern and created through the form."""
    page = meetings_page(main_window)

    def accept(dialog: MeetingFormDialog) -> bool:
        assert (dialog.day.text(), dialog.time.text()) == ("20/12/2026", "19:30")
        assert dialog.place.text() == "Nhà văn hóa khu phố 3"
        assert (dialog.chair.currentText(), dialog.recorder.currentText()) == ("Trần Đức Dũng", "Phạm Thị Ngọc Ánh")
        dialog.minutes.setValue(60)
        assert not dialog.duration_hint.isHidden() and "90 phút" in dialog.duration_hint.text()
        dialog.minutes.setValue(120)
        assert dialog.duration_hint.isHidden()
        return dialog.save()

    monkeypatch.setattr(MeetingFormDialog, "exec", accept)
    page.calendar.propose_next()
    return page


def test_proposed_meeting_is_created_and_opened(december, main_window):
    page, view = december, december.meeting
    assert page.stack.currentWidget() is view and view.tabs.currentIndex() == PREPARATION
    assert view.detail.title == "Sinh hoạt chi bộ thường kỳ tháng 12 năm 2026"
    assert view.detail.starts_at == datetime(2026, 12, 20, 19, 30, tzinfo=VIETNAM_TIME)
    assert (page.calendar.year, page.calendar.month) == (2026, 12)
    assert [e.id for e in page.calendar.entries()] == [view.detail.id]
    assert "Chưa có chương trình" in view.preparation.readiness.text()
    assert "Nghị quyết số 11-NQ/CB: 0/4 nhiệm vụ đã xong" in view.preparation.follow_up.hint.text()


def test_agenda_items_are_added_and_reordered(december, monkeypatch):
    box = december.meeting.preparation.agenda
    typed = iter([("Báo cáo kết quả thực hiện nhiệm vụ tháng 12", "Trần Đức Dũng", 30),
                  ("Thông tin thời sự", "Đỗ Thị Hằng", 15)])

    def fill(dialog: AgendaItemDialog) -> bool:
        title, presenter, minutes = next(typed)
        dialog.title.setText(title)
        dialog.presenter.setCurrentIndex(dialog.presenter.findText(presenter))
        dialog.minutes.setValue(minutes)
        return dialog.save()

    monkeypatch.setattr(AgendaItemDialog, "exec", fill)
    box.add_item()
    box.add_item()
    box.move_item(-1)  # the news first, as usual
    items = act(december.ctx.workspace, meetings.agenda, december.meeting.detail.id)
    assert [(i.title, i.presenter_name, i.minutes) for i in items] == [
        ("Thông tin thời sự", "Đỗ Thị Hằng", 15), ("Báo cáo kết quả thực hiện nhiệm vụ tháng 12", "Trần Đức Dũng", 30)]
    assert box.total.text() == "Tổng: 45/120 phút"
    assert "2 nội dung" in december.meeting.preparation.readiness.text()


def test_attendance_by_keys_clicks_and_qr(december, qtbot):
    view, workspace = december.meeting, december.ctx.workspace
    meeting_id = view.detail.id
    view.tabs.setCurrentIndex(ATTENDANCE)
    tab = view.attendance
    tab.table.setFocus()
    tab.table.setCurrentIndex(tab.model.index(row_of(tab, "Trần Đức Dũng"), 1))
    qtbot.keyClick(tab.table, Qt.Key.Key_P)
    assert status_of(workspace, meeting_id, "Trần Đức Dũng") == (Mark.PRESENT, "")
    assert tab.table.currentIndex().row() == row_of(tab, "Trần Đức Dũng") + 1  # on to the next member
    tab.table.setCurrentIndex(tab.model.index(row_of(tab, "Đỗ Thị Hằng"), 1))
    qtbot.keyClick(tab.table, Qt.Key.Key_L)
    assert not tab.reason_frame.isHidden() and tab.reason.hasFocus()
    tab.reason.insert("Đi công tác")  # QTest types ASCII only; an input method would insert like this
    qtbot.keyClick(tab.reason, Qt.Key.Key_Return)
    assert status_of(workspace, meeting_id, "Đỗ Thị Hằng") == (Mark.ABSENT_EXCUSED, "Đi công tác")
    assert tab.reason_frame.isHidden()
    tab.table.setCurrentIndex(tab.model.index(row_of(tab, "Nguyễn Hữu Lộc"), 1))
    qtbot.keyClick(tab.table, Qt.Key.Key_K)
    assert status_of(workspace, meeting_id, "Nguyễn Hữu Lộc")[0] == Mark.ABSENT_UNEXCUSED
    tab.table.setCurrentIndex(tab.model.index(row_of(tab, "Bùi Quang Huy"), 1))
    qtbot.keyClick(tab.table, Qt.Key.Key_M)  # not excused: refused in place, no dialog
    assert "không thuộc diện miễn" in tab.feedback.text()
    tab.table.clicked.emit(tab.model.index(row_of(tab, "Bùi Quang Huy"), FIRST_MARK))  # one click: present
    assert status_of(workspace, meeting_id, "Bùi Quang Huy")[0] == Mark.PRESENT
    assert tab.model.rows[row_of(tab, "Bùi Quang Huy")].status == Mark.PRESENT

    khoa = next(r for r in tab.model.rows if r.full_name == "Đặng Văn Khoa")
    for typed, expected in ((member_qr_payload(khoa.member_id), "Đã điểm danh: đồng chí Đặng Văn Khoa"),
                            (member_qr_payload(khoa.member_id), "Đặng Văn Khoa đã điểm danh rồi"),
                            ("https://example.com", "không phải thẻ đảng viên")):
        qtbot.keyClicks(tab.scan, typed)  # a keyboard-wedge scanner types, then presses Enter
        qtbot.keyClick(tab.scan, Qt.Key.Key_Return)
        assert expected in tab.feedback.text() and tab.scan.text() == ""
    assert status_of(workspace, meeting_id, "Đặng Văn Khoa")[0] == Mark.PRESENT
    assert "Có mặt: <b>3</b>" in tab.counts.text()

    tab.mark_rest_present()
    counts = act(workspace, meetings.attendance_counts, meeting_id)
    assert (counts.pending, counts.absent_with_reason, counts.absent_without_reason) == (0, 1, 1)
    assert f"Có mặt: <b>{counts.present}</b>" in tab.counts.text() and "Chưa điểm danh: <b>0</b>" in tab.counts.text()
    assert f"Tỷ lệ có mặt: <b>{100 * counts.rate:.1f}%</b>" in tab.counts.text()


def _hold(page, qtbot) -> str:
    """Everyone present, then the minutes tab open; returns the meeting id."""
    view = page.meeting
    act(page.ctx.workspace, meetings.mark_pending_present, view.detail.id)
    view.tabs.setCurrentIndex(MINUTES)
    return view.detail.id


def test_minutes_autosave_then_save_on_leaving(december, qtbot, monkeypatch):
    view, workspace = december.meeting, december.ctx.workspace
    meeting_id = _hold(december, qtbot)
    tab = view.minutes
    voters = act(workspace, meetings.attendance_counts, meeting_id).voters
    qtbot.keyClicks(tab.ended, "21:15")
    tab.speeches.add_speech()
    speaker = tab.speeches.speaker
    speaker.setCurrentIndex(speaker.findText("Lê Văn Lữ"))
    speaker.activated.emit(speaker.currentIndex())
    tab.speeches.text.insertPlainText("Tôi nhất trí với báo cáo.")
    tab.votes.add_vote()
    model = tab.votes.model
    model.setData(model.index(0, 0), "Thông qua nghị quyết tháng 12")
    model.setData(model.index(0, 1), voters + 1)
    assert "nhiều hơn số đảng viên chính thức có mặt" in tab.votes.problems.text()
    assert tab.votes.problems.kind == "error" and model.index(0, 4).data().startswith("✗")
    shown = []
    monkeypatch.setattr(QMessageBox, "exec", lambda box: shown.append(box.text()))
    tab.save()  # refused with the reason; what was typed is kept as a draft
    assert "nhiều hơn" in shown[0]
    model.setData(model.index(0, 1), voters)
    assert tab.votes.problems.text() == "" and model.index(0, 4).data() == "✓ 100.0%"

    tab.conclusions.insertPlainText("Chi bộ nhất trí.")
    qtbot.waitUntil(lambda: act(workspace, meetings.load_minutes, meeting_id).content.conclusions == "Chi bộ nhất trí.",
                    timeout=5000)  # the autosave timer fired on its own
    draft = act(workspace, meetings.load_minutes, meeting_id)
    assert draft.draft_saved_at is not None and draft.meeting.state == MeetingState.PLANNED
    assert [s.text for s in draft.content.speeches] == ["Tôi nhất trí với báo cáo."]
    assert "Đã tự động lưu bản nháp" in tab.status.text()

    view.tabs.setCurrentIndex(RESOLUTION)  # leaving the tab writes the minutes as rows
    saved = act(workspace, meetings.load_minutes, meeting_id)
    assert saved.draft_saved_at is None and saved.meeting.state == MeetingState.HELD
    assert saved.content.ended_at == datetime(2026, 12, 20, 21, 15, tzinfo=VIETNAM_TIME)
    assert [(v.matter, v.agree) for v in saved.content.votes] == [("Thông qua nghị quyết tháng 12", voters)]
    assert saved.content.speeches[0].member_id and saved.content.speeches[0].id


def test_a_draft_left_by_a_crash_is_recovered(december, qtbot):
    view, workspace = december.meeting, december.ctx.workspace
    meeting_id = view.detail.id
    act(workspace, meetings.save_minutes_draft, meeting_id, meetings.MinutesContent(conclusions="Gõ dở khi mất điện"))
    december.show_overview()
    december.open_meeting(meeting_id, MINUTES)
    tab = view.minutes
    assert tab.conclusions.toPlainText() == "Gõ dở khi mất điện"
    assert "Đã khôi phục bản nháp lúc" in tab.status.text() and not tab.discard_button.isHidden()
    view.tabs.setCurrentIndex(ATTENDANCE)  # an untouched recovered draft stays a draft
    kept = act(workspace, meetings.load_minutes, meeting_id)
    assert kept.draft_saved_at is not None and kept.meeting.state == MeetingState.PLANNED
    view.tabs.setCurrentIndex(MINUTES)
    tab.conclusions.moveCursor(QTextCursor.MoveOperation.End)
    tab.conclusions.insertPlainText(" — đã xem lại")
    view.tabs.setCurrentIndex(ATTENDANCE)  # touched: leaving writes the minutes
    saved = act(workspace, meetings.load_minutes, meeting_id)
    assert saved.draft_saved_at is None and saved.content.conclusions == "Gõ dở khi mất điện — đã xem lại"


def test_resolution_number_from_the_counter(december, qtbot, monkeypatch):
    view, workspace = december.meeting, december.ctx.workspace
    meeting_id = view.detail.id
    view.tabs.setCurrentIndex(RESOLUTION)
    tab = view.resolution
    assert "Số 12-NQ/CB" in tab.symbol.text() and "2025-2030" in tab.symbol.text()
    assert "01-NQ/CB … 09-NQ/CB" in tab.numbering.text()  # the demo's counter starts at 10
    tab.number.setValue(14)
    assert "bỏ cách: chưa có 12-NQ/CB … 13-NQ/CB" in tab.numbering.text()
    tab.number.setValue(11)
    assert "đã cấp" in tab.numbering.text() and tab.numbering.kind == "error"
    tab.number.setValue(12)

    def task(dialog: ResolutionItemDialog) -> bool:
        dialog.text.setPlainText("Hoàn thành kiểm điểm cuối năm")
        dialog.owner.setCurrentIndex(dialog.owner.findText("Trần Đức Dũng"))
        dialog.due.setText("31/12/2026")
        return dialog.save()

    monkeypatch.setattr(ResolutionItemDialog, "exec", task)
    tab.add_item()
    tab.save()
    resolution = act(workspace, meetings.resolution_of_meeting, meeting_id)
    assert resolution.symbol == "12-NQ/CB" and resolution.items[0].owner_name == "Trần Đức Dũng"
    assert "Số 12-NQ/CB" in tab.symbol.text() and tab.number.isHidden()


def test_approval_locks_everything_but_addenda(december, qtbot, monkeypatch):
    view, workspace = december.meeting, december.ctx.workspace
    meeting_id = _hold(december, qtbot)
    minutes = view.minutes
    qtbot.keyClicks(minutes.ended, "21:15")
    monkeypatch.setattr(minutes_tab, "ask", lambda *args: True)
    minutes.approve()
    assert act(workspace, meetings.get_meeting, meeting_id).locked
    assert "đã khóa" in minutes.banner.text() and "Nội dung khớp" in minutes.banner.text()
    assert minutes.conclusions.isReadOnly() and minutes.speeches.text.isReadOnly()
    assert not minutes.votes.model.flags(minutes.votes.model.index(0, 0)) & Qt.ItemFlag.ItemIsEditable \
        if minutes.votes.model.rowCount() else True
    assert minutes.save_button.isHidden() and minutes.approve_button.isHidden()
    assert not view.edit_button.isEnabled()
    assert not view.attendance.mark_row(0, Mark.ABSENT_UNEXCUSED)  # the sheet is locked too
    assert not view.preparation.agenda.buttons[0].isEnabled()

    def addendum(dialog: AddendumDialog) -> bool:
        dialog.text.setPlainText("Bổ sung: đồng chí Lê Văn Lữ đề nghị sửa cống tổ 2.")
        return dialog.save()

    monkeypatch.setattr(AddendumDialog, "exec", addendum)
    assert minutes.addenda.add_button.isEnabled()
    minutes.addenda.add_addendum()
    assert "Phụ lục 1" in minutes.addenda.list.text() and "sửa cống tổ 2" in minutes.addenda.list.text()
    assert [a.text for a in act(workspace, meetings.load_minutes, meeting_id).addenda] == [
        "Bổ sung: đồng chí Lê Văn Lữ đề nghị sửa cống tổ 2."]
    assert act(workspace, meetings.verify_minutes, meeting_id) is True
