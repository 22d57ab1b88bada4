"""Minutes: content, vote totals, autosaved drafts, approval with a lock and a hash, addenda."""

from datetime import date, timedelta

import pytest
from sqlalchemy import select

from handbook_desktop.core.meetings.models import MeetingState, Quality, Vote
from handbook_desktop.core.members.models import MemberStatus
from handbook_desktop.core.errors import ValidationError
from handbook_desktop.core.meetings.models import AttendanceStatus as Mark
from handbook_desktop.core import meetings
from handbook_desktop.core.meetings import MinutesContent, SpeechDraft, VoteDraft

from .meeting_helpers import act, at, new_meeting, outbox_entities, small_cell

STATUSES = [MemberStatus.OFFICIAL] * 4 + [MemberStatus.PROBATIONARY, MemberStatus.EXCUSED]


@pytest.fixture
def held(workspace):
    """A meeting where three official members and the probationary one came; one official is absent."""
    members = small_cell(workspace, STATUSES)
    ids = list(members.values())
    meeting_id = new_meeting(workspace, at(2026, 12, 18), members)
    act(workspace, meetings.set_agenda, meeting_id, [meetings.AgendaEntry("Báo cáo tháng 12", ids[0], 30),
                                                meetings.AgendaEntry("Phương hướng tháng 1", ids[1], 30)])
    act(workspace, meetings.mark_attendance, meeting_id, ids[3], Mark.ABSENT_EXCUSED, "Ốm")
    act(workspace, meetings.mark_pending_present, meeting_id)
    return ids, meeting_id


def content(workspace, meeting_id, **changes) -> MinutesContent:
    minutes = act(workspace, meetings.load_minutes, meeting_id)
    agenda = minutes.agenda
    base = MinutesContent(
        started_at=at(2026, 12, 18, 19, 40), ended_at=at(2026, 12, 18, 21, 20), conclusions="Chi bộ nhất trí.",
        quality=Quality.GOOD,
        speeches=(SpeechDraft("Tôi nhất trí với báo cáo.", agenda[0].id, minutes.speakers[0].member_id),),
        votes=(VoteDraft("Thông qua biên bản", 3, 0, 0),))
    return MinutesContent(**{**base.__dict__, **changes})


def test_speakers_are_the_members_present_and_the_guests(workspace, held):
    ids, meeting_id = held
    guest = act(workspace, meetings.add_invitee, meeting_id, meetings.InviteeForm("Đặng Quốc Khánh", "Đảng ủy viên",
                                                                             "Đảng ủy phường Bắc Sơn"))
    minutes = act(workspace, meetings.load_minutes, meeting_id)
    members = {s.member_id for s in minutes.speakers if not s.is_guest}
    assert members == set(ids[:3]) | {ids[4]}  # the absentee and the excused member do not speak
    assert [s.name for s in minutes.speakers if s.is_guest] == ["Đặng Quốc Khánh"]
    assert minutes.attendance.voters == 3 and [g.id for g in minutes.guests] == [guest.id]


@pytest.mark.parametrize(("agree", "disagree", "abstain", "error", "warning"), [
    (3, 0, 0, False, False),  # every official member present voted
    (2, 0, 1, False, False),
    (1, 1, 1, False, False),
    (2, 0, 0, False, True),  # one did not vote: allowed, with a warning
    (4, 0, 0, True, False),  # the probationary member may not vote: more than entitled
    (3, 1, 0, True, False),
    (0, 0, 0, False, True),
    (-1, 2, 2, True, False),
])
def test_vote_totals_are_checked_against_official_members_present(workspace, held, agree, disagree, abstain,
                                                                  error, warning):
    _, meeting_id = held
    vote = VoteDraft("Thông qua nghị quyết", agree, disagree, abstain)
    check = meetings.check_vote(vote, act(workspace, meetings.attendance_counts, meeting_id).voters)
    assert (check.error is not None, check.warning is not None) == (error, warning)
    if error:
        with pytest.raises(ValidationError, match="Thông qua nghị quyết"):
            act(workspace, meetings.save_minutes, meeting_id, content(workspace, meeting_id, votes=(vote,)))
    else:
        saved = act(workspace, meetings.save_minutes, meeting_id, content(workspace, meeting_id, votes=(vote,)))
        assert len(saved.warnings) == warning


def test_saved_minutes_read_back_and_reach_the_outbox(workspace, held):
    _, meeting_id = held
    count = len(outbox_entities(workspace))
    written = content(workspace, meeting_id)
    assert act(workspace, meetings.save_minutes, meeting_id, written).warnings == []
    assert {"speeches", "votes", "meetings"} <= set(outbox_entities(workspace)[count:])
    minutes = act(workspace, meetings.load_minutes, meeting_id)
    assert minutes.meeting.state == MeetingState.HELD and minutes.draft_saved_at is None
    assert minutes.content.conclusions == "Chi bộ nhất trí." and minutes.content.quality == Quality.GOOD
    assert [s.text for s in minutes.content.speeches] == ["Tôi nhất trí với báo cáo."]
    assert minutes.content.ended_at == written.ended_at
    # Editing keeps row identities: a changed opinion is an update, a removed one a tombstone.
    speech = minutes.content.speeches[0]
    changed = MinutesContent(**{**minutes.content.__dict__, "speeches": (
        SpeechDraft("Tôi nhất trí, đề nghị bổ sung.", speech.agenda_item_id, speech.member_id, id=speech.id),)})
    act(workspace, meetings.save_minutes, meeting_id, changed)
    again = act(workspace, meetings.load_minutes, meeting_id).content.speeches
    assert [(s.id, s.text) for s in again] == [(speech.id, "Tôi nhất trí, đề nghị bổ sung.")]


def test_a_speaker_must_be_present(workspace, held):
    ids, meeting_id = held
    absent = SpeechDraft("Ý kiến gửi trước", None, ids[3])
    with pytest.raises(ValidationError, match="không có mặt"):
        act(workspace, meetings.save_minutes, meeting_id, content(workspace, meeting_id, speeches=(absent,)))


def test_short_meeting_warns_and_end_before_start_is_refused(workspace, held):
    _, meeting_id = held
    short = content(workspace, meeting_id, ended_at=at(2026, 12, 18, 20, 40))
    assert "60 phút" in act(workspace, meetings.save_minutes, meeting_id, short).warnings[0]
    with pytest.raises(ValidationError, match="kết thúc"):
        act(workspace, meetings.save_minutes, meeting_id, content(workspace, meeting_id, ended_at=at(2026, 12, 18, 19)))


def test_a_draft_is_recovered_and_saving_the_minutes_drops_it(workspace, held):
    _, meeting_id = held
    typed = content(workspace, meeting_id, conclusions="Chi bộ nhất trí với báo cáo và giao")
    count = len(outbox_entities(workspace))
    saved_at = act(workspace, meetings.save_minutes_draft, meeting_id, typed)
    assert len(outbox_entities(workspace)) == count  # autosave is local: no outbox flood
    recovered = act(workspace, meetings.load_minutes, meeting_id)
    assert recovered.draft_saved_at == saved_at and recovered.content == typed
    act(workspace, meetings.save_minutes, meeting_id, recovered.content)
    assert act(workspace, meetings.load_minutes, meeting_id).draft_saved_at is None
    act(workspace, meetings.save_minutes_draft, meeting_id, typed)
    act(workspace, meetings.discard_minutes_draft, meeting_id)
    assert act(workspace, meetings.load_minutes, meeting_id).draft_saved_at is None


def test_approval_locks_the_minutes_and_records_their_hash(workspace, held):
    ids, meeting_id = held
    act(workspace, meetings.save_minutes, meeting_id, content(workspace, meeting_id))
    approval = act(workspace, meetings.approve_minutes, meeting_id)
    assert len(approval.content_hash) == 64 and act(workspace, meetings.verify_minutes, meeting_id) is True
    detail = act(workspace, meetings.get_meeting, meeting_id)
    assert detail.locked and detail.state == MeetingState.APPROVED and detail.content_hash == approval.content_hash
    edits = [
        lambda: act(workspace, meetings.save_minutes, meeting_id, content(workspace, meeting_id, conclusions="Sửa")),
        lambda: act(workspace, meetings.save_minutes_draft, meeting_id, MinutesContent()),
        lambda: act(workspace, meetings.mark_attendance, meeting_id, ids[3], Mark.PRESENT),
        lambda: act(workspace, meetings.set_agenda, meeting_id, []),
        lambda: act(workspace, meetings.update_meeting, meeting_id, meetings.MeetingForm(starts_at=at(2026, 12, 19))),
        lambda: act(workspace, meetings.add_invitee, meeting_id, meetings.InviteeForm("Khách")),
        lambda: act(workspace, meetings.approve_minutes, meeting_id),
    ]
    for edit in edits:
        with pytest.raises(meetings.MinutesLocked, match="đã được thông qua lúc .* phụ lục"):
            edit()
    with pytest.raises(ValidationError, match="đã được thông qua: cuộc họp và nghị quyết của nó là hồ sơ"):
        act(workspace, meetings.delete_meeting, meeting_id)
    assert act(workspace, meetings.verify_minutes, meeting_id) is True


def test_corrections_after_approval_are_addenda(workspace, held):
    _, meeting_id = held
    act(workspace, meetings.save_minutes, meeting_id, content(workspace, meeting_id))
    with pytest.raises(ValidationError, match="chưa được thông qua"):
        act(workspace, meetings.add_addendum, meeting_id, "Đính chính", date(2026, 12, 20))
    act(workspace, meetings.approve_minutes, meeting_id)
    added = act(workspace, meetings.add_addendum, meeting_id, "Đính chính: đồng chí Dung vắng vì ốm.", date(2026, 12, 20))
    minutes = act(workspace, meetings.load_minutes, meeting_id)
    assert [(a.id, a.text) for a in minutes.addenda] == [(added.id, "Đính chính: đồng chí Dung vắng vì ốm.")]
    assert minutes.content.conclusions == "Chi bộ nhất trí."  # the approved text is untouched
    assert act(workspace, meetings.verify_minutes, meeting_id) is True
    act(workspace, meetings.save_evaluation, meeting_id, "Buổi sinh hoạt có chất lượng, nhiều ý kiến.")
    assert act(workspace, meetings.get_meeting, meeting_id).evaluation == "Buổi sinh hoạt có chất lượng, nhiều ý kiến."


def test_an_edit_behind_the_lock_is_detected(workspace, held):
    _, meeting_id = held
    act(workspace, meetings.save_minutes, meeting_id, content(workspace, meeting_id))
    act(workspace, meetings.approve_minutes, meeting_id)
    with workspace.session() as s:  # e.g. a tool writing the file directly
        s.scalar(select(Vote).where(Vote.meeting_id == meeting_id)).agree = 2
    assert act(workspace, meetings.verify_minutes, meeting_id) is False


def test_approval_takes_the_pending_draft_and_needs_complete_minutes(workspace, held):
    ids, meeting_id = held
    act(workspace, meetings.save_minutes_draft, meeting_id, content(workspace, meeting_id, ended_at=None))
    with pytest.raises(ValidationError, match="giờ kết thúc"):
        act(workspace, meetings.approve_minutes, meeting_id)
    assert act(workspace, meetings.load_minutes, meeting_id).draft_saved_at is not None  # nothing written
    act(workspace, meetings.save_minutes_draft, meeting_id, content(workspace, meeting_id, conclusions="Bản cuối."))
    act(workspace, meetings.approve_minutes, meeting_id)
    minutes = act(workspace, meetings.load_minutes, meeting_id)
    assert minutes.content.conclusions == "Bản cuối." and minutes.draft_saved_at is None


def test_approval_waits_for_everyone_to_be_marked(workspace):
    members = small_cell(workspace, STATUSES)
    meeting_id = new_meeting(workspace, at(2026, 12, 18), members)
    act(workspace, meetings.save_minutes, meeting_id, MinutesContent(ended_at=at(2026, 12, 18, 21, 30)))
    with pytest.raises(ValidationError, match="chưa điểm danh"):
        act(workspace, meetings.approve_minutes, meeting_id)


def test_demo_meetings_are_approved_hence_read_only(demo_workspace):
    first = act(demo_workspace, meetings.meeting_history)[-1]
    assert first.locked and act(demo_workspace, meetings.verify_minutes, first.id) is None  # seed: no hash recorded
    with pytest.raises(meetings.MinutesLocked, match="đã được thông qua và đã khóa"):
        act(demo_workspace, meetings.save_minutes, first.id, MinutesContent())
    added = act(demo_workspace, meetings.add_addendum, first.id, "Bổ sung: tài liệu đăng ngày 18/10/2026.",
                                  first.day + timedelta(days=2))
    assert added.position == 0
