"""Vietnamese alphabetical order, as a roster is sorted on paper.

Code-point order puts "Đ" after "Z" and "Ă" far from "A". Vietnamese order is a ă â b c d
đ e ê g h i k l m n o ô ơ p q r s t u ư v x y, with the tones only breaking ties (ngang,
huyền, sắc, hỏi, ngã, nặng). A roster is sorted by given name (the last word) first.
"""

import functools
import unicodedata

_ALPHABET = "aăâbcdđeêghiklmnoôơpqrstuưvxy"
_LETTER_RANK = {letter: rank for rank, letter in enumerate(_ALPHABET)}
_TONES = {"\u0300": 1, "\u0301": 2, "\u0309": 3, "\u0303": 4, "\u0323": 5}  # huyền sắc hỏi ngã nặng
_LOOK_ALIKE_D = {"ð": "đ", "ɖ": "đ"}


@functools.lru_cache(maxsize=16384)
def sort_key(text: str) -> tuple:
    """Letters in Vietnamese order first, tones second, the text itself last (a total order)."""
    letters, tones = [], []
    for char in unicodedata.normalize("NFC", text.lower()):
        char = _LOOK_ALIKE_D.get(char, char)
        decomposed = unicodedata.normalize("NFD", char)
        tone = next((_TONES[mark] for mark in decomposed if mark in _TONES), 0)
        base = unicodedata.normalize("NFC", "".join(mark for mark in decomposed if mark not in _TONES))
        # Letters outside the alphabet (digits, f, j, w, z …) keep code-point order after it.
        letters.append(_LETTER_RANK.get(base, len(_ALPHABET) + ord(base[0]) if base else 0))
        tones.append(tone)
    return tuple(letters), tuple(tones), text


def name_sort_key(full_name: str) -> tuple:
    """Given name (last word) first, then the whole name from the family name on."""
    words = full_name.split()
    return sort_key(words[-1] if words else ""), sort_key(full_name)
