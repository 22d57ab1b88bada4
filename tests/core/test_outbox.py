"""The outbox as the server reads it: complete insert payloads, who and where on every entry."""

from datetime import date, timedelta

from sqlalchemy import select

from handbook_desktop.core import library, meetings, members
from handbook_desktop.core.clock import vietnam_now
from handbook_desktop.core.meetings import AgendaEntry, MinutesContent, SpeechDraft, VoteDraft
from handbook_desktop.core.meetings.models import AttendanceStatus as Mark
from handbook_desktop.core.models import OutboxEntry, WorkspaceFact
from handbook_desktop.core.models.registry import load_all
from handbook_desktop.core.models.base import Base
from handbook_desktop.core.outbox import DEVICE_ID, USERNAME

from .meetings.meeting_helpers import act


def _member(name: str) -> members.MemberForm:
    return members.MemberForm(full_name=name, admitted_on=date(2025, 3, 1), birth_date=date(1990, 2, 2))


def _whole_meeting(ws) -> None:
    """The secretary's month on the demo cell: a member, a document read, a meeting from plan to resolution."""
    act(ws, members.create_member, _member("Lý Thị Mới"))
    document = act(ws, library.list_items, library.ItemFilter())[0]
    act(ws, library.open_item, library.DOCUMENTS, document.id)
    act(ws, library.save_position, library.DOCUMENTS, document.id, 0.5)
    roster = act(ws, members.roster, members.RosterQuery(statuses=frozenset({members.MemberStatus.OFFICIAL}))).rows
    ids = [row.id for row in roster][:3]
    when = vietnam_now().replace(second=0, microsecond=0) + timedelta(days=3)
    meeting_id = act(ws, meetings.create_meeting, meetings.MeetingForm(
        starts_at=when, planned_minutes=120, place="Nhà văn hóa", chair_id=ids[0], recorder_id=ids[1])).id
    act(ws, meetings.set_agenda, meeting_id, [AgendaEntry("Báo cáo tháng", ids[0], 30),
                                              AgendaEntry("Phương hướng", ids[1], 30)])
    act(ws, meetings.add_invitee, meeting_id, meetings.InviteeForm("Đại biểu Phường", "Đảng ủy viên", "Phường"))
    act(ws, meetings.add_library_material, meeting_id, document.id)
    act(ws, meetings.mark_attendance, meeting_id, ids[2], Mark.ABSENT_EXCUSED, "Ốm")
    act(ws, meetings.mark_pending_present, meeting_id)
    minutes = act(ws, meetings.load_minutes, meeting_id)
    speaker = next(s for s in minutes.speakers if not s.is_guest)
    act(ws, meetings.save_minutes, meeting_id, MinutesContent(
        started_at=when, ended_at=when + timedelta(minutes=100), conclusions="Nhất trí.",
        speeches=(SpeechDraft("Tôi nhất trí.", minutes.agenda[0].id, speaker.member_id),),
        votes=(VoteDraft("Thông qua", 1, 0, 0),)))
    act(ws, meetings.approve_minutes, meeting_id)
    act(ws, meetings.add_addendum, meeting_id, "Bổ sung.", when.date())
    form = act(ws, meetings.resolution_defaults, meeting_id)
    form = meetings.ResolutionForm(form.title, form.issued_on, form.recipients,
                                   [meetings.ResolutionItemForm("Làm đường", ids[0], when.date())])
    saved = act(ws, meetings.create_resolution, meeting_id, form).resolution
    act(ws, meetings.set_task_done, saved.items[0].id, when.date())


def test_no_not_null_column_is_ever_null_in_an_outbox_payload(demo_workspace):
    _whole_meeting(demo_workspace)
    load_all()
    with demo_workspace.session() as session:
        entries = list(session.scalars(select(OutboxEntry).order_by(OutboxEntry.seq)))
    tables = {entry.entity for entry in entries}
    assert {"members", "member_events", "read_receipts", "meetings", "agenda_items", "attendance", "speeches",
            "votes", "meeting_guests", "meeting_materials", "minutes_addenda", "resolutions",
            "resolution_items"} <= tables
    problems = []
    for entry in entries:
        table = Base.metadata.tables[entry.entity]
        required = {c.name for c in table.columns if not c.nullable}
        if entry.op == "insert":
            missing = {c.name for c in table.columns} - entry.payload.keys()
            problems += [f"{entry.entity} insert lacks {sorted(missing)}"] if missing else []
        nulls = sorted(name for name in required & entry.payload.keys() if entry.payload[name] is None)
        problems += [f"{entry.entity} {entry.op}: {nulls} null"] if nulls else []
    assert problems == []


def test_every_entry_says_which_device_and_which_user(demo_workspace):
    act(demo_workspace, members.create_member, _member("Lý Thị Mới"))
    with demo_workspace.session() as session:
        device = session.get(WorkspaceFact, DEVICE_ID).value
        session.add(WorkspaceFact(key=USERNAME, value="bithu"))
    act(demo_workspace, members.create_member, _member("Lý Văn Hai"))
    with demo_workspace.session() as session:
        entries = list(session.scalars(select(OutboxEntry).order_by(OutboxEntry.seq)))
        assert session.get(WorkspaceFact, DEVICE_ID).value == device  # made once, then kept
    assert len(device) == 36 and {entry.device_id for entry in entries} == {device}
    offline, online = [e for e in entries if e.payload.get("full_name") == "Lý Thị Mới"], \
        [e for e in entries if e.payload.get("full_name") == "Lý Văn Hai"]
    assert offline[0].user == "" and online[0].user == "bithu"
    assert online[0].payload["updated_by"] == "bithu"
