"""The library: documents and news articles, reading them, importing files, searching.

Screens, commands and other features use these names only. Every service takes the
caller's unit of work; `import_files` and `rebuild_index` take the workspace (many
actions, or upkeep). Importing this package installs the search index hook
(`search_index`), so no document or article is ever written without its index rows.
"""

from handbook_desktop.core.faces import lazy_face
from handbook_desktop.core.library import search_index  # noqa: F401 - registered on import

# Tables whose changes the library's screens show (a reading position is not shown in a list).
LIBRARY_TABLES = frozenset({"documents", "articles", "favorites", "read_receipts"})

__getattr__, __all__ = lazy_face(__name__, globals(), {
    "extract": ("MIME_TYPES", "SUPPORTED_SUFFIXES", "display_name", "extract_bytes", "read_document_file"),
    "importer": ("FileResult", "ImportCancelled", "ImportReport", "ImportStatus", "import_files", "refusal_message"),
    "labels": ("CATEGORY_LABELS", "category_label"),
    "metadata": ("detect_classification", "recognise"),
    "models": ("Article", "Channel", "Document", "DocumentType"),
    "reading": ("ARTICLES", "DOCUMENTS", "FINISHED", "LOCAL_READER", "Attached", "DocumentFields",
                "ItemFilter", "LibraryItem", "Reading", "continue_reading", "find_readable",
                "issuers_and_years", "list_items", "open_item", "paragraphs_of", "read_item", "save_position",
                "set_favorite", "update_document"),
    "reading_models": ("Favorite", "ReadingPosition", "ReadReceipt"),
    "search_query": ("KINDS", "SearchHit", "search"),
    "search_index": ("rebuild_index",),
})
