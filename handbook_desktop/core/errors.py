"""Errors a user can act on. The CLI prints them as one line; the GUI shows a dialog.

Anything else is a bug and keeps its traceback.
"""

import errno
import shutil
from pathlib import Path

# Below this much free space, a write that failed without saying why (an SQLite I/O error, an
# encoder that gave up or even claimed success) is taken for a full disk.
LOW_SPACE = 1 << 20


class UserError(Exception):
    """A problem caused by input or environment, with a message meant for the user."""

    exit_code = 2

    @property
    def message(self) -> str:
        return str(self.args[0]) if self.args else ""


class WorkspaceError(UserError):
    """The data folder or its database cannot be used as it is."""


class ValidationError(UserError):
    """Input that breaks a rule of the domain."""


def is_disk_full(exc: OSError) -> bool:
    """A write failed for want of space (or of the user's quota)."""
    return exc.errno in (errno.ENOSPC, errno.EDQUOT)


class Cancelled(Exception):
    """Raised inside long work when the user pressed cancel."""


def low_on_space(folder: Path) -> bool:
    try:
        return shutil.disk_usage(folder).free < LOW_SPACE
    except OSError:
        return False
