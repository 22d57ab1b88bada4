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
    m.DocumentType.NGHI_QUYET: N_("Nghị quyết"),
    m.DocumentType.CHI_THI: N_("Chỉ thị"),
    m.DocumentType.QUY_DINH: N_("Quy định"),
    m.DocumentType.KET_LUAN: N_("Kết luận"),
    m.DocumentType.HUONG_DAN: N_("Hướng dẫn"),
    m.DocumentType.THONG_BAO: N_("Thông báo"),
    m.DocumentType.VAN_KIEN: N_("Văn kiện"),
    m.DocumentType.QUYET_DINH: N_("Quyết định"),
    m.DocumentType.KE_HOACH: N_("Kế hoạch"),
    m.DocumentType.BAO_CAO: N_("Báo cáo"),
    m.DocumentType.KHAC: N_("Văn bản khác"),
    m.Channel.NATIONAL: N_("Tin trong nước"),
    m.Channel.INTERNATIONAL: N_("Tin quốc tế"),
    m.Channel.PROVINCIAL: N_("Tin của tỉnh"),
    m.Channel.PROVINCIAL_BULLETIN: N_("Bản tin nội bộ của tỉnh"),
    m.Channel.DISTRICT_BULLETIN: N_("Bản tin nội bộ cấp huyện"),
    m.Channel.FRONT_BULLETIN: N_("Bản tin Mặt trận"),
    m.Channel.SOFT: N_("Tin nhẹ nhàng"),
    m.Channel.ORIENTATION: N_("Định hướng tư tưởng"),
    m.Channel.QA: N_("Hỏi đáp"),
    m.Channel.IDENTIFY: N_("Nhận diện thông tin"),
    m.Channel.REFERENCE: N_("Tài liệu tham khảo"),
    m.UnitKind.PROVINCE: N_("Tỉnh ủy"),
    m.UnitKind.DISTRICT: N_("Huyện ủy, Thành ủy"),
    m.UnitKind.GRASSROOTS: N_("Đảng bộ cơ sở"),
    m.UnitKind.CELL: N_("Chi bộ"),
}


def label(code: StrEnum) -> str:
    return _(LABELS[code])


def category_label(table: str, code: str) -> str:
    """The name of a document type or a news channel stored as plain text."""
    enum = m.DocumentType if table == "documents" else m.Channel
    try:
        return label(enum(code))
    except ValueError:
        return code
