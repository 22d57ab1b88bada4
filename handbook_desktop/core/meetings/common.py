"""What every meeting service needs: loading a meeting, the lock, names, days, attached files.

Not part of the public API: the GUI imports `core.meetings`.
"""

import contextlib
import mimetypes
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from handbook_desktop.core import attachments
from handbook_desktop.core.meetings.models import Meeting, MeetingState
from handbook_desktop.core.members.models import Member
from handbook_desktop.core.models import Attachment, Syncable
from handbook_desktop.core.errors import UserError, ValidationError
from handbook_desktop.core.clock import VIETNAM_TIME
from handbook_desktop.core.text.formatting import format_datetime
from handbook_desktop.core.models import utcnow
from handbook_desktop.core.workspace import UnitOfWork
from handbook_desktop.i18n import _


class MinutesLocked(ValidationError):
    """The minutes were approved: nothing of them changes any more, addenda only."""


@dataclass(frozen=True)
class AttachedFile:
    """A stored file shown beside a record; open it with `attachments.viewable_copy`."""

    id: str
    filename: str
    sha256: str
    size: int
    mime_type: str


def load_meeting(session: Session, meeting_id: str) -> Meeting:
    meeting = session.get(Meeting, meeting_id)
    if meeting is None or meeting.deleted_at is not None:
        raise UserError(_("Không tìm thấy cuộc họp này (có thể đã bị xóa)."))
    return meeting


LOCKED_STATES = frozenset({MeetingState.APPROVED, MeetingState.ARCHIVED})


def is_locked(meeting: Meeting) -> bool:
    """Approved minutes are read-only; seed or synced meetings may be approved without a lock time."""
    return meeting.locked_at is not None or meeting.state in LOCKED_STATES


def require_unlocked(meeting: Meeting) -> None:
    if not is_locked(meeting):
        return
    if meeting.locked_at is None:
        raise MinutesLocked(_("Biên bản cuộc họp “{title}” đã được thông qua và đã khóa: không sửa được. "
                              "Muốn đính chính hay bổ sung, hãy lập phụ lục biên bản.").format(title=meeting.title))
    raise MinutesLocked(_("Biên bản cuộc họp “{title}” đã được thông qua lúc {when} và đã khóa: không sửa được. "
                          "Muốn đính chính hay bổ sung, hãy lập phụ lục biên bản.").format(
        title=meeting.title, when=format_datetime(meeting.locked_at)))


def member_names(session: Session, member_ids: set[str | None]) -> dict[str, str]:
    ids = {member_id for member_id in member_ids if member_id}
    if not ids:
        return {}
    return dict(session.execute(select(Member.id, Member.full_name).where(Member.id.in_(ids))).all())


def day_start(day: date) -> datetime:
    """Midnight in Vietnam at the start of `day`, as an aware datetime."""
    return datetime(day.year, day.month, day.day, tzinfo=VIETNAM_TIME)


def month_bounds(year: int, month: int) -> tuple[datetime, datetime]:
    first = date(year, month, 1)
    following = (first + timedelta(days=32)).replace(day=1)
    return day_start(first), day_start(following)


def require_aware(moment: datetime | None, field: str) -> None:
    # A naive time is a programming error, but the message still says which field.
    if moment is not None and moment.tzinfo is None:
        raise ValueError(f"{field}: pass an aware datetime")


def live(model):
    return model.deleted_at.is_(None)


def tombstone_removed(rows: dict[str, Syncable], loaded: set[str]) -> None:
    """Tombstone the rows an editor loaded and no longer holds. A row it never loaded (added
    on another device after it opened) is not the editor's to remove: it stays."""
    now = utcnow()
    for row_id, row in rows.items():
        if row_id in loaded:
            row.deleted_at = now


def next_position(session: Session, model, meeting_id: str) -> int:
    positions = session.scalars(select(model.position).where(model.meeting_id == meeting_id))
    return max(positions, default=-1) + 1


def one_line(text: str) -> str:
    return " ".join(text.split())


MAX_FILE_BYTES = 100 * 1024 * 1024  # a scan or a slide deck, not a video


def attach_file(uow: UnitOfWork, path: Path, owner_of: Callable[[Session], Syncable],
                suffixes: tuple[str, ...] | None = None) -> AttachedFile:
    """Store a file's bytes and tie them to the row `owner_of` returns, in the caller's unit of work.

    `owner_of` runs inside the transaction (it checks the lock, may add the owner row). Bytes
    stored for a row that could not be added are taken back; after a later rollback they stay
    in the store unreferenced, which nothing shows.
    """
    path = Path(path)
    name = unicodedata.normalize("NFC", path.name)  # macOS hands out decomposed names
    if suffixes is not None and path.suffix.lower() not in suffixes:
        raise ValidationError(_("Tệp {name}: chỉ nhận các dạng {kinds}.").format(name=name, kinds=", ".join(suffixes)))
    data = _read(path, name)
    blob = attachments.store_bytes(uow.data_dir, data)
    mime_type = mimetypes.guess_type(name)[0] or "application/octet-stream"
    session = uow.session
    try:
        row = attachments.add_attachment(session, owner_of(session), blob, name, mime_type)
        session.flush()
        return AttachedFile(row.id, row.filename, row.sha256, row.size, row.mime_type)
    except BaseException:
        # The error that lost the row matters more than one that may hit while tidying up
        # after it (a failed flush leaves the session unable to query: the bytes then stay).
        with contextlib.suppress(Exception), session.no_autoflush:
            attachments.discard_if_unreferenced(session, uow.data_dir, blob)
        raise


def _read(path: Path, name: str) -> bytes:
    try:
        if path.stat().st_size > MAX_FILE_BYTES:
            raise ValidationError(_("Tệp {name} lớn hơn {size} MB.").format(name=name, size=MAX_FILE_BYTES >> 20))
        return path.read_bytes()
    except OSError as exc:
        raise UserError(_("Không đọc được tệp {name} ({error}).").format(name=name, error=exc.strerror or exc)) from exc


def attached_files(session: Session, owner: Syncable) -> list[AttachedFile]:
    return [AttachedFile(a.id, a.filename, a.sha256, a.size, a.mime_type)
            for a in attachments.attachments_of(session, owner)]


def remove_attachment(uow: UnitOfWork, attachment_id: str,
                      owner_check: Callable[[Session, Attachment], None]) -> None:
    """Tombstone an attachment row; the bytes stay in the store (other rows may share them)."""
    row = uow.session.get(Attachment, attachment_id)
    if row is None or row.deleted_at is not None:
        raise UserError(_("Không tìm thấy tệp đính kèm này (có thể đã bị gỡ)."))
    owner_check(uow.session, row)
    row.deleted_at = utcnow()
