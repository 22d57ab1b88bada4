from handbook_desktop.core.members import labels  # noqa: F401
