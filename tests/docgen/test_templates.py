"""User-editable DOCX templates: the built-in ones, an edited copy, broken placeholders, PDF."""

import shutil

import pytest
from docx import Document

from handbook_desktop.core.errors import UserError
from handbook_desktop.docgen import templates
from handbook_desktop.docgen.sources.meeting import latest_meeting_id
from handbook_desktop.docgen.render import OutputFormat, build_layout, render_document, try_template, write_layout
from handbook_desktop.docgen.settings import MINUTES_TEMPLATE
from handbook_desktop.docgen.templates import TemplateError, builtin_template, fill_template

from .helpers import docx_texts, pdf_text


@pytest.fixture
def minutes_layout(demo_workspace):
    return demo_workspace.perform(lambda uow: build_layout(uow, "minutes", latest_meeting_id(uow)))


def styled_paragraphs(path):
    return [(p.style.name, p.text) for p in _all(Document(str(path)))]


def _all(document):
    return list(templates._paragraphs(document))


@pytest.mark.parametrize("kind", ["minutes", "resolution"])
def test_builtin_template_gives_what_the_builtin_layout_gives(demo_workspace, tmp_path, kind):
    layout = demo_workspace.perform(lambda uow: build_layout(uow, kind, latest_meeting_id(uow)))
    fill_template(builtin_template(kind), layout.context, tmp_path / "from_template.docx")
    write_layout(layout, tmp_path / "from_layout.docx", OutputFormat.DOCX)
    assert styled_paragraphs(tmp_path / "from_template.docx") == styled_paragraphs(tmp_path / "from_layout.docx")


def test_shipped_templates_are_made_from_the_current_layouts(tmp_path):
    """After changing a layout: uv run python -m handbook_desktop.docgen.templates"""
    for fresh in templates.build_builtin_templates(tmp_path):
        assert styled_paragraphs(fresh) == styled_paragraphs(builtin_template(
            "minutes" if fresh.name == templates.BUILTIN["minutes"] else "resolution"))


def test_shipped_templates_use_only_known_fields(minutes_layout, demo_workspace):
    assert set(templates.fields_of(builtin_template("minutes"))) <= set(minutes_layout.context)
    resolution = demo_workspace.perform(lambda uow: build_layout(uow, "resolution", latest_meeting_id(uow)))
    assert set(templates.fields_of(builtin_template("resolution"))) <= set(resolution.context)


def edited_copy(tmp_path, *paragraphs, name="mau_rieng.docx"):
    """The built-in minutes template with its wording changed and paragraphs added, each given
    as a list of runs (text, bold) as Word leaves them after an edit."""
    path = tmp_path / name
    shutil.copy(builtin_template("minutes"), path)
    document = Document(str(path))
    for paragraph in document.paragraphs:
        if paragraph.text == "Thành phần:":
            paragraph.runs[0].text = "Thành phần tham dự:"
    anchor = next(p for p in document.paragraphs if p.text == "NỘI DUNG")
    for runs in paragraphs:
        added = anchor.insert_paragraph_before()
        for text, bold in runs:
            added.add_run(text).bold = bold
    document.save(str(path))
    return path


def test_an_edited_template_keeps_its_wording_and_merges_split_placeholders(minutes_layout, tmp_path):
    template = edited_copy(tmp_path, [("Người ghi biên bản: ", False), ("{{ ten_", True), ("thu_", False),
                                      ("ky }}", False), (", lúc {{gio_bat_dau}}.", False)])
    fill_template(template, minutes_layout.context, tmp_path / "out.docx")
    document = Document(str(tmp_path / "out.docx"))
    texts = [p.text for p in document.paragraphs]
    assert "Thành phần tham dự:" in texts and "Thành phần:" not in texts
    line = next(p for p in document.paragraphs if p.text.startswith("Người ghi biên bản"))
    assert line.text == "Người ghi biên bản: Phạm Thị Ngọc Ánh, lúc 19 giờ 30 phút."
    assert [r.text for r in line.runs if r.bold] == ["Phạm Thị Ngọc Ánh"]  # the format of the run it started in
    assert "{{" not in " ".join(docx_texts(tmp_path / "out.docx"))


@pytest.mark.parametrize(("runs", "message"), [
    ([("Chủ trì: {{ chu_tri", False)], "{{ chu_tri"),  # never closed
    ([("Chủ trì: {{ chu", False), ("_tri }", False)], "{{ chu_tri }"),  # half closed, split over runs
    ([("Người ký: {{ nguoi_ky }}", False)], "{{ nguoi_ky }}"),  # no such field
    ([("{{ chủ_trì }}", False)], "{{ chủ_trì }}"),  # not a field name
    ([("{% for x in ds %}", False)], "docxtpl"),
    ([("Nội dung: {{ noi_dung }}", False)], "phải đứng riêng một đoạn"),  # paragraphs inside a line
])
def test_a_broken_placeholder_is_named_in_the_error(minutes_layout, tmp_path, runs, message):
    template = edited_copy(tmp_path, runs)
    with pytest.raises(TemplateError) as error:
        fill_template(template, minutes_layout.context, tmp_path / "out.docx")
    assert message in error.value.message and "mau_rieng.docx" in error.value.message
    assert not (tmp_path / "out.docx").exists()


def test_unknown_field_error_lists_the_fields(minutes_layout, tmp_path):
    template = edited_copy(tmp_path, [("{{ khong_co }}", False)])
    with pytest.raises(TemplateError, match="Các trường dùng được: .*chu_tri"):
        fill_template(template, minutes_layout.context, tmp_path / "out.docx")


def test_not_a_docx_is_a_clear_error(minutes_layout, tmp_path):
    fake = tmp_path / "mau.docx"
    fake.write_text("không phải docx")
    with pytest.raises(TemplateError, match="không phải tệp DOCX"):
        fill_template(fake, minutes_layout.context, tmp_path / "out.docx")


def test_the_template_chosen_in_settings_is_used(demo_workspace, tmp_path):
    template = edited_copy(tmp_path, [("Ghi chú riêng của chi bộ: {{ ty_le }} có mặt.", False)])
    demo_workspace.settings.set(MINUTES_TEMPLATE, str(template))
    rendered = render_document(demo_workspace, "minutes", tmp_path / "bb.docx",
                               meeting_id=demo_workspace.perform(latest_meeting_id))
    assert rendered.template == template
    assert "Ghi chú riêng của chi bộ: 85,7% có mặt." in docx_texts(rendered.path)


def test_a_broken_template_leaves_no_file_and_keeps_an_older_one(demo_workspace, tmp_path):
    out = tmp_path / "bb.docx"
    out.write_bytes(b"older")
    template = edited_copy(tmp_path, [("{{ sai", False)])
    with pytest.raises(TemplateError):
        render_document(demo_workspace, "minutes", out, meeting_id=demo_workspace.perform(latest_meeting_id),
                        template=template)
    assert out.read_bytes() == b"older" and [p.name for p in tmp_path.iterdir() if p.name.startswith(".")] == []


def test_pdf_of_a_template_without_libreoffice_says_what_to_do(demo_workspace, tmp_path, monkeypatch):
    monkeypatch.setattr(templates, "find_soffice", lambda: None)
    meeting_id = demo_workspace.perform(latest_meeting_id)
    with pytest.raises(UserError, match="cần cài LibreOffice"):
        render_document(demo_workspace, "minutes", tmp_path / "bb.pdf", meeting_id=meeting_id,
                        template=builtin_template("minutes"))
    assert not (tmp_path / "bb.pdf").exists()


@pytest.mark.skipif(templates.find_soffice() is None, reason="LibreOffice is not installed")
def test_pdf_of_a_template_through_libreoffice(demo_workspace, tmp_path):
    template = edited_copy(tmp_path, [("Ghi chú riêng: {{ co_mat }}/{{ phai_du }}.", False)])
    rendered = render_document(demo_workspace, "minutes", tmp_path / "bb.pdf",
                               meeting_id=demo_workspace.perform(latest_meeting_id), template=template)
    text = " ".join(pdf_text(rendered.path).split())
    assert "ĐẢNG CỘNG SẢN VIỆT NAM" in text and "Ghi chú riêng: 18/21." in text and "Thành phần tham dự:" in text


@pytest.mark.skipif(templates.find_soffice() is None, reason="LibreOffice is not installed")
def test_libreoffice_opens_our_docx_cleanly(demo_workspace, tmp_path):
    """Word is not available here; LibreOffice reading the file back is the next best check."""
    docx = tmp_path / "nq.docx"
    render_document(demo_workspace, "resolution", docx, meeting_id=demo_workspace.perform(latest_meeting_id))
    templates.convert_to_pdf(templates.find_soffice(), docx, tmp_path / "nq.pdf", tmp_path)
    text = " ".join(pdf_text(tmp_path / "nq.pdf").split())
    assert "Số 11-NQ/CB" in text and "ĐẢNG CỘNG SẢN VIỆT NAM" in text and "- Lưu chi bộ." in text


def test_trying_a_template_names_its_unknown_field_or_the_missing_file(demo_workspace, tmp_path):
    good = tmp_path / "tot.docx"
    shutil.copy(builtin_template("minutes"), good)
    try_template(demo_workspace, "minutes", good)
    broken = tmp_path / "hong.docx"
    document = Document(str(good))
    document.add_paragraph("{{ truong_khong_co }}")
    document.save(broken)
    with pytest.raises(TemplateError, match="truong_khong_co"):
        try_template(demo_workspace, "minutes", broken)
    with pytest.raises(UserError, match="khong-co.docx"):
        try_template(demo_workspace, "minutes", tmp_path / "khong-co.docx")


def test_without_any_meeting_a_template_has_nothing_to_be_tried_on(workspace):
    try_template(workspace, "minutes", builtin_template("minutes"))  # no "Chưa có cuộc họp" refusal


def test_only_minutes_and_resolutions_take_templates(demo_workspace, tmp_path):
    with pytest.raises(UserError, match="Chỉ biên bản và nghị quyết"):
        render_document(demo_workspace, "roster", tmp_path / "ds.docx", template=builtin_template("minutes"))


def test_the_guide_for_secretaries_names_every_field(minutes_layout, demo_workspace):
    from handbook_desktop.core.resources import resource_path

    guide = resource_path("templates", "HUONG_DAN.md").read_text(encoding="utf-8")
    resolution = demo_workspace.perform(lambda uow: build_layout(uow, "resolution", latest_meeting_id(uow)))
    missing = [name for name in {*minutes_layout.context, *resolution.context} if f"`{name}`" not in guide]
    assert missing == []
