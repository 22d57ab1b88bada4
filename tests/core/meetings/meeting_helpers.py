"""Shared by the tests of the meetings services: a small cell, and times in Vietnam."""

from datetime import date, datetime

from sqlalchemy import select

from handbook_desktop.core.members.models import Member, MemberStatus
from handbook_desktop.core.models import OutboxEntry, WorkspaceFact
from handbook_desktop.core.org.models import OrgUnit, UnitKind
from handbook_desktop.core.clock import VIETNAM_TIME
from handbook_desktop.core import meetings
from handbook_desktop.core.workspace import HOME_UNIT, Workspace


def act(workspace: Workspace, service, *args, **kwargs):
    """One service call in its own unit of work, as the GUI and the CLI make them."""
    return workspace.perform(lambda uow: service(uow, *args, **kwargs))


def at(year: int, month: int, day: int, hour: int = 19, minute: int = 30) -> datetime:
    return datetime(year, month, day, hour, minute, tzinfo=VIETNAM_TIME)


def small_cell(workspace: Workspace, statuses: list[MemberStatus] | None = None) -> dict[str, str]:
    """A ward, a cell under it and members (official unless said otherwise); name → id."""
    statuses = statuses or [MemberStatus.OFFICIAL] * 4 + [MemberStatus.PROBATIONARY, MemberStatus.EXCUSED]
    names = ["Nguyễn Văn An", "Trần Thị Bình", "Lê Văn Cường", "Phạm Thị Dung", "Hoàng Văn Em", "Đỗ Văn Giang",
             "Vũ Thị Hà", "Bùi Văn Khánh", "Đặng Thị Lan", "Ngô Văn Minh"]
    with workspace.session(record_outbox=False) as session:
        ward = OrgUnit(id="ward", unit_id="ward", kind=UnitKind.GRASSROOTS, name="Đảng bộ phường Bắc Sơn")
        cell = OrgUnit(id="cell", unit_id="ward", kind=UnitKind.CELL, name="Chi bộ Khu phố 3", parent_id="ward")
        session.add_all([ward, cell, WorkspaceFact(key=HOME_UNIT, value="cell")])
        members = {}
        for name, status in zip(names, statuses, strict=False):
            probationary = status == MemberStatus.PROBATIONARY
            member = Member(unit_id="cell", full_name=name, status=status, admitted_on=date(2026, 1, 5) if
                              probationary else date(2000, 1, 1), official_on=None if probationary else date(2001, 1, 1))
            session.add(member)
            session.flush()
            members[name] = member.id
    return members


def new_meeting(workspace: Workspace, when: datetime, members: dict[str, str] | None = None, **fields) -> str:
    ids = list((members or {}).values())
    form = meetings.MeetingForm(starts_at=when, planned_minutes=fields.pop("planned_minutes", 120),
                                place=fields.pop("place", "Nhà văn hóa khu phố 3"),
                                chair_id=fields.pop("chair_id", ids[0] if ids else None),
                                recorder_id=fields.pop("recorder_id", ids[1] if len(ids) > 1 else None), **fields)
    return act(workspace, meetings.create_meeting, form).id


def demo_members(workspace: Workspace) -> dict[str, Member]:
    """The demo roster by full name."""
    with workspace.session() as session:
        return {member.full_name: member for member in session.scalars(select(Member))}


def outbox_entities(workspace: Workspace) -> list[str]:
    with workspace.session() as session:
        return list(session.scalars(select(OutboxEntry.entity).order_by(OutboxEntry.seq)))
