"""The codes a meeting's rows store, without the database: screens and the home page name them
without loading the ORM.
"""

from enum import StrEnum


class MeetingKind(StrEnum):
    REGULAR = "regular"  # thường kỳ hằng tháng
    THEMATIC = "thematic"  # chuyên đề
    EXTRAORDINARY = "extraordinary"  # bất thường


class MeetingState(StrEnum):
    PLANNED = "planned"
    HELD = "held"
    APPROVED = "approved"  # minutes locked
    ARCHIVED = "archived"


class AttendanceStatus(StrEnum):
    PENDING = "pending"  # not marked yet
    PRESENT = "present"
    ABSENT_EXCUSED = "absent_excused"  # vắng có lý do
    ABSENT_UNEXCUSED = "absent_unexcused"  # vắng không lý do
    EXCUSED = "excused"  # miễn sinh hoạt: not counted


class InvitationState(StrEnum):
    NOT_SENT = "not_sent"
    SENT = "sent"
    ACCEPTED = "accepted"
    DECLINED = "declined"


class Quality(StrEnum):
    EXCELLENT = "excellent"
    GOOD = "good"
    FAIR = "fair"
    POOR = "poor"
