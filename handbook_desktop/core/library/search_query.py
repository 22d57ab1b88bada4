"""One search box over the library: titles, symbols and full text of documents and articles.

"nghi quyet dang vien" finds "Nghị quyết … đảng viên"; "05-NQ/TW" and "nghị quyết 05" find
that document. The index itself is described in `search_index.py`.

Why the query is shaped like this: Vietnamese syllables are few and frequent, so a common
word hits half the library, and ranking every hit with bm25 costs 150 ms at 100,000 items
(bm25 reads each hit's column sizes). Ranking is therefore bounded:

1. the newest `WINDOW` items holding all the words in their title or symbol (small index),
2. the newest `WINDOW` items holding all the words anywhere, ranked by bm25 (title and
   symbol weigh ten times the body),
3. within each window, the items where the words stand together as typed (a phrase:
   "đảng viên" is one word of two syllables) — cheap, as FTS5 only looks inside the window.

The best of each window are then ordered in Python on their original text: all the toned
words present with exactly those tones first (only when the query carries tones), then
a title match, then a phrase, then bm25, then the newer item. Snippets are made for the
shown rows only, from the original text.
"""

import datetime
import re
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.engine import Connection

from handbook_desktop.core.clock import VIETNAM_TIME
from handbook_desktop.core.library.models import Article, Document
from handbook_desktop.core.library.search_index import number_column
from handbook_desktop.core.text.folding import exact_pattern, fold_crossed_d, is_toned, matcher, nfc, snippet, words
from handbook_desktop.core.workspace import UnitOfWork

KINDS = ("document", "article")
WINDOW = 2000         # hits ranked per index; more costs ~4 ms per 1,000 at 100,000 items
MAX_WORDS = 12        # a pasted paragraph is not a query; bounds the work
MAX_QUERY_CHARS = 500
EXTRA_CANDIDATES = 20  # re-ranked beyond `limit`, so exact-tone matches can move up
TITLE_BM25 = "bm25(search_titles, 1.0, 1.0)"
TEXT_BM25 = "bm25(search_text, 10.0, 10.0, 1.0)"


@dataclass(frozen=True)
class SearchHit:
    kind: str                       # "document" or "article"
    id: str
    title: str
    number: str                     # the document's symbol; "" for an article
    date: datetime.date | None      # issue date, or the article's publication day (Vietnam time)
    snippet: str                    # HTML-safe excerpt, matched words in <b>…</b>
    score: float                    # higher is better; hits come sorted by it
    channel: str = ""               # the article's channel code; "" for a document


@dataclass
class _Candidate:
    rowid: int
    in_title: bool = False
    phrase: bool = False
    bm25: float = 0.0               # FTS5's: negative, lower is better


@dataclass
class _Item:
    kind: str
    id: str
    title: str
    number: str
    label: str                      # what the index's number column holds
    date: datetime.date | None
    channel: str
    text: str                       # summary and body


def search(uow: UnitOfWork, query: str, *, limit: int = 20,
           kinds: tuple[str, ...] | list[str] | None = None) -> list[SearchHit]:
    """The best `limit` hits for `query`, best first. Never raises on what a user types.

    The unit of work's own pending edits are searchable too."""
    terms = words(query[:MAX_QUERY_CHARS])[:MAX_WORDS]
    unknown = set(kinds or ()) - set(KINDS)
    if unknown:
        raise ValueError(f"unknown kinds: {sorted(unknown)}")
    if not terms or limit <= 0 or (kinds is not None and not kinds):
        return []
    uow.session.flush()
    connection = uow.session.connection()
    candidates = _candidates(connection, terms, tuple(kinds or KINDS), limit + EXTRA_CANDIDATES)
    items = _load_items(connection, list(candidates))
    return _rank(terms, candidates, items, limit)


def _candidates(connection: Connection, terms: list[str], kinds: tuple[str, ...],
                per_index: int) -> dict[int, _Candidate]:
    tokens = [fold_crossed_d(term) for term in terms]
    every_word = " ".join(f'"{token}"' for token in tokens)  # tokens hold no quote: safe
    phrase = f'"{" ".join(tokens)}"' if len(tokens) > 1 else None
    found: dict[int, _Candidate] = {}
    for table, bm25, in_title in (("search_text", TEXT_BM25, False), ("search_titles", TITLE_BM25, True)):
        hits = _window(connection, table, bm25, every_word, kinds)
        together = _phrase_hits(connection, table, phrase, min(hits, default=0)) if hits else set()
        best = sorted(hits, key=lambda rowid: (rowid not in together, hits[rowid]))[:per_index]
        for rowid in best:
            candidate = found.setdefault(rowid, _Candidate(rowid))
            candidate.phrase |= rowid in together
            if in_title or not candidate.in_title:
                candidate.in_title, candidate.bm25 = in_title, hits[rowid]
    return found


def _window(connection: Connection, table: str, bm25: str, match: str, kinds: tuple[str, ...]) -> dict[int, float]:
    """bm25 of the newest WINDOW items matching `match`: bounded work however common the words."""
    join, only_kinds, parameters = "", "", [match]
    if set(kinds) != set(KINDS):
        join = f"JOIN search_items ON search_items.id = {table}.rowid"
        only_kinds = f"AND search_items.kind IN ({', '.join('?' for _ in kinds)})"
        parameters += kinds
    rows = connection.exec_driver_sql(
        f"SELECT {table}.rowid, {bm25} FROM {table} {join} WHERE {table} MATCH ? {only_kinds} "
        f"ORDER BY {table}.rowid DESC LIMIT {WINDOW}", tuple(parameters))
    return dict(rows.all())


def _phrase_hits(connection: Connection, table: str, phrase: str | None, lowest: int) -> set[int]:
    if phrase is None:
        return set()
    rows = connection.exec_driver_sql(f"SELECT rowid FROM {table} WHERE {table} MATCH ? AND rowid >= ?",
                                      (phrase, lowest))
    return {row[0] for row in rows}


def _load_items(connection: Connection, rowids: list[int]) -> dict[int, _Item]:
    """The original text of the candidates (live rows only), by index rowid."""
    if not rowids:
        return {}
    marks = ", ".join("?" for _ in rowids)
    keys = connection.exec_driver_sql(f"SELECT id, kind, item_id FROM search_items WHERE id IN ({marks})",
                                      tuple(rowids)).all()
    rowid_of = {(kind, item_id): rowid for rowid, kind, item_id in keys}
    wanted = {kind: [item_id for key, item_id in rowid_of if key == kind] for kind in KINDS}
    items: dict[int, _Item] = {}
    documents = select(Document.id, Document.title, Document.number, Document.doc_type, Document.issued_on,
                       Document.summary, Document.body).where(Document.id.in_(wanted["document"]),
                                                              Document.deleted_at.is_(None))
    for row in connection.execute(documents):
        items[rowid_of["document", row.id]] = _Item(
            kind="document", id=row.id, title=row.title, number=row.number, date=row.issued_on, channel="",
            label=number_column("document", row.doc_type, row.number), text=f"{row.summary}\n{row.body}")
    articles = select(Article.id, Article.title, Article.channel, Article.published_at, Article.summary,
                      Article.body).where(Article.id.in_(wanted["article"]), Article.deleted_at.is_(None))
    for row in connection.execute(articles):
        items[rowid_of["article", row.id]] = _Item(
            kind="article", id=row.id, title=row.title, number="", channel=row.channel,
            date=row.published_at.astimezone(VIETNAM_TIME).date() if row.published_at else None,
            label=number_column("article", row.channel), text=f"{row.summary}\n{row.body}")
    return items


def _rank(terms: list[str], candidates: dict[int, _Candidate], items: dict[int, _Item],
          limit: int) -> list[SearchHit]:
    toned = [re.compile(exact_pattern(term), re.IGNORECASE) for term in dict.fromkeys(terms) if is_toned(term)]
    scored = []
    for rowid, candidate in candidates.items():
        item = items.get(rowid)
        if item is not None:  # None: the row went away since the index was written
            scored.append((_score(candidate, item, toned), rowid, item))
    scored.sort(key=lambda entry: (entry[0], entry[1]), reverse=True)
    found = matcher(list(dict.fromkeys(terms)))
    return [SearchHit(item.kind, item.id, item.title, item.number, item.date, snippet(item.text, found),
                      round(score, 6), item.channel) for score, _rowid, item in scored[:limit]]


def _score(candidate: _Candidate, item: _Item, toned: list[re.Pattern]) -> float:
    """8 all toned words exact, 4 title match (2 if its tones differ), 1 phrase, <1 bm25."""
    head = nfc(f"{item.title}\n{item.label}")
    exact_in_title = all(pattern.search(head) for pattern in toned)
    exact = exact_in_title
    if toned and not exact:
        text = nfc(item.text)
        exact = all(pattern.search(head) or pattern.search(text) for pattern in toned)
    strength = max(0.0, -candidate.bm25)
    relevance = strength / (1.0 + strength)  # into [0, 1): it only orders within a band
    return (8.0 * (bool(toned) and exact) + (4.0 if exact_in_title else 2.0) * candidate.in_title
            + 1.0 * candidate.phrase + relevance)
