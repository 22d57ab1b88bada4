"""Builds the QApplication and the services, and wires the GUI shell to the core."""

import os
import sys
from pathlib import Path

from handbook_desktop import APP_ID
from handbook_desktop.core import settings as s
from handbook_desktop.core.errors import UserError, WorkspaceError
from handbook_desktop.core.paths import DataDirChoice
from handbook_desktop.core.workspace import Workspace, has_database, open_workspace
from handbook_desktop.i18n import _

SCREENSHOT_SIZE = (1366, 768)  # the secretaries' laptops: every screen must fit this


def run_gui(choice: DataDirChoice, screenshot: str | None = None, page: str = "home",
            size: tuple[int, int] = SCREENSHOT_SIZE, font_scale: float | None = None) -> int:
    if screenshot and not os.environ.get("DISPLAY") and not os.environ.get("WAYLAND_DISPLAY"):
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtWidgets import QApplication

    from handbook_desktop.ui.dialogs import show_error

    app = QApplication.instance() or QApplication(sys.argv[:1])
    app.setApplicationName(APP_ID)
    app.setApplicationDisplayName(_("Sổ tay đảng viên"))
    try:
        workspace = open_or_create(choice, interactive=not screenshot)
    except UserError as exc:
        if screenshot:
            raise
        show_error(None, _("Không mở được dữ liệu"), exc)
        return exc.exit_code
    try:
        window = build_main_window(app, workspace, choice, font_scale=font_scale)
        if screenshot:
            save_screenshot(window, page, size, Path(screenshot))
            return 0
        window.show_page(page)
        window.show()
        window.check_online()
        return app.exec()
    finally:
        app.closeAllWindows()
        workspace.close()


def build_main_window(app, workspace: Workspace, choice: DataDirChoice, *, inline_tasks: bool = False,
                      font_scale: float | None = None):
    """`font_scale` overrides the setting for this window only (screenshots), without saving it."""
    from handbook_desktop.ui.main_window import MainWindow
    from handbook_desktop.ui.style import apply_look
    from handbook_desktop.ui.taskrunner import TaskRunner

    apply_look(app, workspace.settings.get(s.FONT_SCALE) if font_scale is None else font_scale)
    return MainWindow(workspace, choice, TaskRunner(app, inline=inline_tasks))


def open_or_create(choice: DataDirChoice, *, interactive: bool) -> Workspace:
    """Open the workspace; on a first start offer the demo cell (always take it when not asked)."""
    fresh = not has_database(choice.path)
    workspace = open_workspace(choice.path)
    if fresh and (not interactive or _wants_demo(choice.path)):
        from handbook_desktop.core.demo import create_demo

        with workspace.unit_of_work(record_outbox=False) as uow:
            create_demo(uow)
    return workspace


def _wants_demo(path: Path) -> bool:
    from handbook_desktop.ui.dialogs import ask

    return ask(None, _("Chào mừng"), _(
        "Thư mục dữ liệu {path} chưa có dữ liệu.\n\nMở không gian làm việc mẫu (một chi bộ với đảng "
        "viên, văn bản, tin tức và hai cuộc họp) để xem thử ứng dụng?").format(path=path),
        yes=_("Mở dữ liệu mẫu"), no=_("Bắt đầu với dữ liệu trống"))


def save_screenshot(window, screen: str, size: tuple[int, int], path: Path) -> None:
    from handbook_desktop.ui.screens import show_screen

    shown = show_screen(window, screen, size)
    if not shown.grab().save(str(path)):
        raise WorkspaceError(_("Không ghi được ảnh chụp màn hình vào {path}.").format(path=path))
