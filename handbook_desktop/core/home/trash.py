"""Đã xóa: deleting a document, a member or a meeting, undoing it, and restoring within 30 days.

Each feature describes its own kind (`library/removal.py`, `members/removal.py`,
`meetings/removal.py`); home sits above them all, so this is where a kind gets the rules
other features add: meetings keep a member who took part in them and a document that is a
meeting's material. Deleted rows are tombstones (`core/tombstones.py`) and reach the outbox,
so a sync carries the deletion and, later, the restore.

Deletions of the last `TRASH_DAYS` days are listed and can be restored. Older ones stay in the
database as tombstones (the server keeps them the same way) and are no longer offered.
"""

from dataclasses import replace
from datetime import datetime, timedelta

from handbook_desktop.core import tombstones
from handbook_desktop.core.errors import UserError, ValidationError
from handbook_desktop.core.library.removal import DOCUMENT_REMOVAL
from handbook_desktop.core.meetings.removal import (MEETING_REMOVAL, document_in_meetings, expected_at_meetings,
                                                    member_in_meetings)
from handbook_desktop.core.members.removal import MEMBER_REMOVAL
from handbook_desktop.core.text.formatting import format_date
from handbook_desktop.core.tombstones import Deleted, Removal
from handbook_desktop.core.workspace import UnitOfWork
from handbook_desktop.i18n import N_, _

TRASH_DAYS = 30
DOCUMENT, MEMBER, MEETING = DOCUMENT_REMOVAL.kind, MEMBER_REMOVAL.kind, MEETING_REMOVAL.kind
KINDS: dict[str, Removal] = {
    DOCUMENT: replace(DOCUMENT_REMOVAL, refusals=(*DOCUMENT_REMOVAL.refusals, document_in_meetings)),
    MEMBER: replace(MEMBER_REMOVAL, refusals=(*MEMBER_REMOVAL.refusals, member_in_meetings),
                    dependents=(*MEMBER_REMOVAL.dependents, expected_at_meetings)),
    MEETING: MEETING_REMOVAL,
}
KIND_LABELS = {DOCUMENT: N_("Văn bản"), MEMBER: N_("Đảng viên"), MEETING: N_("Cuộc họp")}  # a list's column
KIND_WORDS = {DOCUMENT: N_("văn bản"), MEMBER: N_("đảng viên"), MEETING: N_("cuộc họp")}  # inside a sentence


def kind_label(kind: str) -> str:
    return _(KIND_LABELS[kind])


def kind_word(kind: str) -> str:
    return _(KIND_WORDS[kind])


def describe(uow: UnitOfWork, kind: str, item_id: str) -> str:
    """The item as a question or a message names it: the words the Đã xóa list will show."""
    removal = KINDS[kind]
    row = uow.session.get(removal.model, item_id)
    if row is None:
        raise UserError(_(removal.missing))
    return removal.title(row)


def delete(uow: UnitOfWork, kind: str, item_id: str) -> Deleted:
    """Delete one document, member or meeting (a tombstone), or refuse with the reason."""
    return tombstones.delete(uow.session, KINDS[kind], item_id, uow.now())


def restore(uow: UnitOfWork, kind: str, item_id: str, deleted_at: datetime | None = None,
            now: datetime | None = None) -> Deleted:
    """Bring back what one deletion took; `deleted_at` (from the list or an undo) must still
    be the row's deletion. Deletions older than `TRASH_DAYS` are no longer restored."""
    removal = KINDS[kind]
    row = uow.session.get(removal.model, item_id)
    if row is not None and row.deleted_at is not None and row.deleted_at < _window_start(uow, now):
        raise ValidationError(_("“{title}” đã bị xóa từ ngày {date}, quá {days} ngày: không khôi phục được nữa.").format(
            title=removal.title(row), date=format_date(row.deleted_at.date()), days=TRASH_DAYS))
    return tombstones.restore(uow.session, removal, item_id, deleted_at)


def deleted_items(uow: UnitOfWork, now: datetime | None = None) -> list[Deleted]:
    """What was deleted in the last `TRASH_DAYS` days, newest first."""
    since = _window_start(uow, now)
    items = [item for removal in KINDS.values() for item in tombstones.deleted_since(uow.session, removal, since)]
    return sorted(items, key=lambda item: item.deleted_at, reverse=True)


def undo_creation(uow: UnitOfWork, kind: str, item_ids: list[str]) -> list[Deleted]:
    """The undo of adding rows (a member, imported documents): delete them, all or none,
    unless one was changed since it was made; rows deleted meanwhile are gone already."""
    removal = KINDS[kind]
    rows = [row for row in (uow.session.get(removal.model, item_id) for item_id in item_ids)
            if row is not None and row.deleted_at is None]
    for row in rows:
        if row.updated_at != row.created_at:
            raise ValidationError(_("“{title}” đã được sửa sau khi tạo: không hoàn tác được. Muốn bỏ, hãy xóa "
                                    "nó.").format(title=removal.title(row)))
    return [delete(uow, kind, row.id) for row in rows]


def _window_start(uow: UnitOfWork, now: datetime | None) -> datetime:
    return (now or uow.now()) - timedelta(days=TRASH_DAYS)
