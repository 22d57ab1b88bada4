"""The home screen's figures (the cell, its members, meetings, library and pending changes) and
Đã xóa, the trash of every feature."""

from handbook_desktop.core.faces import lazy_face

__getattr__, __all__ = lazy_face(__name__, globals(), {
    "glance": ("LastMeeting", "OverdueTask", "Overview"),
    "overview": ("load_overview", "take_snapshot"),
    "snapshot": ("DAYS_KEPT", "GLANCE_TABLES", "Glance", "Snapshot", "load_snapshot", "save_snapshot"),
    "trash": ("DOCUMENT", "Deleted", "MEETING", "MEMBER", "TRASH_DAYS", "delete", "deleted_items", "describe",
              "kind_label", "kind_word", "restore", "undo_creation"),
})
