"""Vietnamese names of document types and news channels."""

from handbook_desktop.core.labels import label, register
from handbook_desktop.core.library.codes import Channel, DocumentType
from handbook_desktop.i18n import N_

CATEGORY_LABELS = register({
    DocumentType.NGHI_QUYET: N_("Nghị quyết"),
    DocumentType.CHI_THI: N_("Chỉ thị"),
    DocumentType.QUY_DINH: N_("Quy định"),
    DocumentType.KET_LUAN: N_("Kết luận"),
    DocumentType.HUONG_DAN: N_("Hướng dẫn"),
    DocumentType.THONG_BAO: N_("Thông báo"),
    DocumentType.VAN_KIEN: N_("Văn kiện"),
    DocumentType.QUYET_DINH: N_("Quyết định"),
    DocumentType.KE_HOACH: N_("Kế hoạch"),
    DocumentType.BAO_CAO: N_("Báo cáo"),
    DocumentType.KHAC: N_("Văn bản khác"),
    Channel.NATIONAL: N_("Tin trong nước"),
    Channel.INTERNATIONAL: N_("Tin quốc tế"),
    Channel.PROVINCIAL: N_("Tin của tỉnh"),
    Channel.PROVINCIAL_BULLETIN: N_("Bản tin nội bộ của tỉnh"),
    Channel.DISTRICT_BULLETIN: N_("Bản tin nội bộ cấp huyện"),
    Channel.FRONT_BULLETIN: N_("Bản tin Mặt trận"),
    Channel.SOFT: N_("Tin nhẹ nhàng"),
    Channel.ORIENTATION: N_("Định hướng tư tưởng"),
    Channel.QA: N_("Hỏi đáp"),
    Channel.IDENTIFY: N_("Nhận diện thông tin"),
    Channel.REFERENCE: N_("Tài liệu tham khảo"),
})
TYPE_LABELS = {str(code): text for code, text in CATEGORY_LABELS.items() if isinstance(code, DocumentType)}
CHANNEL_LABELS = {str(code): text for code, text in CATEGORY_LABELS.items() if isinstance(code, Channel)}


def category_label(table: str, code: str) -> str:
    """The name of a document type or a news channel stored as plain text."""
    enum = DocumentType if table == "documents" else Channel
    try:
        return label(enum(code))
    except ValueError:
        return code
