"""Whether this device may change the cell's records, from the sync account's grants.

A workspace not connected to a server, or whose cell is not the account's (a cell set up
offline, not adopted yet), is the secretary's own notebook: editable. A connected one is
editable when the account is the cell's secretary or deputy secretary, or an admin; a
member's or a committee's device shows the records read only (the server refuses their
changes, so an edit there would only be lost).
"""

import json
from collections.abc import Iterable

from sqlalchemy import select

from handbook_desktop.core.models import WorkspaceFact
from handbook_desktop.core.workspace import UnitOfWork

# Facts sync/account.py writes on connecting (a test keeps the names equal).
SERVER_FACT, UNIT_FACT, GRANTS_FACT = "sync_server_url", "sync_unit_id", "sync_grants"
WRITE_ROLES = frozenset({"secretary", "deputy_secretary"})
ADMIN = "admin"


def grants_write(grants: Iterable[tuple[str, str]], unit_id: str) -> bool:
    """True when (unit id, role) grants let their holder change the records of `unit_id`."""
    return any(role == ADMIN or (role in WRITE_ROLES and unit == unit_id) for unit, role in grants)


def can_edit_cell(uow: UnitOfWork) -> bool:
    facts = dict(uow.session.execute(select(WorkspaceFact.key, WorkspaceFact.value).where(
        WorkspaceFact.key.in_((SERVER_FACT, UNIT_FACT, GRANTS_FACT)))).all())
    home = uow.cell.unit_id
    if not facts.get(SERVER_FACT) or home is None or facts.get(UNIT_FACT) != home:
        return True
    return grants_write(json.loads(facts.get(GRANTS_FACT) or "[]"), home)
