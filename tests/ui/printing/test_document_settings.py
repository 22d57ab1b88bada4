"""Cài đặt → Văn bản in: margins reach the documents, a broken template is refused by name."""

import shutil

from docx import Document
from docx.shared import Mm
from PySide6.QtWidgets import QMessageBox

from handbook_desktop.docgen import settings as ds
from handbook_desktop.docgen.render import DocumentKind, render_document
from handbook_desktop.docgen.templates import builtin_template
from handbook_desktop.ui.printing.document_settings import DocumentSettingsBox


def _box(main_window) -> DocumentSettingsBox:
    main_window.show_page("settings")
    return main_window.settings_form.sections[0]


def test_margins_and_a_good_template_are_saved_and_used(main_window, tmp_path):
    box = _box(main_window)
    box.margins[ds.MARGIN_LEFT].setValue(35)
    own = tmp_path / "mau-bien-ban.docx"
    shutil.copy(builtin_template(DocumentKind.MINUTES), own)
    box.templates[DocumentKind.MINUTES].setText(str(own))
    assert main_window.settings_form.submit()
    settings = main_window.workspace.settings
    assert settings.get(ds.MARGIN_LEFT) == 35 and settings.get(ds.MINUTES_TEMPLATE) == str(own)

    from handbook_desktop.docgen.sources.meeting import latest_meeting_id

    meeting = main_window.workspace.perform(latest_meeting_id)
    out = render_document(main_window.workspace, DocumentKind.RESOLUTION, tmp_path / "nq.docx", meeting_id=meeting)
    assert abs(Document(out.path).sections[0].left_margin - Mm(35)) < Mm(0.5)


def test_a_broken_template_is_refused_with_its_field_named(main_window, tmp_path, monkeypatch):
    shown = []
    monkeypatch.setattr(QMessageBox, "exec", lambda box: shown.append(box.text()))
    box = _box(main_window)
    broken = tmp_path / "hong.docx"
    document = Document(builtin_template(DocumentKind.MINUTES))
    document.add_paragraph("{{ truong_khong_co }}")
    document.save(broken)
    box.templates[DocumentKind.MINUTES].setText(str(broken))
    assert not main_window.settings_form.submit()
    assert "truong_khong_co" in shown[0]
    assert main_window.workspace.settings.get(ds.MINUTES_TEMPLATE) == ""


def test_a_chosen_template_is_tried_on_the_task_runner_and_its_verdict_shown(main_window, tmp_path, monkeypatch):
    shown = []
    monkeypatch.setattr(QMessageBox, "exec", lambda box: shown.append(box.text()))
    box = _box(main_window)
    started = []
    main_window.tasks.started.connect(lambda task: started.append(task.title))
    broken = tmp_path / "hong.docx"
    document = Document(builtin_template(DocumentKind.RESOLUTION))
    document.add_paragraph("{{ truong_la }}")
    document.save(broken)
    box.templates[DocumentKind.RESOLUTION].setText(str(broken))
    box.templates[DocumentKind.RESOLUTION].editingFinished.emit()
    assert len(started) == 1 and "truong_la" in box.verdicts[DocumentKind.RESOLUTION].text() and not shown
    box.templates[DocumentKind.RESOLUTION].editingFinished.emit()
    assert len(started) == 1  # the same file is not tried twice
    good = tmp_path / "tot.docx"
    shutil.copy(builtin_template(DocumentKind.RESOLUTION), good)
    box.templates[DocumentKind.RESOLUTION].setText(str(good))
    box.templates[DocumentKind.RESOLUTION].editingFinished.emit()
    assert len(started) == 2 and "truong_la" not in box.verdicts[DocumentKind.RESOLUTION].text()
    assert main_window.settings_form.submit() and not shown
    assert main_window.workspace.settings.get(ds.RESOLUTION_TEMPLATE) == str(good)
