"""What each document says, as plain frozen dataclasses (no database, no layout).

One `…Data` per document (`MinutesData`, `ResolutionData`, `InvitationData`,
`AttendanceSheetData`, `RosterData`, `ReportData`) and the small parts they share
(`Issuer`, `Signer`, `VoteLine`, …). `docgen.sources` fill them from the database; the
modules of `docgen.layouts` word and arrange them; the GUI may build them by hand too.
Everything is already in the form the paper needs: local (Vietnam) dates and times, names,
Vietnamese labels.
"""

from dataclasses import dataclass
from datetime import date, datetime

from handbook_desktop.core.meetings import MeetingKind
from handbook_desktop.core.meetings import AttendanceCounts
from handbook_desktop.core.members import CellFigures, MemberRow


@dataclass(frozen=True)
class Issuer:
    """Who issues the document: the header's left side and the place before the date."""

    higher_body: str  # "Đảng bộ phường Bắc Sơn" (printed in capitals)
    body: str  # "Chi bộ Khu phố 3"
    place: str  # "Bắc Sơn": "Bắc Sơn, ngày 20 tháng 11 năm 2026"
    code: str = "CB"  # issuer abbreviation of numbers: 11-NQ/CB


@dataclass(frozen=True)
class Signer:
    name: str
    role: str = ""  # Party position as written after the name: "Bí thư Chi bộ"


@dataclass(frozen=True)
class Absentee:
    name: str
    reason: str = ""


@dataclass(frozen=True)
class GuestLine:
    name: str
    title: str = ""
    unit: str = ""


@dataclass(frozen=True)
class Opinion:
    speaker: str
    text: str


@dataclass(frozen=True)
class AgendaSection:
    title: str
    presenter: str
    opinions: tuple[Opinion, ...]


@dataclass(frozen=True)
class VoteLine:
    matter: str
    agree: int
    disagree: int
    abstain: int
    voters: int  # official members present: probationary members do not vote


@dataclass(frozen=True)
class MinutesData:
    issuer: Issuer
    meeting_id: str
    kind: MeetingKind
    title: str  # "Sinh hoạt chi bộ thường kỳ tháng 11 năm 2026"
    day: date  # in Vietnam
    started_at: datetime  # Vietnam time: as recorded, else as scheduled
    ended_at: datetime | None
    place: str
    counts: AttendanceCounts
    excused: tuple[str, ...]  # miễn công tác và sinh hoạt đảng
    away: tuple[str, ...]  # đi sinh hoạt tạm thời nơi khác
    absent_with_reason: tuple[Absentee, ...]
    absent_without_reason: tuple[str, ...]
    chair: Signer | None
    recorder: Signer | None
    guests: tuple[GuestLine, ...]
    agenda: tuple[AgendaSection, ...]
    other_opinions: tuple[Opinion, ...]  # not tied to an agenda item
    conclusions: str
    votes: tuple[VoteLine, ...]
    quality: str  # "Tốt", "" when not assessed
    resolution_symbol: str  # "11-NQ/CB", "" when none
    recipients: tuple[str, ...]


@dataclass(frozen=True)
class ResolutionItemLine:
    text: str
    owner: str = ""
    due_on: date | None = None


@dataclass(frozen=True)
class ResolutionData:
    issuer: Issuer
    meeting_id: str
    number: int
    symbol: str  # 11-NQ/CB
    term: str
    issued_on: date
    title: str  # trích yếu: "Hội nghị chi bộ thường kỳ tháng 11 năm 2026"
    meeting_kind: MeetingKind
    meeting_day: date
    meeting_place: str
    counts: AttendanceCounts
    items: tuple[ResolutionItemLine, ...]
    recipients: tuple[str, ...]
    signer: Signer | None
    signer_title: str  # "BÍ THƯ" or "PHÓ BÍ THƯ"
    approval: VoteLine | None  # the vote that passed the resolution, when recorded


@dataclass(frozen=True)
class InvitationData:
    issuer: Issuer
    meeting_id: str
    title: str
    starts_at: datetime  # Vietnam time
    planned_minutes: int
    place: str
    agenda: tuple[str, ...]
    invitees: tuple[GuestLine, ...]  # one letter each; none: one letter with blanks
    issued_on: date
    signer: Signer | None
    signer_title: str


@dataclass(frozen=True)
class SheetLine:
    name: str
    standing: str  # "Chính thức" / "Dự bị" on the meeting day
    note: str  # "Miễn sinh hoạt", "Vắng có lý do: …"


@dataclass(frozen=True)
class AttendanceSheetData:
    issuer: Issuer
    meeting_id: str
    title: str
    starts_at: datetime  # Vietnam time
    place: str
    held: bool  # marks and counts are printed only once the meeting was held
    lines: tuple[SheetLine, ...]
    counts: AttendanceCounts
    chair: Signer | None
    recorder: Signer | None


@dataclass(frozen=True)
class RosterData:
    issuer: Issuer
    rows: tuple[MemberRow, ...]  # the members in the total, Vietnamese name order
    figures: CellFigures  # the cell on the roster's day (figures.as_of)
    signer: Signer | None
    signer_title: str


@dataclass(frozen=True)
class Period:
    code: str  # "2026-11" or "2026-Q4"
    first: date
    last: date  # included
    label: str  # "tháng 11 năm 2026", "quý IV năm 2026"


@dataclass(frozen=True)
class ReportMeeting:
    day: date
    title: str
    present: int
    expected: int
    quality: str
    resolution_symbol: str


@dataclass(frozen=True)
class ReportResolution:
    symbol: str
    issued_on: date
    title: str
    items: int
    tasks: int  # items with an owner or a deadline
    done: int
    overdue: int  # not done, deadline before the report's date


@dataclass(frozen=True)
class ReportData:
    issuer: Issuer
    period: Period
    issued_on: date
    figures: CellFigures  # the cell at the period's end, or today while it runs
    meetings: tuple[ReportMeeting, ...]
    resolutions: tuple[ReportResolution, ...]
    unexcused_absences: tuple[tuple[str, int], ...]  # name, times absent without reason
    signer: Signer | None
    signer_title: str
    recipients: tuple[str, ...]
