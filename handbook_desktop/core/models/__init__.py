"""All ORM models; importing this package registers every table on Base.metadata."""

from handbook_desktop.core.models.base import Base, Syncable, utcnow
from handbook_desktop.core.models.library import Article, Attachment, Channel, Document, DocumentType
from handbook_desktop.core.models.local import OutboxEntry, SyncCursor, WorkspaceFact
from handbook_desktop.core.models.meeting_extras import DocumentCounter, MeetingMaterial, MinutesAddendum, MinutesDraft
from handbook_desktop.core.models.meetings import (
    AgendaItem,
    Attendance,
    AttendanceStatus,
    Guest,
    InvitationState,
    Meeting,
    MeetingKind,
    MeetingState,
    Quality,
    Resolution,
    ResolutionItem,
    Speech,
    Vote,
)
from handbook_desktop.core.models.members import Member, MemberEvent, MemberEventKind, MemberStatus
from handbook_desktop.core.models.org import OrgUnit, Role, RoleAssignment, UnitKind, User
from handbook_desktop.core.models.reading import Favorite, ReadingPosition, ReadReceipt

__all__ = [
    "AgendaItem", "Article", "Attachment", "Attendance", "AttendanceStatus", "Base",
    "Channel", "Document", "DocumentCounter", "DocumentType", "Favorite", "Guest", "InvitationState", "Meeting",
    "MeetingKind", "MeetingMaterial", "MeetingState", "MinutesAddendum", "MinutesDraft", "Member", "MemberEvent", "MemberEventKind", "MemberStatus", "OrgUnit", "OutboxEntry",
    "Quality", "ReadReceipt", "ReadingPosition", "Resolution", "ResolutionItem", "Role", "RoleAssignment", "Speech",
    "SyncCursor", "Syncable", "UnitKind", "User", "Vote", "WorkspaceFact", "utcnow",
]
