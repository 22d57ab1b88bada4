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
