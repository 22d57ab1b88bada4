"""What several commands share: the workspace of --data-dir for the length of one command."""

import sys
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def existing_workspace(args) -> Iterator:
    """The existing workspace of --data-dir, closed at the end. While another program (the
    GUI, another command) holds the database, one line on stderr says why nothing happens."""
    from handbook_desktop.core.progress import Progress
    from handbook_desktop.core.workspace import open_existing_workspace

    workspace = open_existing_workspace(args.data.path)
    workspace.busy_progress = Progress(_say_once())
    try:
        yield workspace
    finally:
        workspace.close()


def _say_once():
    said: set[str] = set()

    def report(_done: int, _total: int, message: str) -> None:
        if message and message not in said:
            said.add(message)
            print(message[:1].upper() + message[1:], file=sys.stderr, flush=True)

    return report


PASSWORD_VARIABLE = "HANDBOOK_PASSWORD"


def password_from_user(username: str, required: bool = True) -> str | None:
    """HANDBOOK_PASSWORD (scripts, tests), else a prompt when someone is at the keyboard;
    otherwise an error when `required`, else None (the keyring may have a login)."""
    import getpass
    import os

    from handbook_desktop.core.errors import UserError
    from handbook_desktop.i18n import _

    if os.environ.get(PASSWORD_VARIABLE):
        return os.environ[PASSWORD_VARIABLE]
    if sys.stdin is not None and sys.stdin.isatty():
        return getpass.getpass(_("Mật khẩu của {user}: ").format(user=username))
    if required:
        raise UserError(_("Cần mật khẩu của {user}: hãy chạy lệnh trong cửa sổ dòng lệnh để gõ mật khẩu, "
                          "hoặc đặt biến môi trường {variable}.").format(user=username, variable=PASSWORD_VARIABLE))
    return None


@contextmanager
def sync_errors_in_one_line() -> Iterator[None]:
    """A sync error's message and what to do, as the one line the CLI prints."""
    from handbook_desktop.core.errors import UserError
    from sync.errors import SyncError

    try:
        yield
    except SyncError as exc:
        raise UserError(f"{exc.message} {exc.hint}".strip()) from exc


def confirmed(question: str) -> bool:
    """A yes from the keyboard ("c", "có", "y"); without a terminal the answer is no."""
    try:
        return input(question).strip().lower() in ("c", "có", "co", "y", "yes")
    except EOFError:
        return False
