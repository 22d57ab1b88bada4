"""The meeting screens around the meeting itself: calendar, history, attendance chart,
materials, invitations, the follow-up of tasks and the signed copy of a resolution."""

from datetime import date

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QImage
from PySide6.QtWidgets import QMessageBox

from handbook_desktop.core.meetings import InvitationState, MeetingState
from handbook_desktop.core import meetings
from handbook_desktop.ui.meetings import signed_copy
from tests.core.meetings.meeting_helpers import act
from handbook_desktop.ui.meetings.attendance_chart import AttendanceChartDialog
from handbook_desktop.ui.meetings.item_dialogs import InviteeDialog
from handbook_desktop.ui.meetings.library_picker import LibraryPickerDialog
from handbook_desktop.ui.meetings.meeting_view import PREPARATION, RESOLUTION

from .test_meetings_flow import meetings_page

OCTOBER = "Sinh hoạt chi bộ thường kỳ tháng 10 năm 2026"
NOVEMBER = "Sinh hoạt chi bộ thường kỳ tháng 11 năm 2026"


def test_calendar_shows_the_demo_meetings_month_by_month(main_window, qtbot):
    page = meetings_page(main_window)
    calendar = page.calendar
    calendar.show_month(2026, 10)
    assert [e.title for e in calendar.entries()] == [OCTOBER]
    cell = calendar.model.index_of(date(2026, 10, 20)).data()
    assert cell.startswith("20\n19:30") and "Thường kỳ hằng tháng" in cell
    assert calendar.model.index_of(date(2026, 10, 21)).data() == "21"
    assert "Tháng 10/2026" in calendar.month_label.text()
    calendar.grid.setFocus()
    qtbot.keyClick(calendar.grid, Qt.Key.Key_PageDown)  # from the grid itself, not only the buttons
    assert (calendar.year, calendar.month) == (2026, 11) and [e.title for e in calendar.entries()] == [NOVEMBER]
    calendar.next_month()
    assert calendar.entries() == [] and calendar.list.item(0).text() == "Chưa có cuộc họp nào trong tháng này."
    calendar.previous_month()
    calendar.list.setCurrentRow(0)
    calendar.open_selected()
    assert page.stack.currentWidget() is page.meeting and page.meeting.detail.title == NOVEMBER
    page.meeting.back_button.click()
    assert page.stack.currentWidget() is page.overview
    calendar.show_month(2027, 1)
    calendar.previous_month()
    assert (calendar.year, calendar.month) == (2026, 12)


def test_a_day_without_a_meeting_offers_the_form(main_window, monkeypatch):
    page = meetings_page(main_window)
    page.calendar.show_month(2026, 12)
    seen = []
    from handbook_desktop.ui.meetings.meeting_form import MeetingFormDialog

    def look(dialog: MeetingFormDialog) -> bool:
        seen.append((dialog.day.text(), dialog.title.placeholderText()))
        return False

    monkeypatch.setattr(MeetingFormDialog, "exec", look)
    page.calendar.grid.activated.emit(page.calendar.model.index_of(date(2026, 12, 18)))
    assert seen == [("18/12/2026", "Sinh hoạt chi bộ thường kỳ tháng 12 năm 2026")]


def test_history_search_filters_and_chart(main_window, qtbot):
    page = meetings_page(main_window)
    page.overview.setCurrentIndex(1)
    history = page.history
    assert [row.title for row in history.model.rows] == [NOVEMBER, OCTOBER]
    assert history.model.index(0, 4).data() == "18/21 (85.7%)" and history.model.index(1, 5).data() == "10-NQ/CB"
    history.search.setText("nao vet")  # no tones: an opinion in October mentions "nạo vét"
    history.reload()
    assert [row.title for row in history.model.rows] == [OCTOBER]
    history.search.clear()
    history.state.setCurrentIndex(history.state.findData(MeetingState.PLANNED))
    assert history.model.rows == [] and history.count.text() == "0 cuộc họp"
    history.state.setCurrentIndex(0)
    assert history.year.findData(2026) > 0
    dialog = AttendanceChartDialog(page.ctx, 2026, history)
    qtbot.addWidget(dialog)
    lines = {line.full_name: line for line in dialog.chart.members}
    assert len(dialog.chart.meetings) == 2
    assert (lines["Nguyễn Hữu Lộc"].present, lines["Nguyễn Hữu Lộc"].expected) == (1, 2)
    table = dialog.table.model()
    row = next(r for r in range(table.rowCount()) if table.index(r, 0).data() == "Nguyễn Hữu Lộc")
    assert table.index(row, 1).data() == "1/2 (50.0%)" and table.index(row, 3).data() == "Vắng (không lý do)"
    assert "3 đồng chí miễn sinh hoạt" in dialog.summary.text()


def test_materials_from_the_library_and_readiness(main_window, monkeypatch):
    page = meetings_page(main_window)
    saved = act(page.ctx.workspace, meetings.create_meeting, act(page.ctx.workspace, meetings.propose_next_regular, page.ctx.today).form)
    page.open_meeting(saved.id, PREPARATION)
    preparation = page.meeting.preparation

    def pick(dialog: LibraryPickerDialog) -> bool:
        dialog.search.setText("57-nq")  # no tones, part of the number
        assert len(dialog.model.rows) == 1
        dialog.choose()
        return True

    monkeypatch.setattr(LibraryPickerDialog, "exec", pick)
    preparation.materials.add_from_library()
    rows = preparation.materials.model.rows
    assert [r.document_number for r in rows] == ["57-NQ/TW"] and rows[0].on_time
    assert "Tài liệu đã sẵn sàng trước 1 ngày" in preparation.readiness.text()
    assert preparation.readiness.kind == "ok"
    opened = []
    main_window.meetings_page.open_requested.disconnect()
    main_window.meetings_page.open_requested.connect(lambda table, item_id: opened.append((table, item_id)))
    preparation.materials.table.selectRow(0)
    preparation.materials.open_material()
    assert opened == [("documents", rows[0].document_id)]


def test_invitations_and_the_guest_list(main_window, monkeypatch):
    page = meetings_page(main_window)
    saved = act(page.ctx.workspace, meetings.create_meeting, act(page.ctx.workspace, meetings.propose_next_regular, page.ctx.today).form)
    page.open_meeting(saved.id, PREPARATION)
    box = page.meeting.preparation.invitations

    def guest(dialog: InviteeDialog) -> bool:
        dialog.name.setText("Đặng Quốc Khánh")
        dialog.title.setText("Đảng ủy viên")
        dialog.unit.setText("Đảng ủy phường Bắc Sơn")
        return dialog.save()

    monkeypatch.setattr(InviteeDialog, "exec", guest)
    box.add_invitee()
    assert box.model.index(0, 3).data() == "Chưa gửi giấy mời"
    box.mark_sent()
    assert box.model.index(0, 3).data().startswith("Đã gửi giấy mời (25/11/2026")
    assert "Giấy mời: 1/1 đã gửi" in page.meeting.preparation.readiness.text()
    box.table.selectRow(0)
    box.state.setCurrentIndex(box.state.findData(InvitationState.ACCEPTED))
    box.set_state()
    assert act(page.ctx.workspace, meetings.invitees, saved.id)[0].invitation == InvitationState.ACCEPTED
    page.meeting.tabs.setCurrentIndex(1)
    guests = page.meeting.attendance.guests
    assert guests.item(0).text() == "Đặng Quốc Khánh"
    guests.item(0).setCheckState(Qt.CheckState.Checked)
    assert act(page.ctx.workspace, meetings.invitees, saved.id)[0].attended is True


def test_follow_up_task_ticked_done(main_window):
    page = meetings_page(main_window)
    saved = act(page.ctx.workspace, meetings.create_meeting, act(page.ctx.workspace, meetings.propose_next_regular, page.ctx.today).form)
    page.open_meeting(saved.id, PREPARATION)
    box = page.meeting.preparation.follow_up
    model = box.model
    assert model.rowCount() == 4 and model.index(0, 0).data(Qt.ItemDataRole.CheckStateRole) == Qt.CheckState.Unchecked
    assert model.setData(model.index(0, 0), Qt.CheckState.Checked.value, Qt.ItemDataRole.CheckStateRole)
    box.reload()
    assert model.rows[0].done_on == date(2026, 11, 25) and "1/4 nhiệm vụ đã xong" in box.hint.text()


def test_signed_copy_is_previewed_beside_the_resolution(main_window, tmp_path, monkeypatch):
    page = meetings_page(main_window)
    november = next(e for e in act(page.ctx.workspace, meetings.meeting_history) if e.title == NOVEMBER)
    page.open_meeting(november.id, RESOLUTION)
    panel = page.meeting.resolution.signed
    assert "Số 11-NQ/CB" in page.meeting.resolution.symbol.text()
    photo = tmp_path / "nghi-quyet-11.png"
    image = QImage(400, 560, QImage.Format.Format_RGB32)
    image.fill(QColor("white"))
    assert image.save(str(photo))
    panel.attach(photo)
    assert panel.list.count() == 1 and panel.preview.image is not None
    assert panel.preview.image.size() == image.size()
    scan = tmp_path / "ban-quet.pdf"
    scan.write_bytes(b"%PDF-1.4\n%%EOF\n")
    panel.attach(scan)
    assert panel.list.count() == 2 and panel.preview.image is None and "PDF" in panel.preview.text()
    opened = []
    monkeypatch.setattr(signed_copy, "open_attached", lambda parent, workspace, attached: opened.append(attached))
    panel.open_current()
    assert [a.filename for a in opened] == ["ban-quet.pdf"]
    shown = []
    monkeypatch.setattr(QMessageBox, "exec", lambda box: shown.append(box.text()))
    panel.attach(tmp_path / "missing.png")  # the task runner reports the error
    assert shown and "missing.png" in shown[0]
    assert len(act(page.ctx.workspace, meetings.resolution_of_meeting, november.id).signed_copies) == 2
