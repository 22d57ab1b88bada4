"""The home screen's figures: the cell, its members, meetings, library and pending changes."""

from handbook_desktop.core.home.overview import LastMeeting, Overview, load_overview

__all__ = ["LastMeeting", "Overview", "load_overview"]
