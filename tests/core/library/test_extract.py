"""Text extraction from real .docx, .pdf, .txt and .md files, and clear errors for bad ones."""

import codecs
import io
import unicodedata
import zipfile

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from handbook_desktop.core.errors import ValidationError
from handbook_desktop.core.library.extract import extract_bytes
from handbook_desktop.core.library.extract import extract_text

from .docfiles import BODY, DATELINE, TABLE, TITLE, cp1258, nfd, party_docx, party_pdf, scanned_pdf, text_pdf

W_NS = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'


def is_nfc(text: str) -> bool:
    return unicodedata.is_normalized("NFC", text)


# ---- DOCX -------------------------------------------------------------------------------

def test_docx_paragraphs_and_table_cells_in_reading_order(tmp_path):
    extracted = extract_text(party_docx(tmp_path / "nghi-quyet.docx"))
    assert extracted.kind == "docx"
    cells = [value for row in TABLE for value in row]
    assert extracted.paragraphs == (
        "BAN CHẤP HÀNH TRUNG ƯƠNG", "*", "Số 57-NQ/TW",  # header table: left cell, then right cell
        "ĐẢNG CỘNG SẢN VIỆT NAM", DATELINE, "NGHỊ QUYẾT", TITLE, "-----", BODY[0], *cells, BODY[1])
    assert extracted.body == "\n\n".join(extracted.paragraphs)
    assert is_nfc(extracted.body)


def test_docx_page_header_is_kept_apart_from_the_body(tmp_path):
    extracted = extract_text(party_docx(tmp_path / "a.docx", page_header="Tài liệu học tập"))
    assert extracted.margin_text == "Tài liệu học tập"
    assert "Tài liệu học tập" not in extracted.body


def _docx_with_body_xml(path, body_xml: str, namespaces: str = ""):
    """A valid package whose body is `body_xml`: for constructs python-docx cannot write."""
    from docx import Document
    from docx.oxml import parse_xml

    document = Document()
    body = document.element.body
    for element in list(parse_xml(f"<w:body {W_NS} {namespaces}>{body_xml}</w:body>")):
        body.insert(len(body) - 1, element)  # before the section properties
    document.save(path)
    return path


def test_docx_text_box_is_read_once_and_content_controls_are_read(tmp_path):
    mc = 'xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006"'
    textbox = "<w:txbxContent><w:p><w:r><w:t>TỐI MẬT</w:t></w:r></w:p></w:txbxContent>"
    xml = (f"<w:p><w:r><w:t>Đoạn mở đầu</w:t></w:r><w:r><mc:AlternateContent><mc:Choice Requires=\"wps\">"
           f"<w:pict>{textbox}</w:pict></mc:Choice><mc:Fallback><w:pict>{textbox}</w:pict></mc:Fallback>"
           "</mc:AlternateContent></w:r></w:p>"
           "<w:sdt><w:sdtContent><w:p><w:r><w:t>Trong ô nội dung</w:t></w:r></w:p></w:sdtContent></w:sdt>"
           "<w:p><w:r><w:t xml:space=\"preserve\">Có </w:t></w:r><w:ins><w:r><w:t>chèn</w:t></w:r></w:ins>"
           "<w:del><w:r><w:delText>xóa</w:delText></w:r></w:del><w:r><w:tab/><w:t>tab</w:t></w:r></w:p>")
    extracted = extract_text(_docx_with_body_xml(tmp_path / "a.docx", xml, mc))
    assert extracted.paragraphs == ("Đoạn mở đầu", "TỐI MẬT", "Trong ô nội dung", "Có chèn\ttab")


def test_docx_merged_cells_are_not_repeated(tmp_path):
    from docx import Document

    document = Document()
    table = document.add_table(rows=2, cols=2)
    merged = table.cell(0, 0).merge(table.cell(0, 1))
    merged.text = "Ô gộp"
    table.cell(1, 0).text, table.cell(1, 1).text = "trái", "phải"
    document.save(tmp_path / "a.docx")
    assert extract_text(tmp_path / "a.docx").paragraphs == ("Ô gộp", "trái", "phải")


@pytest.mark.parametrize("content, expected", [
    (b"\x00\x01garbage not a zip" * 50, "bị hỏng"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 600, "mật khẩu hoặc là tệp Word cũ"),
])
def test_broken_docx_is_a_clear_error(tmp_path, content, expected):
    (tmp_path / "Nghị quyết.docx").write_bytes(content)
    with pytest.raises(ValidationError) as error:
        extract_text(tmp_path / "Nghị quyết.docx")
    assert "Nghị quyết.docx" in error.value.message and expected in error.value.message


def test_a_zip_that_is_not_a_word_file_is_refused(tmp_path):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("hello.txt", "xin chào")
    with pytest.raises(ValidationError, match="a.docx bị hỏng"):
        extract_bytes(buffer.getvalue(), "a.docx")


def test_docx_without_any_text(tmp_path):
    from docx import Document

    Document().save(tmp_path / "trống.docx")
    with pytest.raises(ValidationError, match="trống.docx không có nội dung chữ"):
        extract_text(tmp_path / "trống.docx")


# ---- PDF --------------------------------------------------------------------------------

def test_pdf_lines_become_paragraphs_and_header_lines_stay_lines(tmp_path):
    extracted = extract_text(party_pdf(tmp_path / "nghi-quyet.pdf"))
    assert extracted.kind == "pdf" and extracted.pages == 1
    assert extracted.paragraphs[:5] == ("BAN CHẤP HÀNH TRUNG ƯƠNG", "*", "Số 57-NQ/TW", "NGHỊ QUYẾT",
                                        "về đột phá phát triển khoa học, công nghệ, đổi mới sáng tạo và chuyển đổi số "
                                        "quốc gia")
    assert BODY[0] in extracted.paragraphs
    assert "Hà Nội, ngày 22 tháng 12 năm 2024" in extracted.paragraphs
    assert is_nfc(extracted.body)


def test_pdf_page_numbers_dropped_and_a_sentence_continues_over_the_page_break(tmp_path):
    long_line = "Chi bộ tổ chức sinh hoạt thường kỳ mỗi tháng một lần, nội dung thiết thực và"
    path = text_pdf(tmp_path / "a.pdf", [["Trang đầu tiên của tài liệu học tập.", long_line, "", "1"],
                                         ["2", "phù hợp với tình hình của địa phương.", "Đoạn mới bắt đầu."]])
    extracted = extract_text(path)
    assert extracted.pages == 2
    assert extracted.paragraphs == ("Trang đầu tiên của tài liệu học tập.",
                                    f"{long_line} phù hợp với tình hình của địa phương.", "Đoạn mới bắt đầu.")


def test_scanned_pdf_says_it_is_a_scan(tmp_path):
    with pytest.raises(ValidationError) as error:
        extract_text(scanned_pdf(tmp_path / "ban-chup.pdf"))
    assert "ban-chup.pdf" in error.value.message and "bản quét" in error.value.message


def test_truncated_pdf_is_a_clear_error(tmp_path):
    whole = party_pdf(tmp_path / "whole.pdf").read_bytes()
    (tmp_path / "cut.pdf").write_bytes(whole[: len(whole) // 2])
    with pytest.raises(ValidationError, match="cut.pdf không trọn vẹn"):
        extract_text(tmp_path / "cut.pdf")


def test_pdf_with_a_damaged_body_is_a_clear_error(tmp_path):
    (tmp_path / "a.pdf").write_bytes(b"%PDF-1.7\n" + bytes(range(256)) * 20 + b"\n%%EOF\n")
    with pytest.raises(ValidationError, match="a.pdf bị hỏng"):
        extract_text(tmp_path / "a.pdf")


def test_password_protected_pdf(tmp_path):
    path = text_pdf(tmp_path / "khoa.pdf", [["Nội dung có mật khẩu."]], encrypt="mat-khau")
    with pytest.raises(ValidationError, match="khoa.pdf là PDF được đặt mật khẩu"):
        extract_text(path)


def test_pdf_restricted_with_an_empty_open_password_is_read(tmp_path):
    from reportlab.lib.pdfencrypt import StandardEncryption

    encryption = StandardEncryption("", ownerPassword="chu-so-huu", canPrint=0)
    path = text_pdf(tmp_path / "han-che.pdf", [["Nội dung được phép đọc."]], encrypt=encryption)
    assert extract_text(path).paragraphs == ("Nội dung được phép đọc.",)


# ---- TXT --------------------------------------------------------------------------------

TEXT = "ĐẢNG BỘ PHƯỜNG BẮC SƠN\nCHI BỘ KHU PHỐ 3\n\nNghị quyết về công tác phát triển đảng viên.\nDòng hai."
EXPECTED = ("ĐẢNG BỘ PHƯỜNG BẮC SƠN\nCHI BỘ KHU PHỐ 3", "Nghị quyết về công tác phát triển đảng viên.\nDòng hai.")


@pytest.mark.parametrize("encoded", [
    TEXT.encode("utf-8"),
    codecs.BOM_UTF8 + TEXT.encode("utf-8"),
    nfd(TEXT).encode("utf-8"),
    TEXT.replace("\n", "\r\n").encode("utf-8"),
    TEXT.encode("utf-16"),  # Notepad's "Unicode", with its BOM
    cp1258(TEXT),
], ids=["utf8", "utf8-bom", "nfd", "crlf", "utf16", "cp1258"])
def test_txt_encodings_all_give_the_same_nfc_text(tmp_path, encoded):
    (tmp_path / "a.txt").write_bytes(encoded)
    extracted = extract_text(tmp_path / "a.txt")
    assert extracted.paragraphs == EXPECTED
    assert "\ufeff" not in extracted.body and is_nfc(extracted.body)


def test_txt_form_feed_separates_pages(tmp_path):
    (tmp_path / "a.txt").write_text("Trang một\fTrang hai", encoding="utf-8")
    assert extract_text(tmp_path / "a.txt").paragraphs == ("Trang một", "Trang hai")


def test_binary_bytes_named_txt_are_refused(tmp_path):
    (tmp_path / "a.txt").write_bytes(bytes(range(32)) * 40)
    with pytest.raises(ValidationError, match="a.txt không phải tệp văn bản thuần"):
        extract_text(tmp_path / "a.txt")


# ---- Markdown ---------------------------------------------------------------------------

MARKDOWN = """---
tác_giả: Ban Tuyên giáo
---
# Hướng dẫn sinh hoạt chi bộ

Đoạn **đậm**, *nghiêng*, `mã`, [liên kết](https://example.vn) và ![ảnh](a.png);
giữ nguyên biến_số_kiểu_snake.

## Nội dung

- Mục một
* Mục hai
1. Mục có số

| Cột A | Cột B |
|-------|:-----:|
| ô 1   | ô 2   |

> Trích dẫn lời Bác.

```
mã   giữ nguyên
```
---
Hết.
"""


def test_markdown_keeps_words_and_paragraphs_but_not_markup(tmp_path):
    (tmp_path / "a.md").write_text(MARKDOWN, encoding="utf-8")
    extracted = extract_text(tmp_path / "a.md")
    assert extracted.paragraphs == (
        "Hướng dẫn sinh hoạt chi bộ",
        "Đoạn đậm, nghiêng, mã, liên kết và ảnh;\ngiữ nguyên biến_số_kiểu_snake.",
        "Nội dung", "- Mục một", "- Mục hai", "1. Mục có số", "Cột A | Cột B", "ô 1 | ô 2",
        "Trích dẫn lời Bác.", "mã   giữ nguyên", "Hết.")
    assert extracted.title_hint == "Hướng dẫn sinh hoạt chi bộ"


# ---- every other kind of bad input ------------------------------------------------------

def test_unsupported_extension(tmp_path):
    (tmp_path / "danh-sach.xls").write_bytes(b"\xd0\xcf\x11\xe0 not read at all")
    with pytest.raises(ValidationError) as error:
        extract_text(tmp_path / "danh-sach.xls")
    assert "danh-sach.xls" in error.value.message and ".docx, .pdf, .txt và .md" in error.value.message


@pytest.mark.parametrize("suffix", [".docx", ".pdf", ".txt", ".md"])
def test_empty_file(tmp_path, suffix):
    (tmp_path / f"rong{suffix}").write_bytes(b"")
    with pytest.raises(ValidationError, match=f"rong\\{suffix} rỗng"):
        extract_text(tmp_path / f"rong{suffix}")


def test_missing_file_and_folder(tmp_path):
    with pytest.raises(ValidationError, match="Không tìm thấy tệp khong-co.pdf"):
        extract_text(tmp_path / "khong-co.pdf")
    (tmp_path / "thu-muc.txt").mkdir()
    with pytest.raises(ValidationError, match="thu-muc.txt"):
        extract_text(tmp_path / "thu-muc.txt")


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.binary(max_size=3000), suffix=st.sampled_from([".docx", ".pdf", ".txt", ".md"]),
       pdf_frame=st.booleans())
def test_arbitrary_bytes_give_text_or_a_validation_error(data, suffix, pdf_frame):
    if suffix == ".pdf" and pdf_frame:  # get past the quick checks into pypdf itself
        data = b"%PDF-1.4\n" + data + b"\n%%EOF"
    try:
        extracted = extract_bytes(data, f"tệp{suffix}")
    except ValidationError as error:
        assert f"tệp{suffix}" in error.message
    else:
        assert extracted.paragraphs and is_nfc(extracted.body)


def test_docx_margins_hold_footers_watermarks_and_text_boxes_and_hidden_text_is_not_read(tmp_path):
    from .test_classified import docx

    path = docx(tmp_path / "a.docx", body=["Nội dung."], footer="Chân trang", first_header="Đầu trang đầu",
                even_footer="Chân trang chẵn", textbox="Khung chữ", header_textbox="Khung ở đầu trang",
                watermark="BẢN NHÁP", hidden_inside=("Chữ ", "ẩn ", "hiện"))
    extracted = extract_text(path)
    assert sorted(extracted.margin_text.split("\n")) == sorted(
        ["Chân trang", "Đầu trang đầu", "Chân trang chẵn", "Khung chữ", "Khung ở đầu trang", "BẢN NHÁP"])
    assert "Chữ hiện" in extracted.paragraphs and "Khung chữ" in extracted.paragraphs
    assert "Chân trang" not in extracted.body


def test_pdf_page_edges_are_the_first_and_last_lines_of_each_page(tmp_path):
    pages = [[f"Trang một, dòng {i}." for i in range(1, 11)], ["Trang hai, dòng 1.", "Trang hai, dòng 2."]]
    extracted = extract_text(text_pdf(tmp_path / "a.pdf", pages))
    assert extracted.page_edges.split("\n") == [
        "Trang một, dòng 1.", "Trang một, dòng 2.", "Trang một, dòng 3.",
        "Trang một, dòng 8.", "Trang một, dòng 9.", "Trang một, dòng 10.", "Trang hai, dòng 1.", "Trang hai, dòng 2."]


def test_invisible_characters_leave_the_body():
    extracted = extract_bytes("Đảng\u00adviên\u200e và chi\u2063 bộ\u202f.".encode(), "a.txt")
    assert extracted.body == "Đảngviên và chi bộ ."
