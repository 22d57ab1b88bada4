"""Start-up paths of the GUI: first run, refused data, the settings dialog."""

from PySide6.QtWidgets import QLabel

from handbook_desktop import app
from handbook_desktop.core.paths import DataDirChoice
from handbook_desktop.core.workspace import has_database
from handbook_desktop.ui import settings_form


def test_first_run_offers_the_demo_and_respects_a_no(tmp_path, monkeypatch, qapp, qtbot):
    asked = []
    monkeypatch.setattr(app, "_wants_demo", lambda path: asked.append(path) or False)
    workspace = app.open_or_create(DataDirChoice(tmp_path / "empty", fixed=True), interactive=True)
    try:
        assert asked == [tmp_path / "empty"]
        assert has_database(tmp_path / "empty")
        window = app.build_main_window(qapp, workspace, DataDirChoice(tmp_path / "empty", True), inline_tasks=True)
        qtbot.addWidget(window)
        texts = [label.text() for label in window.pages.currentWidget().findChildren(QLabel)]
        assert any("Chưa gắn với chi bộ nào" in t for t in texts)
        assert any("Chưa có cuộc họp nào." in t for t in texts)
    finally:
        workspace.close()


def test_first_run_with_yes_opens_the_demo(tmp_path, monkeypatch):
    monkeypatch.setattr(app, "_wants_demo", lambda path: True)
    workspace = app.open_or_create(DataDirChoice(tmp_path / "new", fixed=True), interactive=True)
    try:
        assert workspace.perform(lambda uow: uow.cell.is_demo)
    finally:
        workspace.close()


def test_refused_database_shows_a_message_and_exits(tmp_path, monkeypatch, qapp):
    (tmp_path / "handbook.db").write_bytes(b"not a database at all")
    shown = []
    monkeypatch.setattr("handbook_desktop.ui.dialogs.show_error", lambda parent, title, exc: shown.append(exc.message))
    code = app.run_gui(DataDirChoice(tmp_path, fixed=True))
    assert code == 2
    assert "không phải là cơ sở dữ liệu" in shown[0]


def test_settings_dialog_from_the_menu_saves(main_window, monkeypatch):
    def fill_and_save(dialog):
        form = dialog.findChild(settings_form.SettingsForm)
        form.server_url.setText("http://127.0.0.1:9/")
        form.submit()
        return dialog.result()

    monkeypatch.setattr(settings_form.SettingsDialog, "exec", fill_and_save)
    main_window.open_settings_dialog()
    from handbook_desktop.core import settings as s

    assert main_window.workspace.settings.get(s.SERVER_URL) == "http://127.0.0.1:9"
