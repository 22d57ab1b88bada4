"""The demo workspace is a realistic, consistent cell."""

from collections import Counter
from datetime import date

import pytest
from sqlalchemy import func, select

from handbook_desktop.core import models as m
from handbook_desktop.core.errors import WorkspaceError
from handbook_desktop.core.services.demo import create_demo
from handbook_desktop.core.services.overview import load_overview


def test_demo_cell_sits_under_ward_city_and_province(demo_workspace):
    overview = load_overview(demo_workspace, date(2026, 11, 25))
    assert overview.unit_path == ["Chi bộ Khu phố 3", "Đảng bộ phường Bắc Sơn", "Thành ủy Sông Công",
                                  "Tỉnh ủy Thái Nguyên"]
    assert overview.is_demo


def test_demo_has_members_of_every_kind(demo_workspace):
    counts = load_overview(demo_workspace, date(2026, 11, 25)).member_counts
    assert 20 <= sum(counts.by_status.values()) <= 30
    for status in (m.MemberStatus.OFFICIAL, m.MemberStatus.PROBATIONARY, m.MemberStatus.EXCUSED):
        assert counts.by_status[status] >= 1
    with demo_workspace.session() as s:
        names = s.scalars(select(m.Member.full_name)).all()
        cards = [c for c in s.scalars(select(m.Member.card_number)) if c]
    assert len(cards) == len(set(cards))
    assert any(ch in "".join(names) for ch in "ươđậữ")


def test_demo_library_is_vietnamese_with_real_numbers(demo_workspace):
    overview = load_overview(demo_workspace, date(2026, 11, 25))
    assert overview.documents == 12 and overview.articles >= 12
    with demo_workspace.session() as s:
        numbers = s.scalars(select(m.Document.number)).all()
        channels = set(s.scalars(select(m.Article.channel)))
    assert "57-NQ/TW" in numbers
    assert {"national", "qa", "district_bulletin"} <= channels


def test_demo_meetings_are_consistent(demo_workspace):
    with demo_workspace.session() as s:
        meetings = s.scalars(select(m.Meeting).order_by(m.Meeting.starts_at)).all()
        assert len(meetings) == 2
        for meeting in meetings:
            rows = s.execute(select(m.Attendance.status, m.Member.status).join(m.Member)
                             .where(m.Attendance.meeting_id == meeting.id)).all()
            statuses = Counter(attendance for attendance, _ in rows)
            assert statuses[m.AttendanceStatus.PRESENT] > 0 and statuses[m.AttendanceStatus.EXCUSED] >= 1
            # probationary members attend and speak but do not vote (Điều lệ Đảng, Điều 3)
            voters = sum(1 for attendance, member in rows
                         if attendance == m.AttendanceStatus.PRESENT and member == m.MemberStatus.OFFICIAL)
            for vote in s.scalars(select(m.Vote).where(m.Vote.meeting_id == meeting.id)):
                assert vote.agree + vote.disagree + vote.abstain == voters
            assert (meeting.ends_at - meeting.starts_at).total_seconds() >= 90 * 60
            resolution = s.scalar(select(m.Resolution).where(m.Resolution.meeting_id == meeting.id))
            assert resolution.term == "2025-2030"
        numbers = s.scalars(select(m.Resolution.number).order_by(m.Resolution.number)).all()
        assert numbers == [10, 11]


def test_demo_is_seed_data_not_outbox_work(demo_workspace):
    assert load_overview(demo_workspace, date(2026, 11, 25)).outbox_pending == 0


def test_demo_is_not_written_over_existing_data(demo_workspace):
    with pytest.raises(WorkspaceError, match="đã có dữ liệu"):
        create_demo(demo_workspace)
    with demo_workspace.session() as s:
        assert s.scalar(select(func.count()).select_from(m.OrgUnit)) == 4


def test_probation_reminder(demo_workspace):
    with demo_workspace.session() as s:
        s.add(m.Member(unit_id=s.scalar(select(m.OrgUnit.id).where(m.OrgUnit.kind == "cell")),
                       full_name="Hoàng Thị Ngọc Ánh", status=m.MemberStatus.PROBATIONARY,
                       admitted_on=date(2026, 1, 10)))
    due = load_overview(demo_workspace, date(2026, 11, 25)).probation_due
    assert ("Hoàng Thị Ngọc Ánh", date(2027, 1, 10)) in [(d.full_name, d.due_on) for d in due]
    assert all(d.due_on <= date(2027, 1, 24) for d in due)
