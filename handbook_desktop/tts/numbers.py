"""Vietnamese number reading for speech.

Two layers live here:

* pure conversions (``number_to_words``, ``ordinal_words``, ...) that turn an
  integer or a digit string into the words a Vietnamese speaker says;
* text rules (``rewrite_dates_and_times``, ``rewrite_numbers``) that find numeric
  tokens in running text (dates, times, phones, ranges, amounts) and replace them.

Vietnamese writing conventions assumed: "." groups thousands (1.250.000),
"," is the decimal mark (15,5), dates are day/month/year.
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


def number_token_words(token: str) -> str:
    """Read one written number: "1.250.000", "15,5", "1,250,000", "2025"."""
    if re.fullmatch(r"\d{1,3}(?:,\d{3}){2,}", token):  # English-style grouping
        return number_to_words(int(token.replace(",", "")))
    integer, _, fraction = token.partition(",")
    if "." in integer:
        words = number_to_words(int(integer.replace(".", "")))
    else:
        words = integer_text_words(integer)
    if fraction:
        words += " phẩy " + fraction_words(fraction)
    return words


# --------------------------------------------------------------------------
# Text rules
# --------------------------------------------------------------------------

# One written number: Vietnamese thousands groups, English thousands groups,
# or plain digits, each with an optional decimal part.
NUMBER = r"(?:\d{1,3}(?:\.\d{3})+(?:,\d+)?|\d{1,3}(?:,\d{3}){2,}|\d+(?:,\d+)?)"


def _padded(words: str) -> str:
    # Spaces keep words apart from glued letters ("H5N1"); cleanup trims them.
    return f" {words} "


# Rules look only this far around a match: slicing the whole rest of the
# text for every match would make long documents quadratic.
_CONTEXT_WIDTH = 60


def text_before(match: re.Match[str]) -> str:
    return match.string[max(0, match.start() - _CONTEXT_WIDTH) : match.start()]


def text_after(match: re.Match[str]) -> str:
    return match.string[match.end() : match.end() + _CONTEXT_WIDTH]


def previous_word(match: re.Match[str]) -> str:
    """The lower-cased word right before a match ("" at the start)."""
    found = re.search(r"(\w+)\W*$", text_before(match))
    return found.group(1).lower() if found else ""


# ---- dates and times -----------------------------------------------------

_DAY_RANGE = re.compile(r"(?<![\d/.-])(\d{1,2})\s*[-–]\s*(\d{1,2})/(\d{1,2})(?:/(\d{4}))?(?![\d/])")
_FULL_DATE = re.compile(r"(?<![\d/.,-])(\d{1,2})([/.-])(\d{1,2})\2(\d{4})(?![\d/])")
_MONTH_YEAR = re.compile(r"(?<![\d/.,-])(\d{1,2})[/-](\d{4})(?![\d/])")
_DAY_MONTH = re.compile(r"(?<![\d/.,-])(\d{1,2})/(\d{1,2})(?![\d/]|[.,]\d)")
_HOUR_MINUTE = re.compile(r"(?<![\w.,:])(\d{1,2})[hH](\d{2})?['’]?(?!\w)")
_CLOCK = re.compile(r"(?<![\w.,:])(\d{1,2}):([0-5]\d)(?![\d:])")
# "7h30-11h": the dash between two times means "đến".
_TIME_RANGE_DASH = re.compile(r"(?<=\d)([hH]\d{0,2}|:\d{2})\s*[-–]\s*(?=\d{1,2}[hH:])")
_DAY_WORDS = {"ngày", "mùng", "mồng"}


def _is_date(day: int, month: int) -> bool:
    return 1 <= day <= 31 and 1 <= month <= 12


def _day_month_year(day: str, month: str, year: str | None) -> str:
    words = f"{number_to_words(int(day))} tháng {month_words(int(month))}"
    return words + (f" năm {number_to_words(int(year))}" if year else "")


def _day_prefix(match: re.Match[str]) -> str:
    # "ngày 28/10/2025" must not become "ngày ngày ...".
    return "" if previous_word(match) in _DAY_WORDS else "ngày "


def _replace_day_range(match: re.Match[str]) -> str:
    first, last, month, year = match.groups()
    if not (_is_date(int(first), int(month)) and _is_date(int(last), int(month))):
        return match.group(0)
    start = _day_prefix(match) + number_to_words(int(first))
    return _padded(f"{start} đến {_day_month_year(last, month, year)}")


def _replace_full_date(match: re.Match[str]) -> str:
    day, _, month, year = match.groups()
    if not _is_date(int(day), int(month)):
        return match.group(0)
    return _padded(_day_prefix(match) + _day_month_year(day, month, year))


def _replace_month_year(match: re.Match[str]) -> str:
    month, year = int(match.group(1)), int(match.group(2))
    before = previous_word(match)
    if before in ("quý", "số"):  # "quý 1/2025", "Thông báo số 12/2024"
        return _padded(f"{number_to_words(month)} năm {number_to_words(year)}")
    if not 1 <= month <= 12:
        return match.group(0)
    prefix = "" if before == "tháng" else "tháng "
    return _padded(f"{prefix}{month_words(month)} năm {number_to_words(year)}")


def _replace_day_month(match: re.Match[str]) -> str:
    first, second = int(match.group(1)), int(match.group(2))
    rest = text_after(match)
    if re.match(r"\s+số\b", rest):  # "2/3 số đảng viên" is a fraction
        denominator = "tư" if second == 4 else number_to_words(second)
        return _padded(f"{number_to_words(first)} phần {denominator}")
    if not _is_date(first, second):
        return match.group(0)
    # Holidays are said without "ngày": "Quốc khánh hai tháng chín".
    return _padded(_day_month_year(match.group(1), match.group(2), None))


def _time_words(hour: str, minute: str | None) -> str:
    words = f"{number_to_words(int(hour))} giờ"
    if minute and int(minute):
        words += f" {number_to_words(int(minute))} phút"
    return _padded(words)


def _replace_time(match: re.Match[str]) -> str:
    hour, minute = match.group(1), match.group(2)
    if int(hour) > 24 or (minute and int(minute) > 59):
        return match.group(0)
    return _time_words(hour, minute)


def rewrite_dates_and_times(text: str) -> str:
    text = _TIME_RANGE_DASH.sub(r"\1 đến ", text)
    text = _DAY_RANGE.sub(_replace_day_range, text)
    text = _FULL_DATE.sub(_replace_full_date, text)
    text = _MONTH_YEAR.sub(_replace_month_year, text)
    text = _DAY_MONTH.sub(_replace_day_month, text)
    text = _HOUR_MINUTE.sub(_replace_time, text)
    return _CLOCK.sub(_replace_time, text)


# ---- quantities ----------------------------------------------------------

_UNIT_WORDS = {
    "%": "phần trăm",
    "‰": "phần nghìn",
    "đ": "đồng",
    "VNĐ": "đồng",
    "VND": "đồng",
    "vnđ": "đồng",
    "USD": "đô la Mỹ",
    "tr": "triệu",
    "km2": "ki lô mét vuông",
    "km²": "ki lô mét vuông",
    "m2": "mét vuông",
    "m²": "mét vuông",
    "m3": "mét khối",
    "m³": "mét khối",
    "km": "ki lô mét",
    "cm": "xen ti mét",
    "mm": "mi li mét",
    "m": "mét",
    "kg": "ki lô gam",
    "ha": "héc ta",
    "°C": "độ C",
    "°": "độ",
}
_UNIT_ALTERNATION = "|".join(map(re.escape, sorted(_UNIT_WORDS, key=len, reverse=True)))
_UNIT_AFTER_NUMBER = re.compile(rf"(?<=\d)[ \t]?({_UNIT_ALTERNATION})(?!\w)")
# Area/volume units carry a digit, so they must go even without a number.
_BARE_POWER_UNIT = re.compile(r"(?<!\w)(km2|km²|m2|m²|m3|m³)(?!\w)")
_DOLLAR = re.compile(rf"\$\s?({NUMBER})")
_PHONE = re.compile(r"(?<![\w.,+])0\d{2,3}(?:[ .-]?\d{2,4}){1,3}(?![\w]|[.,-]\d)")
_ORDINAL = re.compile(r"(?<!\w)((?i:thứ))\s+(\d{1,3})(?![\d:/]|[.,]\d)")
_MONTH = re.compile(r"(?<!\w)((?i:tháng))\s+(\d{1,2})(?:\s*[-–]\s*(\d{1,2}))?(?![\d:/]|[.,]\d)")
_RATIO = re.compile(rf"(?<![\d.,/])({NUMBER})/({NUMBER})(?![\d/]|[.,]\d)")
# "COVID-19", "2-B": the hyphen only joins a name and a number.
_NAME_NUMBER_HYPHEN = re.compile(r"(?<=[^\W\d_])-(?=\d)|(?<=\d)-(?=[^\W\d_])")
_RANGE = re.compile(rf"(?<![\d.,/])({NUMBER})\s*[-–—]\s*({NUMBER})(?![\d/]|[.,]\d)")
_NEGATIVE = re.compile(r"(?<![^\s(\[=:;,])[-−](?=\d)")
_GENERIC = re.compile(
    r"(?<!\d)(?:"
    r"(?P<number>\d{1,3}(?:\.\d{3})+(?:,\d+)?(?!\.?\d)|\d{1,3}(?:,\d{3}){2,}(?![.,]?\d))"
    r"|(?P<dotted>\d+(?:\.\d+)+)"
    r"|(?P<plain>\d+(?:,\d+(?!,\d))?))"
)


def _replace_phone(match: re.Match[str]) -> str:
    raw = match.group(0)
    if not 9 <= sum(ch.isdigit() for ch in raw) <= 11:
        return raw
    # Written groups become short pauses, as people read them.
    return _padded(", ".join(digits_to_words(group) for group in re.split(r"[ .-]", raw)))


def _replace_month(match: re.Match[str]) -> str:
    word, first, last = match.groups()
    months = [int(first)] + ([int(last)] if last else [])
    if not all(1 <= month <= 12 for month in months):
        return match.group(0)
    spoken = f"{word} {month_words(months[0])}"
    if last:
        spoken += f" đến tháng {month_words(months[1])}"
    return _padded(spoken)


def _replace_generic(match: re.Match[str]) -> str:
    if match.group("dotted") is None:
        return _padded(number_token_words(match.group(0)))
    parts = match.group("dotted").split(".")
    after = text_after(match)
    if len(parts) == 2 and re.match(r"\s*(%|phần trăm)", after):
        # "6.5%" is an English-style decimal, never a section number.
        return _padded(f"{integer_text_words(parts[0])} phẩy {fraction_words(parts[1])}")
    return _padded(" chấm ".join(integer_text_words(part) for part in parts))


def rewrite_numbers(text: str) -> str:
    """Rewrite every remaining numeric token; dates and times go first."""
    text = _PHONE.sub(_replace_phone, text)
    text = _UNIT_AFTER_NUMBER.sub(lambda m: " " + _UNIT_WORDS[m.group(1)], text)
    text = _BARE_POWER_UNIT.sub(lambda m: _UNIT_WORDS[m.group(1)], text)
    text = _DOLLAR.sub(lambda m: _padded(number_token_words(m.group(1)) + " đô la"), text)
    text = _ORDINAL.sub(lambda m: f"{m.group(1)} {ordinal_words(int(m.group(2)))}", text)
    text = _MONTH.sub(_replace_month, text)
    text = _RANGE.sub(
        lambda m: _padded(f"{number_token_words(m.group(1))} đến {number_token_words(m.group(2))}"),
        text,
    )
    text = _RATIO.sub(
        lambda m: _padded(
            f"{number_token_words(m.group(1))} trên {number_token_words(m.group(2))}"
        ),
        text,
    )
    text = _NAME_NUMBER_HYPHEN.sub(" ", text)
    text = _NEGATIVE.sub("âm ", text)
    return _GENERIC.sub(_replace_generic, text)
