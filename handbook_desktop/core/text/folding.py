"""Folding, matching and excerpting Vietnamese text for search.

Vietnamese is typed without tones all the time, so matching ignores them: tones and other
combining marks dropped, đ/Đ (and the look-alikes ð/Ð that real web text contains) taken
as d, case ignored. The original text is kept for display; folded forms only compare.
"""

import functools
import html
import re
import unicodedata

# Letters that look like a crossed d. Unicode gives them no decomposition, so neither NFD
# nor FTS5's remove_diacritics turns them into d, yet users type "d" for all of them.
CROSSED_D = {"đ": "d", "Đ": "D", "ð": "d", "Ð": "D", "ɖ": "d", "Ɖ": "D"}

# A word is a run of letters and digits; "_" separates, as in FTS5's unicode61 tokenizer.
TOKEN = re.compile(r"[^\W_]+")

_WORD_START = r"(?<![^\W_])"
_WORD_END = r"(?![^\W_])"
# Blocks holding the Latin letters with diacritics that texts use (Vietnamese lives in
# Latin Extended Additional); enough to match any spelling of a folded Latin word.
_LATIN_BLOCKS = ((0x00C0, 0x0250), (0x1E00, 0x1F00))
_WHITESPACE = re.compile(r"\s+")
_EXACT_D = "[đðɖĐÐƉ]"


class _FoldTable(dict):
    """str.translate table filled on demand: combining marks vanish, crossed d is d."""

    def __missing__(self, codepoint: int) -> str | None:
        char = chr(codepoint)
        if char in CROSSED_D:
            value: str | None = CROSSED_D[char].lower()
        elif unicodedata.combining(char) or unicodedata.category(char) in ("Mn", "Me"):
            value = None
        else:
            value = char
        self[codepoint] = value
        return value


_FOLD = _FoldTable()


def fold(text: str) -> str:
    """NFC or NFD in, toneless lower-case text out: "Đảng viên" → "dang vien"."""
    if text.isascii():
        return text.lower()
    # Lower first: some capitals lower-case into a letter plus a combining mark (İ → i̇),
    # which the decomposition then lets us drop.
    return unicodedata.normalize("NFD", text.lower()).translate(_FOLD)


def fold_crossed_d(text: str) -> str:
    """`text` with every crossed d made a plain d: all FTS5's own folding leaves undone."""
    for crossed, plain in CROSSED_D.items():
        if crossed in text:
            text = text.replace(crossed, plain)
    return text


def nfc(text: str) -> str:
    return text if unicodedata.is_normalized("NFC", text) else unicodedata.normalize("NFC", text)


def words(text: str) -> list[str]:
    """The words of `text` as typed: NFC, lower case, tones and đ kept."""
    return TOKEN.findall(nfc(text).lower())


def is_toned(word: str) -> bool:
    """Whether folding changes the (lower-case) word: it carries tones, marks or đ."""
    return fold(word) != word


@functools.cache
def _spellings() -> dict[str, str]:
    """For each folded ASCII letter, a regex class of every Latin letter folding to it."""
    letters: dict[str, set[str]] = {}
    for first, end in _LATIN_BLOCKS:
        for codepoint in range(first, end):
            char = chr(codepoint)
            folded = fold(char)
            if len(folded) == 1 and folded.isascii() and folded.isalpha():
                letters.setdefault(folded, set()).add(char)
    return {letter: "[" + letter + letter.upper() + "".join(sorted(chars)) + "]"
            for letter, chars in letters.items()}


def folded_pattern(word: str) -> str:
    """Regex source matching `word` in NFC text whatever its tones: dang → Đảng, đang, dạng …

    Use it with re.IGNORECASE.
    """
    spellings = _spellings()
    return _WORD_START + "".join(spellings.get(char, re.escape(char)) for char in fold(word)) + _WORD_END


def exact_pattern(word: str) -> str:
    """Regex source matching `word` in NFC text with exactly its tones; use re.IGNORECASE.

    The look-alikes of đ count as đ: "Ðảng" typed or written is still "Đảng".
    """
    return _WORD_START + "".join(_EXACT_D if char in CROSSED_D else re.escape(char)
                                 for char in nfc(word)) + _WORD_END


def matcher(words_: list[str]) -> re.Pattern:
    """One regex finding any of `words_` whatever its tones; group i+1 is words_[i]."""
    return re.compile("|".join(f"({folded_pattern(word)})" for word in words_), re.IGNORECASE)


def snippet(text: str, found: re.Pattern, width: int = 200) -> str:
    """An HTML-safe excerpt of `text` around its best cluster of matches, each in <b>…</b>.

    Without a match, the excerpt is the start of the text. The matched words are shown as
    written in `text` (with their tones), never in folded form.
    """
    text = nfc(text)
    start, end = _window(text, found, width)
    pieces, position = [], start
    for match in found.finditer(text, start, end):
        pieces.append(_escape(text[position:match.start()]))
        pieces.append(f"<b>{html.escape(match.group(), quote=False)}</b>")
        position = match.end()
    pieces.append(_escape(text[position:end]))
    excerpt = "".join(pieces).strip()
    return ("…" if start > 0 else "") + excerpt + ("…" if end < len(text) else "")


def _window(text: str, found: re.Pattern, width: int) -> tuple[int, int]:
    """Where to cut: around the first span of `width` chars holding the most distinct words."""
    best, best_score, recent = 0, (0, 0), []
    wanted = found.groups
    for count, match in enumerate(found.finditer(text)):
        recent = [m for m in recent if m.start() > match.end() - width * 3 // 4] + [match]
        score = (len({m.lastindex for m in recent}), len(recent))
        if score > best_score:
            best, best_score = recent[0].start(), score
        if score[0] == wanted or count > 2000:  # all words together, or enough looking
            break
    start = 0 if best < width // 4 else _snap(text, best - width // 4, -1)
    return start, _snap(text, min(len(text), start + width), +1)


def _snap(text: str, position: int, direction: int) -> int:
    """Move a cut to the nearest whitespace (at most 30 chars away) so no word is split."""
    for offset in range(31):
        candidate = position + direction * offset
        if candidate <= 0 or candidate >= len(text):
            return max(0, min(len(text), candidate))
        if text[candidate].isspace():
            return candidate
    return position


def _escape(text: str) -> str:
    return html.escape(_WHITESPACE.sub(" ", text), quote=False)
