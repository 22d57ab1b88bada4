"""The Party's organisation: the unit tree, users and their roles.

The lowest feature: it uses no other feature (members, library and meetings build on it).
"""

from handbook_desktop.core.org import labels  # noqa: F401 - registers the unit kinds' names
from handbook_desktop.core.org.labels import UNIT_KIND_LABELS
from handbook_desktop.core.org.models import OrgUnit, Role, RoleAssignment, UnitKind, User
from handbook_desktop.core.org.units import cell_name, unit_path

__all__ = ["OrgUnit", "Role", "RoleAssignment", "UNIT_KIND_LABELS", "UnitKind", "User", "cell_name", "unit_path"]
