"""The document models filled from the demo workspace: counts, names, votes, periods."""

from dataclasses import replace
from datetime import date, datetime

import pytest
from sqlalchemy import select

from handbook_desktop.core.errors import UserError, ValidationError
from handbook_desktop.core.clock import VIETNAM_TIME
from handbook_desktop.docgen.render import DocumentKind, render_document
from handbook_desktop.core import org
from handbook_desktop.core.meetings import get_meeting
from handbook_desktop.core.members import Member
from handbook_desktop.docgen.sources import cell, meeting
from tests.core.meetings.meeting_helpers import act


@pytest.fixture
def november(demo_workspace) -> str:
    return act(demo_workspace, meeting.latest_meeting_id, now=datetime(2026, 11, 25, tzinfo=VIETNAM_TIME))


def test_latest_meeting_is_the_last_one_begun(demo_workspace, november):
    october = act(demo_workspace, meeting.latest_meeting_id, now=datetime(2026, 11, 1, tzinfo=VIETNAM_TIME))
    before_any = act(demo_workspace, meeting.latest_meeting_id, now=datetime(2026, 1, 1, tzinfo=VIETNAM_TIME))
    assert act(demo_workspace, meeting.minutes_data, november).day == date(2026, 11, 20)
    assert act(demo_workspace, meeting.minutes_data, october).day == date(2026, 10, 20)
    assert before_any == october  # nothing begun yet: the next meeting planned


def test_no_meeting_at_all_is_a_user_error(workspace):
    with pytest.raises(UserError, match="Chưa có cuộc họp"):
        act(workspace, meeting.latest_meeting_id)


def test_minutes_data_counts_as_the_attendance_sheet(demo_workspace, november):
    minutes = act(demo_workspace, meeting.minutes_data, november)
    c = minutes.counts
    # 19 official + 2 probationary + 3 excused on the sheet; the member away is in the total, not on it.
    assert (c.total, c.official, c.probationary, c.excused, c.away, c.expected) == (25, 23, 2, 3, 1, 21)
    assert minutes.away == ("Nguyễn Minh Khôi",)
    assert (c.present, c.present_official, c.present_probationary, c.voters) == (18, 16, 2, 16)
    assert [a.name for a in minutes.absent_with_reason] == ["Trần Thị Bích Ngọc", "Vũ Thị Nguyệt"]
    assert minutes.absent_with_reason[0].reason == "Đi công tác tại Hà Nội"
    assert minutes.absent_without_reason == ("Nguyễn Hữu Lộc",)
    assert minutes.excused == ("Đỗ Văn Cẩn", "Lê Đình Chữ", "Nguyễn Thị Nhàn")


def test_minutes_data_people_content_and_votes(demo_workspace, november):
    minutes = act(demo_workspace, meeting.minutes_data, november)
    assert (minutes.chair.name, minutes.chair.role) == ("Trần Đức Dũng", "Bí thư Chi bộ")
    assert (minutes.recorder.name, minutes.recorder.role) == ("Phạm Thị Ngọc Ánh", "Chi ủy viên")
    assert [g.name for g in minutes.guests] == ["Đặng Quốc Khánh"]
    assert len(minutes.agenda) == 4 and minutes.agenda[0].presenter == "Đỗ Thị Hằng"
    assert [o.speaker for o in minutes.agenda[1].opinions] == ["Trịnh Thị Lụa", "Đặng Văn Khoa"]
    assert minutes.votes[0].agree == 16 and minutes.votes[0].voters == 16  # probationary members do not vote
    assert minutes.quality == "Khá" and minutes.resolution_symbol == "11-NQ/CB"
    assert minutes.started_at.hour == 19 and minutes.ended_at.strftime("%H:%M") == "21:20"
    assert minutes.issuer.higher_body == "Đảng bộ phường Bắc Sơn" and minutes.issuer.place == "Bắc Sơn"
    assert minutes.recipients[-1] == "Lưu chi bộ"


def test_the_cells_place_name_overrides_the_derived_one(demo_workspace, november):
    act(demo_workspace, lambda uow: org.update_cell(uow, replace(org.cell_setup(uow), place="Sông Công")))
    assert act(demo_workspace, meeting.minutes_data, november).issuer.place == "Sông Công"


def test_resolution_data(demo_workspace, november):
    resolution = act(demo_workspace, meeting.resolution_data, november)
    assert (resolution.number, resolution.symbol, resolution.term) == (11, "11-NQ/CB", "2025-2030")
    assert resolution.signer.name == "Trần Đức Dũng" and resolution.signer_title == "BÍ THƯ"
    assert resolution.items[1].owner == "Trần Đức Dũng" and resolution.items[1].due_on == date(2026, 12, 20)
    assert resolution.approval.agree == 16 and "11-NQ/CB" in resolution.approval.matter
    assert (resolution.counts.present, resolution.counts.expected) == (18, 21)


def test_the_recorded_secretary_signs_for_the_cell(demo_workspace, november):
    """Recorded in Cài đặt → Chi bộ, the secretary signs whatever the roster's occupations say,
    and the former secretary's occupation no longer makes him one."""
    ids = act(demo_workspace, lambda uow: dict(uow.session.execute(select(Member.full_name, Member.id)).all()))
    chosen = next(name for name in ids if name not in ("Trần Đức Dũng", "Đỗ Thị Hằng"))
    act(demo_workspace, lambda uow: org.update_cell(uow, replace(org.cell_setup(uow), secretary_id=ids[chosen])))
    resolution = act(demo_workspace, meeting.resolution_data, november)
    assert (resolution.signer.name, resolution.signer.role, resolution.signer_title) == (
        chosen, "Bí thư Chi bộ", "BÍ THƯ")
    minutes = act(demo_workspace, meeting.minutes_data, november)
    assert minutes.chair.name == "Trần Đức Dũng" and minutes.chair.role == ""


def test_the_recorded_deputy_chairing_signs_as_deputy(demo_workspace, november):
    chair_id = act(demo_workspace, lambda uow: get_meeting(uow, november).chair_id)
    act(demo_workspace, lambda uow: org.update_cell(uow, replace(org.cell_setup(uow), deputy_id=chair_id)))
    resolution = act(demo_workspace, meeting.resolution_data, november)
    assert (resolution.signer.name, resolution.signer_title) == ("Trần Đức Dũng", "PHÓ BÍ THƯ")


def test_a_meeting_without_resolution_says_so(demo_workspace):
    from tests.core.meetings.meeting_helpers import at, new_meeting

    planned = new_meeting(demo_workspace, at(2026, 12, 20))
    with pytest.raises(UserError, match="chưa có nghị quyết"):
        act(demo_workspace, meeting.resolution_data, planned)


def test_attendance_sheet_of_a_planned_meeting_has_no_marks(demo_workspace):
    from tests.core.meetings.meeting_helpers import at, new_meeting

    planned = new_meeting(demo_workspace, at(2026, 12, 20))
    sheet = act(demo_workspace, meeting.attendance_sheet_data, planned)
    assert not sheet.held and len(sheet.lines) == 24
    assert {line.note for line in sheet.lines} == {"", "Miễn sinh hoạt"}
    assert {line.standing for line in sheet.lines} == {"Chính thức", "Dự bị"}


def test_invitation_is_dated_no_later_than_the_meeting(demo_workspace, november):
    letter = act(demo_workspace, meeting.invitation_data, november, today=date(2026, 11, 25))
    assert letter.issued_on == date(2026, 11, 20)
    assert letter.invitees[0].name == "Đặng Quốc Khánh" and len(letter.agenda) == 4
    earlier = act(demo_workspace, meeting.invitation_data, november, today=date(2026, 11, 15))
    assert earlier.issued_on == date(2026, 11, 15)


def test_roster_data_lists_the_members_in_the_total(demo_workspace):
    roster = act(demo_workspace, cell.roster_data, today=date(2026, 11, 25))
    names = [row.full_name for row in roster.rows]
    assert len(names) == 25 and "Nguyễn Minh Khôi" in names  # away temporarily: still in the total
    assert "Vũ Văn Khải" not in names and "Bùi Thị Lan Anh" not in names  # deceased, transferred out
    assert roster.figures.total == 25 and roster.figures.as_of == date(2026, 11, 25) and roster.signer.name == "Trần Đức Dũng"


@pytest.mark.parametrize(("text", "code", "first", "last", "label"), [
    ("2026-11", "2026-11", date(2026, 11, 1), date(2026, 11, 30), "tháng 11 năm 2026"),
    ("2026-2", "2026-02", date(2026, 2, 1), date(2026, 2, 28), "tháng 2 năm 2026"),
    ("2026-Q4", "2026-Q4", date(2026, 10, 1), date(2026, 12, 31), "quý IV năm 2026"),
    (" 2027-q1 ", "2027-Q1", date(2027, 1, 1), date(2027, 3, 31), "quý I năm 2027"),
])
def test_periods(text, code, first, last, label):
    period = cell.parse_period(text)
    assert (period.code, period.first, period.last, period.label) == (code, first, last, label)


@pytest.mark.parametrize("text", ["2026-13", "2026-Q5", "11/2026", "", "2026"])
def test_bad_periods_are_refused(text):
    with pytest.raises(ValidationError, match="Kỳ báo cáo"):
        cell.parse_period(text)


def test_report_of_the_fourth_quarter(demo_workspace):
    report = act(demo_workspace, cell.report_data, "2026-Q4", today=date(2026, 11, 25))
    assert [(x.day, x.present, x.expected) for x in report.meetings] == [
        (date(2026, 10, 20), 19, 21), (date(2026, 11, 20), 18, 21)]
    assert [r.symbol for r in report.resolutions] == ["10-NQ/CB", "11-NQ/CB"]
    october = report.resolutions[0]
    assert (october.items, october.tasks, october.done) == (5, 4, 0)
    assert october.overdue == 3  # due 7, 15, 15 November; the fourth is due 30 November
    assert report.unexcused_absences == (("Nguyễn Hữu Lộc", 1),)
    assert report.meetings[0].quality == "Khá"


def test_report_of_a_month_without_meetings(demo_workspace):
    report = act(demo_workspace, cell.report_data, "2026-09", today=date(2026, 11, 25))
    assert report.meetings == () and report.resolutions == () and report.unexcused_absences == ()


def test_minutes_print_the_saved_record_not_an_autosaved_draft(demo_workspace):
    from handbook_desktop.core import meetings
    from tests.core.meetings.meeting_helpers import at, new_meeting

    # The demo's meetings are approved (locked, no drafts): a fresh one.
    planned_id = new_meeting(demo_workspace, at(2026, 12, 20))
    act(demo_workspace, meetings.save_minutes, planned_id, meetings.MinutesContent(conclusions="Bản đã lưu."))
    act(demo_workspace, meetings.save_minutes_draft, planned_id, meetings.MinutesContent(conclusions="Bản nháp."))
    assert act(demo_workspace, meeting.minutes_data, planned_id).conclusions == "Bản đã lưu."


def test_a_report_without_a_period_is_the_meeting_month(demo_workspace, november):
    assert act(demo_workspace, cell.report_period, november).code == "2026-11"
    assert act(demo_workspace, cell.report_period, None, today=date(2027, 2, 3)).code == "2027-02"


@pytest.mark.parametrize("kind", list(DocumentKind))
def test_a_document_is_read_in_one_unit_of_work_that_writes_nothing(demo_workspace, november, kind, tmp_path,
                                                                    monkeypatch):
    from tests.core.meetings.meeting_helpers import outbox_entities

    outbox, opened, changes = outbox_entities(demo_workspace), [], []
    session = demo_workspace.session

    def counted(**options):
        opened.append(options)
        return session(**options)

    monkeypatch.setattr(demo_workspace, "session", counted)
    demo_workspace.add_listener(changes.append)
    render_document(demo_workspace, kind, tmp_path / "out.pdf", meeting_id=november)
    assert len(opened) == 1 and changes == []
    monkeypatch.undo()
    assert outbox_entities(demo_workspace) == outbox
