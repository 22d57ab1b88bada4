"""The cell's own documents: the roster of members on roll as of a day, and the report of a
month or quarter (`parse_period`; `report_period` picks the period when none is given)."""

import re
from calendar import monthrange
from datetime import date

from sqlalchemy import select

from handbook_desktop.core import meetings as meeting_services
from handbook_desktop.core.clock import VIETNAM_TIME
from handbook_desktop.core.errors import ValidationError
from handbook_desktop.core.meetings import MEETING_LABELS, Meeting, Quality
from handbook_desktop.core.meetings import AttendanceStatus as Mark
from handbook_desktop.core.members import cell_figures, roster
from handbook_desktop.core.workspace import UnitOfWork
from handbook_desktop.docgen import wording
from handbook_desktop.docgen.content import Period, ReportData, ReportMeeting, ReportResolution, RosterData
from handbook_desktop.docgen.sources.issuer import cell_signer, issuer_of, report_recipients
from handbook_desktop.i18n import _

PERIOD = re.compile(r"(\d{4})-(?:(\d{1,2})|[Qq]([1-4]))")


def roster_data(uow: UnitOfWork, today: date | None = None) -> RosterData:
    """The members in the cell's total on the day (excused and away included), by name."""
    figures = cell_figures(uow, today)
    counted = {m.member_id for m in figures.members}
    signer, title = cell_signer(uow, None)
    return RosterData(issuer_of(uow, uow.home_unit_id), tuple(r for r in roster(uow).rows if r.id in counted),
                      figures, signer, title)


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


def report_period(uow: UnitOfWork, meeting_id: str | None, today: date | None = None) -> Period:
    """The period of a report asked for without one: the month of the meeting it is printed
    from (the Xuất/In tab of a meeting, `render report --meeting`), else this month."""
    day = (meeting_services.get_meeting(uow, meeting_id).starts_at.astimezone(VIETNAM_TIME).date() if meeting_id
           else today or uow.today())
    return parse_period(f"{day.year}-{day.month}")


def report_data(uow: UnitOfWork, period: Period | str, today: date | None = None) -> ReportData:
    """The cell's meetings, attendance and resolutions of a month or quarter."""
    period = parse_period(period) if isinstance(period, str) else period
    issued_on = today or uow.today()
    summaries = sorted(meeting_services.meeting_history(uow, meeting_services.HistoryQuery(
        since=period.first, until=period.last)), key=lambda s: s.starts_at)
    chart = meeting_services.attendance_chart(uow, period.first, period.last)
    resolutions = [meeting_services.resolution_of_meeting(uow, s.id) for s in summaries]
    issuer = issuer_of(uow, uow.home_unit_id)
    qualities = _qualities(uow, [s.id for s in summaries])
    latest_chair = uow.session.scalar(select(Meeting.chair_id).where(Meeting.id.in_([s.id for s in summaries]))
                                      .order_by(Meeting.starts_at.desc()).limit(1))
    signer, title = cell_signer(uow, latest_chair)
    meetings = tuple(ReportMeeting(s.day, s.title, s.present, s.expected, qualities.get(s.id, ""),
                                   s.resolution_symbol) for s in summaries)
    absences = tuple((line.full_name, line.statuses.count(Mark.ABSENT_UNEXCUSED)) for line in chart.members
                     if Mark.ABSENT_UNEXCUSED in line.statuses)
    figures = cell_figures(uow, min(period.last, issued_on))  # the roster as it stood at the period's end
    return ReportData(issuer, period, issued_on, figures, meetings,
                      tuple(_report_resolution(r, issued_on) for r in resolutions if r is not None),
                      absences, signer, title, report_recipients(issuer))


def _qualities(uow: UnitOfWork, meeting_ids: list[str]) -> dict[str, str]:
    rows = uow.session.execute(select(Meeting.id, Meeting.quality).where(Meeting.id.in_(meeting_ids)))
    return {meeting_id: MEETING_LABELS[Quality(quality)] for meeting_id, quality in rows if quality}


def _report_resolution(view, as_of: date) -> ReportResolution:
    tasks = [item for item in view.items if item.is_task]
    return ReportResolution(
        view.symbol, view.issued_on, view.title, len(view.items), len(tasks),
        sum(1 for item in tasks if item.done_on is not None),
        sum(1 for item in tasks if item.done_on is None and item.due_on is not None and item.due_on < as_of))
