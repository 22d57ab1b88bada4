"""The Party's organisation: the unit tree, users and their roles, and this workspace's own cell
(set up without a server, its term).

The lowest feature: it uses no other feature (members, library and meetings build on it).
"""

from handbook_desktop.core.faces import lazy_face
from handbook_desktop.core.org import labels  # noqa: F401 - registered on import

__getattr__, __all__ = lazy_face(__name__, globals(), {
    "labels": ("UNIT_KIND_LABELS",),
    "codes": ("Role", "UnitKind"),
    "models": ("OrgUnit", "RoleAssignment", "User"),
    "setup": ("CellSetup", "cell_setup", "check_cell_setup", "set_up_cell", "split_parents", "update_cell"),
    "terms": ("default_term", "parse_term"),
    "units": ("cell_name", "unit_path"),
})
