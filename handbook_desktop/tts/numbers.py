"""Vietnamese number reading for speech.

Pure conversions (``number_to_words``, ``ordinal_words``, Roman numerals ...) that turn an
integer or a digit string into the words a Vietnamese speaker says. Which conversion a
written token needs is decided in readings.py.
"""

from __future__ import annotations

import re

DIGIT_WORDS = ("không", "một", "hai", "ba", "bốn", "năm", "sáu", "bảy", "tám", "chín")

# Longer digit strings are identifiers (account, ID card), not quantities.
_MAX_QUANTITY_DIGITS = 15
_BILLION = 10**9


# --------------------------------------------------------------------------
# Pure conversions
# --------------------------------------------------------------------------


def _tens_and_units(n: int) -> str:
    """Read 1..99 with the euphonic forms: mốt (21), tư (24), lăm (15, 25)."""
    tens, units = divmod(n, 10)
    if tens == 0:
        return DIGIT_WORDS[units]
    words = ["mười"] if tens == 1 else [DIGIT_WORDS[tens], "mươi"]
    if units == 1 and tens >= 2:
        words.append("mốt")
    elif units == 4 and tens >= 2:
        words.append("tư")
    elif units == 5:
        words.append("lăm")
    elif units:
        words.append(DIGIT_WORDS[units])
    return " ".join(words)


def _three_digits(n: int, inner: bool) -> str:
    """Read 1..999. ``inner`` groups follow a bigger group, so they always
    say their hundreds ("hai nghìn *không trăm* linh năm")."""
    hundreds, rest = divmod(n, 100)
    words = []
    if hundreds or inner:
        words += [DIGIT_WORDS[hundreds], "trăm"]
    if rest:
        if words and rest < 10:
            words.append("linh")
        words.append(_tens_and_units(rest))
    return " ".join(words)


def _below_billion(n: int, inner: bool) -> list[str]:
    millions, rest = divmod(n, 1_000_000)
    thousands, units = divmod(rest, 1000)
    words: list[str] = []
    for value, unit in ((millions, "triệu"), (thousands, "nghìn"), (units, "")):
        if value == 0:
            continue  # empty groups are skipped entirely: 1.000.005 has no "không nghìn"
        words.append(_three_digits(value, inner))
        if unit:
            words.append(unit)
        inner = True
    return words


def _cardinal_words(n: int, inner: bool) -> list[str]:
    billions, rest = divmod(n, _BILLION)
    words: list[str] = []
    if billions:
        # Recursion gives "một nghìn tỷ", "một tỷ tỷ" for very large numbers.
        words += _cardinal_words(billions, inner) + ["tỷ"]
        inner = True
    if rest:
        words += _below_billion(rest, inner)
    return words


def number_to_words(n: int) -> str:
    """2025 -> "hai nghìn không trăm hai mươi lăm"; negatives get "âm"."""
    if n < 0:
        return "âm " + number_to_words(-n)
    if n == 0:
        return DIGIT_WORDS[0]
    return " ".join(_cardinal_words(n, inner=False))


def ordinal_words(n: int) -> str:
    """The word after "thứ": 1 -> nhất, 4 -> tư, otherwise the cardinal."""
    return {1: "nhất", 4: "tư"}.get(n) or number_to_words(n)


def month_words(n: int) -> str:
    """Month names say "tư" for April ("tháng tư")."""
    return "tư" if n == 4 else number_to_words(n)


def digits_to_words(digits: str) -> str:
    """Read a digit string one digit at a time (phones, codes)."""
    return " ".join(DIGIT_WORDS[int(ch)] for ch in digits if ch.isdigit())


def integer_text_words(digits: str) -> str:
    """Read a bare digit string the way its shape suggests.

    "05" is a padded quantity (năm); "0912345678" or a 20-digit string is an
    identifier and is read digit by digit.
    """
    digits = "".join(ch for ch in digits if ch.isdigit()) or "0"
    if len(digits) > _MAX_QUANTITY_DIGITS or (digits[0] == "0" and len(digits) >= 4):
        return digits_to_words(digits)
    return number_to_words(int(digits))


def fraction_words(digits: str) -> str:
    """Digits after the decimal mark: short ones as a number ("phẩy hai mươi
    lăm"), keeping leading zeros ("phẩy không năm"); long ones digit by digit."""
    if len(digits) > 3:
        return digits_to_words(digits)
    significant = digits.lstrip("0")
    zeros = [DIGIT_WORDS[0]] * (len(digits) - len(significant))
    tail = [number_to_words(int(significant))] if significant else []
    return " ".join(zeros + tail)


_ROMAN_VALUES = tuple(
    zip((1000, 900, 500, 400, 100, 90, 50, 40, 10, 9, 5, 4, 1), "M CM D CD C XC L XL X IX V IV I".split())
)


def roman_to_int(numeral: str) -> int | None:
    """Value of a canonical Roman numeral ("XIV" -> 14); None otherwise."""
    value, rest = 0, numeral
    for amount, symbol in _ROMAN_VALUES:
        while rest.startswith(symbol):
            value, rest = value + amount, rest[len(symbol) :]
    if rest or not value or int_to_roman(value) != numeral:
        return None
    return value


def int_to_roman(value: int) -> str:
    numeral = ""
    for amount, symbol in _ROMAN_VALUES:
        count, value = divmod(value, amount)
        numeral += symbol * count
    return numeral
