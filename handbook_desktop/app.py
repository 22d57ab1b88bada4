"""Builds the QApplication and the services, and wires the GUI shell to the core."""

import os
import sys
from pathlib import Path

from handbook_desktop import APP_ID
from handbook_desktop.core import settings as s
from handbook_desktop.core.backup import DamagedDatabase, restore_latest
from handbook_desktop.core.clock import vietnam_now, vietnam_today
from handbook_desktop.core.crash import start_logging
from handbook_desktop.core.errors import UserError, WorkspaceError
from handbook_desktop.core.home import Glance, load_snapshot
from handbook_desktop.core.paths import DataDirChoice
from handbook_desktop.core.resources import resource_path
from handbook_desktop.core.workspace import Workspace, has_database, open_workspace
from handbook_desktop.i18n import _

SCREENSHOT_SIZE = (1366, 768)  # the secretaries' laptops: every screen must fit this


def run_gui(choice: DataDirChoice, screenshot: str | None = None, page: str = "home",
            size: tuple[int, int] = SCREENSHOT_SIZE, font_scale: float | None = None) -> int:
    if screenshot and not os.environ.get("DISPLAY") and not os.environ.get("WAYLAND_DISPLAY"):
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    glance = load_snapshot(choice.path, vietnam_today()) if page == "home" and has_database(choice.path) else None
    if glance is not None and not glance.overview.unit_path:
        glance = None  # a cell not set up yet: the first start asks how to begin
    if glance is None:
        # The first screen needs the ORM: load it before Qt, whose import hook slows every later
        # import (SQLAlchemy and the models: 0.2 s more after PySide6 on the 2-core machine).
        from handbook_desktop.core.models.registry import load_all

        load_all()
    from PySide6.QtWidgets import QApplication

    from handbook_desktop.ui.crash_dialog import install_crash_handler
    from handbook_desktop.ui.dialogs import show_error

    app = QApplication.instance() or QApplication(sys.argv[:1])
    app.setApplicationName(APP_ID)
    app.setApplicationDisplayName(_("Sổ tay đảng viên"))
    app.setDesktopFileName(APP_ID)  # the desktop shell matches the window to so-tay-dang-vien.desktop
    app.setWindowIcon(app_icon())
    try:
        try:
            if glance is not None:  # painted from the kept figures: every check now, the engine at the first read
                workspace = open_workspace(choice.path, weekly_backup=False, connect=False)
            else:
                workspace = open_or_create(choice, interactive=not screenshot)
        except DamagedDatabase as exc:
            if screenshot or exc.backup is None:
                raise
            if not offer_restore(exc):
                return exc.exit_code
            glance, workspace = None, open_or_create(choice, interactive=True)  # figures of the old file are gone
    except UserError as exc:
        if screenshot:
            raise
        show_error(None, _("Không mở được dữ liệu"), exc)
        return exc.exit_code
    try:
        window = build_main_window(app, workspace, choice, font_scale=font_scale, glance=glance)
        if screenshot:
            save_screenshot(window, page, size, Path(screenshot))
            if glance is None:
                # As the window's background start would, for today only: the process waits for it.
                window.keep_snapshot(days=1)
            return 0
        start_logging(f"data folder {workspace.data_dir}")
        install_crash_handler()
        window.show_page(page)
        window.show()
        window.start_background()
        return app.exec()
    except UserError as exc:  # damage found by the first reads, past the check at opening
        if screenshot:
            raise
        show_error(None, _("Không mở được dữ liệu"), exc)
        return exc.exit_code
    finally:
        app.closeAllWindows()
        workspace.close()


def app_icon():
    """The window and taskbar icon at every size drawn for it (installer/make_icons.py)."""
    from PySide6.QtGui import QIcon

    icon = QIcon()
    for path in resource_path("icons").glob(f"{APP_ID}-*.png"):
        icon.addFile(str(path))
    return icon


def build_main_window(app, workspace: Workspace, choice: DataDirChoice, *, inline_tasks: bool = False,
                      font_scale: float | None = None, glance: Glance | None = None):
    """`font_scale` overrides the setting for this window only (screenshots), without saving it;
    `glance`: the home page's figures kept from the last start, painted before the ORM loads."""
    from handbook_desktop.ui.main_window import MainWindow
    from handbook_desktop.ui.style import apply_look
    from handbook_desktop.ui.taskrunner import TaskRunner

    apply_look(app, workspace.settings.get(s.FONT_SCALE) if font_scale is None else font_scale)
    return MainWindow(workspace, choice, TaskRunner(app, inline=inline_tasks), glance=glance)


def open_or_create(choice: DataDirChoice, *, interactive: bool) -> Workspace:
    """Open the workspace. While it keeps no cell, ask how to start (the demo, the user's own
    cell, or later); without a display a new folder gets the demo."""
    fresh = not has_database(choice.path)
    workspace = open_workspace(choice.path, weekly_backup=False)  # the window makes it once shown
    try:
        if not interactive:
            if fresh:
                _create_demo(workspace)
        elif workspace.perform(lambda uow: uow.cell.unit_id is None, read_only=True):
            _first_start(workspace)
    except BaseException:
        workspace.close()
        raise
    return workspace


def offer_restore(exc: DamagedDatabase) -> bool:
    """Tell the user the database is damaged and offer its automatic backup; True once the
    backup is in place."""
    from handbook_desktop.ui.dialogs import ask

    if not ask(None, _("Dữ liệu bị hỏng"), exc.summary + "\n\n" + _(
            "Bản sao lưu tự động gần nhất là của ngày {day:%d/%m/%Y}; những thay đổi sau ngày đó cần nhập lại. "
            "Tệp hỏng được giữ lại bên cạnh.").format(day=exc.backup.day),
            yes=_("Khôi phục từ bản sao lưu ngày {day:%d/%m/%Y}").format(day=exc.backup.day), no=_("Đóng")):
        return False
    restore_latest(exc.path, vietnam_now())
    return True


def _first_start(workspace: Workspace) -> None:
    """The choice until a way is taken; a cancelled form or a refused setup returns to it."""
    from handbook_desktop.core.org import set_up_cell
    from handbook_desktop.ui.dialogs import show_error
    from handbook_desktop.ui.org.cell_form import CellSetupDialog
    from handbook_desktop.ui.org.first_start import FirstStartDialog, Start

    while True:
        chooser = FirstStartDialog(workspace.data_dir)
        if not chooser.exec() or chooser.start is Start.LATER:
            return
        if chooser.start is Start.DEMO:
            _create_demo(workspace)
            return
        if chooser.start is Start.SERVER:
            if _connect(workspace):
                return
            continue
        form = CellSetupDialog()
        if not form.exec() or form.chosen is None:
            continue
        try:  # no window yet: the one write of the first start runs here, the user waiting for it
            workspace.perform(lambda uow: set_up_cell(uow, form.chosen))
            return
        except UserError as exc:
            show_error(None, _("Thiết lập chi bộ của tôi"), exc)


def _connect(workspace: Workspace) -> bool:
    """Log in from the first start (off the GUI thread); True once connected."""
    from PySide6.QtWidgets import QApplication

    from handbook_desktop.ui.sync.connect_dialog import ConnectDialog
    from handbook_desktop.ui.taskrunner import TaskRunner

    return bool(ConnectDialog(workspace, TaskRunner(QApplication.instance())).exec())


def _create_demo(workspace: Workspace) -> None:
    from handbook_desktop.core.demo import create_demo

    with workspace.unit_of_work(record_outbox=False) as uow:
        create_demo(uow)


def save_screenshot(window, screen: str, size: tuple[int, int], path: Path) -> None:
    from handbook_desktop.ui.screens import show_screen

    shown = show_screen(window, screen, size)
    if not shown.grab().save(str(path)):
        raise WorkspaceError(_("Không ghi được ảnh chụp màn hình vào {path}.").format(path=path))
