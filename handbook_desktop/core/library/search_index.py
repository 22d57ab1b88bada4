"""The search index of the library: what it holds and how it is kept in step.

The index (migration 0003) is three tables kept in step with `documents` and `articles`:

- `search_items`: one row per live document or article; its integer id is the rowid of
  both FTS5 tables. A rebuild hands out ids in date order, so a higher id is a newer item.
- `search_text(title, number, body)`: the item's text with every crossed d made d (see
  `text.fold_crossed_d`); FTS5's `unicode61 remove_diacritics 2` tokenizer folds the tones
  and the case, in C, so indexing costs no Python per word. `number` holds the document's
  type and symbol ("Nghị quyết 05-NQ/TW 5-NQ/TW": "nghị quyết 5" finds it too) or the
  article's channel; `body` is summary and body.
- `search_titles(title, number)`: the two short columns again. Its doclists are small, so
  "all the words in the title" is answered in a few milliseconds even for common words.

Index rows are written by an `after_flush` hook on every session, in the same transaction as
the change. Importing the library feature installs it (the package's `__init__`), and no
Document or Article can be made without that import, so no write can miss the index. Bulk
statements bypass ORM hooks, hence `rebuild_index` (their writer tells the listeners
with `uow.mark_changed`). The query side is `search.py`.
"""

from itertools import chain
from typing import TYPE_CHECKING

from sqlalchemy import event, inspect
from sqlalchemy.engine import Connection
from sqlalchemy.orm import Session

from handbook_desktop.core.library.labels import CHANNEL_LABELS, TYPE_LABELS
from handbook_desktop.core.library.models import Article, Document
from handbook_desktop.core.progress import Progress
from handbook_desktop.core.text.folding import CROSSED_D, fold_crossed_d
from handbook_desktop.i18n import _

if TYPE_CHECKING:
    from handbook_desktop.core.workspace import Workspace

TOKENIZER = "unicode61 remove_diacritics 2"
SCHEMA = (
    "CREATE TABLE search_items (id INTEGER PRIMARY KEY, kind VARCHAR(16) NOT NULL, "
    "item_id VARCHAR(36) NOT NULL, UNIQUE (kind, item_id))",
    f"CREATE VIRTUAL TABLE search_text USING fts5(title, number, body, tokenize = '{TOKENIZER}')",
    f"CREATE VIRTUAL TABLE search_titles USING fts5(title, number, tokenize = '{TOKENIZER}')",
)
TABLES = ("search_items", "search_text", "search_titles")
KIND_OF = {Document: "document", Article: "article"}
# Fields whose change alters what the index holds for a row.
INDEXED_FIELDS = {"document": ("title", "number", "doc_type", "summary", "body", "deleted_at"),
                  "article": ("title", "channel", "summary", "body", "deleted_at")}
REBUILD_BATCH = 5000

def number_column(kind: str, code: str, number: str = "") -> str:
    """What the `number` column holds: type label and symbol, or the article's channel.

    The symbol is repeated without leading zeros, so "5-NQ/TW" finds "05-NQ/TW".
    """
    if kind == "article":
        return CHANNEL_LABELS.get(code, "")
    unpadded = f" {number.lstrip('0')}" if number.startswith("0") else ""
    return f"{TYPE_LABELS.get(code, '')} {number}{unpadded}"


def index_columns(kind: str, item: Document | Article) -> tuple[str, str, str]:
    """(title, number, body) as the index stores them for `item`."""
    if isinstance(item, Document):
        number = number_column(kind, item.doc_type or "", item.number or "")
    else:
        number = number_column(kind, item.channel or "")
    body = f"{item.summary or ''}\n{item.body or ''}"
    return fold_crossed_d(item.title or ""), fold_crossed_d(number), fold_crossed_d(body)


def _index_flushed(session: Session, _flush_context) -> None:
    changed = [obj for obj in chain(session.new, session.dirty)
               if type(obj) in KIND_OF and (obj in session.new or _indexed_fields_changed(obj))]
    if changed:
        with session.no_autoflush:
            index_items(session.connection(), changed)


def _indexed_fields_changed(obj: Document | Article) -> bool:
    state = inspect(obj)
    return any(state.attrs[name].history.has_changes() for name in INDEXED_FIELDS[KIND_OF[type(obj)]])


def index_items(connection: Connection, items: list[Document | Article]) -> None:
    """Bring the index in line with `items` as they are now: add, replace or (tombstones) drop."""
    for item in items:
        kind = KIND_OF[type(item)]
        rowid = connection.exec_driver_sql("SELECT id FROM search_items WHERE kind = ? AND item_id = ?",
                                           (kind, item.id)).scalar()
        if rowid is not None:
            _drop_text(connection, rowid)
        if item.deleted_at is not None:
            if rowid is not None:
                connection.exec_driver_sql("DELETE FROM search_items WHERE id = ?", (rowid,))
            continue
        if rowid is None:
            rowid = connection.exec_driver_sql("INSERT INTO search_items (kind, item_id) VALUES (?, ?)",
                                               (kind, item.id)).lastrowid
        title, number, body = index_columns(kind, item)
        connection.exec_driver_sql("INSERT INTO search_text (rowid, title, number, body) VALUES (?, ?, ?, ?)",
                                   (rowid, title, number, body))
        connection.exec_driver_sql("INSERT INTO search_titles (rowid, title, number) VALUES (?, ?, ?)",
                                   (rowid, title, number))


def _drop_text(connection: Connection, rowid: int) -> None:
    for table in ("search_text", "search_titles"):
        connection.exec_driver_sql(f"DELETE FROM {table} WHERE rowid = ?", (rowid,))


# --- Rebuild ---------------------------------------------------------------------------------

def _crossed_d_sql(expression: str) -> str:
    for crossed, plain in CROSSED_D.items():
        expression = f"replace({expression}, '{crossed}', '{plain}')"
    return expression


def _label_sql(column: str, labels: dict[str, str]) -> str:
    cases = " ".join(f"WHEN '{code}' THEN '{text.replace(chr(39), chr(39) * 2)}'" for code, text in labels.items())
    return f"CASE {column} {cases} ELSE '' END"


# Items in date order, so that ids (and FTS5 rowids) grow with the item's date.
ITEMS_IN_DATE_ORDER = (
    "INSERT INTO search_items (kind, item_id) SELECT kind, item_id FROM ("
    "SELECT 'document' AS kind, id AS item_id, coalesce(issued_on, created_at) AS dated FROM documents "
    "WHERE deleted_at IS NULL UNION ALL "
    "SELECT 'article', id, published_at FROM articles WHERE deleted_at IS NULL) ORDER BY dated, item_id")
_DOCUMENT_NUMBER = (f"{_label_sql('d.doc_type', TYPE_LABELS)} || ' ' || d.number || "
                    "CASE WHEN substr(d.number, 1, 1) = '0' THEN ' ' || ltrim(d.number, '0') ELSE '' END")
FILL_TEXT = {
    "document": "INSERT INTO search_text (rowid, title, number, body) "
                f"SELECT i.id, {_crossed_d_sql('d.title')}, {_crossed_d_sql(_DOCUMENT_NUMBER)}, "
                f"{_crossed_d_sql('d.summary || char(10) || d.body')} FROM search_items i "
                "JOIN documents d ON d.id = i.item_id WHERE i.kind = 'document' AND i.id BETWEEN ? AND ?",
    "article": "INSERT INTO search_text (rowid, title, number, body) "
               f"SELECT i.id, {_crossed_d_sql('a.title')}, {_crossed_d_sql(_label_sql('a.channel', CHANNEL_LABELS))}, "
               f"{_crossed_d_sql('a.summary || char(10) || a.body')} FROM search_items i "
               "JOIN articles a ON a.id = i.item_id WHERE i.kind = 'article' AND i.id BETWEEN ? AND ?",
}
FILL_TITLES = ("INSERT INTO search_titles (rowid, title, number) "
               "SELECT rowid, title, number FROM search_text WHERE rowid BETWEEN ? AND ?")


def rebuild_index(workspace: "Workspace", progress: Progress | None = None) -> int:
    """Index every live document and article afresh; returns how many were indexed.

    Needed after bulk statements that bypass the ORM (they bypass the hook too). Upkeep,
    not a user action, so it takes the workspace and opens its own unit of work, without
    the outbox (the index never syncs). One transaction: cancelling through `progress`
    leaves the old index untouched.
    """
    progress = progress or Progress()
    message = _("Đang lập chỉ mục tìm kiếm")
    with workspace.unit_of_work(record_outbox=False) as uow:
        connection = uow.session.connection()
        for table in TABLES:
            connection.exec_driver_sql(f"DROP TABLE IF EXISTS {table}")
        for statement in SCHEMA:
            connection.exec_driver_sql(statement)
        connection.exec_driver_sql(ITEMS_IN_DATE_ORDER)
        total = connection.exec_driver_sql("SELECT count(*) FROM search_items").scalar()
        for first in range(1, total + 1, REBUILD_BATCH):
            progress.report(first - 1, total, message)
            last = first + REBUILD_BATCH - 1
            for statement in (*FILL_TEXT.values(), FILL_TITLES):
                connection.exec_driver_sql(statement, (first, last))
        progress.report(total, total, message)
        # One b-tree per index instead of many segments: queries read fewer pages.
        for table in ("search_text", "search_titles"):
            connection.exec_driver_sql(f"INSERT INTO {table} ({table}) VALUES ('optimize')")
        # No row changed, but what a search finds did: open search results run again.
        uow.mark_changed("documents", "articles")
    return total


event.listen(Session, "after_flush", _index_flushed)
