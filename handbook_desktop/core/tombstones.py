"""Deleting by tombstone, and bringing back exactly what one deletion took.

Syncable rows are never deleted outright: `deleted_at` is set, the outbox hook records it,
and a sync will carry it. One deletion stamps the row and the rows that only make sense with
it (a document's attached file, a meeting's agenda and attendance …) with ONE moment;
restoring revives the rows carrying that moment and nothing else, so a row removed earlier
on its own (an agenda item taken off last week) stays removed. The moment also guards undo:
a row restored or deleted again since carries another one, and the old undo is refused.

Features describe each kind they let users delete with a `Removal` (what goes with the row,
what forbids deleting it, what forbids bringing it back); the home feature, which sits above
them all, puts the kinds together (`core/home/trash.py`).
"""

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import ColumnElement, select
from sqlalchemy.orm import Session

from handbook_desktop.core.errors import UserError, ValidationError
from handbook_desktop.core.models import Syncable
from handbook_desktop.i18n import _

Dependents = Callable[[str], Iterable[tuple[type[Syncable], ColumnElement[bool]]]]
Refusal = Callable[[Session, Any], str | None]
Clash = Callable[[Session, Any, datetime], str | None]


@dataclass(frozen=True)
class Deleted:
    """One deletion as the "Đã xóa" list and the undo stack know it."""

    kind: str  # "document" | "member" | "meeting"
    id: str
    title: str
    deleted_at: datetime  # the moment every row of this deletion carries


@dataclass(frozen=True)
class Removal:
    """What deleting one kind of row means.

    `dependents(id)` names the rows that go and come back with it, as (model, condition);
    each refusal says why this row may not be deleted (or None); `clash` says why it may not
    come back (e.g. the same file imported again since), or None.
    """

    kind: str
    model: type[Syncable]
    title: Callable[[Any], str]
    missing: str  # said when the row is not there (or already deleted); marked with N_
    dependents: tuple[Dependents, ...] = ()
    refusals: tuple[Refusal, ...] = ()
    clashes: tuple[Clash, ...] = ()


def delete(session: Session, removal: Removal, item_id: str, moment: datetime) -> Deleted:
    """Tombstone the row and its live dependents with `moment`; refuse with the first reason."""
    row = session.get(removal.model, item_id)
    if row is None or row.deleted_at is not None:
        raise UserError(_(removal.missing))
    for refusal in removal.refusals:
        reason = refusal(session, row)
        if reason:
            raise ValidationError(reason)
    for model, condition in _dependents(removal, item_id):
        for dependent in session.scalars(select(model).where(condition, model.deleted_at.is_(None))):
            dependent.deleted_at = moment
    row.deleted_at = moment
    return Deleted(removal.kind, row.id, removal.title(row), moment)


def restore(session: Session, removal: Removal, item_id: str, deleted_at: datetime | None = None) -> Deleted:
    """Revive the row and the dependents its deletion took.

    With `deleted_at` (an undo, or a line of the "Đã xóa" list), refuse when the row was
    restored or deleted again since: it is no longer the deletion the user means.
    """
    row = session.get(removal.model, item_id)
    if row is None:
        raise UserError(_(removal.missing))
    title = removal.title(row)
    if row.deleted_at is None:
        raise ValidationError(_("“{title}” không còn bị xóa (đã được khôi phục).").format(title=title))
    if deleted_at is not None and row.deleted_at != deleted_at:
        raise ValidationError(_("“{title}” đã bị xóa lại sau đó: hãy khôi phục từ danh sách Đã xóa.").format(
            title=title))
    moment = row.deleted_at
    for clash in removal.clashes:
        reason = clash(session, row, moment)
        if reason:
            raise ValidationError(reason)
    for model, condition in _dependents(removal, item_id):
        for dependent in session.scalars(select(model).where(condition, model.deleted_at == moment)):
            dependent.deleted_at = None
    row.deleted_at = None
    return Deleted(removal.kind, row.id, title, moment)


def deleted_since(session: Session, removal: Removal, since: datetime) -> list[Deleted]:
    rows = session.scalars(select(removal.model).where(removal.model.deleted_at >= since))
    return [Deleted(removal.kind, row.id, removal.title(row), row.deleted_at) for row in rows]


def _dependents(removal: Removal, item_id: str) -> list[tuple[type[Syncable], ColumnElement[bool]]]:
    return [pair for dependents in removal.dependents for pair in dependents(item_id)]
