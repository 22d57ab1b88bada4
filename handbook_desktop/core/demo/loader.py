"""The demo workspace: a realistic cell so a newcomer sees a living app.

Content comes from resources/demo/workspace.json. It is seed data, so it is written
without outbox entries: nothing of it is pushed to a server as the user's own work.
"""

import json
from datetime import date, datetime

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from handbook_desktop.core.library.models import Article, Channel, Document, DocumentType
from handbook_desktop.core.meetings.models import AgendaItem, Attendance, AttendanceStatus, Guest, Meeting, MeetingKind, MeetingState, Quality, Resolution, ResolutionItem, Speech, Vote
from handbook_desktop.core.meetings.attendance import attendance_id
from handbook_desktop.core.members import Member, MemberEvent, MemberEventKind, MemberStatus
from handbook_desktop.core.models import WorkspaceFact
from handbook_desktop.core.org import OrgUnit, UnitKind
from handbook_desktop.core.errors import WorkspaceError
from handbook_desktop.core.ids import new_id
from handbook_desktop.core.resources import resource_path
from handbook_desktop.core.workspace import HOME_UNIT, IS_DEMO, UnitOfWork
from handbook_desktop.i18n import _

MEMBER_FIELDS = ("full_name", "sex", "ethnicity", "religion", "hometown", "address", "education",
                 "specialist_level", "theory_level", "occupation", "card_number", "phone", "notes")
# Expected at the cell's meetings; a member in temporary activity attends elsewhere.
EXPECTED = {MemberStatus.OFFICIAL, MemberStatus.PROBATIONARY}


def create_demo(uow: UnitOfWork) -> str:
    """Fill an empty workspace with the demo cell; returns the cell's unit id.

    The caller opens `workspace.unit_of_work(record_outbox=False)`: seed data is nobody's
    work to push to a server, so a unit of work that records the outbox is refused.
    """
    session = uow.session
    if session.info.get("record_outbox", True):
        raise ValueError("create_demo needs workspace.unit_of_work(record_outbox=False)")
    if session.scalar(select(func.count()).select_from(OrgUnit)):
        raise WorkspaceError(_("Thư mục dữ liệu {path} đã có dữ liệu; không tạo dữ liệu mẫu "
                               "đè lên.").format(path=uow.data_dir))
    data = json.loads(resource_path("demo", "workspace.json").read_text(encoding="utf-8"))
    units = _add_units(session, data["units"])
    cell = units[data["home_unit"]]
    members = _add_members(session, data["members"], cell)
    _add_library(session, data, units)
    for meeting in data["meetings"]:
        _add_meeting(session, meeting, cell, members)
    session.add_all([WorkspaceFact(key=HOME_UNIT, value=cell), WorkspaceFact(key=IS_DEMO, value="1")])
    return cell


def _add_units(session: Session, rows: list[dict]) -> dict[str, str]:
    ids: dict[str, str] = {}
    for row in rows:  # parents come first in the file
        unit = OrgUnit(kind=UnitKind(row["kind"]), name=row["name"], code=row["code"],
                         parent_id=ids.get(row["parent"]))
        unit.id = ids[row["key"]] = new_id()
        unit.unit_id = unit.parent_id or unit.id
        session.add(unit)
        session.flush()
    return ids


def _add_members(session: Session, rows: list[dict], cell: str) -> dict[str, Member]:
    members: dict[str, Member] = {}
    for row in rows:
        member = Member(unit_id=cell, status=MemberStatus(row["status"]),
                          birth_date=_date(row["birth_date"]), admitted_on=_date(row["admitted_on"]),
                          official_on=_date(row["official_on"]),
                          **{key: row.get(key, "") for key in MEMBER_FIELDS})
        session.add(member)
        session.flush()
        session.add_all(MemberEvent(unit_id=cell, member_id=member.id, kind=MemberEventKind(e["kind"]),
                                      occurred_on=_date(e["on"]), reason=e.get("reason", ""))
                        for e in row.get("events", []))
        members[row["key"]] = member
    return members


def _add_library(session: Session, data: dict, units: dict[str, str]) -> None:
    session.add_all(Document(unit_id=units[d["unit"]], number=d["number"],
                               doc_type=DocumentType(d["doc_type"]), issuer=d["issuer"],
                               issued_on=_date(d["issued_on"]), title=d["title"], summary=d["summary"],
                               body=d["body"], category=d.get("category", ""))
                    for d in data["documents"])
    session.add_all(Article(unit_id=units[a["unit"]], channel=Channel(a["channel"]), title=a["title"],
                              summary=a["summary"], body=a["body"], author=a.get("author", ""),
                              source=a.get("source", ""), published_at=datetime.fromisoformat(a["published_at"]))
                    for a in data["articles"])


def _add_meeting(session: Session, row: dict, cell: str, members: dict[str, Member]) -> None:
    meeting = Meeting(unit_id=cell, kind=MeetingKind(row["kind"]), title=row["title"],
                        starts_at=datetime.fromisoformat(row["starts_at"]),
                        ends_at=datetime.fromisoformat(row["ends_at"]), planned_minutes=row["planned_minutes"],
                        place=row["place"], chair_id=members[row["chair"]].id,
                        recorder_id=members[row["recorder"]].id, state=MeetingState(row["state"]),
                        quality=Quality(row["quality"]), conclusions=row["conclusions"])
    session.add(meeting)
    session.flush()
    agenda = [AgendaItem(unit_id=cell, meeting_id=meeting.id, position=i, title=a["title"],
                           presenter_id=members[a["presenter"]].id, minutes=a["minutes"])
              for i, a in enumerate(row["agenda"])]
    session.add_all(agenda)
    session.flush()
    _add_attendance(session, row, meeting, members)
    session.add_all(Guest(unit_id=cell, meeting_id=meeting.id, **g) for g in row["guests"])
    session.add_all(Speech(unit_id=cell, meeting_id=meeting.id, agenda_item_id=agenda[s["agenda"]].id,
                             member_id=members[s["member"]].id, position=i, text=s["text"])
                    for i, s in enumerate(row["speeches"]))
    session.add_all(Vote(unit_id=cell, meeting_id=meeting.id, **v) for v in row["votes"])
    _add_resolution(session, row["resolution"], meeting, members)


def _add_attendance(session: Session, row: dict, meeting: Meeting, members: dict[str, Member]) -> None:
    """Absentees are listed in the file; every other expected member attended."""
    absent = {a["member"]: a for a in row["attendance"]}
    held_on = meeting.starts_at.date()
    for key, member in members.items():
        if member.admitted_on and member.admitted_on > held_on:
            continue
        if member.status == MemberStatus.EXCUSED:
            status, reason = AttendanceStatus.EXCUSED, ""
        elif member.status not in EXPECTED:
            continue
        elif key in absent:
            status, reason = AttendanceStatus(absent[key]["status"]), absent[key].get("reason", "")
        else:
            status, reason = AttendanceStatus.PRESENT, ""
        session.add(Attendance(id=attendance_id(meeting.id, member.id), unit_id=meeting.unit_id,
                               meeting_id=meeting.id, member_id=member.id, status=status, reason=reason))


def _add_resolution(session: Session, row: dict, meeting: Meeting, members: dict[str, Member]) -> None:
    resolution = Resolution(unit_id=meeting.unit_id, meeting_id=meeting.id, number=row["number"],
                              term=row["term"], issued_on=_date(row["issued_on"]), title=row["title"],
                              recipients="\n".join(row["recipients"]))
    session.add(resolution)
    session.flush()
    session.add_all(ResolutionItem(unit_id=meeting.unit_id, resolution_id=resolution.id, position=i,
                                     text=item["text"], due_on=_date(item.get("due_on")),
                                     owner_id=members[item["owner"]].id if item.get("owner") else None)
                    for i, item in enumerate(row["items"]))


def _date(value: str | None) -> date | None:
    return date.fromisoformat(value) if value else None
