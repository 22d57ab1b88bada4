"""The demo's meetings read back through the services; history, filters and the attendance chart;
an older workspace with meetings upgrades to the meetings schema with its rows intact."""

import sqlite3
from datetime import date

from handbook_desktop.core import migrations
from handbook_desktop.core.meetings.models import InvitationState, MeetingKind, MeetingState, Quality
from handbook_desktop.core.db import make_engine
from handbook_desktop.core.meetings.models import AttendanceStatus as Mark
from handbook_desktop.core.paths import DATABASE_NAME
from handbook_desktop.core import meetings
from handbook_desktop.core.meetings import HistoryQuery
from handbook_desktop.core.workspace import open_workspace

from .meeting_helpers import act, at, demo_members, new_meeting


def test_demo_meetings_read_back(demo_workspace):
    november, october = act(demo_workspace, meetings.meeting_history)
    assert (october.title, october.resolution_symbol, october.present, october.expected) == (
        "Sinh hoạt chi bộ thường kỳ tháng 10 năm 2026", "10-NQ/CB", 19, 21)
    assert (november.resolution_symbol, november.present, november.expected) == ("11-NQ/CB", 18, 21)
    minutes = act(demo_workspace, meetings.load_minutes, october.id)
    c = minutes.attendance
    assert (c.total, c.official, c.probationary, c.excused, c.away, c.expected) == (25, 23, 2, 3, 1, 21)
    assert (c.present, c.voters, c.absent_with_reason, c.absent_without_reason, c.pending) == (19, 17, 2, 0, 0)
    assert minutes.meeting.chair_name == "Trần Đức Dũng" and minutes.meeting.locked
    assert [a.minutes for a in minutes.agenda] == [15, 30, 20, 35]
    assert len(minutes.content.speeches) == 5 and minutes.content.quality == Quality.GOOD
    assert all(s.member_id in {x.member_id for x in minutes.speakers} for s in minutes.content.speeches)
    assert [(v.agree, v.disagree, v.abstain) for v in minutes.content.votes] == [(17, 0, 0)] * 2
    assert all(meetings.check_vote(v, c.voters) == meetings.VoteCheck(None, None) for v in minutes.content.votes)
    assert [g.name for g in minutes.guests] == ["Đặng Quốc Khánh"]
    assert minutes.content.ended_at == at(2026, 10, 20, 21, 15) and minutes.content.started_at is None
    resolution = act(demo_workspace, meetings.resolution_of_meeting, october.id)
    assert resolution.symbol == "10-NQ/CB" and len(resolution.items) == 5 and resolution.items[1].is_task
    nov = act(demo_workspace, meetings.load_minutes, november.id).attendance
    assert (nov.present, nov.voters, nov.absent_with_reason, nov.absent_without_reason) == (18, 16, 2, 1)
    sheet = act(demo_workspace, meetings.attendance_sheet, november.id)
    absent = {r.full_name: r.reason for r in sheet.rows if r.status == Mark.ABSENT_EXCUSED}
    assert absent["Vũ Thị Nguyệt"].startswith("Trực ca đêm")


def test_history_filters_and_search(demo_workspace):
    december = new_meeting(demo_workspace, at(2026, 12, 18), kind=MeetingKind.THEMATIC,
                           title="Chuyên đề học tập Di chúc của Chủ tịch Hồ Chí Minh")
    everything = act(demo_workspace, meetings.meeting_history)
    assert [x.day for x in everything] == [date(2026, 12, 18), date(2026, 11, 20), date(2026, 10, 20)]
    assert everything[0].expected == 21 and everything[0].present == 0 and everything[0].resolution_symbol == ""

    def ids(**query):
        return [x.id for x in act(demo_workspace, meetings.meeting_history, HistoryQuery(**query))]

    assert ids(kinds=frozenset({MeetingKind.THEMATIC})) == [december]
    assert ids(states=frozenset({MeetingState.APPROVED})) == [x.id for x in everything[1:]]
    assert ids(year=2027) == [] and len(ids(year=2026)) == 3
    assert ids(since=date(2026, 11, 20), until=date(2026, 11, 20)) == [everything[1].id]
    assert ids(text="di chuc") == [december]  # tones optional
    assert ids(text="366-QĐ/TW") == [everything[1].id]  # a document number in the agenda
    assert ids(text="11-nq") == [everything[1].id]  # the resolution's number
    assert ids(text="xét công nhận") == [everything[1].id]
    assert ids(text="chi bo thuong ky thang 1") == [x.id for x in everything[1:]]  # 10 and 11
    assert ids(text="nhà văn hóa") == [x.id for x in everything]  # every place
    assert ids(text="không có từ này") == []


def test_attendance_chart_per_member(demo_workspace):
    chart = act(demo_workspace, meetings.attendance_chart)
    assert [x.day for x in chart.meetings] == [date(2026, 10, 20), date(2026, 11, 20)]
    lines = {line.full_name: line for line in chart.members}
    assert len(lines) == 24  # the temporarily-elsewhere member is on no sheet
    khoa = lines["Đặng Văn Khoa"]
    assert khoa.statuses == [Mark.ABSENT_EXCUSED, Mark.PRESENT] and (khoa.present, khoa.expected) == (1, 2)
    assert khoa.rate == 0.5
    excused = [line for line in chart.members if line.statuses == [Mark.EXCUSED, Mark.EXCUSED]]
    assert len(excused) == 3 and all(line.expected == 0 and line.rate == 0.0 for line in excused)
    member = demo_members(demo_workspace)["Đặng Văn Khoa"].id
    one = act(demo_workspace, meetings.attendance_chart, since=date(2026, 11, 1), member_ids=frozenset({member}))
    assert [line.statuses for line in one.members] == [[Mark.PRESENT]] and len(one.meetings) == 1


def test_a_workspace_with_meetings_upgrades(tmp_path):
    """0004 adds columns in place: meetings, guests and speeches of an older file survive."""
    engine = make_engine(tmp_path / DATABASE_NAME)
    syncable = "'2026-01-01', '2026-01-01', 0, 'u1'"
    with engine.begin() as conn:
        migrations.upgrade(conn, "0003")
        for sql in (
            "INSERT INTO org_units (id, kind, name, code, created_at, updated_at, version, unit_id) "
            f"VALUES ('u1', 'cell', 'Chi bộ 3', '', {syncable})",
            "INSERT INTO members (id, full_name, status, sex, ethnicity, religion, hometown, address, education, "
            "specialist_level, theory_level, occupation, card_number, phone, notes, created_at, updated_at, version, "
            f"unit_id) VALUES ('p1', 'Lê Văn Lữ', 'official', '', '', '', '', '', '', '', '', '', '', '', '', {syncable})",
            "INSERT INTO meetings (id, kind, title, starts_at, planned_minutes, place, state, conclusions, "
            f"created_at, updated_at, version, unit_id) VALUES ('x1', 'regular', 'Họp tháng 10', "
            f"'2026-10-20 12:30:00', 100, 'Nhà văn hóa', 'held', 'Nhất trí', {syncable})",
            "INSERT INTO meeting_guests (id, meeting_id, name, title, unit_name, created_at, updated_at, version, "
            f"unit_id) VALUES ('g1', 'x1', 'Đặng Quốc Khánh', '', '', {syncable})",
            "INSERT INTO speeches (id, meeting_id, member_id, position, text, created_at, updated_at, version, "
            f"unit_id) VALUES ('s1', 'x1', 'p1', 0, 'Tôi nhất trí', {syncable})",
            "INSERT INTO attendance (id, meeting_id, member_id, status, reason, created_at, updated_at, version, "
            f"unit_id) VALUES ('a1', 'x1', 'p1', 'present', '', {syncable})",
        ):
            conn.exec_driver_sql(sql)
    engine.dispose()
    workspace = open_workspace(tmp_path)
    try:
        minutes = act(workspace, meetings.load_minutes, "x1")
        assert minutes.content.conclusions == "Nhất trí" and [s.text for s in minutes.content.speeches] == ["Tôi nhất trí"]
        assert minutes.guests[0].invitation == InvitationState.NOT_SENT and minutes.meeting.evaluation == ""
        assert minutes.attendance.voters == 1
    finally:
        workspace.close()
    with sqlite3.connect(tmp_path / DATABASE_NAME) as conn:
        assert conn.execute("PRAGMA foreign_key_check").fetchall() == []
        assert conn.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
