"""DOCX files read back with python-docx: page, margins, styles, header, tables, numbers."""

import zipfile
from collections import Counter

import pytest
from docx import Document
from docx.shared import Mm

from handbook_desktop.docgen.sources.meeting import latest_meeting_id
from handbook_desktop.docgen.render import render_document
from handbook_desktop.docgen.settings import MARGIN_LEFT, MARGIN_TOP

from .helpers import docx_texts, pdf_text


def render(workspace, kind, folder, suffix="docx"):
    out = folder / f"{kind}.{suffix}"
    render_document(workspace, kind, out, meeting_id=workspace.perform(latest_meeting_id), period="2026-11")
    return out


def near(length, millimetres) -> bool:
    return abs(length - Mm(millimetres)) < Mm(0.1)


def test_page_is_a4_with_the_formats_margins(demo_workspace, tmp_path):
    section = Document(str(render(demo_workspace, "minutes", tmp_path))).sections[0]
    assert near(section.page_width, 210) and near(section.page_height, 297)
    assert near(section.top_margin, 20) and near(section.bottom_margin, 20)
    assert near(section.left_margin, 30) and near(section.right_margin, 15)


def test_margins_follow_the_settings(demo_workspace, tmp_path):
    demo_workspace.settings.set(MARGIN_LEFT, 25)
    demo_workspace.settings.set(MARGIN_TOP, 15)
    section = Document(str(render(demo_workspace, "minutes", tmp_path))).sections[0]
    assert near(section.left_margin, 25) and near(section.top_margin, 15) and near(section.right_margin, 15)


def test_minutes_header_title_and_named_styles(demo_workspace, tmp_path):
    document = Document(str(render(demo_workspace, "minutes", tmp_path)))
    header = document.tables[0].rows[0].cells
    assert [p.text for p in header[0].paragraphs] == ["ĐẢNG BỘ PHƯỜNG BẮC SƠN", "CHI BỘ KHU PHỐ 3", "*"]
    assert [p.text for p in header[1].paragraphs if p.text] == ["ĐẢNG CỘNG SẢN VIỆT NAM",
                                                                 "Bắc Sơn, ngày 20 tháng 11 năm 2026"]
    by_style = {p.text: p.style.name for p in document.paragraphs}
    assert by_style["BIÊN BẢN"] == "Doc Type"
    assert by_style["SINH HOẠT CHI BỘ THƯỜNG KỲ THÁNG 11 NĂM 2026"] == "Doc Summary"
    assert by_style["NỘI DUNG"] == "Doc Section"
    body = [p for p in document.paragraphs if p.style.name == "Doc Body"]
    assert body and near(document.styles["Doc Body"].paragraph_format.first_line_indent, 10)
    assert document.styles["Doc Body"].font.size.pt == 14 and document.styles["Doc Header Party"].font.size.pt == 15
    assert document.styles["Doc Type"].font.size.pt == 16


def test_times_new_roman_and_vietnamese_everywhere(demo_workspace, tmp_path):
    with zipfile.ZipFile(render(demo_workspace, "minutes", tmp_path)) as package:
        styles = package.read("word/styles.xml").decode("utf-8")
    defaults = styles[styles.index("<w:docDefaults>"):styles.index("</w:docDefaults>")]
    assert 'w:ascii="Times New Roman"' in defaults and 'w:hAnsi="Times New Roman"' in defaults
    assert "Theme" not in defaults and 'w:val="vi-VN"' in defaults


def test_page_number_field_in_the_footer_from_page_two(demo_workspace, tmp_path):
    section = Document(str(render(demo_workspace, "minutes", tmp_path))).sections[0]
    assert section.different_first_page_header_footer
    footer = section.footer.paragraphs[0]._p.xml
    assert "PAGE" in footer and 'w:fldCharType="begin"' in footer
    assert not "".join(p.text for p in section.first_page_footer.paragraphs).strip()


def test_resolution_number_and_signature(demo_workspace, tmp_path):
    document = Document(str(render(demo_workspace, "resolution", tmp_path)))
    left = [p.text for p in document.tables[0].rows[0].cells[0].paragraphs]
    assert left[-1] == "Số 11-NQ/CB"
    recipients, signature = document.tables[-1].rows[0].cells
    assert [p.text for p in recipients.paragraphs if p.text][0] == "Nơi nhận:"
    assert [p.text for p in recipients.paragraphs if p.text][-1] == "- Lưu chi bộ."
    assert [p.text for p in signature.paragraphs if p.text] == ["T/M CHI BỘ", "BÍ THƯ", "Trần Đức Dũng"]
    texts = docx_texts(render(demo_workspace, "resolution", tmp_path))
    assert "QUYẾT NGHỊ:" in texts and "NGHỊ QUYẾT" in texts


def test_attendance_sheet_table_with_signature_column(demo_workspace, tmp_path):
    document = Document(str(render(demo_workspace, "attendance", tmp_path)))
    table = document.tables[1]  # after the header block
    rows = [[cell.text for cell in row.cells] for row in table.rows]
    assert rows[0] == ["STT", "Họ và tên", "Đảng viên", "Ghi chú", "Ký tên"]
    assert len(rows) == 25 and [r[0] for r in rows[1:]] == [str(n) for n in range(1, 25)]
    by_name = {r[1]: r for r in rows[1:]}
    assert by_name["Nguyễn Hữu Lộc"][3] == "Vắng không lý do"
    assert by_name["Lưu Đức Mạnh"][2] == "Dự bị" and by_name["Đỗ Văn Cẩn"][3] == "Miễn sinh hoạt"
    assert all(r[4] == "" for r in rows[1:])  # left for the signatures
    assert table.rows[0]._tr.trPr.xml.count("tblHeader") == 1  # repeated on every page


def test_roster_is_landscape_mau_7(demo_workspace, tmp_path):
    document = Document(str(render(demo_workspace, "roster", tmp_path)))
    section = document.sections[0]
    assert near(section.page_width, 297) and near(section.page_height, 210)
    assert document.paragraphs[0].text == "Mẫu 7-HSĐV"
    table = document.tables[1]
    assert len(table.rows) == 26 and table.rows[0].cells[-2].text == "Số thẻ đảng viên"


@pytest.mark.parametrize("kind", ["minutes", "resolution", "report"])
def test_docx_and_pdf_come_from_the_same_layout(demo_workspace, tmp_path, kind):
    """The same words in both files, page numbers aside (drawn in the PDF, a field in the DOCX)."""
    def counted(text: str) -> Counter:
        return Counter(word for word in text.split() if not word.isdigit())

    docx_words = counted(" ".join(docx_texts(render(demo_workspace, kind, tmp_path))))
    pdf_words = counted(pdf_text(render(demo_workspace, kind, tmp_path, "pdf")))
    assert docx_words == pdf_words
