"""Vietnamese names of the meeting codes the screens show (translated where shown).

Kinds and states of meetings are in core/labels.py already; `meeting_label` covers those too.
"""

from enum import StrEnum

from handbook_desktop.core import models as m
from handbook_desktop.core.labels import LABELS
from handbook_desktop.core.services.meeting_preparation import MaterialsState
from handbook_desktop.i18n import N_, _

MEETING_LABELS: dict[StrEnum, str] = {
    m.AttendanceStatus.PENDING: N_("Chưa điểm danh"),
    m.AttendanceStatus.PRESENT: N_("Có mặt"),
    m.AttendanceStatus.ABSENT_EXCUSED: N_("Vắng có lý do"),
    m.AttendanceStatus.ABSENT_UNEXCUSED: N_("Vắng không lý do"),
    m.AttendanceStatus.EXCUSED: N_("Miễn sinh hoạt"),
    m.Quality.EXCELLENT: N_("Tốt"),
    m.Quality.GOOD: N_("Khá"),
    m.Quality.FAIR: N_("Trung bình"),
    m.Quality.POOR: N_("Kém"),
    m.InvitationState.NOT_SENT: N_("Chưa gửi giấy mời"),
    m.InvitationState.SENT: N_("Đã gửi giấy mời"),
    m.InvitationState.ACCEPTED: N_("Nhận lời dự"),
    m.InvitationState.DECLINED: N_("Báo không dự"),
    MaterialsState.READY: N_("Tài liệu đã sẵn sàng trước 1 ngày"),
    MaterialsState.WAITING: N_("Chưa đủ tài liệu"),
    MaterialsState.LATE: N_("Tài liệu chậm (chưa có trước 1 ngày)"),
}


def meeting_label(code: StrEnum) -> str:
    return _(MEETING_LABELS.get(code) or LABELS[code])
