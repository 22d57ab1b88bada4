"""Where a unit sits in the Party's tree, as documents and screens name it."""

from handbook_desktop.core.org.models import OrgUnit
from handbook_desktop.core.workspace import UnitOfWork


def unit_path(uow: UnitOfWork, unit_id: str | None = None) -> list[str]:
    """Names from the unit (by default the home cell) up to the highest unit known here;
    empty when the workspace keeps no cell yet."""
    unit_id = unit_id or uow.cell.unit_id
    names = []
    while unit_id:
        unit = uow.session.get(OrgUnit, unit_id)
        if unit is None:
            break
        names.append(unit.name)
        unit_id = unit.parent_id
    return names


def cell_name(uow: UnitOfWork) -> str:
    """The home cell's name, or "" when the workspace keeps no cell yet."""
    return next(iter(unit_path(uow)), "")
