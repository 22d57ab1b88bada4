"""Infrastructure tables: the declarative base, local-only rows and stored files.

Each feature package owns its models (`core/<feature>/models.py`); `registry.load_all()`
imports them all where the whole schema is needed (migrations).
"""

from handbook_desktop.core.models.attachment import Attachment
from handbook_desktop.core.models.base import Base, Syncable, utcnow
from handbook_desktop.core.models.conflict import SyncConflict
from handbook_desktop.core.models.local import (OPEN_STATES, OutboxEntry, OutboxState, SyncCursor, SyncRun, WaitingRecord,
                                           WorkspaceFact)

__all__ = ["OPEN_STATES", "Attachment", "Base", "OutboxEntry", "OutboxState", "SyncConflict", "SyncCursor", "SyncRun",
           "Syncable", "WaitingRecord", "WorkspaceFact", "utcnow"]
