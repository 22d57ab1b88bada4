"""Start-up paths of the GUI: first run, refused data, the settings dialog."""

from PySide6.QtWidgets import QLabel

from handbook_desktop import app
from handbook_desktop.core.paths import DataDirChoice
from handbook_desktop.core.workspace import has_database
from handbook_desktop.ui import settings_form
from handbook_desktop.ui.org.first_start import FirstStartDialog


def choosing(monkeypatch, *buttons: str) -> list:
    """The first-start choice answered by clicking `buttons` in turn ("" closes it: later)."""
    asked = []

    def answer(dialog: FirstStartDialog) -> int:
        button = buttons[len(asked)]
        asked.append(dialog)
        if button:
            getattr(dialog, button).click()
        else:
            dialog.reject()
        return dialog.result()

    monkeypatch.setattr(FirstStartDialog, "exec", answer)
    return asked


def test_first_run_later_opens_an_empty_workspace_and_asks_again_next_time(tmp_path, monkeypatch, qapp, qtbot):
    asked = choosing(monkeypatch, "", "")
    for start in (1, 2):
        workspace = app.open_or_create(DataDirChoice(tmp_path / "empty", fixed=True), interactive=True)
        try:
            assert len(asked) == start and has_database(tmp_path / "empty")
            window = app.build_main_window(qapp, workspace, DataDirChoice(tmp_path / "empty", True),
                                           inline_tasks=True)
            qtbot.addWidget(window)
            texts = [label.text() for label in window.pages.currentWidget().findChildren(QLabel)]
            assert any("Chưa gắn với chi bộ nào" in t for t in texts)
            assert any("trong Cài đặt → Chi bộ" in t for t in texts)
            assert any("Chưa có cuộc họp nào." in t for t in texts)
        finally:
            workspace.close()


def test_first_run_demo_and_no_question_once_there_is_a_cell(tmp_path, monkeypatch):
    asked = choosing(monkeypatch, "demo")
    for _start in (1, 2):
        workspace = app.open_or_create(DataDirChoice(tmp_path / "new", fixed=True), interactive=True)
        try:
            assert workspace.perform(lambda uow: uow.cell.is_demo)
        finally:
            workspace.close()
    assert len(asked) == 1


def test_refused_database_shows_a_message_and_exits(tmp_path, monkeypatch, qapp):
    (tmp_path / "handbook.db").write_bytes(b"not a database at all")
    shown = []
    monkeypatch.setattr("handbook_desktop.ui.dialogs.show_error", lambda parent, title, exc: shown.append(exc.message))
    code = app.run_gui(DataDirChoice(tmp_path, fixed=True))
    assert code == 2
    assert "không phải là cơ sở dữ liệu" in shown[0]


def test_settings_dialog_from_the_menu_saves(main_window, monkeypatch, qapp):
    def fill_and_save(dialog):
        form = dialog.findChild(settings_form.SettingsForm)
        form.font_scale.setCurrentIndex(form.font_scale.findData(1.25))
        form.submit()
        return dialog.result()

    monkeypatch.setattr(settings_form.SettingsDialog, "exec", fill_and_save)
    main_window.open_settings_dialog()
    from handbook_desktop.core import settings as s

    assert main_window.workspace.settings.get(s.FONT_SCALE) == 1.25
    from handbook_desktop.ui.style import apply_look

    apply_look(qapp, 1.0)  # the next test starts at the usual size
