"""Faults the tests inflict on a real workspace: damaged data pages, a full disk."""

import builtins
import errno
import io
import os
import sqlite3
import subprocess
from contextlib import closing, contextmanager
from pathlib import Path


def damage_data_pages(db: Path, table: str = "members", *, keep_times: bool = False) -> None:
    """Overwrite the pages holding `table`'s rows (in the middle of the file, never the
    schema on page 1). `keep_times`: a disk that rotted, not a program that wrote."""
    with closing(sqlite3.connect(f"{db.as_uri()}?mode=ro", uri=True)) as conn:
        page_size = conn.execute("PRAGMA page_size").fetchone()[0]
        pages = [row[0] for row in conn.execute("SELECT pageno FROM dbstat WHERE name = ? AND pagetype = 'leaf'",
                                                (table,))]
    assert pages and min(pages) > 1
    stat = db.stat()
    with db.open("r+b") as handle:
        for page in pages:
            handle.seek((page - 1) * page_size + 8)
            handle.write(b"\x5a" * (page_size - 16))
    if keep_times:
        os.utime(db, ns=(stat.st_atime_ns, stat.st_mtime_ns))


def fingerprint(path: Path) -> tuple[bytes, int]:
    return path.read_bytes(), path.stat().st_mtime_ns


@contextmanager
def tiny_disk(folder: Path, size_kb: int = 1024):
    """A real, small file system (tmpfs) at `folder`, or None where mounting needs a
    privilege this run lacks (then the caller falls back, and says so)."""
    folder.mkdir(parents=True, exist_ok=True)
    mounted = os.geteuid() == 0 and subprocess.run(
        ["mount", "-t", "tmpfs", "-o", f"size={size_kb}k", "tmpfs", str(folder)], capture_output=True).returncode == 0
    try:
        yield folder if mounted else None
    finally:
        if mounted:
            subprocess.run(["umount", "-l", str(folder)], check=True)


def fill(folder: Path) -> None:
    """Take every free byte of the file system under `folder`."""
    with (folder / "filler").open("wb", buffering=0) as handle:
        for chunk in (1 << 16, 1 << 12, 1):
            try:
                while handle.write(b"\0" * chunk):
                    pass
            except OSError:
                pass


@contextmanager
def full_disk(folder: Path, monkeypatch, size_kb: int = 8):
    """`folder` on a disk with only `size_kb` free: a real tmpfs where this run may mount one.
    FALLBACK where it may not (no root): opening a file under `folder` for writing works, and
    its first write fails with ENOSPC as on a full disk. The code under test cannot tell."""
    with tiny_disk(folder, size_kb) as mounted:
        if mounted is None:
            real_open = builtins.open

            def open_on_full_disk(file, mode="r", *args, **kwargs):
                handle = real_open(file, mode, *args, **kwargs)
                writing = any(flag in mode for flag in "wax+")
                inside = isinstance(file, (str, os.PathLike)) and Path(file).resolve().is_relative_to(folder.resolve())
                return _FullFile(handle) if writing and inside else handle

            monkeypatch.setattr(builtins, "open", open_on_full_disk)
            monkeypatch.setattr(io, "open", open_on_full_disk)
        yield folder


class _FullFile:
    def __init__(self, handle):
        self._handle = handle

    def write(self, data):
        if len(data):
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
        return 0

    def __getattr__(self, name):
        return getattr(self._handle, name)

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self._handle.close()
