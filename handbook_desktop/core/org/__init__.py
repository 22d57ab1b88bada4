from handbook_desktop.core.org import labels  # noqa: F401
