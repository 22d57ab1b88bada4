"""What the app writes down when it fails: a report in the user's log folder.

Plain Python, so the GUI's dialog, the CLI and the tests share it. The report holds what a
developer needs (version, platform, the traceback) and nothing of the user's data.
"""

from __future__ import annotations

import logging
import logging.handlers
import platform
import sys
import traceback
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from types import TracebackType

import platformdirs

from handbook_desktop import APP_ID, __version__

LOG_NAME = "handbook.log"
KEEP_REPORTS = 20  # crash reports kept in the log folder, newest first


def log_dir() -> Path:
    return platformdirs.user_log_path(APP_ID, appauthor=False)


def start_logging(extra: str = "") -> Path:
    """Warnings and errors of a GUI session go to ``handbook.log`` (rotated at 1 MB)."""
    folder = log_dir()
    root = logging.getLogger()
    if any(getattr(handler, "baseFilename", None) == str(folder / LOG_NAME) for handler in root.handlers):
        return folder  # a second window in the same process
    try:
        folder.mkdir(parents=True, exist_ok=True)
        handler = logging.handlers.RotatingFileHandler(folder / LOG_NAME, maxBytes=1 << 20, backupCount=2,
                                                       encoding="utf-8")
    except OSError:
        return folder  # a read-only or full disk must not stop the app
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    handler.setLevel(logging.WARNING)
    root.addHandler(handler)
    logging.getLogger(__name__).warning("started %s %s %s", APP_ID, __version__, extra)
    return folder


@dataclass(frozen=True)
class CrashReport:
    text: str
    path: Path | None  # None when it could not be written (the text is still shown)


def report_text(kind: type[BaseException], error: BaseException, trace: TracebackType | None,
                extra: str = "") -> str:
    lines = [
        f"Sổ tay đảng viên {__version__}",
        f"{datetime.now():%Y-%m-%d %H:%M:%S}",
        f"Python {platform.python_version()} on {platform.platform()}",
    ]
    if extra:
        lines.append(extra)
    lines.append("")
    lines += traceback.format_exception(kind, error, trace)
    return "\n".join(line.rstrip("\n") for line in lines) + "\n"


def write_report(kind: type[BaseException], error: BaseException, trace: TracebackType | None,
                 extra: str = "") -> CrashReport:
    text = report_text(kind, error, trace, extra)
    logging.getLogger(__name__).error("unexpected error", exc_info=(kind, error, trace))
    folder = log_dir()
    path = folder / f"crash-{datetime.now():%Y%m%d-%H%M%S-%f}.txt"
    try:
        folder.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    except OSError:
        print(text, file=sys.stderr)
        return CrashReport(text, None)
    for old in sorted(folder.glob("crash-*.txt"), reverse=True)[KEEP_REPORTS:]:
        old.unlink(missing_ok=True)
    return CrashReport(text, path)
