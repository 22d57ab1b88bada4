"""The window's one link to the sync client: the account, the online probe and sync rounds.

Every network call runs on the task runner; the controller keeps what the screens show (the
account, online or not, a round running, the last error, the last success) and says
`changed` when any of it moves, so the Đồng bộ page, Cài đặt and the status bar stay in step
without each asking the server. A demo workspace never syncs: nothing here starts a round on it.
"""

import socket
from collections.abc import Callable

from PySide6.QtCore import QObject, Signal

from handbook_desktop.core import settings as s
from handbook_desktop.core.connectivity import server_reachable
from handbook_desktop.core.errors import UserError
from handbook_desktop.core.home import Glance
from handbook_desktop.core.workspace import Workspace
from handbook_desktop.i18n import _
from handbook_desktop.ui.taskrunner import Task, TaskRunner

# The sync client (pydantic models, requests) is imported on first use, not here: a demo
# workspace never syncs and starts without it.

AskPassword = Callable[[], str | None]  # None: the user declined


def error_text(exc: BaseException) -> str:
    """What happened and what to do, in words; a bug gets an honest generic line."""
    from sync.errors import SyncError

    if isinstance(exc, SyncError):
        return f"{exc.message} {exc.hint}".strip()
    if isinstance(exc, UserError):
        return exc.message
    return _("Đã xảy ra lỗi ngoài dự kiến: {error}. Dữ liệu đã lưu không bị ảnh hưởng.").format(error=exc)


class SyncController(QObject):
    changed = Signal()
    connected = Signal(object)  # Account, after a successful login
    came_online = Signal()  # the probe found the server again: a round is due

    def __init__(self, workspace: Workspace, tasks: TaskRunner, parent: QObject | None = None, *,
                 glance: Glance | None = None):
        """`glance`: a window painted from the home page's snapshot, which kept what the
        controller shows at first (sync/account_facts.py), so nothing is read now; the window
        calls `reload` once its first read is done."""
        super().__init__(parent)
        self.workspace, self.tasks = workspace, tasks
        self.ask_password: AskPassword | None = None  # set by the window: a dialog
        self.online: bool | None = None  # None until the first probe answers
        self.running: Task | None = None  # a round or a login: never two at once
        self.error = ""  # the last failure in words; "" after a success
        self.needs_password = False  # no keyring: a background round could not run
        self.last_report = None  # SyncReport of the last round that succeeded in this session
        self._after_round: Callable[[], None] | None = None  # a logout waiting for a cancelled round
        tasks.ended.connect(self._on_task_ended)  # also after Hủy, which calls neither callback
        self.conflicts_at_start: int | None = None  # kept with the snapshot, until the first read
        if glance is None:
            self.reload()
        else:
            from sync.account_facts import first_screen_state  # plain data: no client, no ORM

            self.is_demo = glance.overview.is_demo
            self.account, self.last_success, self.conflicts_at_start = first_screen_state(glance.status)

    # -- what the screens show ----------------------------------------------------------
    def reload(self) -> None:
        """Read the account and the last success again (local reads, a few ms)."""
        self.conflicts_at_start = None  # the window reads the count itself from now on
        self.is_demo = self.workspace.perform(lambda uow: uow.cell.is_demo, read_only=True)
        self.account, self.last_success = None, None  # Account, datetime
        if not self.is_demo:
            from sync import account as accounts, history

            self.account = accounts.current_account(self.workspace)
            self.last_success = self.workspace.perform(history.last_success, read_only=True)
        self.changed.emit()

    @property
    def server_url(self) -> str:
        return self.account.server_url if self.account else self.workspace.settings.get(s.SERVER_URL)

    @property
    def syncing(self) -> bool:
        return self.running is not None

    # -- online probe -------------------------------------------------------------------
    def check_online(self) -> None:
        was, url = self.online, self.server_url
        def done(online: bool) -> None:
            self.online = online
            self.changed.emit()
            if online and not was:
                self.came_online.emit()

        self.tasks.run(lambda _progress: server_reachable(url), title=_("Kiểm tra kết nối"), quiet=True,
                       on_done=done, on_error=lambda _exc: done(False))

    # -- account ------------------------------------------------------------------------
    def log_in(self, server_url: str, username: str, password: str,
               on_error: Callable[[str], None]) -> Task | None:
        """Connect this workspace to an account, then pull at once. `on_error` gets the words."""
        if self.running is not None:
            return None

        def done(account) -> None:
            self.workspace.settings.set(s.SERVER_URL, account.server_url)
            self.workspace.settings.save()
            self.error, self.needs_password = "", False
            self.online = True  # it just answered; no probe, whose "came online" would sync twice
            self.reload()
            self.connected.emit(account)
            self.sync_now(on_demand=True)

        def failed(exc: BaseException) -> None:
            on_error(error_text(exc))

        from sync import account as accounts

        device = socket.gethostname()
        return self._start(
            lambda _progress: accounts.connect(self.workspace, server_url, username, password, device_name=device),
            title=_("Đang kết nối máy chủ…"), on_done=done, on_error=failed)

    def log_out(self) -> None:
        """Logout on the server (best effort), token and device removed; the data stays. A
        round running is cancelled first: its next page must not land after the logout."""
        if self.running is not None:
            self._after_round = self.log_out
            self.running.cancel()
            return

        def ended(error: str) -> None:
            self.error, self.needs_password = error, False
            self.reload()

        from sync import account as accounts

        self._start(lambda _progress: accounts.disconnect(self.workspace), title=_("Đăng xuất"),
                    on_done=lambda _none: ended(""), on_error=lambda exc: ended(error_text(exc)))

    # -- sync rounds --------------------------------------------------------------------
    def can_sync(self) -> bool:
        return self.account is not None and not self.is_demo

    def sync_now(self, on_demand: bool = True, password: str | None = None) -> Task | None:
        """One round on the task runner. In the background a round that would need a password
        (no keyring) is skipped and the status bar says so; asked for, it asks."""
        if not self.can_sync() or self.running is not None:
            return None

        def done(report) -> None:
            self.last_report = report
            self.error, self.needs_password = "", False
            self.reload()

        from sync import engine
        from sync.errors import PasswordNeeded

        def failed(exc: BaseException) -> None:
            if isinstance(exc, PasswordNeeded):
                if on_demand and password is None and self.ask_password is not None:
                    given = self.ask_password()
                    if given:
                        self.sync_now(on_demand=True, password=given)
                        return
                self.needs_password = True
            else:
                self.error = error_text(exc)
            self.reload()  # the failed round is in the history

        return self._start(
            lambda progress: engine.sync_once(self.workspace, password=password, progress=progress),
            title=_("Đang đồng bộ…"), quiet=not on_demand, on_done=done, on_error=failed)

    def cancel(self) -> None:
        if self.running is not None:
            self.running.cancel()

    def _start(self, work, **options) -> Task:
        task = self.tasks.run(work, **options)
        if task in self.tasks.running():  # an inline runner (tests) has already finished it
            self.running = task
            self.changed.emit()
        return task

    def _on_task_ended(self, task: Task) -> None:
        if task is self.running:
            self.running = None
            self.changed.emit()
            then, self._after_round = self._after_round, None
            if then is not None:
                then()
