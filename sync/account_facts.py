"""The account as the workspace's facts keep it: plain data, no database, network or keyring.

sync/account.py reads and writes the facts; the window's first screen rebuilds the account
from the facts the home page's snapshot kept (core/home/snapshot.py), before SQLAlchemy and the
sync client load. Roles compare by value: the server's (sync/protocol.py) and the local codes
(core/org/codes.py) are the same strings.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import datetime
from typing import TYPE_CHECKING

from handbook_desktop.core.org import Role

if TYPE_CHECKING:
    from handbook_desktop.core.workspace import UnitOfWork

SERVER, USERNAME, USER_ID, DEVICE_ID = "sync_server_url", "sync_username", "sync_user_id", "sync_device_id"
UNIT_ID, UNIT_NAME, GRANTS, FULL_NAME = "sync_unit_id", "sync_unit_name", "sync_grants", "sync_full_name"
ACCOUNT_FACTS = (SERVER, USERNAME, USER_ID, DEVICE_ID, UNIT_ID, UNIT_NAME, GRANTS, FULL_NAME)
# Kept beside them for the first screen only (`first_screen_facts`), never stored as facts.
LAST_SUCCESS, OPEN_CONFLICTS = "last_success", "open_conflicts"


@dataclass(frozen=True)
class Account:
    server_url: str
    username: str
    user_id: str
    device_id: str
    unit_id: str
    unit_name: str
    grants: tuple[tuple[str, str], ...]  # (unit id, role)
    full_name: str = ""
    # Said once, on connecting: e.g. that a cell set up offline keeps its own data.
    notice: str = field(default="", compare=False)

    @property
    def is_editor(self) -> bool:
        return any(role == Role.EDITOR for _unit, role in self.grants)

    @property
    def is_admin(self) -> bool:
        return any(role == Role.ADMIN for _unit, role in self.grants)

    @property
    def key(self) -> str:
        return f"{self.server_url}|{self.username}"


def account_from_facts(facts: dict[str, str]) -> Account | None:
    """None when the workspace is not connected."""
    if not facts.get(SERVER) or not facts.get(USERNAME):
        return None
    grants = tuple((unit, role) for unit, role in json.loads(facts.get(GRANTS) or "[]"))
    return Account(facts[SERVER], facts[USERNAME], facts.get(USER_ID, ""), facts.get(DEVICE_ID, ""),
                   facts.get(UNIT_ID, ""), facts.get(UNIT_NAME, ""), grants, facts.get(FULL_NAME, ""))


def read_account_facts(uow: UnitOfWork) -> dict[str, str]:
    from sqlalchemy import select

    from handbook_desktop.core.models import WorkspaceFact

    return dict(uow.session.execute(select(WorkspaceFact.key, WorkspaceFact.value)
                                    .where(WorkspaceFact.key.in_(ACCOUNT_FACTS))).all())


def first_screen_facts(uow: UnitOfWork) -> dict[str, str]:
    """What the window's first screen shows of the account, kept with the home page's figures:
    the account's facts, its last successful round and the open conflicts ({} without one, and
    then the sync client is not loaded)."""
    facts = read_account_facts(uow)
    if account_from_facts(facts) is None:
        return {}
    from sync import conflicts, history

    last = history.last_success(uow)
    return {**facts, LAST_SUCCESS: last.isoformat() if last else "", OPEN_CONFLICTS: str(conflicts.conflict_count(uow))}


def first_screen_state(facts: dict[str, str]) -> tuple[Account | None, datetime | None, int]:
    """`first_screen_facts` read back: the account, its last successful round, the open conflicts."""
    last = facts.get(LAST_SUCCESS)
    return account_from_facts(facts), datetime.fromisoformat(last) if last else None, int(facts.get(OPEN_CONFLICTS) or 0)
