"""The library: documents and news articles, reading them, importing files, searching.

Screens, commands and other features use these names only. Every service takes the
caller's unit of work; `import_files` and `rebuild_index` take the workspace (many
actions, or upkeep). Loading the schema (`models.registry.load_all`, done by every workspace
before its first session) installs the search index hook (`search_index`), so no document or
article is ever written without its index rows; importing this package alone loads no ORM.
"""

from handbook_desktop.core.faces import lazy_face

# Tables whose changes the library's screens show (a reading position is not shown in a list).
LIBRARY_TABLES = frozenset({"documents", "articles", "favorites", "read_receipts"})

__getattr__, __all__ = lazy_face(__name__, globals(), {
    "extract": ("MIME_TYPES", "SUPPORTED_SUFFIXES", "display_name", "extract_bytes", "read_document_file"),
    "importer": ("FileResult", "ImportCancelled", "ImportReport", "ImportStatus", "import_files", "refusal_message"),
    "labels": ("CATEGORY_LABELS", "category_label"),
    "metadata": ("detect_classification", "recognise"),
    "codes": ("Channel", "DocumentType"),
    "models": ("Article", "Document"),
    "item": ("ARTICLES", "DOCUMENTS", "LibraryItem"),
    "reading": ("FINISHED", "LOCAL_READER", "Attached", "DocumentFields", "ItemFilter", "Reading", "continue_reading",
                "find_readable", "issuers_and_years", "list_items", "open_item", "paragraphs_of", "read_item", "save_position",
                "set_favorite", "update_document"),
    "reading_models": ("Favorite", "ReadingPosition", "ReadReceipt"),
    "search_query": ("KINDS", "SearchHit", "search"),
    "search_index": ("rebuild_index",),
})
