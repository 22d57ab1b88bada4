"""Real document files for import tests: Party-format DOCX (python-docx) and PDF (reportlab)."""

import unicodedata
from pathlib import Path

import pytest

ISSUER = "BAN CHẤP HÀNH TRUNG ƯƠNG"
NUMBER = "Số 57-NQ/TW"
DATELINE = "Hà Nội, ngày 22 tháng 12 năm 2024"
TITLE = "về đột phá phát triển khoa học, công nghệ, đổi mới sáng tạo và chuyển đổi số quốc gia"
BODY = [
    "Khoa học, công nghệ, đổi mới sáng tạo và chuyển đổi số đang là yếu tố quyết định phát triển của các "
    "quốc gia; là điều kiện tiên quyết, thời cơ tốt nhất để nước ta phát triển giàu mạnh, hùng cường.",
    "Bộ Chính trị yêu cầu các cấp ủy, tổ chức đảng quán triệt sâu sắc và tổ chức thực hiện nghiêm túc "
    "Nghị quyết này; đảng viên gương mẫu, bảo vệ bí mật nhà nước theo quy định.",
]
TABLE = [["STT", "Nhiệm vụ", "Thời hạn"],
         ["1", "Hoàn thiện thể chế về chuyển đổi số", "Năm 2025"],
         ["2", "Đào tạo nguồn nhân lực số cho cán bộ, đảng viên", "Năm 2026"]]
FONT_CANDIDATES = [
    Path("/usr/share/fonts/truetype/liberation2/LiberationSerif-Regular.ttf"),
    Path("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"),
    Path("/usr/share/fonts/truetype/liberation/LiberationSerif-Regular.ttf"),
]


def party_docx(path: Path, *, stamp: str | None = None, page_header: str | None = None,
               number: str = NUMBER, body: list[str] = BODY) -> Path:
    """A resolution laid out as Hướng dẫn 36 asks: the header is a two-column table."""
    from docx import Document
    from docx.shared import Mm

    document = Document()
    document.sections[0].page_width, document.sections[0].page_height = Mm(210), Mm(297)
    if page_header:
        document.sections[0].header.paragraphs[0].text = page_header
    header = document.add_table(rows=1, cols=2)
    left, right = header.rows[0].cells
    left.paragraphs[0].text = ISSUER
    for line in ["*", number] + ([stamp] if stamp else []):
        left.add_paragraph(line)
    right.paragraphs[0].text = "ĐẢNG CỘNG SẢN VIỆT NAM"
    right.add_paragraph(DATELINE)
    document.add_paragraph("NGHỊ QUYẾT")
    document.add_paragraph(TITLE)
    document.add_paragraph("-----")
    document.add_paragraph(body[0])
    table = document.add_table(rows=len(TABLE), cols=3)
    for row, values in zip(table.rows, TABLE, strict=True):
        for cell, value in zip(row.cells, values, strict=True):
            cell.text = value
    for paragraph in body[1:]:
        document.add_paragraph(paragraph)
    document.save(path)
    return path


def vietnamese_font() -> Path:
    """A TTF with Vietnamese glyphs, or skip: a PDF without them would test nothing."""
    for candidate in FONT_CANDIDATES:
        if candidate.exists():
            return candidate
    pytest.skip("no TTF with Vietnamese glyphs (install fonts-liberation2 or fonts-dejavu-core)")


def text_pdf(path: Path, pages: list[list[str]], *, encrypt: str | None = None) -> Path:
    """Each page's lines drawn top-down; a line starting with '^' is centred."""
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont
    from reportlab.pdfgen.canvas import Canvas

    pdfmetrics.registerFont(TTFont("VietSerif", str(vietnamese_font())))
    canvas = Canvas(str(path), pagesize=A4, initialFontName="VietSerif", encrypt=encrypt)
    for lines in pages:
        canvas.setFont("VietSerif", 12)
        y = 800
        for line in lines:
            if line.startswith("^"):
                canvas.drawCentredString(A4[0] / 2, y, line[1:])
            elif line:
                canvas.drawString(60, y, line)
            y -= 18
        canvas.showPage()
    canvas.save()
    return path


def party_pdf(path: Path, *, stamp: str | None = None) -> Path:
    """The same resolution as a PDF, body lines wrapped as a word processor would."""
    header = [ISSUER, "*", NUMBER] + ([stamp] if stamp else []) + ["", "^NGHỊ QUYẾT",
                                                                  "^về đột phá phát triển khoa học, công nghệ,",
                                                                  "^đổi mới sáng tạo và chuyển đổi số quốc gia", ""]
    wrapped = ["Khoa học, công nghệ, đổi mới sáng tạo và chuyển đổi số đang là yếu tố quyết định",
               "phát triển của các quốc gia; là điều kiện tiên quyết, thời cơ tốt nhất để nước ta",
               "phát triển giàu mạnh, hùng cường.",
               "Bộ Chính trị yêu cầu các cấp ủy, tổ chức đảng quán triệt sâu sắc và tổ chức thực",
               "hiện nghiêm túc Nghị quyết này."]
    text_pdf(path, [header + wrapped])
    _add_right_column(path)
    return path


def _add_right_column(path: Path) -> None:
    """Party name and dateline top right, drawn after the left column as Word exports do."""
    from pypdf import PdfReader, PdfWriter
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen.canvas import Canvas

    overlay = path.with_suffix(".overlay.pdf")
    canvas = Canvas(str(overlay), pagesize=A4, initialFontName="VietSerif")
    canvas.setFont("VietSerif", 12)
    canvas.drawString(330, 800, "ĐẢNG CỘNG SẢN VIỆT NAM")
    canvas.drawString(330, 782, DATELINE)
    canvas.save()
    writer = PdfWriter(clone_from=PdfReader(path))
    writer.pages[0].merge_page(PdfReader(overlay).pages[0])
    overlay.unlink()
    with path.open("wb") as handle:
        writer.write(handle)


def scanned_pdf(path: Path) -> Path:
    """A page with only a picture of text (here: grey bars), as a scanner makes."""
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen.canvas import Canvas

    canvas = Canvas(str(path), pagesize=A4)
    for y in range(700, 300, -20):
        canvas.rect(60, y, 460, 8, fill=1, stroke=0)
    canvas.showPage()
    canvas.save()
    return path


def nfd(text: str) -> str:
    return unicodedata.normalize("NFD", text)


def cp1258(text: str) -> bytes:
    """Windows-1258 as Vietnamese Windows writes it: base letter, then a combining tone mark."""
    tones = "\u0300\u0301\u0303\u0309\u0323"
    out = b""
    for ch in text:
        decomposed = unicodedata.normalize("NFD", ch)
        base = unicodedata.normalize("NFC", "".join(c for c in decomposed if c not in tones))
        out += base.encode("cp1258") + "".join(c for c in decomposed if c in tones).encode("cp1258")
    return out
