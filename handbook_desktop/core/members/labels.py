"""Vietnamese names of the member statuses."""

from handbook_desktop.core.labels import register
from handbook_desktop.core.members.codes import MemberStatus
from handbook_desktop.i18n import N_

STATUS_LABELS = register({
    MemberStatus.OFFICIAL: N_("Chính thức"),
    MemberStatus.PROBATIONARY: N_("Dự bị"),
    MemberStatus.EXCUSED: N_("Miễn sinh hoạt"),
    MemberStatus.TEMPORARY: N_("Sinh hoạt tạm thời"),
    MemberStatus.TRANSFERRED_OUT: N_("Chuyển đi"),
    MemberStatus.DECEASED: N_("Từ trần"),
    MemberStatus.LEFT: N_("Ra khỏi Đảng"),
})
