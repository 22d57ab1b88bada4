"""The cell as a document sees it: issuer, signer, roster, and the report of a period.

Read-only: every function opens its own short read transaction or calls the public
services (`core.services.meetings`, `core.services.members`).
"""

import re
from calendar import monthrange
from datetime import date, datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from handbook_desktop.core.members import Member
from handbook_desktop.core.models import WorkspaceFact
from handbook_desktop.core.org import OrgUnit, UnitKind
from handbook_desktop.core.errors import UserError, ValidationError
from handbook_desktop.core.clock import VIETNAM_TIME
from handbook_desktop.core.members import ON_ROLL
from handbook_desktop.core import meetings as meeting_services
from handbook_desktop.core.meetings import MEETING_LABELS, Meeting, Quality
from handbook_desktop.core.meetings import AttendanceStatus as Mark
from handbook_desktop.core.members import RosterQuery, roster, status_counts
from handbook_desktop.core.text import fold
from handbook_desktop.core.workspace import HOME_UNIT, Workspace
from handbook_desktop.docgen import wording
from handbook_desktop.docgen.content import (
    Issuer,
    Period,
    ReportData,
    ReportMeeting,
    ReportResolution,
    RosterData,
    Signer,
)
from handbook_desktop.docgen.settings import PLACE_NAME
from handbook_desktop.i18n import _

ISSUER_CODES = {UnitKind.CELL: "CB", UnitKind.GRASSROOTS: "ĐU", UnitKind.DISTRICT: "HU",
                UnitKind.PROVINCE: "TU"}
PERIOD = re.compile(r"(\d{4})-(?:(\d{1,2})|[Qq]([1-4]))")


def today_in_vietnam() -> date:
    return datetime.now(VIETNAM_TIME).date()


def home_unit_id(session: Session) -> str:
    unit_id = session.scalar(select(WorkspaceFact.value).where(WorkspaceFact.key == HOME_UNIT))
    if unit_id is None:
        raise UserError(_("Dữ liệu này chưa gắn với chi bộ nào: hãy đồng bộ hoặc mở dữ liệu mẫu trước."))
    return unit_id


def issuer_of(session: Session, workspace: Workspace, unit_id: str) -> Issuer:
    unit = session.get(OrgUnit, unit_id)
    if unit is None:
        raise UserError(_("Không tìm thấy tổ chức đảng của dữ liệu này."))
    parent = session.get(OrgUnit, unit.parent_id) if unit.parent_id else None
    higher = parent.name if parent else ""
    place = workspace.settings.get(PLACE_NAME).strip() or wording.place_of(higher or unit.name)
    return Issuer(higher, unit.name, place, ISSUER_CODES.get(UnitKind(unit.kind), "CB"))


def report_recipients(issuer: Issuer) -> tuple[str, ...]:
    return ((f"{issuer.higher_body} (để b/c)",) if issuer.higher_body else ()) + ("Lưu chi bộ",)


def signer_of(session: Session, member_id: str | None) -> Signer | None:
    member = session.get(Member, member_id) if member_id else None
    return Signer(member.full_name, wording.party_role(member.occupation)) if member else None


def cell_signer(session: Session, chair_id: str | None) -> tuple[Signer | None, str]:
    """Who signs for the cell (T/M CHI BỘ) and as what: the chair when a secretary or
    deputy, else the cell's secretary (by the position in the roster), else the chair."""
    chair = signer_of(session, chair_id)
    if chair and chair.role:
        if fold(chair.role).startswith(("bi thu", "pho bi thu")):
            return chair, wording.signer_title(chair.role)
    members = session.scalars(select(Member).where(Member.deleted_at.is_(None), Member.status.in_(ON_ROLL)))
    for member in members:
        role = wording.party_role(member.occupation)
        if fold(role).startswith("bi thu"):
            return Signer(member.full_name, role), "BÍ THƯ"
    return chair, "BÍ THƯ"


def roster_data(workspace: Workspace, today: date | None = None) -> RosterData:
    """Members on roll (official, probationary, excused, temporarily elsewhere), by name."""
    listing = workspace.perform(lambda uow: roster(uow, RosterQuery(statuses=frozenset(ON_ROLL))))
    with workspace.session() as session:
        issuer = issuer_of(session, workspace, home_unit_id(session))
        signer, title = cell_signer(session, None)
    return RosterData(issuer, today or today_in_vietnam(), tuple(listing.rows), listing.counts, signer, title)


def parse_period(value: str) -> Period:
    """ "2026-11" (a month) or "2026-Q4" (a quarter)."""
    match = PERIOD.fullmatch(value.strip())
    month = int(match[2]) if match and match[2] else None
    if not match or (month is not None and not 1 <= month <= 12):
        raise ValidationError(_("Kỳ báo cáo “{value}” không hợp lệ; hãy ghi tháng dạng 2026-11 hoặc quý dạng "
                                "2026-Q4.").format(value=value))
    year = int(match[1])
    if month is not None:
        return Period(f"{year}-{month:02d}", date(year, month, 1), date(year, month, monthrange(year, month)[1]),
                      f"tháng {month} năm {year}")
    quarter = int(match[3])
    first, last_month = 3 * quarter - 2, 3 * quarter
    return Period(f"{year}-Q{quarter}", date(year, first, 1), date(year, last_month, monthrange(year, last_month)[1]),
                  f"quý {wording.ROMAN[quarter - 1]} năm {year}")


def report_data(workspace: Workspace, period: Period | str, today: date | None = None) -> ReportData:
    """The cell's meetings, attendance and resolutions of a month or quarter."""
    period = parse_period(period) if isinstance(period, str) else period
    issued_on = today or today_in_vietnam()
    with workspace.unit_of_work() as uow:
        summaries = sorted(meeting_services.meeting_history(uow, meeting_services.HistoryQuery(
            since=period.first, until=period.last)), key=lambda s: s.starts_at)
        chart = meeting_services.attendance_chart(uow, period.first, period.last)
        resolutions = [meeting_services.resolution_of_meeting(uow, s.id) for s in summaries]
    with workspace.session() as session:
        issuer = issuer_of(session, workspace, home_unit_id(session))
        qualities = _qualities(session, [s.id for s in summaries])
        latest_chair = session.scalar(select(Meeting.chair_id).where(Meeting.id.in_([s.id for s in summaries]))
                                      .order_by(Meeting.starts_at.desc()).limit(1))
        signer, title = cell_signer(session, latest_chair)
    meetings = tuple(ReportMeeting(s.day, s.title, s.present, s.expected, qualities.get(s.id, ""),
                                   s.resolution_symbol) for s in summaries)
    absences = tuple((line.full_name, line.statuses.count(Mark.ABSENT_UNEXCUSED)) for line in chart.members
                     if Mark.ABSENT_UNEXCUSED in line.statuses)
    return ReportData(issuer, period, issued_on, workspace.perform(status_counts), meetings,
                      tuple(_report_resolution(r, issued_on) for r in resolutions if r is not None),
                      absences, signer, title, report_recipients(issuer))


def _qualities(session: Session, meeting_ids: list[str]) -> dict[str, str]:
    rows = session.execute(select(Meeting.id, Meeting.quality).where(Meeting.id.in_(meeting_ids)))
    return {meeting_id: MEETING_LABELS[Quality(quality)] for meeting_id, quality in rows if quality}


def _report_resolution(view, as_of: date) -> ReportResolution:
    tasks = [item for item in view.items if item.is_task]
    return ReportResolution(
        view.symbol, view.issued_on, view.title, len(view.items), len(tasks),
        sum(1 for item in tasks if item.done_on is not None),
        sum(1 for item in tasks if item.done_on is None and item.due_on is not None and item.due_on < as_of))
