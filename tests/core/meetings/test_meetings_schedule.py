"""Planning and preparing a meeting: form checks, calendar, next month's proposal, agenda,
materials with their day-ahead readiness, invitations."""

from datetime import date, datetime, time

import pytest
from sqlalchemy import select

from handbook_desktop.core.library.models import Document
from handbook_desktop.core.meetings.models import AttendanceStatus, InvitationState, MeetingKind, MeetingState
from handbook_desktop.core.members.models import Member, MemberStatus
from handbook_desktop.core.errors import ValidationError
from handbook_desktop.core.clock import VIETNAM_TIME
from handbook_desktop.core.models import WorkspaceFact
from handbook_desktop.core.workspace import SECRETARY
from handbook_desktop.core import meetings
from handbook_desktop.core.meetings import AgendaEntry, MaterialsState, MeetingForm

from .meeting_helpers import act, at, demo_members, new_meeting, outbox_entities, small_cell


def test_a_new_meeting_has_its_sheet_and_reaches_the_outbox(workspace):
    members = small_cell(workspace)
    saved = act(workspace, meetings.create_meeting, MeetingForm(starts_at=at(2026, 12, 18), place=" Nhà  văn hóa ",
                                                           chair_id=list(members.values())[0]))
    assert saved.warnings == []
    detail = act(workspace, meetings.get_meeting, saved.id)
    assert detail.title == "Sinh hoạt chi bộ thường kỳ tháng 12 năm 2026" and detail.place == "Nhà văn hóa"
    assert detail.chair_name == "Nguyễn Văn An" and detail.state == MeetingState.PLANNED and not detail.locked
    assert detail.starts_at == at(2026, 12, 18)
    assert outbox_entities(workspace).count("attendance") == 6 and "meetings" in outbox_entities(workspace)


def test_form_warnings_and_refusals(workspace):
    members = list(small_cell(workspace).values())
    new_meeting(workspace, at(2026, 12, 18))
    warned = act(workspace, meetings.create_meeting, MeetingForm(
        starts_at=at(2026, 12, 18, 8), planned_minutes=60, chair_id=members[0], recorder_id=members[0]))
    assert len(warned.warnings) == 3
    assert "60 phút, ngắn hơn 90 phút" in warned.warnings[0] and "cùng một đồng chí" in warned.warnings[1]
    assert "Ngày 18/12/2026 đã có cuộc họp" in warned.warnings[2]
    other_day = act(workspace, meetings.create_meeting, MeetingForm(starts_at=at(2026, 12, 28)))
    assert other_day.warnings == ["Tháng 12/2026 đã có cuộc họp thường kỳ “Sinh hoạt chi bộ thường kỳ tháng 12 "
                                  "năm 2026”."]
    thematic = act(workspace, meetings.create_meeting, MeetingForm(MeetingKind.THEMATIC, at(2026, 12, 5)))
    assert thematic.warnings == []
    with pytest.raises(ValidationError, match="ngày và giờ"):
        act(workspace, meetings.create_meeting, MeetingForm())
    with pytest.raises(ValidationError, match="Thời lượng"):
        act(workspace, meetings.create_meeting, MeetingForm(starts_at=at(2027, 1, 5), planned_minutes=0))
    with workspace.session() as s:
        s.get(Member, members[2]).status = MemberStatus.TRANSFERRED_OUT
    with pytest.raises(ValidationError, match="Thư ký: đồng chí Lê Văn Cường"):
        act(workspace, meetings.create_meeting, MeetingForm(starts_at=at(2027, 1, 5), recorder_id=members[2]))


def test_update_and_delete(workspace):
    members = list(small_cell(workspace).values())
    meeting_id = new_meeting(workspace, at(2026, 12, 18))
    form = MeetingForm(MeetingKind.EXTRAORDINARY, at(2026, 12, 22, 14), 90, "Hội trường", members[1], members[2])
    act(workspace, meetings.update_meeting, meeting_id, form)
    detail = act(workspace, meetings.get_meeting, meeting_id)
    assert detail.title == "Họp chi bộ bất thường ngày 22/12/2026" and detail.recorder_name == "Lê Văn Cường"
    act(workspace, meetings.delete_meeting, meeting_id)
    assert act(workspace, meetings.month_calendar, 2026, 12) == []


def test_month_calendar_uses_the_day_in_vietnam(demo_workspace):
    november = act(demo_workspace, meetings.month_calendar, 2026, 11)
    assert [(e.day, e.title, e.locked) for e in november] == [
        (date(2026, 11, 20), "Sinh hoạt chi bộ thường kỳ tháng 11 năm 2026", True)]
    just_after_midnight = new_meeting(demo_workspace, at(2026, 12, 1, 0, 30))  # 30 November in UTC
    assert [e.id for e in act(demo_workspace, meetings.month_calendar, 2026, 12)] == [just_after_midnight]
    assert len(act(demo_workspace, meetings.month_calendar, 2026, 11)) == 1


def test_next_regular_meeting_follows_the_demo_cells_day(demo_workspace):
    proposal = act(demo_workspace, meetings.propose_next_regular, date(2026, 11, 25))
    members = demo_members(demo_workspace)
    assert proposal.form.starts_at == at(2026, 12, 20) and proposal.pattern == "ngày 20 hằng tháng"
    assert proposal.form.title == "Sinh hoạt chi bộ thường kỳ tháng 12 năm 2026"
    assert (proposal.form.place, proposal.form.planned_minutes) == ("Nhà văn hóa khu phố 3", 105)
    assert proposal.form.chair_id == members["Trần Đức Dũng"].id
    assert proposal.form.recorder_id == members["Phạm Thị Ngọc Ánh"].id
    assert act(demo_workspace, meetings.propose_next_regular, date(2027, 2, 21)).form.starts_at == at(2027, 3, 20)
    act(demo_workspace, meetings.create_meeting, proposal.form)
    assert act(demo_workspace, meetings.propose_next_regular, date(2026, 11, 25)).form.starts_at == at(2027, 1, 20)


@pytest.mark.parametrize(("days", "expected", "pattern"), [
    ([date(2026, 9, 15), date(2026, 10, 20)], date(2026, 11, 17), "thứ Ba tuần thứ 3 hằng tháng"),
    ([date(2026, 9, 25), date(2026, 10, 30)], date(2026, 11, 27), "thứ Sáu cuối cùng của tháng"),
    ([date(2026, 9, 1), date(2026, 10, 6)], date(2026, 11, 3), "thứ Ba tuần thứ 1 hằng tháng"),
    ([date(2026, 10, 31)], date(2026, 11, 30), "ngày 31 hằng tháng"),  # a shorter month: its last day
    ([date(2026, 9, 10), date(2026, 10, 5)], date(2026, 11, 5), "ngày 5 hằng tháng"),  # no pattern: the day
])
def test_weekday_and_day_patterns(workspace, days, expected, pattern):
    small_cell(workspace)
    for day in days:
        new_meeting(workspace, datetime.combine(day, time(8), VIETNAM_TIME))
    proposal = act(workspace, meetings.propose_next_regular, date(2026, 11, 1))
    assert proposal.form.starts_at == datetime.combine(expected, time(8), VIETNAM_TIME)
    assert proposal.pattern == pattern


def test_without_a_regular_meeting_the_proposal_is_a_month_ahead(workspace):
    small_cell(workspace)
    new_meeting(workspace, at(2026, 10, 2), kind=MeetingKind.THEMATIC)
    proposal = act(workspace, meetings.propose_next_regular, date(2027, 1, 31))
    assert proposal.form.starts_at == at(2027, 2, 28) and proposal.based_on is None


def test_agenda_is_saved_whole_in_order(workspace):
    members = list(small_cell(workspace).values())
    meeting_id = new_meeting(workspace, at(2026, 12, 18), planned_minutes=90)
    saved = act(workspace, meetings.set_agenda, meeting_id, [AgendaEntry("Thông tin thời sự", members[3], 15),
                                                        AgendaEntry("Báo cáo tháng 12", members[0], 45),
                                                        AgendaEntry("Phương hướng", members[1], 40)])
    assert saved.warnings == ["Tổng thời gian các nội dung (100 phút) vượt thời lượng dự kiến (90 phút)."]
    first, second, third = saved.items
    again = act(workspace, meetings.set_agenda, meeting_id, [AgendaEntry(third.title, third.presenter_id, 30, third.id),
                                                        AgendaEntry(first.title, None, 15, first.id)],
                loaded=[item.id for item in saved.items])
    assert [(i.id, i.position, i.presenter_name) for i in again.items] == [(third.id, 0, "Trần Thị Bình"),
                                                                          (first.id, 1, "")]
    assert act(workspace, meetings.agenda, meeting_id) == again.items and again.warnings == []
    with pytest.raises(ValidationError, match="thứ 2 .* chưa có tên"):
        act(workspace, meetings.set_agenda, meeting_id, [AgendaEntry("Một"), AgendaEntry("  ")])
    act(workspace, meetings.mark_pending_present, meeting_id)
    act(workspace, meetings.save_minutes, meeting_id, meetings.MinutesContent(
        speeches=(meetings.SpeechDraft("Nhất trí", third.id, members[0]),)))
    with pytest.raises(ValidationError, match="đã có ý kiến phát biểu"):
        act(workspace, meetings.set_agenda, meeting_id, [], loaded=[third.id, first.id])


def test_materials_must_be_posted_a_day_ahead(demo_workspace, tmp_path):
    meeting_id = new_meeting(demo_workspace, at(2026, 12, 18))
    waiting = act(demo_workspace, meetings.meeting_readiness, meeting_id, at(2026, 12, 10, 9))
    assert (waiting.materials_state, waiting.days_left, waiting.materials) == (MaterialsState.WAITING, 8, 0)
    assert waiting.materials_deadline == at(2026, 12, 17)
    assert act(demo_workspace, meetings.meeting_readiness, meeting_id, at(2026, 12, 17, 20)).materials_state == \
        MaterialsState.LATE
    with demo_workspace.session() as s:
        document = s.scalar(select(Document).where(Document.number == "57-NQ/TW"))
    linked = act(demo_workspace, meetings.add_library_material, meeting_id, document.id, now=at(2026, 12, 16, 8))
    assert linked.on_time and linked.document_number == "57-NQ/TW" and linked.files == []
    ready = act(demo_workspace, meetings.meeting_readiness, meeting_id, at(2026, 12, 18, 7))
    assert (ready.materials_state, ready.materials, ready.materials_on_time) == (MaterialsState.READY, 1, 1)
    slides = tmp_path / "Báo cáo tháng 12.pptx"
    slides.write_bytes(b"slides")
    late = act(demo_workspace, meetings.add_file_material, meeting_id, slides, now=at(2026, 12, 18, 7))
    assert late.title == "Báo cáo tháng 12" and not late.on_time and late.files[0].filename == slides.name
    assert act(demo_workspace, meetings.meeting_readiness, meeting_id, at(2026, 12, 18, 8)).materials_state == \
        MaterialsState.LATE
    act(demo_workspace, meetings.remove_material, late.id)
    assert [x.id for x in act(demo_workspace, meetings.materials, meeting_id)] == [linked.id]
    home = act(demo_workspace, meetings.next_meeting_readiness, at(2026, 12, 1, 9))
    assert home.meeting_id == meeting_id and home.materials_state == MaterialsState.READY
    assert act(demo_workspace, meetings.next_meeting_readiness, at(2026, 12, 19, 9)) is None


def test_invitations_and_their_state(demo_workspace):
    meeting_id = new_meeting(demo_workspace, at(2026, 12, 18))
    elder = demo_members(demo_workspace)["Trần Đức Dũng"]
    guest = act(demo_workspace, meetings.add_invitee, meeting_id, meetings.InviteeForm(
        "Đặng Quốc Khánh", "Đảng ủy viên, Phó Chủ tịch UBND phường", "Đảng ủy phường Bắc Sơn"))
    member = act(demo_workspace, meetings.add_invitee, meeting_id, meetings.InviteeForm(member_id=elder.id))
    assert member.name == "Trần Đức Dũng" and guest.invitation == InvitationState.NOT_SENT
    assert act(demo_workspace, meetings.mark_invitations_sent, meeting_id, now=at(2026, 12, 10, 9)) == 2
    accepted = act(demo_workspace, meetings.set_invitation_state, guest.id, InvitationState.ACCEPTED)
    assert accepted.invited_at == at(2026, 12, 10, 9)  # the day the letter went out is kept
    readiness = act(demo_workspace, meetings.meeting_readiness, meeting_id, at(2026, 12, 11))
    assert (readiness.invitees, readiness.invitations_sent) == (2, 2)
    act(demo_workspace, meetings.set_guest_attended, guest.id, False)
    act(demo_workspace, meetings.mark_attendance, meeting_id, elder.id, AttendanceStatus.PRESENT)
    minutes = act(demo_workspace, meetings.load_minutes, meeting_id)
    assert minutes.guests == [] and not [s for s in minutes.speakers if s.is_guest]  # he speaks as a member
    assert [s.name for s in minutes.speakers] == ["Trần Đức Dũng"]
    act(demo_workspace, meetings.remove_invitee, member.id)
    assert [i.id for i in act(demo_workspace, meetings.invitees, meeting_id)] == [guest.id]
    with pytest.raises(ValidationError, match="họ tên"):
        act(demo_workspace, meetings.add_invitee, meeting_id, meetings.InviteeForm(title="Bí thư"))


def test_the_recorded_secretary_chairs_a_new_cells_first_meeting(workspace):
    members = small_cell(workspace)
    with workspace.session(record_outbox=False) as session:
        session.add(WorkspaceFact(key=SECRETARY, value=members["Trần Thị Bình"]))
    proposal = act(workspace, meetings.propose_next_regular, date(2026, 11, 25))
    assert proposal.form.chair_id == members["Trần Thị Bình"]
    without_chair = new_meeting(workspace, at(2026, 12, 20, 19, 30), chair_id=None, recorder_id=None)
    assert act(workspace, meetings.get_meeting, without_chair).chair_id is None
    assert act(workspace, meetings.propose_next_regular, date(2026, 12, 21)).form.chair_id == members["Trần Thị Bình"]
