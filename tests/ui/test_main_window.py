"""The main window on the demo workspace, driven as a user would."""

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QLabel, QMessageBox

from handbook_desktop.core import settings as s
from handbook_desktop.ui.main_window import SECTIONS
from handbook_desktop.ui.coming_soon import ComingSoonPage
from handbook_desktop.ui.home.home_page import HomePage
from handbook_desktop.ui.settings_form import SettingsForm
from handbook_desktop.ui.style import BASE_POINT_SIZE

VIETNAMESE_SECTIONS = ["Trang chủ", "Tin tức", "Văn bản", "Chi bộ / Đảng viên", "Sinh hoạt chi bộ",
                       "Học tập", "Đồng bộ", "Cài đặt"]


def _texts(widget) -> str:
    return "\n".join(label.text() for label in widget.findChildren(QLabel))


def _sidebar(window) -> list[str]:
    return [window.sidebar.item(i).text() for i in range(window.sidebar.count()) if not window.sidebar.item(i).isHidden()]


def test_demo_workspace_opens_on_the_home_page(main_window):
    assert _sidebar(main_window) == VIETNAMESE_SECTIONS
    home = main_window.pages.currentWidget()
    assert isinstance(home, HomePage)
    text = _texts(home)
    assert "Chi bộ Khu phố 3" in text
    assert "Đảng bộ phường Bắc Sơn" in text
    assert "không gian làm việc mẫu" in text
    assert "Cuộc họp gần nhất" in text
    assert main_window.connection.text() == ""  # a demo never syncs, so the status bar says nothing of it


def test_sidebar_and_shortcuts_switch_pages(qtbot, main_window):
    main_window.sidebar.setCurrentRow(2)
    assert main_window.current_page() == "documents"
    qtbot.keyClick(main_window, Qt.Key.Key_5, Qt.KeyboardModifier.ControlModifier)
    assert main_window.current_page() == "meetings"
    qtbot.keyClick(main_window.sidebar, Qt.Key.Key_Up)
    assert main_window.current_page() == "members"


def test_unbuilt_sections_say_so_honestly(main_window):
    for key in ("study",):
        main_window.show_page(key)
        page = main_window.pages.currentWidget()
        assert isinstance(page, ComingSoonPage)
        assert "Sắp có" in _texts(page)


def test_large_text_mode_scales_every_screen(main_window, qapp):
    for key in SECTIONS:  # pages are built on first visit; this test wants every one
        main_window.ensure_page(key)
    form = main_window.settings_form
    assert isinstance(form, SettingsForm)
    form.font_scale.setCurrentIndex(form.font_scale.findData(2.0))
    assert form.submit()
    assert QApplication.font().pointSizeF() == BASE_POINT_SIZE * 2.0
    for index in range(main_window.pages.count()):
        for label in main_window.pages.widget(index).findChildren(QLabel):
            assert label.font().pointSizeF() >= BASE_POINT_SIZE * 2.0
    assert main_window.workspace.settings.get(s.FONT_SCALE) == 2.0
    assert s.Settings(main_window.workspace.settings.path).get(s.FONT_SCALE) == 2.0  # saved


def test_switching_to_english_retranslates_the_window(main_window):
    main_window.show_page("settings")
    form = main_window.settings_form
    form.language.setCurrentIndex(form.language.findData("en"))
    form.submit()
    assert _sidebar(main_window)[:3] == ["Home", "News", "Documents"]
    assert main_window.current_page() == "settings"
    assert main_window.windowTitle() == "Party Member Handbook"


def test_about_box_names_the_version_folders_and_licences(main_window, monkeypatch):
    from handbook_desktop import __version__
    from handbook_desktop.ui.about_dialog import AboutDialog

    shown = []
    monkeypatch.setattr(AboutDialog, "exec", lambda dialog: shown.append(dialog))
    main_window.show_about()
    text = " ".join(label.text() for label in shown[0].findChildren(QLabel))
    assert __version__ in text and str(main_window.workspace.data_dir) in text
    table = shown[0].table
    rows = {table.item(row, 0).text(): table.item(row, 1).text() for row in range(table.rowCount())}
    assert rows["Liberation Serif"].startswith("SIL Open Font License") and rows["Qt 6 / PySide6"] == "GNU LGPL 3.0"
