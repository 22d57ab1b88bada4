"""The home screen's figures: the cell, its members, meetings, library and pending changes."""

from handbook_desktop.core.faces import lazy_face

__getattr__, __all__ = lazy_face(__name__, globals(), {
    "overview": ("LastMeeting", "OverdueTask", "Overview", "load_overview"),
})
