"""Tệp → Sao lưu… and Tệp → Khôi phục… in the window, the dialogs answered as a user would."""

from PySide6.QtWidgets import QFileDialog, QMessageBox
from sqlalchemy import select

from handbook_desktop.core.models import WorkspaceFact
from handbook_desktop.ui.backup_flow import default_name


def _action(window, text: str):
    file_menu = window.menuBar().actions()[0].menu()
    return next(action for action in file_menu.actions() if action.text() == text)


def test_back_up_then_restore_from_the_file_menu(main_window, monkeypatch, tmp_path):
    target = tmp_path / "usb" / "so-tay.sotay"
    target.parent.mkdir()
    suggested, shown = [], []
    monkeypatch.setattr(QFileDialog, "getSaveFileName",
                        lambda parent, title, name, filters: suggested.append(name) or (str(target), filters))
    monkeypatch.setattr(QMessageBox, "information", lambda parent, title, text: shown.append(text))
    _action(main_window, "Sao lưu…").trigger()
    assert suggested[0].endswith(".sotay") and "so-tay-chi-bo-khu-pho-3-" in suggested[0]
    assert target.is_file() and "Đã sao lưu vào" in shown[-1]

    workspace = main_window.workspace
    with workspace.unit_of_work() as uow:
        uow.session.add(WorkspaceFact(key="after-the-backup", value="1"))
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *args: (str(target), ""))
    questions = []
    monkeypatch.setattr(QMessageBox, "exec", lambda box: questions.append(box.text()) or box.buttons()[0].click())
    _action(main_window, "Khôi phục…").trigger()
    assert "sẽ được thay bằng bản sao lưu này" in questions[0] and "backups" in questions[0]
    assert "Đã khôi phục dữ liệu" in shown[-1] and "before-restore-" in shown[-1]
    facts = workspace.perform(lambda uow: set(uow.session.scalars(select(WorkspaceFact.key))), read_only=True)
    assert "after-the-backup" not in facts
    assert main_window.current_page() == "home" and main_window.cell_label.text() == "Chi bộ Khu phố 3"


def test_a_file_that_is_not_a_backup_is_refused_in_words(main_window, monkeypatch, tmp_path):
    notes = tmp_path / "notes.sotay"
    notes.write_text("không phải sao lưu")
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *args: (str(notes), ""))
    shown = []
    monkeypatch.setattr(QMessageBox, "exec", lambda box: shown.append(box.text()))
    _action(main_window, "Khôi phục…").trigger()
    assert len(shown) == 1 and "không phải tệp sao lưu" in shown[0]


def test_the_default_name_has_no_accents_and_sorts_by_date():
    from datetime import date

    assert default_name("Chi bộ Thôn Đông 2", date(2026, 1, 5)) == "so-tay-chi-bo-thon-dong-2-20260105.sotay"


def test_the_weekly_backup_waits_for_the_window_then_runs_as_its_background_task(demo_dir, qapp, qtbot):
    """Opening for the GUI leaves the week's backup to the shown window (a large store would
    hold the window back); its background start makes it, as a task of the runner (inline here)."""
    from handbook_desktop import app
    from handbook_desktop.core import backup_schedule
    from handbook_desktop.core.paths import DataDirChoice

    choice = DataDirChoice(demo_dir, fixed=True)
    workspace = app.open_or_create(choice, interactive=False)
    try:
        assert backup_schedule.weekly_backups(demo_dir) == []
        window = app.build_main_window(qapp, workspace, choice, inline_tasks=True)
        qtbot.addWidget(window)
        window.start_background()
        made = backup_schedule.weekly_backups(demo_dir)
        assert len(made) == 1 and made[0].stat().st_size > 10_000
    finally:
        workspace.close()
