"""The cell's register of members: the roster, each member's record and status events,
statistics, member cards, and the roster's Excel round trip.

Screens, documents and commands import these names from here only. Plain data in and out;
every service takes the caller's unit of work; a status changes only through a dated event.
"""

from handbook_desktop.core.members import labels  # noqa: F401 - registers the statuses' names
from handbook_desktop.core.members.cards import (
    member_qr_payload,
    parse_qr_payload,
    write_member_card,
    write_member_card_png,
)
from handbook_desktop.core.members.events import (
    ProbationDue,
    TimelineEntry,
    change_status,
    member_timeline,
    probation_due,
    status_change_refusal,
)
from handbook_desktop.core.members.excel.export import export_roster
from handbook_desktop.core.members.excel.importer import (
    ColumnMapping,
    ImportPreview,
    ImportResult,
    ImportRow,
    RowAction,
    apply_import,
    preview_import,
)
from handbook_desktop.core.members.labels import STATUS_LABELS
from handbook_desktop.core.members.models import Member, MemberEvent, MemberEventKind, MemberStatus
from handbook_desktop.core.members.party_rules import MIN_MEETING_MINUTES, probation_ends
from handbook_desktop.core.members.records import (
    MemberForm,
    MemberInvalid,
    MemberRow,
    SaveResult,
    check_member,
    create_member,
    get_member,
    update_member,
)
from handbook_desktop.core.members.roster_query import Roster, RosterQuery, RosterSort, StatusCounts, roster, status_counts
from handbook_desktop.core.members.rules import ON_ROLL, event_label
from handbook_desktop.core.members.stats import GROUPS, Statistics, StatisticsRow, member_statistics, statistics_rows
from handbook_desktop.core.members.values import (
    CARD_NUMBER_DIGITS,
    FIELD_LABELS,
    SEXES,
    THEORY_LEVELS,
    Problem,
    field_label,
)

__all__ = [
    "CARD_NUMBER_DIGITS", "FIELD_LABELS", "GROUPS", "MIN_MEETING_MINUTES", "ON_ROLL", "SEXES", "STATUS_LABELS",
    "THEORY_LEVELS", "ColumnMapping", "ImportPreview", "ImportResult", "ImportRow", "Member", "MemberEvent",
    "MemberEventKind", "MemberForm", "MemberInvalid", "MemberRow", "MemberStatus", "ProbationDue", "Problem",
    "Roster", "RosterQuery", "RosterSort", "RowAction", "SaveResult", "Statistics", "StatisticsRow", "StatusCounts",
    "TimelineEntry", "apply_import", "change_status", "check_member", "create_member", "event_label",
    "export_roster", "field_label", "get_member", "member_qr_payload", "member_statistics", "member_timeline",
    "parse_qr_payload", "preview_import", "probation_ends", "probation_due", "roster", "statistics_rows",
    "status_change_refusal", "status_counts", "update_member", "write_member_card", "write_member_card_png",
]
