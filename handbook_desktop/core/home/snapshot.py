"""The home page's figures kept for the next start: the window paints from them before the ORM loads.

Loading SQLAlchemy and mapping the models takes about half a second, more than the rest of a
start; the home page's figures change only when the tables they come from do. So the window
keeps them here (`home-snapshot.json` in the data folder) with two facts read in the same
transaction: the generation of those tables — a counter that SQLite triggers raise on every
write to them, by any program (migration 0008) — and the days they were computed for (the
figures depend on the day: days left, overdue tasks, probations due). The next start reads the
counter with the standard library's `sqlite3`; when it matches and today is one of the days,
the window paints from the file, then reads everything through the ORM off its thread and
shows any difference. Anything else — no file, a damaged or foreign one, another version, a
changed table, a day not kept, a restored file (`backup.forget_closed`) — is simply a start
without it.

The file is plain JSON decoded by the dataclasses' own field types: never code, never trusted.
"""

import dataclasses
import json
import logging
import os
import sqlite3
import types
import typing
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from enum import Enum
from pathlib import Path
from typing import Any, TypeVar

from handbook_desktop import __version__
from handbook_desktop.core.backup import open_read_only
from handbook_desktop.core.backup_schedule import days_without_safe_backup
from handbook_desktop.core.home.glance import Overview
from handbook_desktop.core.library.item import LibraryItem
from handbook_desktop.core.paths import DATABASE_NAME, SNAPSHOT_NAME

log = logging.getLogger(__name__)

DAYS_KEPT = 7  # a start on any of the next days paints at once, until the data changes
# Every table the home page and the status bar read (checked by a test that records the
# tables SQLite reads), and the sync history the status bar shows with an account; migration
# 0008 keeps a trigger on each.
GLANCE_TABLES = frozenset({
    "agenda_items", "articles", "attachments", "attendance", "documents", "favorites", "meeting_guests",
    "meeting_materials", "meetings", "member_events", "members", "org_units", "outbox", "read_receipts",
    "reading_positions", "resolution_items", "resolutions", "sync_conflicts", "sync_cursors", "sync_runs",
    "workspace_facts"})
GENERATION_SQL = "SELECT value FROM data_generation WHERE id = 1"

T = TypeVar("T")


@dataclass(frozen=True)
class Glance:
    """What the window needs for its first screen: the home figures of a day, the items left
    part-way and the shell's own facts (the sync account's: sync/account_facts.py)."""

    overview: Overview
    reading: list[LibraryItem]
    status: dict[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class Snapshot:
    """Figures read in one transaction: of each day kept, with the generation they were read at."""

    generation: int
    overviews: dict[date, Overview]
    reading: list[LibraryItem]
    status: dict[str, str] = field(default_factory=dict)  # filled by the shell in the same transaction


def generation_in(connection) -> int:
    """The counter, read on the caller's connection (DB-API or SQLAlchemy's) inside its transaction."""
    run = getattr(connection, "exec_driver_sql", None) or connection.execute
    return int(run(GENERATION_SQL).fetchone()[0])


def save_snapshot(data_dir: Path, snapshot: Snapshot) -> None:
    """Keep the figures for the next start; a failure (a full disk) only costs that start its head start."""
    record = {"version": __version__, "generation": snapshot.generation, "status": snapshot.status,
              "days": {day.isoformat(): _encode(overview) for day, overview in snapshot.overviews.items()},
              "reading": _encode(snapshot.reading)}
    path = data_dir / SNAPSHOT_NAME
    temporary = path.with_suffix(f".{os.getpid()}.tmp")  # two windows on one folder never share one
    try:
        temporary.write_text(json.dumps(record, ensure_ascii=False), encoding="utf-8")
        os.replace(temporary, path)
    except OSError:
        log.warning("could not keep the home page's figures in %s", path, exc_info=True)
        temporary.unlink(missing_ok=True)


def load_snapshot(data_dir: Path, today: date) -> Glance | None:
    """The first screen's figures when they still hold today, else None (see the docstring)."""
    try:
        record = json.loads((data_dir / SNAPSHOT_NAME).read_text(encoding="utf-8"))
        if (not isinstance(record, dict) or record.get("version") != __version__
                or record.get("generation") != _current_generation(data_dir / DATABASE_NAME)):
            return None
        day = record["days"].get(today.isoformat())
        if day is None:
            return None
        overview = _decode(Overview, day)
        # Backups are files, not rows: whether to remind of one is read now, as load_overview does.
        overview = dataclasses.replace(overview, days_without_safe_backup=None if overview.is_demo
                                       else days_without_safe_backup(data_dir, today))
        return Glance(overview, _decode(list[LibraryItem], record["reading"]), _decode(dict[str, str], record["status"]))
    except (OSError, ValueError, KeyError, TypeError, AttributeError, sqlite3.Error):
        return None


def days_from(today: date) -> list[date]:
    return [today + timedelta(days=n) for n in range(DAYS_KEPT)]


def _current_generation(db_path: Path) -> int | None:
    if not db_path.exists():
        return None
    with open_read_only(db_path) as conn:
        return generation_in(conn)


def _encode(value: Any) -> Any:
    if dataclasses.is_dataclass(value):
        return {field.name: _encode(getattr(value, field.name)) for field in dataclasses.fields(value)}
    if isinstance(value, (list, tuple)):
        return [_encode(item) for item in value]
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, (date, datetime)):
        return value.isoformat()
    return value


def _decode(kind: Any, value: Any) -> Any:
    """`value` read back as `kind`, or ValueError/TypeError when it is not one."""
    origin, args = typing.get_origin(kind), typing.get_args(kind)
    if origin in (types.UnionType, typing.Union):
        if value is None and type(None) in args:
            return None
        (inner,) = [arg for arg in args if arg is not type(None)]
        return _decode(inner, value)
    if origin is dict:
        if not isinstance(value, dict):
            raise TypeError(f"{value!r} is not a record")
        return {_decode(args[0], key): _decode(args[1], item) for key, item in value.items()}
    if origin in (list, tuple):
        if not isinstance(value, list):
            raise TypeError(f"{value!r} is not a list")
        items = [_decode(args[0], item) for item in value]
        return items if origin is list else tuple(items)
    if dataclasses.is_dataclass(kind):
        if not isinstance(value, dict):
            raise TypeError(f"{value!r} is not a record")
        hints = typing.get_type_hints(kind)
        return kind(**{field.name: _decode(hints[field.name], value[field.name])
                       for field in dataclasses.fields(kind) if field.init})
    if isinstance(kind, type) and issubclass(kind, Enum):
        return kind(value)
    if kind is datetime:
        return _aware(datetime.fromisoformat(_text(value)))
    if kind is date:
        return date.fromisoformat(_text(value))
    if kind in (int, str, bool, float) and type(value) is kind or (kind is float and type(value) is int):
        return value
    raise TypeError(f"{value!r} is not a {kind}")


def _text(value: Any) -> str:
    if not isinstance(value, str):
        raise TypeError(f"{value!r} is not text")
    return value


def _aware(moment: datetime) -> datetime:
    if moment.tzinfo is None:  # every time the services give is aware; a naive one was not written by us
        raise ValueError(f"{moment} has no time zone")
    return moment
