"""Meetings of the cell (Sinh hoạt chi bộ): the GUI's, docgen's and the CLI's one import.

Plan (schedule), prepare (preparation), take attendance (attendance), write the minutes
with autosave (minutes), approve and lock them (approval), issue the resolution
(resolutions), follow its tasks up (followup) and look back (history). Every service takes
the caller's unit of work (`uow`) and plain arguments and returns plain dataclasses; every
change of a syncable row reaches the outbox through its hook. Times are aware datetimes
(stored in UTC, shown in Vietnam time).
"""

from handbook_desktop.core.faces import lazy_face
from handbook_desktop.core.meetings import labels  # noqa: F401 - registered on import

__getattr__, __all__ = lazy_face(__name__, globals(), {
    "approval": ("Approval", "add_addendum", "approve_minutes", "save_evaluation", "verify_minutes"),
    "attendance": ("AttendanceCounts", "AttendanceRow", "AttendanceSheet", "Marked", "attendance_counts", "attendance_id",
                   "attendance_sheet", "count_attendance", "mark_attendance", "mark_by_qr",
                   "mark_pending_present", "refresh_attendance_sheet"),
    "common": ("AttachedFile", "MinutesLocked"),
    "followup": ("FollowUpTask", "follow_up_tasks", "latest_resolution_tasks", "set_task_done"),
    "history": ("AttendanceChart", "ChartMeeting", "HistoryQuery", "MeetingSummary", "MemberAttendanceLine",
                "attendance_chart", "meeting_history"),
    "labels": ("MEETING_LABELS", "meeting_label"),
    "minutes": ("AddendumView", "Minutes", "MinutesContent", "MinutesSaved", "Speaker", "SpeechDraft",
                "VoteCheck", "VoteDraft", "check_vote", "discard_minutes_draft", "load_minutes", "percent",
                "save_minutes", "save_minutes_draft", "saved_minutes_content"),
    "codes": ("AttendanceStatus", "InvitationState", "MeetingKind", "MeetingState", "Quality"),
    "models": ("Meeting",),
    "readiness": ("MaterialsState", "Readiness"),
    "preparation": ("AgendaEntry", "AgendaItemView", "AgendaSaved", "Invitee", "InviteeForm",
                    "MaterialView", "add_file_material", "add_invitee", "add_library_material",
                    "agenda", "invitees", "mark_invitations_sent", "materials", "meeting_readiness",
                    "next_meeting_readiness", "remove_invitee", "remove_material", "set_agenda",
                    "set_guest_attended", "set_invitation_state", "update_invitee"),
    "removal": ("delete_meeting",),
    "resolutions": ("NumberingReport", "ResolutionForm", "ResolutionItemForm", "ResolutionItemView",
                    "ResolutionSaved", "ResolutionView", "attach_signed_copy", "create_resolution",
                    "current_term", "default_term", "get_resolution", "next_resolution_number",
                    "numbering_report", "remove_signed_copy", "resolution_defaults", "resolution_of_meeting",
                    "set_current_term", "symbol", "update_resolution"),
    "schedule": ("CalendarEntry", "MeetingDetail", "MeetingForm", "MeetingSaved", "ProposedMeeting",
                 "create_meeting", "default_title", "get_meeting", "month_calendar",
                 "propose_next_regular", "update_meeting"),
})
