"""A meeting's figures are the cell as it stood on the meeting day: its attendance sheet, its
counts and its minutes agree with `cell_figures` of that day, not with today's roster."""

from datetime import date

import pytest

from handbook_desktop.core import meetings, members
from handbook_desktop.core.meetings import AttendanceStatus as Mark
from handbook_desktop.core.members import Place
from handbook_desktop.docgen.sources import cell, meeting
from tests.core.meetings.meeting_helpers import act, at, demo_members, new_meeting

from .helpers import pdf_text


def assert_sheet_agrees_with_figures(workspace, meeting_id: str, day: date) -> members.CellFigures:
    figures = act(workspace, members.cell_figures, day)
    sheet = act(workspace, meetings.attendance_sheet, meeting_id)
    attending = {m.member_id: m for m in figures.members if m.place != Place.AWAY}
    assert {row.member_id: row.standing for row in sheet.rows} == {i: m.standing for i, m in attending.items()}
    assert {row.member_id for row in sheet.rows if row.status == Mark.EXCUSED} == {
        m.member_id for m in figures.in_place(Place.EXCUSED)}
    assert sheet.away == [m.full_name for m in figures.in_place(Place.AWAY)]
    c = sheet.counts
    assert (c.total, c.official, c.probationary, c.excused, c.away, c.expected) == (
        figures.total, figures.official, figures.probationary, figures.excused, figures.away, figures.expected)
    return figures


@pytest.mark.parametrize(("index", "day"), [(0, date(2026, 10, 20)), (1, date(2026, 11, 20))])
def test_the_demo_meetings_sheets_agree_with_the_figures_of_their_day(demo_workspace, index, day):
    held = sorted(act(demo_workspace, meetings.meeting_history), key=lambda s: s.starts_at)[index]
    assert assert_sheet_agrees_with_figures(demo_workspace, held.id, day).total == 25


def test_a_past_meeting_counts_the_roster_as_it_stood_that_day(demo_workspace, tmp_path):
    """1 May 2026: Lưu Đức Mạnh not yet admitted (19 May), Bùi Thị Lan Anh not yet transferred
    out (15 June); Nguyễn Minh Khôi away since October 2025."""
    roster = demo_members(demo_workspace)
    meeting_id = new_meeting(demo_workspace, at(2026, 5, 1))
    figures = assert_sheet_agrees_with_figures(demo_workspace, meeting_id, date(2026, 5, 1))
    names = {m.full_name for m in figures.members}
    assert "Bùi Thị Lan Anh" in names and "Lưu Đức Mạnh" not in names
    assert (figures.total, figures.official, figures.probationary, figures.excused, figures.away,
            figures.expected) == (25, 24, 1, 3, 1, 21)
    act(demo_workspace, meetings.mark_pending_present, meeting_id)
    act(demo_workspace, meetings.mark_attendance, meeting_id, roster["Bùi Thị Lan Anh"].id, Mark.ABSENT_EXCUSED,
        "Chuẩn bị chuyển nơi cư trú")
    act(demo_workspace, meetings.save_minutes, meeting_id, meetings.MinutesContent())  # held: its record now
    minutes = act(demo_workspace, meeting.minutes_data, meeting_id)
    assert (minutes.counts.total, minutes.counts.present, minutes.counts.expected) == (25, 20, 21)
    assert minutes.away == ("Nguyễn Minh Khôi",)
    from handbook_desktop.docgen.render import render_document

    render_document(demo_workspace, "minutes", tmp_path / "bb.pdf", meeting_id=meeting_id)
    text = " ".join(pdf_text(tmp_path / "bb.pdf").split())
    assert "Tổng số đảng viên: 25 đồng chí (chính thức: 24, dự bị: 1)" in text
    assert "phải dự: 21 đồng chí" in text and "Có mặt: 20/21 đồng chí" in text


def test_a_report_counts_at_its_periods_end_or_today_while_it_runs(demo_workspace):
    january = act(demo_workspace, cell.report_data, "2025-01", today=date(2026, 12, 3))
    assert january.figures.as_of == date(2025, 1, 31) and january.figures.total == 24
    running = act(demo_workspace, cell.report_data, "2026-12", today=date(2026, 12, 3))
    assert running.figures.as_of == date(2026, 12, 3) and running.figures.total == 25
