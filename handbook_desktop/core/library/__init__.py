from handbook_desktop.core.library import labels, search_index  # noqa: F401
