"""Vietnamese text normalization for speech (eSpeak NG, voice ``vi``).

``normalize`` rewrites written text into what a person would say: numbers,
dates, document symbols ("05-NQ/TW"), abbreviations, Roman numerals and web
addresses become words, and layout noise (bullets, table borders) goes away.
``split_sentences`` cuts text into sentences without breaking on "TP." or
"05-NQ/TW". Plain Python only, so it runs in tests and worker threads alike.
"""

from __future__ import annotations

import functools
import logging
import re
import unicodedata

from handbook_desktop.tts.numbers import digits_to_words, integer_text_words
from handbook_desktop.tts.readings import Reader
from handbook_desktop.tts.symbols import (
    rewrite_document_symbols,
    rewrite_roman_headings,
    rewrite_symbols,
    rewrite_web_addresses,
    strip_layout,
)
from handbook_desktop.tts.tables import SpeechTables, builtin_tables

__all__ = ["normalize", "split_sentences"]

logger = logging.getLogger(__name__)

# Rules look only this far around a match: slicing the whole rest of the
# text for every match would make long documents quadratic.
_CONTEXT_WIDTH = 60


def text_before(match: re.Match[str]) -> str:
    return match.string[max(0, match.start() - _CONTEXT_WIDTH) : match.start()]


def text_after(match: re.Match[str]) -> str:
    return match.string[match.end() : match.end() + _CONTEXT_WIDTH]


# ---- abbreviation table ------------------------------------------------------


@functools.lru_cache(maxsize=8)
def _abbreviation_pattern(keys: tuple[str, ...]) -> re.Pattern[str] | None:
    """One regular expression for the whole table, shaped as a trie ("TP(?:\\.HCM|HCM|\\.|)"):
    a flat alternation of 150 keys was tried key by key at every capital letter."""
    if not keys:
        return None
    trie: dict = {}
    for key in keys:
        node = trie
        for char in key:
            node = node.setdefault(char, {})
        node[""] = key
    # A first-character lookahead lets the engine skip most positions fast.
    first_chars = "".join(sorted(re.escape(char) for char in trie))
    return re.compile(f"(?=[{first_chars}])" + _trie_pattern(trie, at_start=True))


def _trie_pattern(node: dict, at_start: bool = False) -> str:
    branches = []
    for char, child in sorted(node.items()):
        if char == "":
            continue
        start = r"(?<!\w)" if at_start and char.isalnum() else ""
        branches.append(start + re.escape(char) + _trie_pattern(child))
    if "" in node:  # a key ends here; longer keys are tried first
        branches.append(r"(?!\w)" if node[""][-1].isalnum() else "")
    return branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"


def _keep_single_letter_abbreviation(match: re.Match[str]) -> bool:
    """True when "Q." / "P." must stay: they mean quận / phường only before
    a name or a number, and never as a person's initial ("Nguyễn Văn P.")."""
    after = text_after(match).lstrip(" ")
    if not after or not (after[0].isupper() or after[0].isdigit()):
        return True
    before = re.search(r"(\w+)\s*$", text_before(match))
    # After a name ("Nguyễn Văn P.") it is an initial; after "UBND" it is still "phường".
    return bool(before and before.group(1)[0].isupper() and not before.group(1).isupper())


def _abbreviation_ends_sentence(key: str, after: str) -> bool:
    if re.match(r"[ \t]*(\n|$)", after):
        return True
    # "v.v." followed by a capital ends its sentence; "TP. Hà Nội" does not.
    return key[0].islower() and after[:1].isspace() and after.lstrip()[:1].isupper()


@functools.lru_cache(maxsize=4)  # tables hash by identity: a reading session passes the same ones
def _prepared(tables: SpeechTables) -> tuple[re.Pattern[str] | None, Reader]:
    # Building the pattern's key tuple for every sentence cost a fifth of the normalizer's time.
    return _abbreviation_pattern(tuple(key for key in tables.abbreviations if key.strip())), Reader(tables)


def _expand_abbreviations(text: str, tables: SpeechTables) -> str:
    pattern, abbreviations = _prepared(tables)[0], tables.abbreviations
    if pattern is None:
        return text

    def expand(match: re.Match[str]) -> str:
        key = match.group(0)
        if re.fullmatch(r"[A-ZĐ]\.", key) and _keep_single_letter_abbreviation(match):
            return key
        expansion = abbreviations[key]
        after = text_after(match)
        if key.endswith(".") and _abbreviation_ends_sentence(key, after):
            expansion += "."  # the abbreviation's dot was also the full stop
        if after[:1].isalnum():
            expansion += " "  # "Q.1" -> "quận 1"
        return expansion

    return pattern.sub(expand, text)


# ---- normalization pipeline --------------------------------------------------

_NON_ASCII_DIGIT = re.compile(r"(?![0-9])\d")
_ASCII_DIGITS = re.compile(r"[0-9]+")


# Control characters separate words; invisible format characters (soft hyphen, zero-width
# space, direction marks, BOM), surrogates and private-use characters are not there at all.
_CONTROL = re.compile(r"[\x00-\x09\x0b-\x1f\x7f-\x9f]")
_INVISIBLE = re.compile(
    "[\u00ad\u0600-\u0605\u061c\u06dd\u070f\u180e\u200b-\u200f\u202a-\u202e\u2060-\u2064"
    "\u2066-\u206f\ufeff\ufff9-\ufffb\ud800-\udfff\ue000-\uf8ff\U000e0000-\U0010ffff]"
)


def _prepare(text: str) -> str:
    """NFKC (so "½", "²", "℃", full-width digits are plain), one kind of line break, ASCII
    digits, no control characters."""
    text = unicodedata.normalize("NFKC", text).replace("\u2044", " phần ")  # "½" → "1⁄2"
    text = "\n".join(text.splitlines())
    text = _NON_ASCII_DIGIT.sub(lambda m: str(unicodedata.decimal(m.group(0), 0)), text)
    return _INVISIBLE.sub("", _CONTROL.sub(" ", text))


_TIDY_RULES = tuple(
    (re.compile(pattern), replacement)
    for pattern, replacement in (
        (r"\s+", " "),
        (r"(?<=[ ,;:])[-–—](?= |$)", ","),  # a lone dash is a pause
        (r" +([,.;:!?…)\]”’])", r"\1"),
        (r"([(\[“‘]) +", r"\1"),
        (r",(?:\s*,)+", ","),
        (r"([!?])(?:\s*[!?])+", r"\1"),
        (r"[,;:]\s*([.;:!?…])", r"\1"),
        (r",(?=[^\s\d])", ", "),
        (r"^[\s,;:.\-–—+]+", ""),
        (r"[\s,;:\-–—]+$", ""),
    )
)


def _tidy_line(line: str) -> str:
    """Settle spacing and punctuation left behind by the rewrites."""
    for _ in range(4):  # a few passes reach a fixed point; keeps output idempotent
        previous = line
        for pattern, replacement in _TIDY_RULES:
            line = pattern.sub(replacement, line)
        if line == previous:
            break
    return line


def _tidy(text: str) -> str:
    lines = (_tidy_line(line) for line in text.split("\n"))
    return "\n".join(line for line in lines if line)


def _apply_rules(text: str, tables: SpeechTables) -> str:
    # Order matters: symbols and dates own their slashes and hyphens before
    # the generic number rules see them; the digit sweep is a last safety net.
    text = _prepare(text)
    text = strip_layout(text)
    text = rewrite_web_addresses(text)
    text = rewrite_document_symbols(text, tables.abbreviations)
    text = _expand_abbreviations(text, tables)
    text = rewrite_roman_headings(text)
    text = _read_tokens(text, tables)
    text = rewrite_symbols(text)
    text = _ASCII_DIGITS.sub(lambda m: f" {integer_text_words(m.group(0))} ", text)
    # Some tokens only stand alone once digits are read ("QH15x"); a late pass keeps the
    # output stable.
    text = rewrite_document_symbols(text, tables.abbreviations)
    text = _expand_abbreviations(text, tables)
    text = _read_tokens(text, tables)
    return _tidy(text)


def _read_tokens(text: str, tables: SpeechTables) -> str:
    """Split each line into tokens, classify each in its context, say it."""
    reader = _prepared(tables)[1]
    return "\n".join(reader.read_line(line) for line in text.split("\n"))


def _fallback(text: object) -> str:
    """Last resort if a rule ever fails: at least no digits and no crash."""
    text = str(text)
    return " ".join(_ASCII_DIGITS.sub(lambda m: f" {digits_to_words(m.group(0))} ", text).split())


def normalize(text: str, tables: SpeechTables | None = None) -> str:
    """Rewrite ``text`` so that a Vietnamese TTS engine says it naturally.

    ``tables`` defaults to the built-in ones (``load_tables`` adds a user's files). Never
    raises; the result has no digit and no symbol but sentence punctuation.
    """
    try:
        return _apply_rules(text, tables or builtin_tables())
    except Exception:  # reading aloud must not crash the app over one odd string
        logger.exception("TTS normalization failed; using the plain fallback")
        return _fallback(text)


# ---- sentence splitting ------------------------------------------------------

_SENTENCE_END = re.compile(r"[.!?…]+[\"”’')\]]*(?=\s|$)")
_LIST_MARKER = re.compile(r"\d+(?:\.\d+)*|[IVXLCDM]+|[A-Za-zĐđ]")
_KNOWN_DOTTED = {"TP.", "Tp.", "Q.", "P.", "TX.", "TT.", "TS.", "ThS.", "PGS.", "GS.", "BS.", "KS."}


@functools.cache
def _dotted_abbreviations() -> frozenset[str]:
    # Lower-case ones ("v.v.") are left out: before a capital they end a sentence.
    table = {key for key in builtin_tables().abbreviations if key.endswith(".")}
    return frozenset(key for key in table | _KNOWN_DOTTED if key[0].isupper())


def _is_sentence_break(paragraph: str, start: int, match: re.Match[str]) -> bool:
    following = paragraph[match.end() : match.end() + 80].lstrip()
    if not following:
        return True
    if following[0].islower():
        return False  # "v.v. và", "… rồi": the sentence goes on
    if match.group(0) != ".":
        return True
    sentence_so_far = paragraph[start : match.start()].strip()
    word = re.search(r"[\w.]*$", sentence_so_far).group(0)
    if word + "." in _dotted_abbreviations():
        return False
    if re.fullmatch(r"[A-ZĐ]", word):
        return False  # an initial: "V. I. Lênin"
    return not (word == sentence_so_far and _LIST_MARKER.fullmatch(word))  # "1. Ưu điểm"


def _split_paragraph(paragraph: str) -> list[str]:
    sentences, start = [], 0
    for match in _SENTENCE_END.finditer(paragraph):
        if _is_sentence_break(paragraph, start, match):
            sentences.append(paragraph[start : match.end()].strip())
            start = match.end()
    sentences.append(paragraph[start:].strip())
    return [sentence for sentence in sentences if sentence]


def split_sentences(text: str) -> list[str]:
    """Split raw or normalized text into sentences; lines always split.

    Never breaks inside "05-NQ/TW", "15.5", "28.10.2025" (no space follows
    the dot), after "TP.", "Q.", "TS." and similar, or before a lower-case word.
    """
    sentences: list[str] = []
    for paragraph in unicodedata.normalize("NFC", text).splitlines():
        sentences += _split_paragraph(paragraph)
    return sentences
