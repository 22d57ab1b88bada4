"""Classified files are refused wherever the stamp is printed, however it is typed; prose about
secrecy still imports. Each case is a real file (python-docx, raw WordprocessingML for text
boxes and watermarks, reportlab PDFs, text files) imported into the demo workspace."""

import pytest
from sqlalchemy import func, select

from handbook_desktop.core.library import ImportStatus, import_files
from handbook_desktop.core.library.models import Document
from handbook_desktop.core.models import Attachment, OutboxEntry

from .docfiles import nfd, text_pdf

NS = {
    "w": "http://schemas.openxmlformats.org/wordprocessingml/2006/main",
    "mc": "http://schemas.openxmlformats.org/markup-compatibility/2006",
    "wp": "http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing",
    "a": "http://schemas.openxmlformats.org/drawingml/2006/main",
    "wps": "http://schemas.microsoft.com/office/word/2010/wordprocessingShape",
    "v": "urn:schemas-microsoft-com:vml",
}
DECLS = " ".join(f'xmlns:{prefix}="{uri}"' for prefix, uri in NS.items())
HEAD = ["CHI BỘ KHU PHỐ 3", "*", "Số 12-BC/CB", "Bắc Sơn, ngày 05 tháng 11 năm 2026", "BÁO CÁO",
        "kết quả sinh hoạt chi bộ tháng 10 năm 2026"]
PROSE = [f"Đoạn {i}: chi bộ duy trì sinh hoạt định kỳ, đảng viên tham gia đầy đủ và đóng góp ý kiến xây dựng."
         for i in range(1, 80)]


def paragraphs_xml(*texts: str) -> str:
    return "".join(f'<w:p><w:r><w:t xml:space="preserve">{text}</w:t></w:r></w:p>' for text in texts)


def textbox_run(text: str) -> str:
    """A floating text box as Word 2010+ saves it: DrawingML, with the VML copy for old Word."""
    content = f"<w:txbxContent>{paragraphs_xml(text)}</w:txbxContent>"
    return (f"<w:r {DECLS}><mc:AlternateContent><mc:Choice Requires=\"wps\"><w:drawing>"
            '<wp:anchor behindDoc="0" distT="0" distB="0" distL="0" distR="0" simplePos="0" locked="0" '
            'layoutInCell="1" allowOverlap="1" relativeHeight="2"><wp:simplePos x="0" y="0"/>'
            '<wp:positionH relativeFrom="page"><wp:posOffset>5400000</wp:posOffset></wp:positionH>'
            '<wp:positionV relativeFrom="page"><wp:posOffset>300000</wp:posOffset></wp:positionV>'
            '<wp:extent cx="1200000" cy="400000"/><wp:wrapNone/><wp:docPr id="7" name="Text Box 7"/>'
            '<a:graphic><a:graphicData uri="http://schemas.microsoft.com/office/word/2010/wordprocessingShape">'
            f"<wps:wsp><wps:spPr/><wps:txbx>{content}</wps:txbx><wps:bodyPr/></wps:wsp>"
            "</a:graphicData></a:graphic></wp:anchor></w:drawing></mc:Choice>"
            f'<mc:Fallback><w:pict><v:shape style="position:absolute"><v:textbox>{content}</v:textbox>'
            "</v:shape></w:pict></mc:Fallback></mc:AlternateContent></w:r>")


def vml_textbox_run(text: str) -> str:
    """A text box as Word 2003 saved it: VML only."""
    return (f'<w:r {DECLS}><w:pict><v:shape style="position:absolute;margin-left:380pt"><v:textbox>'
            f"<w:txbxContent>{paragraphs_xml(text)}</w:txbxContent></v:textbox></v:shape></w:pict></w:r>")


def watermark_run(text: str) -> str:
    """Word's Thiết kế › Hình mờ: WordArt in the page header."""
    return (f'<w:r {DECLS}><w:pict><v:shape id="PowerPlusWaterMarkObject" type="#_x0000_t136" '
            f'style="position:absolute;rotation:315"><v:textpath style="font-family:&quot;Times New Roman&quot;" '
            f'string="{text}"/></v:shape></w:pict></w:r>')


def table_cell_paragraph_xml(text: str) -> str:
    return f"<w:tbl {DECLS}><w:tr><w:tc>{paragraphs_xml(text)}</w:tc><w:tc>{paragraphs_xml('ĐẢNG CỘNG SẢN VIỆT NAM')}</w:tc></w:tr></w:tbl>"


def docx(path, *, top: str | None = None, body: list[str] = PROSE, header: str | None = None,
         footer: str | None = None, first_header: str | None = None, first_footer: str | None = None,
         even_header: str | None = None, even_footer: str | None = None, textbox: str | None = None,
         vml_textbox: str | None = None, header_textbox: str | None = None, watermark: str | None = None,
         top_table: str | None = None, hidden_inside: tuple[str, str, str] | None = None):
    """A cell's report: the usual header lines, 79 paragraphs of prose, and whatever the case
    puts where (text boxes are anchored far down the body: they float, wherever anchored)."""
    from docx import Document
    from docx.oxml import parse_xml

    document = Document()
    section = document.sections[0]
    if top_table:
        document.element.body.insert(0, parse_xml(table_cell_paragraph_xml(top_table)))
    for line in ([top] if top else []) + HEAD:
        document.add_paragraph(line)
    if hidden_inside:
        visible_start, hidden, visible_end = hidden_inside
        paragraph = document.add_paragraph(visible_start)
        paragraph.add_run(hidden).font.hidden = True
        paragraph.add_run(visible_end)
    for text in body:
        document.add_paragraph(text)
    anchor = document.paragraphs[-min(10, len(document.paragraphs))]._p
    for text, make in ((textbox, textbox_run), (vml_textbox, vml_textbox_run)):
        if text:
            anchor.append(parse_xml(make(text)))
    if first_header or first_footer:
        section.different_first_page_header_footer = True
    if even_header or even_footer:
        document.settings.odd_and_even_pages_header_footer = True
    for part, text in ((section.header, header), (section.footer, footer),
                       (section.first_page_header, first_header), (section.first_page_footer, first_footer),
                       (section.even_page_header, even_header), (section.even_page_footer, even_footer)):
        if text:
            part.paragraphs[0].text = text
    if header_textbox:
        section.header.paragraphs[0]._p.append(parse_xml(textbox_run(header_textbox)))
    if watermark:
        section.header.paragraphs[0]._p.append(parse_xml(watermark_run(watermark)))
    document.save(path)
    return path


def count(workspace, model) -> int:
    with workspace.session() as session:
        return session.scalar(select(func.count()).select_from(model))


def stored(workspace) -> list:
    folder = workspace.data_dir / "attachments"
    return [p for p in folder.rglob("*") if p.is_file()] if folder.exists() else []


def import_one(workspace, path):
    [result] = import_files(workspace, [path]).results
    return result


def assert_refused(workspace, path, stamp: str) -> None:
    before = {model: count(workspace, model) for model in (Document, Attachment, OutboxEntry)}
    result = import_one(workspace, path)
    assert result.status == ImportStatus.REFUSED, result
    assert path.name in result.message and f"tài liệu {stamp}" in result.message
    assert {model: count(workspace, model) for model in before} == before
    assert stored(workspace) == []


DOCX_STAMPS = {
    "default-footer": (dict(footer="MẬT"), "MẬT"),
    "first-page-footer": (dict(first_footer="TỐI MẬT"), "TỐI MẬT"),
    "even-page-footer": (dict(even_footer="Tuyệt mật"), "TUYỆT MẬT"),
    "default-header": (dict(header="TỐI MẬT"), "TỐI MẬT"),
    "first-page-header": (dict(first_header="MẬT"), "MẬT"),
    "even-page-header": (dict(even_header="TUYỆT MẬT"), "TUYỆT MẬT"),
    "text-box": (dict(textbox="TỐI MẬT"), "TỐI MẬT"),
    "vml-text-box": (dict(vml_textbox="MẬT"), "MẬT"),
    "text-box-in-header": (dict(header_textbox="TUYỆT MẬT"), "TUYỆT MẬT"),
    "watermark": (dict(watermark="MẬT"), "MẬT"),
    "table-cell": (dict(top_table="TỐI MẬT"), "TỐI MẬT"),
    "letter-spaced": (dict(top="T Ố I  M Ậ T"), "TỐI MẬT"),
    "letter-spaced-footer": (dict(footer="M Ậ T"), "MẬT"),
    "letter-spaced-nbsp": (dict(top="T\u00a0U\u00a0Y\u00a0Ệ\u00a0T\u00a0\u00a0M\u00a0Ậ\u00a0T"), "TUYỆT MẬT"),
    "zero-width-space": (dict(top="M\u200bẬ\u200bT"), "MẬT"),
    "zero-width-joiners": (dict(footer="TỐ\u200cI M\u200dẬT"), "TỐI MẬT"),
    "word-joiner": (dict(top="TỐI\u2060 MẬ\u2060T"), "TỐI MẬT"),
    "bom-inside": (dict(header="TUY\ufeffỆT MẬT"), "TUYỆT MẬT"),
    "soft-hyphen": (dict(top="MẬ\u00adT"), "MẬT"),
    "no-break-space": (dict(top="TỐI\u00a0MẬT"), "TỐI MẬT"),
    "nfd": (dict(top=nfd("TUYỆT MẬT")), "TUYỆT MẬT"),
    "nfd-footer": (dict(footer=nfd("Tối mật")), "TỐI MẬT"),
    "full-width": (dict(top="ＭẬＴ"), "MẬT"),
    "hidden-run-inside": (dict(hidden_inside=("M", "x", "ẬT")), "MẬT"),
}


@pytest.mark.parametrize("where, stamp", DOCX_STAMPS.values(), ids=DOCX_STAMPS.keys())
def test_a_stamped_docx_is_refused_wherever_the_stamp_is(demo_workspace, tmp_path, where, stamp):
    assert_refused(demo_workspace, docx(tmp_path / "bao-cao.docx", **where), stamp)


DOCX_PROSE = {
    "body": dict(body=["Chi bộ quán triệt công tác bảo mật trong sinh hoạt.",
                       "Văn bản mật phải được quản lý theo quy định.",
                       "Đảng viên có trách nhiệm bảo vệ bí mật nhà nước.", *PROSE]),
    "caps-title": dict(top="VỀ BẢO VỆ BÍ MẬT NHÀ NƯỚC"),
    "letter-spaced-heading": dict(top="B Ả O  M Ậ T"),
    "footer-sentence": dict(footer="Văn bản mật phải được quản lý theo quy định về bảo vệ bí mật nhà nước."),
    "header-remark": dict(header="Tài liệu sinh hoạt chi bộ, không phải văn bản mật"),
    "text-box-sentence": dict(textbox="Lưu ý: giữ bí mật mật khẩu tài khoản của mình."),
    "watermark-word": dict(watermark="BẢN NHÁP"),
    "label-ordinary": dict(top="Độ mật: Thường"),
}


@pytest.mark.parametrize("where", DOCX_PROSE.values(), ids=DOCX_PROSE.keys())
def test_prose_about_secrecy_still_imports(demo_workspace, tmp_path, where):
    result = import_one(demo_workspace, docx(tmp_path / "bao-cao.docx", **where))
    assert result.status == ImportStatus.IMPORTED, result.message
    assert result.number == "12-BC/CB"


def party_pages(last_page: list[str]) -> list[list[str]]:
    return [HEAD + PROSE[:30], PROSE[30:60] + last_page]


@pytest.mark.parametrize("pages, stamp", [
    (party_pages(["", "", "MẬT"]), "MẬT"),  # running footer of the last page
    ([["T Ố I   M Ậ T", *HEAD, *PROSE[:10]]], "TỐI MẬT"),
    ([["TUYỆT MẬT", *PROSE[:30]], ["TUYỆT MẬT", *PROSE[30:60]]], "TUYỆT MẬT"),  # running header
], ids=["page-footer", "letter-spaced", "running-header"])
def test_a_stamped_pdf_is_refused(demo_workspace, tmp_path, pages, stamp):
    assert_refused(demo_workspace, text_pdf(tmp_path / "bao-cao.pdf", pages), stamp)


def test_a_pdf_page_ending_on_a_wrapped_word_still_imports(demo_workspace, tmp_path):
    last = ["Đảng viên có trách nhiệm giữ gìn bí", "mật."]
    result = import_one(demo_workspace, text_pdf(tmp_path / "bao-cao.pdf", party_pages(last)))
    assert result.status == ImportStatus.IMPORTED, result.message


@pytest.mark.parametrize("first_line, stamp", [
    ("M\u200bẬ\u00adT", "MẬT"), ("T Ố I  M Ậ T", "TỐI MẬT"), (nfd("Tuyệt\u00a0mật"), "TUYỆT MẬT"),
], ids=["invisible", "letter-spaced", "nfd-nbsp"])
def test_a_stamped_text_file_is_refused(demo_workspace, tmp_path, first_line, stamp):
    path = tmp_path / "bao-cao.txt"
    path.write_text("\n".join([first_line, *HEAD, "", *PROSE[:5]]), encoding="utf-8")
    assert_refused(demo_workspace, path, stamp)
