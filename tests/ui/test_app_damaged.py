"""The GUI start on a damaged database: told in words, and offered the automatic backup."""

import pytest
from PySide6.QtWidgets import QMessageBox

from handbook_desktop import app
from handbook_desktop.core.backup import DamagedDatabase
from handbook_desktop.core.clock import vietnam_today
from handbook_desktop.core.home import load_snapshot, save_snapshot, take_snapshot
from handbook_desktop.core.paths import DATABASE_NAME, DataDirChoice
from handbook_desktop.core.workspace import open_workspace

from ..core.faults import damage_data_pages, fingerprint


@pytest.fixture
def damaged(demo_dir):
    open_workspace(demo_dir).close()  # today's automatic backup
    damage_data_pages(demo_dir / DATABASE_NAME)
    return DataDirChoice(demo_dir, fixed=True)


def _answer(monkeypatch, button_text: str, seen: list[str]):
    def answer(box):
        seen.append(box.text())
        next(b for b in box.buttons() if b.text().startswith(button_text)).click()

    monkeypatch.setattr(QMessageBox, "exec", answer)


def test_closing_the_offer_leaves_the_damaged_file_alone(damaged, monkeypatch, qapp):
    before = fingerprint(damaged.path / DATABASE_NAME)
    seen = []
    _answer(monkeypatch, "Đóng", seen)
    assert app.run_gui(damaged) == 2
    assert "bị hỏng" in seen[0] and "bản sao lưu tự động gần nhất" in seen[0].lower()
    assert fingerprint(damaged.path / DATABASE_NAME) == before


def test_the_restore_button_brings_back_the_backup(damaged, monkeypatch, qapp, qtbot):
    with pytest.raises(DamagedDatabase) as caught:
        app.open_or_create(damaged, interactive=False)
    seen = []
    _answer(monkeypatch, "Khôi phục từ bản sao lưu ngày", seen)
    assert app.offer_restore(caught.value)
    workspace = app.open_or_create(damaged, interactive=True)
    try:
        window = app.build_main_window(qapp, workspace, damaged, inline_tasks=True)
        qtbot.addWidget(window)
        window.show_page("members")
    finally:
        workspace.close()
    assert len(list(damaged.path.glob("handbook.db.damaged-*"))) == 1


def test_figures_kept_at_the_last_start_do_not_hide_the_damage(demo_dir, monkeypatch, qapp):
    """The home page's snapshot spares the ORM, never the checks: the damage is found at opening."""
    workspace = open_workspace(demo_dir)
    save_snapshot(demo_dir, workspace.perform(lambda uow: take_snapshot(uow, vietnam_today())))
    workspace.close()
    assert load_snapshot(demo_dir, vietnam_today()) is not None
    damage_data_pages(demo_dir / DATABASE_NAME)
    seen = []
    _answer(monkeypatch, "Đóng", seen)
    assert app.run_gui(DataDirChoice(demo_dir, fixed=True)) == 2
    assert "bị hỏng" in seen[0]
