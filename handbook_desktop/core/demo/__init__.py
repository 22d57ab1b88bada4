"""The demo workspace: a realistic cell (members, library, meetings) for a first look."""

from handbook_desktop.core.faces import lazy_face

__getattr__, __all__ = lazy_face(__name__, globals(), {
    "loader": ("create_demo",),
})
