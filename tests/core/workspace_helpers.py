"""What the tests of the unit of work and of the GUI operations share: a row to write, and
another program holding the database's write lock."""

import sqlite3
import threading
import time

from handbook_desktop.core.ids import new_id
from handbook_desktop.core.org import OrgUnit, UnitKind


def add_cell(uow, name: str = "Chi bộ Khu phố 5") -> OrgUnit:
    cell = OrgUnit(id=new_id(), kind=UnitKind.CELL, name=name)
    cell.unit_id = cell.id  # a root unit owns itself
    uow.session.add(cell)
    uow.session.flush()
    return cell


def hold_write_lock(path, seconds: float, started: threading.Event) -> None:
    """Another program writing: take SQLite's write lock, keep it, then let go."""
    conn = sqlite3.connect(path, isolation_level=None)
    conn.execute("BEGIN IMMEDIATE")
    started.set()
    time.sleep(seconds)
    conn.execute("ROLLBACK")
    conn.close()
