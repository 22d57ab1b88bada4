"""Meetings of the cell (Sinh hoạt chi bộ): the GUI's, docgen's and the CLI's one import.

Plan (schedule), prepare (preparation), take attendance (attendance), write the minutes
with autosave (minutes), approve and lock them (approval), issue the resolution
(resolutions), follow its tasks up (followup) and look back (history). Every service takes
the caller's unit of work (`uow`) and plain arguments and returns plain dataclasses; every
change of a syncable row reaches the outbox through its hook. Times are aware datetimes
(stored in UTC, shown in Vietnam time).
"""

from handbook_desktop.core.meetings.approval import (
    Approval,
    add_addendum,
    approve_minutes,
    save_evaluation,
    verify_minutes,
)
from handbook_desktop.core.meetings.attendance import (
    AttendanceCounts,
    AttendanceRow,
    AttendanceSheet,
    Marked,
    attendance_counts,
    attendance_sheet,
    count_attendance,
    mark_attendance,
    mark_by_qr,
    mark_pending_present,
    refresh_attendance_sheet,
)
from handbook_desktop.core.meetings.common import AttachedFile, MinutesLocked
from handbook_desktop.core.meetings.followup import (
    FollowUpTask,
    follow_up_tasks,
    latest_resolution_tasks,
    set_task_done,
)
from handbook_desktop.core.meetings.history import (
    AttendanceChart,
    ChartMeeting,
    HistoryQuery,
    MeetingSummary,
    MemberAttendanceLine,
    attendance_chart,
    meeting_history,
)
from handbook_desktop.core.meetings.labels import MEETING_LABELS, meeting_label
from handbook_desktop.core.meetings.minutes import (
    AddendumView,
    Minutes,
    MinutesContent,
    MinutesSaved,
    Speaker,
    SpeechDraft,
    VoteCheck,
    VoteDraft,
    check_vote,
    discard_minutes_draft,
    load_minutes,
    percent,
    save_minutes,
    save_minutes_draft,
    saved_minutes_content,
)
from handbook_desktop.core.meetings.models import (
    AttendanceStatus,
    InvitationState,
    Meeting,
    MeetingKind,
    MeetingState,
    Quality,
)
from handbook_desktop.core.meetings.preparation import (
    AgendaEntry,
    AgendaItemView,
    AgendaSaved,
    Invitee,
    InviteeForm,
    MaterialsState,
    MaterialView,
    Readiness,
    add_file_material,
    add_invitee,
    add_library_material,
    agenda,
    invitees,
    mark_invitations_sent,
    materials,
    meeting_readiness,
    next_meeting_readiness,
    remove_invitee,
    remove_material,
    set_agenda,
    set_guest_attended,
    set_invitation_state,
    update_invitee,
)
from handbook_desktop.core.meetings.resolutions import (
    NumberingReport,
    ResolutionForm,
    ResolutionItemForm,
    ResolutionItemView,
    ResolutionSaved,
    ResolutionView,
    attach_signed_copy,
    create_resolution,
    current_term,
    default_term,
    get_resolution,
    next_resolution_number,
    numbering_report,
    remove_signed_copy,
    resolution_defaults,
    resolution_of_meeting,
    set_current_term,
    symbol,
    update_resolution,
)
from handbook_desktop.core.meetings.schedule import (
    CalendarEntry,
    MeetingDetail,
    MeetingForm,
    MeetingSaved,
    ProposedMeeting,
    create_meeting,
    default_title,
    delete_meeting,
    get_meeting,
    month_calendar,
    propose_next_regular,
    update_meeting,
)

__all__ = [
    "MEETING_LABELS", "AddendumView", "AgendaEntry", "AgendaItemView", "AgendaSaved", "Approval", "AttachedFile",
    "AttendanceChart", "AttendanceCounts", "AttendanceRow", "AttendanceSheet", "AttendanceStatus", "CalendarEntry",
    "ChartMeeting", "FollowUpTask", "HistoryQuery", "InvitationState", "Invitee", "InviteeForm", "Marked",
    "MaterialView", "MaterialsState", "Meeting", "MeetingDetail", "MeetingForm", "MeetingKind", "MeetingSaved",
    "MeetingState", "MeetingSummary", "MemberAttendanceLine", "Minutes", "MinutesContent", "MinutesLocked",
    "MinutesSaved", "NumberingReport", "ProposedMeeting", "Quality", "Readiness", "ResolutionForm",
    "ResolutionItemForm", "ResolutionItemView", "ResolutionSaved", "ResolutionView", "Speaker", "SpeechDraft",
    "VoteCheck", "VoteDraft", "add_addendum", "add_file_material", "add_invitee", "add_library_material", "agenda",
    "approve_minutes", "attach_signed_copy", "attendance_chart", "attendance_counts", "attendance_sheet",
    "check_vote", "count_attendance", "create_meeting", "create_resolution", "current_term", "default_term",
    "default_title", "delete_meeting", "discard_minutes_draft", "follow_up_tasks", "get_meeting", "get_resolution",
    "invitees", "latest_resolution_tasks", "load_minutes", "mark_attendance", "mark_by_qr",
    "mark_invitations_sent", "mark_pending_present", "materials", "meeting_history", "meeting_label",
    "meeting_readiness", "month_calendar", "next_meeting_readiness", "next_resolution_number", "numbering_report",
    "percent", "propose_next_regular", "refresh_attendance_sheet", "remove_invitee", "remove_material",
    "remove_signed_copy", "resolution_defaults", "resolution_of_meeting", "save_evaluation", "save_minutes",
    "save_minutes_draft", "saved_minutes_content", "set_agenda", "set_current_term", "set_guest_attended",
    "set_invitation_state", "set_task_done", "symbol", "update_invitee", "update_meeting", "update_resolution",
    "verify_minutes",
]
