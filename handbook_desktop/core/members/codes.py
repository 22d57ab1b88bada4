"""The codes a member's rows store, without the database: screens and the home page name them
without loading the ORM.
"""

from enum import StrEnum


class MemberStatus(StrEnum):
    OFFICIAL = "official"  # chính thức
    PROBATIONARY = "probationary"  # dự bị
    EXCUSED = "excused"  # miễn sinh hoạt
    TEMPORARY = "temporary"  # sinh hoạt tạm thời
    TRANSFERRED_OUT = "transferred_out"  # chuyển đi
    DECEASED = "deceased"  # từ trần
    LEFT = "left"  # ra khỏi Đảng


class MemberEventKind(StrEnum):
    ADMITTED = "admitted"
    MADE_OFFICIAL = "made_official"
    TRANSFERRED_IN = "transferred_in"
    TRANSFERRED_OUT = "transferred_out"
    EXCUSED = "excused"
    TEMPORARY = "temporary"
    DECEASED = "deceased"
    LEFT = "left"
