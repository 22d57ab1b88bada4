"""Number/symbol, type, issuer, date, title and classification read from document text."""

from datetime import date

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from handbook_desktop.core.library.metadata import (
    Classification,
    DocumentMetadata,
    detect_classification,
    issuer_from_number,
    find_date,
    parse_number,
    recognise,
    type_from_number,
)
from handbook_desktop.core.library.models import DocumentType as T
from handbook_desktop.core.text.folding import fold
from handbook_desktop.core.text.case import soften_caps

from .docfiles import nfd

# Each case: the top of a document as extraction gives it, and what must be read from it.
HEADERS = [
    pytest.param(
        "BAN CHẤP HÀNH TRUNG ƯƠNG\n*\nSố 57-NQ/TW\nĐẢNG CỘNG SẢN VIỆT NAM\nHà Nội, ngày 22 tháng 12 năm 2024\n"
        "NGHỊ QUYẾT\nvề đột phá phát triển khoa học, công nghệ, đổi mới sáng tạo\nvà chuyển đổi số quốc gia\n"
        "Khoa học, công nghệ là yếu tố quyết định. Căn cứ Nghị quyết số 21-NQ/TW ngày 25/10/2021.",
        DocumentMetadata("57-NQ/TW", T.NGHI_QUYET, "Ban Chấp hành Trung ương", date(2024, 12, 22),
                         "Nghị quyết về đột phá phát triển khoa học, công nghệ, đổi mới sáng tạo và chuyển đổi "
                         "số quốc gia"), id="central resolution, docx layout"),
    pytest.param(
        "ĐẢNG BỘ PHƯỜNG BẮC SƠN                         ĐẢNG CỘNG SẢN VIỆT NAM\n"
        "CHI BỘ KHU PHỐ 3                               ─────────────────────\n"
        "        *                                Bắc Sơn, ngày 20 tháng 11 năm 2026\n  Số 11-NQ/CB\n\n"
        "                              NGHỊ QUYẾT\n"
        "             HỘI NGHỊ CHI BỘ THƯỜNG KỲ THÁNG 11 NĂM 2026\n\n"
        "Ngày 20 tháng 11 năm 2026, Chi bộ khu phố 3 họp hội nghị thường kỳ tháng 11.",
        DocumentMetadata("11-NQ/CB", T.NGHI_QUYET, "Chi bộ khu phố 3", date(2026, 11, 20),
                         "Nghị quyết hội nghị chi bộ thường kỳ tháng 11 năm 2026"), id="cell resolution, columns"),
    pytest.param(
        "ĐẢNG BỘ TỈNH THÁI NGUYÊN\nTỈNH ỦY THÁI NGUYÊN\n*\nSố: 96-KH/TU\nĐẢNG CỘNG SẢN VIỆT NAM\n"
        "Thái Nguyên, ngày 15 tháng 9 năm 2026\nKẾ HOẠCH\nđẩy mạnh ứng dụng Sổ tay đảng viên điện tử\n"
        "I. MỤC ĐÍCH, YÊU CẦU",
        DocumentMetadata("96-KH/TU", T.KE_HOACH, "Tỉnh ủy Thái Nguyên", date(2026, 9, 15),
                         "Kế hoạch đẩy mạnh ứng dụng Sổ tay đảng viên điện tử"), id="province plan"),
    pytest.param(
        "BAN CHẤP HÀNH TRUNG ƯƠNG\n*\nSố 18-NQ/TW\nHà Nội, ngày 25 tháng 10 năm 2017\nNGHỊ QUYẾT\n"
        "HỘI NGHỊ LẦN THỨ SÁU BAN CHẤP HÀNH TRUNG ƯƠNG ĐẢNG KHOÁ XII\nMột số vấn đề về tiếp tục đổi mới, sắp "
        "xếp tổ chức bộ máy của hệ thống chính trị\n-----\nI. TÌNH HÌNH VÀ NGUYÊN NHÂN",
        DocumentMetadata("18-NQ/TW", T.NGHI_QUYET, "Ban Chấp hành Trung ương", date(2017, 10, 25),
                         "Nghị quyết Hội nghị lần thứ sáu Ban Chấp hành Trung ương Đảng khoá XII một số vấn đề "
                         "về tiếp tục đổi mới, sắp xếp tổ chức bộ máy của hệ thống chính trị"),
        id="plenum resolution, old tone placement kept"),
    pytest.param(
        "BAN CHẤP HÀNH TRUNG ƯƠNG\n*\nSố: 366-QĐ/TW\nĐẢNG CỘNG SẢN VIỆT NAM\nHà Nội, ngày 30 tháng 8 năm 2025\n"
        "QUY ĐỊNH\nVỀ KIỂM ĐIỂM VÀ ĐÁNH GIÁ, XẾP LOẠI CHẤT LƯỢNG ĐỐI VỚI TẬP THỂ, CÁ NHÂN\n"
        "TRONG HỆ THỐNG CHÍNH TRỊ\nCăn cứ Điều lệ Đảng;",
        DocumentMetadata("366-QĐ/TW", T.QUY_DINH, "Ban Chấp hành Trung ương", date(2025, 8, 30),
                         "Quy định về kiểm điểm và đánh giá, xếp loại chất lượng đối với tập thể, cá nhân trong hệ "
                         "thống chính trị"), id="regulation numbered QĐ: the title word wins"),
    pytest.param(
        "ĐẢNG ỦY PHƯỜNG BẮC SƠN\n*\nSố 05-NQ/ĐU\nBắc Sơn, 05/11/2026\nNGHỊ QUYẾT\n"
        "về lãnh đạo thực hiện nhiệm vụ chính trị năm 2027\nĐảng ủy phường đã họp.",
        DocumentMetadata("05-NQ/ĐU", T.NGHI_QUYET, "Đảng ủy phường Bắc Sơn", date(2026, 11, 5),
                         "Nghị quyết về lãnh đạo thực hiện nhiệm vụ chính trị năm 2027"),
        id="ward committee, numeric date"),
    pytest.param(
        "BAN TỔ CHỨC TRUNG ƯƠNG\n*\nSố 12-HD/BTCTW\nHà Nội, ngày 18 tháng 10 năm 2022\nHƯỚNG DẪN\n"
        "một số vấn đề cụ thể về nghiệp vụ công tác đảng viên\nThực hiện Điều lệ Đảng,",
        DocumentMetadata("12-HD/BTCTW", T.HUONG_DAN, "Ban Tổ chức Trung ương", date(2022, 10, 18),
                         "Hướng dẫn một số vấn đề cụ thể về nghiệp vụ công tác đảng viên"), id="central board"),
    pytest.param(
        "BAN CHẤP HÀNH TRUNG ƯƠNG\n*\nSố 35-CT/TW\nHà Nội, ngày 14 tháng 6 năm 2024\nCHỈ THỊ\n"
        "CỦA BỘ CHÍNH TRỊ\nvề đại hội đảng bộ các cấp tiến tới Đại hội đại biểu toàn quốc lần thứ XIV của Đảng\n"
        "Đại hội đảng bộ các cấp là sinh hoạt chính trị sâu rộng.",
        DocumentMetadata("35-CT/TW", T.CHI_THI, "Ban Chấp hành Trung ương", date(2024, 6, 14),
                         "Chỉ thị của Bộ Chính trị về đại hội đảng bộ các cấp tiến tới Đại hội đại biểu toàn quốc "
                         "lần thứ XIV của Đảng"), id="directive with 'of the Politburo' line"),
    pytest.param(
        "BAN CHẤP HÀNH TRUNG ƯƠNG\n*\nSố 21-KL/TW\nHà Nội, ngày 25 tháng 10 năm 2021\n"
        "KẾT LUẬN HỘI NGHỊ LẦN THỨ TƯ BAN CHẤP HÀNH TRUNG ƯƠNG ĐẢNG KHÓA XIII\nTại Hội nghị lần thứ tư,",
        DocumentMetadata("21-KL/TW", T.KET_LUAN, "Ban Chấp hành Trung ương", date(2021, 10, 25),
                         "Kết luận Hội nghị lần thứ tư Ban Chấp hành Trung ương Đảng khóa XIII"),
        id="title on the type line"),
    pytest.param(
        "THỦ TƯỚNG CHÍNH PHỦ\nSố: 123/QĐ-TTg        CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n"
        "Độc lập - Tự do - Hạnh phúc\nHà Nội, ngày 05 tháng 02 năm 2025\nQUYẾT ĐỊNH\nVề việc phê duyệt Đề án\n"
        "THỦ TƯỚNG CHÍNH PHỦ\nCăn cứ Luật Tổ chức Chính phủ;",
        DocumentMetadata("123/QĐ-TTg", T.QUYET_DINH, "Thủ tướng Chính phủ", date(2025, 2, 5),
                         "Quyết định về việc phê duyệt Đề án"), id="state decision"),
    pytest.param(
        "ĐẢNG ỦY KHỐI CÁC CƠ QUAN\nTỈNH THÁI NGUYÊN\n*\nSố 58-TB/ĐUK\nTHÔNG BÁO\n"
        "kết luận của Ban Thường vụ\nNgày 3/11/2026, Ban Thường vụ họp.",
        DocumentMetadata("58-TB/ĐUK", T.THONG_BAO, "Đảng ủy khối các cơ quan tỉnh Thái Nguyên", None,
                         "Thông báo kết luận của Ban Thường vụ"), id="issuer over two lines"),
    pytest.param(
        "CHI BỘ TRƯỜNG THPT LƯƠNG NGỌC QUYẾN\nBÁO CÁO\nkết quả thực hiện nhiệm vụ năm 2026\nNăm 2026, chi bộ đã",
        DocumentMetadata("", T.BAO_CAO, "Chi bộ trường THPT Lương Ngọc Quyến", None,
                         "Báo cáo kết quả thực hiện nhiệm vụ năm 2026"), id="unnumbered report, acronym"),
    pytest.param(
        "57-NQ/TW\nGhi chú học tập nghị quyết",
        DocumentMetadata("57-NQ/TW", T.NGHI_QUYET, "Ban Chấp hành Trung ương"), id="bare symbol, issuer from code"),
    pytest.param(
        "Ghi chú: tìm hiểu Nghị quyết số 57-NQ/TW ngày 22/12/2024 của Bộ Chính trị về bảo vệ bí mật nhà nước.",
        DocumentMetadata(), id="prose citing a document is not a header"),
    pytest.param("I. MỤC ĐÍCH, YÊU CẦU\nNâng cao chất lượng sinh hoạt chi bộ.", DocumentMetadata(),
                 id="a heading in capitals is no issuer"),
    pytest.param("QUYẾT ĐỊNH\nvề việc tổ chức kỷ niệm ngày 3 tháng 2 năm 2026\nCăn cứ Điều lệ Đảng;",
                 DocumentMetadata(doc_type=T.QUYET_DINH, issued_on=None,
                                  title="Quyết định về việc tổ chức kỷ niệm ngày 3 tháng 2 năm 2026"),
                 id="a date inside the title is part of it"),
    pytest.param("", DocumentMetadata(), id="empty"),
]


@pytest.mark.parametrize("text, expected", HEADERS)
def test_recognise_headers(text, expected):
    assert recognise(text) == expected


@pytest.mark.parametrize("segment, number", [
    ("Số 05-NQ/TW", "05-NQ/TW"), ("Số: 366-QĐ/TW", "366-QĐ/TW"), ("số 05-NQ/ĐU", "05-NQ/ĐU"),
    ("Số 12-HD/BTCTW", "12-HD/BTCTW"), ("Số 35 - CT/TW", "35-CT/TW"), ("Số 21–KL/TW", "21-KL/TW"),
    ("Số: 123/QĐ-TTg", "123/QĐ-TTg"), ("Số: 145/2020/NĐ-CP", "145/2020/NĐ-CP"), ("Số: 45/2024/QH15", "45/2024/QH15"),
    ("Số 01-QĐi/TW", "01-QĐi/TW"), ("Số 10-CTr/TU", "10-CTr/TU"), ("SỐ 07-BC/CB", "07-BC/CB"),
    ("Số lượng đảng viên: 27", ""), ("Số 5 đồng chí vắng", ""), ("57-NQ/TW", ""),
])
def test_parse_number(segment, number):
    assert parse_number(segment) == number


@pytest.mark.parametrize("number, doc_type, issuer", [
    ("05-NQ/TW", T.NGHI_QUYET, "Ban Chấp hành Trung ương"), ("366-QĐ/TW", T.QUYET_DINH, "Ban Chấp hành Trung ương"),
    ("01-QĐi/TW", T.QUY_DINH, "Ban Chấp hành Trung ương"), ("35-CT/TW", T.CHI_THI, "Ban Chấp hành Trung ương"),
    ("21-KL/TW", T.KET_LUAN, "Ban Chấp hành Trung ương"), ("12-HD/BTCTW", T.HUONG_DAN, "Ban Tổ chức Trung ương"),
    ("58-TB/ĐU", T.THONG_BAO, "Đảng ủy"), ("96-KH/TU", T.KE_HOACH, "Tỉnh ủy"), ("07-BC/CB", T.BAO_CAO, "Chi bộ"),
    ("123/QĐ-TTg", T.QUYET_DINH, "Thủ tướng Chính phủ"), ("145/2020/NĐ-CP", None, "Chính phủ"),
    ("10-CTr/XYZ", None, ""),
])
def test_type_and_issuer_from_the_symbol(number, doc_type, issuer):
    assert type_from_number(number) == doc_type
    assert issuer_from_number(number) == issuer


@pytest.mark.parametrize("text, expected", [
    ("Hà Nội, ngày 22 tháng 12 năm 2024", date(2024, 12, 22)),
    ("Bắc Sơn, ngày 05 tháng 3 năm 2026", date(2026, 3, 5)),
    ("HÀ NỘI, NGÀY 1 THÁNG 1 NĂM 2025", date(2025, 1, 1)),
    ("Ha Noi, ngay 2 thang 9 nam 2025", date(2025, 9, 2)),
    ("Sông Công, 20/11/2026", date(2026, 11, 20)), ("20-11-2026", date(2026, 11, 20)),
    ("20.11.2026", date(2026, 11, 20)), ("ngày 31 tháng 2 năm 2025", None), ("13/13/2025", None),
    ("145/2020/NĐ-CP", None), ("không có ngày", None),
])
def test_parse_date(text, expected):
    assert find_date(text) == expected


# ---- classification ---------------------------------------------------------------------

STAMPED = "BAN CHẤP HÀNH TRUNG ƯƠNG\n*\nSố 05-NQ/TW\n{stamp}\nHà Nội, ngày 1 tháng 2 năm 2025\nNGHỊ QUYẾT\nvề …"


@pytest.mark.parametrize("stamp, expected", [
    ("MẬT", Classification.MAT), ("TỐI MẬT", Classification.TOI_MAT), ("TUYỆT MẬT", Classification.TUYET_MAT),
    ("Mật", Classification.MAT), ("tuyệt mật", Classification.TUYET_MAT), ("TOI MAT", Classification.TOI_MAT),
    ("[MẬT]", Classification.MAT), ("** TUYỆT MẬT **", Classification.TUYET_MAT),
    ("Độ mật: Tối mật", Classification.TOI_MAT), ("ĐỘ MẬT: MẬT", Classification.MAT),
    ("Độ mật: Thường", None), ("BÍ MẬT", None), ("Độ khẩn: Hỏa tốc", None),
])
def test_stamp_in_the_header(stamp, expected):
    assert detect_classification(STAMPED.format(stamp=stamp)) == expected
    assert recognise(STAMPED.format(stamp=stamp)).classification == expected


def test_stamp_beside_the_number_or_in_a_column():
    assert detect_classification("BAN CHẤP HÀNH TRUNG ƯƠNG\nSố 05-NQ/TW MẬT\nNGHỊ QUYẾT") == Classification.MAT
    assert detect_classification("TỈNH ỦY A        TỐI MẬT\nSố 1-NQ/TU") == Classification.TOI_MAT


def test_stamp_in_a_page_header_only():
    assert detect_classification("NGHỊ QUYẾT\nvề …", margin_text="Tuyệt mật") == Classification.TUYET_MAT


@pytest.mark.parametrize("stamp, expected", [
    ("T Ố I  M Ậ T", Classification.TOI_MAT), ("M Ậ T", Classification.MAT), ("M-Ậ-T", Classification.MAT),
    ("M\u200bẬ\u200cT", Classification.MAT), ("TỐI \u2060MẬT", Classification.TOI_MAT),
    ("MẬ\u00adT", Classification.MAT), ("\ufeffTUYỆT\u00a0MẬT", Classification.TUYET_MAT),
    ("TỐI\u202fMẬT", Classification.TOI_MAT), ("ＴＵＹỆＴ　ＭẬＴ", Classification.TUYET_MAT),
    ("B Ả O  M Ậ T", None), ("B Í  M Ậ T", None),
])
def test_stamp_however_typed(stamp, expected):
    assert detect_classification(nfd(STAMPED.format(stamp=stamp))) == expected
    assert detect_classification("NGHỊ QUYẾT\nvề …", margin_text=stamp) == expected


def test_stamp_on_a_pdf_page_edge_counts_in_capitals_only():
    body = "NGHỊ QUYẾT\nvề …"
    assert detect_classification(body, page_edges="Trang 2\nTỐI MẬT") == Classification.TOI_MAT
    assert detect_classification(body, page_edges="giữ gìn bí\nmật.") is None  # a wrapped sentence


@pytest.mark.parametrize("text", [
    "NGHỊ QUYẾT\nvề bảo vệ bí mật nhà nước\nĐảng viên phải giữ gìn bí mật của Đảng.",
    "QUY ĐỊNH\nVỀ BẢO VỆ BÍ MẬT NHÀ NƯỚC TRONG CÁC CƠ QUAN ĐẢNG\nTài liệu mật phải được quản lý chặt chẽ.",
    "Hội nghị đã thảo luận về công tác bảo mật.\n" * 3,
    "\n".join(["Đoạn văn bình thường."] * 30 + ["mật."]),  # a PDF line wrapped after "bí", far down
    "\n".join(["Đoạn văn bình thường."] * 61 + ["MẬT"]),  # beyond the first page's reach
])
def test_secret_in_ordinary_prose_is_not_a_stamp(text):
    assert detect_classification(text) is None


# ---- letter case ------------------------------------------------------------------------

@pytest.mark.parametrize("caps, issuer", [
    ("TỈNH ỦY THÁI NGUYÊN", "Tỉnh ủy Thái Nguyên"), ("ĐẢNG ỦY PHƯỜNG BẮC SƠN", "Đảng ủy phường Bắc Sơn"),
    ("BAN THƯỜNG VỤ THÀNH ỦY SÔNG CÔNG", "Ban Thường vụ Thành ủy Sông Công"),
    ("ĐẢNG BỘ TỈNH BÀ RỊA-VŨNG TÀU", "Đảng bộ tỉnh Bà Rịa-Vũng Tàu"), ("CHI BỘ KHU PHỐ 3", "Chi bộ khu phố 3"),
    ("UBND TỈNH THÁI NGUYÊN", "UBND tỉnh Thái Nguyên"), ("BỘ CHÍNH TRỊ", "Bộ Chính trị"),
    ("ỦY BAN KIỂM TRA TỈNH ỦY", "Ủy ban Kiểm tra Tỉnh ủy"), ("BAN TUYÊN GIÁO TỈNH ỦY", "Ban Tuyên giáo Tỉnh ủy"),
    ("BAN TUYÊN GIÁO VÀ DÂN VẬN TRUNG ƯƠNG", "Ban Tuyên giáo và Dân vận Trung ương"),
    ("VĂN PHÒNG TRUNG ƯƠNG ĐẢNG", "Văn phòng Trung ương Đảng"),
])
def test_issuer_capitals_are_softened(caps, issuer):
    assert soften_caps(caps, proper_tail=True, capitalise=True) == issuer


@pytest.mark.parametrize("caps, title", [
    ("VỀ VIỆC BAN HÀNH QUY CHẾ LÀM VIỆC", "về việc ban hành quy chế làm việc"),
    ("ĐẠI HỘI ĐẢNG BỘ TỈNH THÁI NGUYÊN LẦN THỨ XXI", "đại hội đảng bộ tỉnh Thái Nguyên lần thứ XXI"),
    ("VỀ XỬ LÝ VI PHẠM CỦA ĐẢNG VIÊN", "về xử lý vi phạm của đảng viên"),
    ("CÔNG TÁC XÂY DỰNG ĐẢNG NĂM 2026", "công tác xây dựng Đảng năm 2026"),
])
def test_title_capitals_are_softened(caps, title):
    assert soften_caps(caps) == title


def test_fold():
    assert fold("ĐẢNG Ủy Tuyệt Mật ð") == "dang uy tuyet mat d"


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=400)
       | st.lists(st.sampled_from(["Số 05-NQ/TW", "NGHỊ QUYẾT", "MẬT", "ngày 31 tháng 2 năm 2024", "*", "  ",
                                   "Độ mật:", "về", "TỈNH", "ỦY", "XIV", "\n", "\t", "99/99/9999", "Số: 1/Đ-"]),
                  max_size=30).map("".join))
def test_recognise_never_raises(text):
    metadata = recognise(text, margin_text=text[:50])
    assert isinstance(metadata, DocumentMetadata)
    assert len(metadata.number) <= 64 and len(metadata.issuer) <= 200
