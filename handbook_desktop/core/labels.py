"""Vietnamese names of the codes stored in the database (translated where shown)."""

from enum import StrEnum

from handbook_desktop.core import models as m
from handbook_desktop.i18n import N_, _

LABELS: dict[StrEnum, str] = {
    m.MemberStatus.OFFICIAL: N_("Chính thức"),
    m.MemberStatus.PROBATIONARY: N_("Dự bị"),
    m.MemberStatus.EXCUSED: N_("Miễn sinh hoạt"),
    m.MemberStatus.TEMPORARY: N_("Sinh hoạt tạm thời"),
    m.MemberStatus.TRANSFERRED_OUT: N_("Chuyển đi"),
    m.MemberStatus.DECEASED: N_("Từ trần"),
    m.MemberStatus.LEFT: N_("Ra khỏi Đảng"),
    m.MeetingKind.REGULAR: N_("Thường kỳ hằng tháng"),
    m.MeetingKind.THEMATIC: N_("Chuyên đề"),
    m.MeetingKind.EXTRAORDINARY: N_("Bất thường"),
    m.MeetingState.PLANNED: N_("Đã lên kế hoạch"),
    m.MeetingState.HELD: N_("Đã họp"),
    m.MeetingState.APPROVED: N_("Biên bản đã thông qua"),
    m.MeetingState.ARCHIVED: N_("Đã lưu trữ"),
    m.UnitKind.PROVINCE: N_("Tỉnh ủy"),
    m.UnitKind.DISTRICT: N_("Huyện ủy, Thành ủy"),
    m.UnitKind.GRASSROOTS: N_("Đảng bộ cơ sở"),
    m.UnitKind.CELL: N_("Chi bộ"),
}


def label(code: StrEnum) -> str:
    return _(LABELS[code])
