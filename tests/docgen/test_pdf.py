"""PDFs read back with poppler and pypdf: exact Vietnamese text, every font embedded."""

import pytest

from handbook_desktop.docgen.sources.meeting import latest_meeting_id
from handbook_desktop.docgen.render import DocumentKind, render_document

from .helpers import pdf_fonts, pdf_text

NAMES = ["Trần Đức Dũng", "Phạm Thị Ngọc Ánh", "Nguyễn Hữu Lộc", "Đặng Văn Khoa", "Đặng Quốc Khánh",
         "Trịnh Thị Lụa", "Phùng Văn Tư", "Nguyễn Thị Thu Hương"]  # ư, ơ, đ, ậ, ữ …


def render(workspace, kind, folder, suffix="pdf", **options):
    out = folder / f"{kind}.{suffix}"
    meeting = workspace.perform(latest_meeting_id)
    rendered = render_document(workspace, kind, out, meeting_id=meeting, period=options.pop("period", "2026-Q4"),
                               **options)
    assert rendered.path == out and out.stat().st_size > 0
    return rendered


def test_minutes_pdf_has_the_party_header_and_the_record(demo_workspace, tmp_path):
    rendered = render(demo_workspace, "minutes", tmp_path)
    text = " ".join(pdf_text(rendered.path).split())
    for expected in [
        "ĐẢNG CỘNG SẢN VIỆT NAM", "ĐẢNG BỘ PHƯỜNG BẮC SƠN", "CHI BỘ KHU PHỐ 3", "Bắc Sơn, ngày 20 tháng 11 năm 2026",
        "BIÊN BẢN", "SINH HOẠT CHI BỘ THƯỜNG KỲ THÁNG 11 NĂM 2026", "bắt đầu lúc 19 giờ 30 phút",
        "Tổng số đảng viên: 25 đồng chí (chính thức: 23, dự bị: 2)",
        "miễn công tác và sinh hoạt đảng: 3 đồng chí", "đi sinh hoạt tạm thời nơi khác: 1 đồng chí (đồng chí "
        "Nguyễn Minh Khôi)", "phải dự: 21 đồng chí", "Có mặt: 18/21 đồng chí (85,7%)",
        "đồng chí Trần Thị Bích Ngọc: đi công tác tại Hà Nội", "không có lý do: 1 — đồng chí Nguyễn Hữu Lộc",
        "Chủ trì: đồng chí Trần Đức Dũng, Bí thư Chi bộ.", "Thư ký: đồng chí Phạm Thị Ngọc Ánh",
        "Đại biểu dự: đồng chí Đặng Quốc Khánh", "NỘI DUNG", "- Đồng chí Phùng Văn Tư:",
        "tán thành 16/16 đồng chí (100%)", "đảng viên dự bị không biểu quyết",
        "Đánh giá chất lượng buổi sinh hoạt: Khá.", "kết thúc lúc 21 giờ 20 phút cùng ngày", "THƯ KÝ", "CHỦ TRÌ",
        "Nơi nhận:", "- Lưu chi bộ."]:
        assert expected in text, expected
    assert rendered.pages == 3 and text.count("Trần Đức Dũng") >= 2


def test_resolution_pdf(demo_workspace, tmp_path):
    rendered = render(demo_workspace, "resolution", tmp_path)
    text = " ".join(pdf_text(rendered.path).split())
    for expected in ["ĐẢNG CỘNG SẢN VIỆT NAM", "Số 11-NQ/CB", "NGHỊ QUYẾT",
                     "HỘI NGHỊ CHI BỘ THƯỜNG KỲ THÁNG 11 NĂM 2026", "Căn cứ Điều lệ Đảng Cộng sản Việt Nam",
                     "có 18/21 đồng chí đảng viên dự", "QUYẾT NGHỊ:",
                     "(đồng chí Trần Đức Dũng phụ trách, hoàn thành trước ngày 20/12/2026)", "T/M CHI BỘ", "BÍ THƯ",
                     "Nơi nhận:", "- Đảng ủy phường Bắc Sơn (để b/c),", "- Lưu chi bộ."]:
        assert expected in text, expected


def test_pypdf_reads_the_same_diacritics(demo_workspace, tmp_path):
    from pypdf import PdfReader

    rendered = render(demo_workspace, "minutes", tmp_path)
    reader = PdfReader(rendered.path)
    text = " ".join(" ".join(page.extract_text() for page in reader.pages).split())
    assert "ĐẢNG CỘNG SẢN VIỆT NAM" in text and "BIÊN BẢN" in text
    for name in NAMES:
        assert name in text, name
    assert reader.metadata.title.startswith("Biên bản Sinh hoạt chi bộ thường kỳ tháng 11")
    width, height = reader.pages[0].mediabox.width, reader.pages[0].mediabox.height
    assert (round(float(width) * 25.4 / 72), round(float(height) * 25.4 / 72)) == (210, 297)


@pytest.mark.parametrize("kind", list(DocumentKind))
def test_every_document_embeds_every_font_and_no_helvetica(demo_workspace, tmp_path, kind):
    rendered = render(demo_workspace, kind, tmp_path)
    fonts = pdf_fonts(rendered.path)
    assert fonts, "no font at all?"
    assert all(font["emb"] == "yes" for font in fonts), fonts
    assert not any("Helvetica" in font["name"] for font in fonts), fonts
    assert {font["name"].split("+")[-1] for font in fonts} <= {"LiberationSerif", "LiberationSerif-Bold",
                                                              "LiberationSerif-Italic", "LiberationSerif-BoldItalic"}


def test_other_documents_text(demo_workspace, tmp_path):
    texts = {kind: " ".join(pdf_text(render(demo_workspace, kind, tmp_path).path).split())
             for kind in ("invitation", "attendance", "roster", "report")}
    assert "GIẤY MỜI" in texts["invitation"] and "Đồng chí: Đặng Quốc Khánh" in texts["invitation"]
    assert "Thời gian: 19 giờ 30 phút, thứ Sáu, ngày 20/11/2026" in texts["invitation"]
    assert "DANH SÁCH ĐIỂM DANH" in texts["attendance"] and "Ký tên" in texts["attendance"]
    assert "Vắng không lý do" in texts["attendance"] and "Lưu Đức Mạnh" in texts["attendance"]
    assert "DANH SÁCH ĐẢNG VIÊN" in texts["roster"] and "Mẫu 7-HSĐV" in texts["roster"]
    # Cells that wrap interleave with their neighbours in extracted text: one-line names only.
    assert "Lưu Đức Mạnh" in texts["roster"] and "Trần Đức Dũng" in texts["roster"]
    assert "sinh hoạt tạm thời nơi khác: 1" in texts["roster"]
    assert "BÁO CÁO" in texts["report"] and "QUÝ IV NĂM 2026" in texts["report"]
    assert "Nghị quyết số 10-NQ/CB" in texts["report"] and "88,1%" in texts["report"]  # 37/42


def test_roster_is_landscape(demo_workspace, tmp_path):
    from pypdf import PdfReader

    page = PdfReader(render(demo_workspace, "roster", tmp_path).path).pages[0]
    assert float(page.mediabox.width) > float(page.mediabox.height)


def test_pages_after_the_first_are_numbered(demo_workspace, tmp_path):
    from pypdf import PdfReader

    reader = PdfReader(render(demo_workspace, "minutes", tmp_path).path)
    lines = [{line.strip() for line in page.extract_text().splitlines()} for page in reader.pages]
    assert "1" not in lines[0] and "2" in lines[1] and "3" in lines[2]


@pytest.mark.parametrize("suffix", ["pdf", "docx"])
def test_a_planned_meeting_renders_with_blanks_to_fill_in(demo_workspace, tmp_path, suffix):
    from handbook_desktop.core import meetings
    from tests.core.meetings.meeting_helpers import act, at, new_meeting

    from .helpers import docx_texts

    planned = new_meeting(demo_workspace, at(2026, 12, 20), chair_id=None, recorder_id=None, place="")
    texts = {}
    for kind in ("minutes", "invitation", "attendance"):
        out = tmp_path / f"{kind}.{suffix}"
        render_document(demo_workspace, kind, out, meeting_id=planned)
        texts[kind] = " ".join(pdf_text(out).split() if suffix == "pdf" else " ".join(docx_texts(out)).split())
    assert "kết thúc lúc …… giờ …… phút" in texts["minutes"] and "Chưa điểm danh: 21 đồng chí." in texts["minutes"]
    assert "Chủ trì: …" in texts["minutes"] and "(Chưa ghi nội dung.)" in texts["minutes"]
    assert "Đồng chí: …" in texts["invitation"]  # nobody invited yet: one letter to fill in by hand
    assert "Vắng" not in texts["attendance"] and "Miễn sinh hoạt" in texts["attendance"]
    assert act(demo_workspace, meetings.get_meeting, planned).state == "planned"


def test_warm_up_draws_into_memory_only(tmp_path, monkeypatch):
    from handbook_desktop.docgen.render import warm_up

    monkeypatch.chdir(tmp_path)
    warm_up()
    assert list(tmp_path.iterdir()) == []
