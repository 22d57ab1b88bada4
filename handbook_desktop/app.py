"""Builds the QApplication and the services, and wires the GUI shell to the core."""

import os
import sys
from pathlib import Path

from handbook_desktop import APP_ID
from handbook_desktop.core import settings as s
from handbook_desktop.core.backup import DamagedDatabase, restore_latest
from handbook_desktop.core.clock import vietnam_now
from handbook_desktop.core.errors import UserError, WorkspaceError
from handbook_desktop.core.paths import DataDirChoice
from handbook_desktop.core.workspace import Workspace, has_database, open_workspace
from handbook_desktop.i18n import _

SCREENSHOT_SIZE = (1280, 800)


def run_gui(choice: DataDirChoice, screenshot: str | None = None, page: str = "home") -> int:
    if screenshot and not os.environ.get("DISPLAY") and not os.environ.get("WAYLAND_DISPLAY"):
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtWidgets import QApplication

    from handbook_desktop.ui.dialogs import show_error

    app = QApplication.instance() or QApplication(sys.argv[:1])
    app.setApplicationName(APP_ID)
    app.setApplicationDisplayName(_("Sổ tay đảng viên"))
    try:
        try:
            workspace = open_or_create(choice, interactive=not screenshot)
        except DamagedDatabase as exc:
            if screenshot or exc.backup is None:
                raise
            if not offer_restore(exc):
                return exc.exit_code
            workspace = open_or_create(choice, interactive=True)
    except UserError as exc:
        if screenshot:
            raise
        show_error(None, _("Không mở được dữ liệu"), exc)
        return exc.exit_code
    try:
        window = build_main_window(app, workspace, choice)
        window.show_page(page)
        if screenshot:
            save_screenshot(window, Path(screenshot))
            return 0
        window.show()
        window.check_online()
        return app.exec()
    except UserError as exc:  # damage found by the first reads, past the check at opening
        if screenshot:
            raise
        show_error(None, _("Không mở được dữ liệu"), exc)
        return exc.exit_code
    finally:
        app.closeAllWindows()
        workspace.close()


def build_main_window(app, workspace: Workspace, choice: DataDirChoice, *, inline_tasks: bool = False):
    from handbook_desktop.ui.main_window import MainWindow
    from handbook_desktop.ui.style import apply_look
    from handbook_desktop.ui.taskrunner import TaskRunner

    apply_look(app, workspace.settings.get(s.FONT_SCALE))
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


def _wants_demo(path: Path) -> bool:
    from handbook_desktop.ui.dialogs import ask

    return ask(None, _("Chào mừng"), _(
        "Thư mục dữ liệu {path} chưa có dữ liệu.\n\nMở không gian làm việc mẫu (một chi bộ với đảng "
        "viên, văn bản, tin tức và hai cuộc họp) để xem thử ứng dụng?").format(path=path),
        yes=_("Mở dữ liệu mẫu"), no=_("Bắt đầu với dữ liệu trống"))


def save_screenshot(window, path: Path) -> None:
    from PySide6.QtWidgets import QApplication

    window.resize(*SCREENSHOT_SIZE)
    window.show()
    QApplication.processEvents()
    if not window.grab().save(str(path)):
        raise WorkspaceError(_("Không ghi được ảnh chụp màn hình vào {path}.").format(path=path))
