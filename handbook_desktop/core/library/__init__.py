"""The library: documents and news articles, reading them, importing files, searching.

Screens, commands and other features use these names only. Every service takes the
caller's unit of work; `import_files` and `rebuild_index` take the workspace (many
actions, or upkeep). Importing this package installs the search index hook
(`search_index`), so no document or article is ever written without its index rows.
"""

from handbook_desktop.core.library import search_index  # noqa: F401 - installs the index hook
from handbook_desktop.core.library.extract import SUPPORTED_SUFFIXES
from handbook_desktop.core.library.importer import (FileResult, ImportCancelled, ImportReport, ImportStatus,
                                                    import_files)
from handbook_desktop.core.library.labels import CATEGORY_LABELS, category_label
from handbook_desktop.core.library.models import Article, Channel, Document, DocumentType
from handbook_desktop.core.library.reading import (ARTICLES, DOCUMENTS, FINISHED, LOCAL_READER, Attached,
                                                   DocumentFields, ItemFilter, LibraryItem, Reading,
                                                   continue_reading, find_readable, issuers_and_years, list_items,
                                                   open_item, paragraphs_of, read_item, save_position, set_favorite,
                                                   update_document)
from handbook_desktop.core.library.reading_models import Favorite, ReadingPosition, ReadReceipt
from handbook_desktop.core.library.search_query import KINDS, SearchHit, search
from handbook_desktop.core.library.search_index import rebuild_index

# Tables whose changes the library's screens show (a reading position is not shown in a list).
LIBRARY_TABLES = frozenset({"documents", "articles", "favorites", "read_receipts"})

__all__ = [
    "ARTICLES", "Article", "Attached", "CATEGORY_LABELS", "Channel", "DOCUMENTS", "Document", "DocumentFields",
    "DocumentType", "FINISHED", "Favorite", "FileResult", "ImportCancelled", "ImportReport", "ImportStatus",
    "ItemFilter", "KINDS", "LIBRARY_TABLES", "LOCAL_READER", "LibraryItem", "ReadReceipt", "Reading",
    "ReadingPosition", "SUPPORTED_SUFFIXES", "SearchHit", "category_label", "continue_reading", "find_readable",
    "import_files", "issuers_and_years", "list_items", "open_item", "paragraphs_of", "read_item",
    "rebuild_index", "save_position", "search", "set_favorite", "update_document",
]
