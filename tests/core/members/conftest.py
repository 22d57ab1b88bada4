"""What the roster tests share."""

import pytest

from handbook_desktop.core.models import WorkspaceFact
from handbook_desktop.core.org.models import OrgUnit, UnitKind
from handbook_desktop.core.workspace import HOME_UNIT


@pytest.fixture
def cell(workspace):
    """An empty register of a cell, as a first sync leaves it."""
    with workspace.session(record_outbox=False) as session:
        unit = OrgUnit(id="cell-1", unit_id="cell-1", kind=UnitKind.CELL, name="Chi bộ Khu phố 5")
        session.add_all([unit, WorkspaceFact(key=HOME_UNIT, value="cell-1")])
    return workspace
