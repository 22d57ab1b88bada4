"""The cell's register of members: the roster, each member's record and status events,
statistics, member cards, and the roster's Excel round trip.

Screens, documents and commands import these names from here only. Plain data in and out;
every service takes the caller's unit of work; a status changes only through a dated event.
"""

from handbook_desktop.core.faces import lazy_face
from handbook_desktop.core.members import labels  # noqa: F401 - registered on import

__getattr__, __all__ = lazy_face(__name__, globals(), {
    "cards": ("member_qr_payload", "parse_qr_payload", "write_member_card", "write_member_card_png"),
    "events": ("TimelineEntry", "change_status", "member_timeline", "probation_due",
               "status_change_refusal"),
    "excel.export": ("export_roster",),
    "figures": ("cell_figures",),
    "tally": ("FIGURE_LABELS", "CellFigures", "CountedMember", "Place", "ProbationDue", "figure_label"),
    "excel.importer": ("ColumnMapping", "ImportPreview", "ImportResult", "ImportRow", "RowAction",
                       "apply_import", "preview_import"),
    "labels": ("STATUS_LABELS",),
    "codes": ("MemberEventKind", "MemberStatus"),
    "models": ("Member", "MemberEvent"),
    "party_rules": ("MIN_MEETING_MINUTES", "probation_ends"),
    "records": ("MemberForm", "MemberInvalid", "MemberRow", "SaveResult", "check_member", "create_member",
                "get_member", "update_member"),
    "roster_query": ("Roster", "RosterQuery", "RosterSort", "roster"),
    "rules": ("ON_ROLL", "event_label"),
    "stats": ("GROUPS", "Statistics", "StatisticsRow", "member_statistics", "statistics_rows"),
    "values": ("CARD_NUMBER_DIGITS", "FIELD_LABELS", "SEXES", "THEORY_LEVELS", "Problem", "field_label"),
})
