"""Vietnamese names of the meeting codes the screens show (translated where shown)."""

from enum import StrEnum

from handbook_desktop.core.labels import label, register
from handbook_desktop.core.meetings.codes import AttendanceStatus, InvitationState, MeetingKind, MeetingState, Quality
from handbook_desktop.core.meetings.readiness import MaterialsState
from handbook_desktop.i18n import N_

MEETING_LABELS: dict[StrEnum, str] = register({
    MeetingKind.REGULAR: N_("Thường kỳ hằng tháng"),
    MeetingKind.THEMATIC: N_("Chuyên đề"),
    MeetingKind.EXTRAORDINARY: N_("Bất thường"),
    MeetingState.PLANNED: N_("Đã lên kế hoạch"),
    MeetingState.HELD: N_("Đã họp"),
    MeetingState.APPROVED: N_("Biên bản đã thông qua"),
    MeetingState.ARCHIVED: N_("Đã lưu trữ"),
    AttendanceStatus.PENDING: N_("Chưa điểm danh"),
    AttendanceStatus.PRESENT: N_("Có mặt"),
    AttendanceStatus.ABSENT_EXCUSED: N_("Vắng có lý do"),
    AttendanceStatus.ABSENT_UNEXCUSED: N_("Vắng không lý do"),
    AttendanceStatus.EXCUSED: N_("Miễn sinh hoạt"),
    Quality.EXCELLENT: N_("Tốt"),
    Quality.GOOD: N_("Khá"),
    Quality.FAIR: N_("Trung bình"),
    Quality.POOR: N_("Kém"),
    InvitationState.NOT_SENT: N_("Chưa gửi giấy mời"),
    InvitationState.SENT: N_("Đã gửi giấy mời"),
    InvitationState.ACCEPTED: N_("Nhận lời dự"),
    InvitationState.DECLINED: N_("Báo không dự"),
    MaterialsState.READY: N_("Tài liệu đã sẵn sàng trước 1 ngày"),
    MaterialsState.WAITING: N_("Chưa đủ tài liệu"),
    MaterialsState.LATE: N_("Tài liệu chậm (chưa có trước 1 ngày)"),
})


meeting_label = label
