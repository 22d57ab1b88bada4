"""Content-addressed attachment store: `<data_dir>/attachments/<first 2 hex>/<sha256>`.

The bytes of a file live once on disk whatever the number of rows referring to them;
sync later moves them by hash. A file is written to a temporary name in the same folder
and renamed into place, so a crash or a full disk never leaves a half-written file under
a hash name, and a hash name present on disk always holds those exact bytes.

Bytes are stored before the row that refers to them is committed, so an import that was
killed or failed leaves files no row names; they are removed at the next start, once an
hour old (`remove_orphans`).
"""

from __future__ import annotations

import hashlib
import os
import re
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from handbook_desktop.core.errors import WorkspaceError
from handbook_desktop.core.ids import new_id
from handbook_desktop.i18n import _

if TYPE_CHECKING:  # the row functions load the ORM when called: the store itself needs none (backups)
    from sqlalchemy.orm import Session

    from handbook_desktop.core.models import Attachment, Syncable

STORE_NAME = "attachments"
COPIES_NAME = "copies"  # beside the hash folders: named copies handed to other programs
UNSAFE_IN_NAMES = re.compile(r'[<>:"/\\|?*\x00-\x1f]')  # what Windows refuses in a file name
HASH_NAME = re.compile(r"[0-9a-f]{64}")
INCOMING_PREFIX = ".incoming-"
# An import in another program stores its files seconds before it commits their rows; an
# hour-old file without a row is an import that will never commit.
ORPHAN_AGE_S = 3600


@dataclass(frozen=True)
class StoredBlob:
    sha256: str
    size: int
    path: Path
    created: bool  # False when the same bytes were already in the store


def store_dir(data_dir: Path) -> Path:
    return data_dir / STORE_NAME


def blob_path(data_dir: Path, sha256: str) -> Path:
    return store_dir(data_dir) / sha256[:2] / sha256


def sha256_of(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def store_bytes(data_dir: Path, data: bytes) -> StoredBlob:
    """Put `data` in the store (once); a full disk or a read-only folder is a WorkspaceError."""
    sha256 = sha256_of(data)
    target = blob_path(data_dir, sha256)
    if target.is_file() and target.stat().st_size == len(data):
        _touch(target)  # in use again: an old orphan must not be removed before our row commits
        return StoredBlob(sha256, len(data), target, created=False)
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        _write_atomically(target, data)
    except OSError as exc:
        raise WorkspaceError(_("Không ghi được tệp đính kèm vào {path} ({error}); dữ liệu cũ vẫn nguyên "
                               "vẹn.").format(path=target.parent, error=exc.strerror or exc)) from exc
    return StoredBlob(sha256, len(data), target, created=True)


def _write_atomically(target: Path, data: bytes) -> None:
    fd, temp_name = tempfile.mkstemp(dir=target.parent, prefix=INCOMING_PREFIX)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())  # the rename must not reach the disk before the bytes
        os.replace(temp_name, target)
    except BaseException:
        Path(temp_name).unlink(missing_ok=True)
        raise


def _touch(path: Path) -> None:
    try:
        os.utime(path)
    except OSError:  # a read-only store: nothing will be removed from it either
        pass


def remove_orphans(session: Session, data_dir: Path) -> int:
    """Remove stored files no attachment row (a tombstone included) refers to, and
    temporary files of interrupted writes, once they are ORPHAN_AGE_S old; returns how many."""
    from sqlalchemy import select

    from handbook_desktop.core.models import Attachment

    store = store_dir(data_dir)
    if not store.is_dir():
        return 0
    referenced = set(session.scalars(select(Attachment.sha256).distinct()))
    cutoff, removed = time.time() - ORPHAN_AGE_S, 0
    for folder in store.iterdir():
        if len(folder.name) != 2 or not folder.is_dir():
            continue  # the viewer's copies live beside the hash folders
        for path in folder.iterdir():
            orphan = (HASH_NAME.fullmatch(path.name) and path.name not in referenced
                      or path.name.startswith(INCOMING_PREFIX))
            try:
                if orphan and path.is_file() and path.stat().st_mtime < cutoff:
                    path.unlink()
                    removed += 1
            except OSError:  # read-only, or gone already (another program swept it): no matter
                pass
    return removed


def viewable_copy(data_dir: Path, sha256: str, filename: str) -> Path:
    """A copy of the stored bytes under their original name, for the system's viewer.

    The store's names have no extension, so no program would know how to open them; and
    the viewer gets a copy, so saving in Word can never change the bytes a hash names.
    Raises OSError (e.g. FileNotFoundError) when the bytes are not here.
    """
    data = blob_path(data_dir, sha256).read_bytes()
    name = UNSAFE_IN_NAMES.sub("_", Path(filename).name).strip(" .") or "tep"
    target = store_dir(data_dir) / COPIES_NAME / sha256[:16] / name
    if target.is_file() and target.stat().st_size == len(data) and sha256_of(target.read_bytes()) == sha256:
        return target  # maybe still open in the viewer: leave it be
    target.parent.mkdir(parents=True, exist_ok=True)
    _write_atomically(target, data)
    return target


def discard_if_unreferenced(session: Session, data_dir: Path, blob: StoredBlob) -> None:
    """Undo `store_bytes` after the row meant to refer to it was not saved."""
    from sqlalchemy import select

    from handbook_desktop.core.models import Attachment

    if not blob.created:
        return
    if session.scalar(select(Attachment.id).where(Attachment.sha256 == blob.sha256).limit(1)) is None:
        blob.path.unlink(missing_ok=True)


def add_attachment(session: Session, owner: Syncable, blob: StoredBlob, filename: str,
                   mime_type: str = "application/octet-stream") -> Attachment:
    """An Attachment row tying stored bytes to `owner`, in the owner's transaction.

    The owner gets its id now if it has none yet: ids are otherwise assigned at flush.
    """
    from handbook_desktop.core.models import Attachment

    if not owner.id:
        owner.id = new_id()
    attachment = Attachment(unit_id=owner.unit_id, owner_table=owner.__tablename__, owner_id=owner.id,
                            sha256=blob.sha256, filename=filename[:255], mime_type=mime_type, size=blob.size)
    session.add(attachment)
    return attachment


def attachments_of(session: Session, owner: Syncable) -> list[Attachment]:
    from sqlalchemy import select

    from handbook_desktop.core.models import Attachment

    return list(session.scalars(select(Attachment).where(
        Attachment.owner_table == owner.__tablename__, Attachment.owner_id == owner.id,
        Attachment.deleted_at.is_(None))))
