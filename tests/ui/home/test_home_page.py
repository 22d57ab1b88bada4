"""Trang chủ's meeting card and reminders, as the secretary reads them."""

from datetime import date

from PySide6.QtWidgets import QLabel

from handbook_desktop.core import meetings
from handbook_desktop.core.home import load_overview
from handbook_desktop.ui.home.home_page import HomePage
from tests.core.meetings.meeting_helpers import act, at


def home_text(qtbot, workspace, today: date) -> str:
    page = HomePage(workspace.perform(lambda uow: load_overview(uow, today)), [])
    qtbot.addWidget(page)
    return "\n".join(label.text() for label in page.findChildren(QLabel))


def test_a_planned_meeting_card_says_how_ready_it_is_and_the_days_left(qtbot, demo_workspace):
    act(demo_workspace, meetings.create_meeting, meetings.MeetingForm(starts_at=at(2026, 12, 20)))
    text = home_text(qtbot, demo_workspace, date(2026, 12, 15))
    assert "Cuộc họp sắp tới" in text and "còn 5 ngày" in text
    assert "Chương trình: 0 nội dung" in text and "Giấy mời: 0/0 đã gửi" in text
    assert "Có mặt: 0/" not in text


def test_overdue_tasks_are_listed_with_who_and_how_late(qtbot, demo_workspace):
    text = home_text(qtbot, demo_workspace, date(2026, 12, 3))
    assert "Nhiệm vụ nghị quyết quá hạn" in text
    assert "Trần Đức Dũng, hạn 30/11/2026, <b>quá 3 ngày</b> (11-NQ/CB)" in text
    assert "Cuộc họp gần nhất" in text and "Có mặt: 18/21 đồng chí" in text
    assert "quá hạn" not in home_text(qtbot, demo_workspace, date(2026, 11, 25))
