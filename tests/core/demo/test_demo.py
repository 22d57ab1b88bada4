"""The demo workspace is a realistic, consistent cell."""

from collections import Counter
from datetime import date

import pytest
from sqlalchemy import func, select

from handbook_desktop.core.demo import create_demo
from handbook_desktop.core.errors import WorkspaceError
from handbook_desktop.core.home import load_overview
from handbook_desktop.core.library.models import Article, Document
from handbook_desktop.core.meetings.models import Attendance, AttendanceStatus, Meeting, Resolution, Vote
from handbook_desktop.core.members import Member, MemberStatus
from handbook_desktop.core.org import OrgUnit


def overview(workspace):
    return workspace.perform(lambda uow: load_overview(uow, date(2026, 11, 25)))


def test_demo_cell_sits_under_ward_city_and_province(demo_workspace):
    shown = overview(demo_workspace)
    assert shown.unit_path == ["Chi bộ Khu phố 3", "Đảng bộ phường Bắc Sơn", "Thành ủy Sông Công",
                                  "Tỉnh ủy Thái Nguyên"]
    assert shown.is_demo


def test_demo_has_members_of_every_kind(demo_workspace):
    figures = overview(demo_workspace).figures
    assert 20 <= figures.total <= 30
    assert min(figures.official, figures.probationary, figures.excused, figures.away) >= 1
    with demo_workspace.session() as s:
        statuses = set(s.scalars(select(Member.status)))
        names = s.scalars(select(Member.full_name)).all()
        cards = [c for c in s.scalars(select(Member.card_number)) if c]
    assert len(cards) == len(set(cards))
    assert any(ch in "".join(names) for ch in "ươđậữ")
    assert {MemberStatus.TRANSFERRED_OUT, MemberStatus.DECEASED} <= statuses  # gone: not in the total


def test_demo_library_is_vietnamese_with_real_numbers(demo_workspace):
    shown = overview(demo_workspace)
    assert shown.documents == 12 and shown.articles >= 12
    with demo_workspace.session() as s:
        numbers = s.scalars(select(Document.number)).all()
        channels = set(s.scalars(select(Article.channel)))
    assert "57-NQ/TW" in numbers
    assert {"national", "qa", "district_bulletin"} <= channels


def test_demo_meetings_are_consistent(demo_workspace):
    with demo_workspace.session() as s:
        meetings = s.scalars(select(Meeting).order_by(Meeting.starts_at)).all()
        assert len(meetings) == 2
        for meeting in meetings:
            rows = s.execute(select(Attendance.status, Member.status).join(Member)
                             .where(Attendance.meeting_id == meeting.id)).all()
            statuses = Counter(attendance for attendance, _ in rows)
            assert statuses[AttendanceStatus.PRESENT] > 0 and statuses[AttendanceStatus.EXCUSED] >= 1
            # probationary members attend and speak but do not vote (Điều lệ Đảng, Điều 3)
            voters = sum(1 for attendance, member in rows
                         if attendance == AttendanceStatus.PRESENT and member == MemberStatus.OFFICIAL)
            for vote in s.scalars(select(Vote).where(Vote.meeting_id == meeting.id)):
                assert vote.agree + vote.disagree + vote.abstain == voters
            assert (meeting.ends_at - meeting.starts_at).total_seconds() >= 90 * 60
            resolution = s.scalar(select(Resolution).where(Resolution.meeting_id == meeting.id))
            assert resolution.term == "2025-2030"
        numbers = s.scalars(select(Resolution.number).order_by(Resolution.number)).all()
        assert numbers == [10, 11]


def test_demo_is_seed_data_not_outbox_work(demo_workspace):
    assert overview(demo_workspace).outbox_pending == 0


def test_demo_is_not_written_over_existing_data(demo_workspace):
    with pytest.raises(WorkspaceError, match="đã có dữ liệu"), demo_workspace.unit_of_work(record_outbox=False) as uow:
        create_demo(uow)
    with demo_workspace.session() as s:
        assert s.scalar(select(func.count()).select_from(OrgUnit)) == 4


def test_demo_is_seeded_only_without_the_outbox(workspace):
    with pytest.raises(ValueError, match="record_outbox=False"), workspace.unit_of_work() as uow:
        create_demo(uow)
    assert overview(workspace).unit_path == []


def test_probation_reminder(demo_workspace):
    with demo_workspace.session() as s:
        s.add(Member(unit_id=s.scalar(select(OrgUnit.id).where(OrgUnit.kind == "cell")),
                       full_name="Hoàng Thị Ngọc Ánh", status=MemberStatus.PROBATIONARY,
                       admitted_on=date(2026, 1, 10)))
    due = overview(demo_workspace).probation_due
    assert ("Hoàng Thị Ngọc Ánh", date(2027, 1, 10)) in [(d.full_name, d.due_on) for d in due]
    assert all(d.due_on <= date(2027, 1, 24) for d in due)
