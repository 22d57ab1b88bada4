"""Say each token the way a careful reader would, given the words around it.

The normalizer's middle step: a line is split into tokens (tokens.py), each token is
classified by its shape and its neighbours (a "3/2" after "kỷ niệm" is a date, before "số
đảng viên" a fraction, after "ngõ" a house number), and said. A reader may take the tokens
that follow when they belong together ("7h - 11h", "+84 912 345 678", "tháng 7 2023",
"$2 triệu"). The facts (units, currencies, context words) come from the tables.
"""

from __future__ import annotations

import bisect
import itertools
import re
from dataclasses import dataclass

from handbook_desktop.tts.numbers import (
    digits_to_words,
    fraction_words,
    integer_text_words,
    month_words,
    number_to_words,
    ordinal_words,
    roman_to_int,
)
from handbook_desktop.tts.tables import SpeechTables
from handbook_desktop.tts.tokens import Token, tokenize

_DASHES = "-–—"
_DAY_WORDS = frozenset({"ngày", "mùng", "mồng"})

_FULL_DATE = re.compile(r"(\d{1,2})([/.-])(\d{1,2})\2(\d{4})")
_MONTH_YEAR = re.compile(r"(\d{1,2})[/-](\d{4})")
_SLASHED = re.compile(r"(\d+)/(\d+)")
_DAY_AND_MONTH = re.compile(r"(\d{1,2})/(\d{1,2})(?:/(\d{4}))?")
_CLOCK = re.compile(r"(\d{1,2}):(\d{2})(?::(\d{2}))?")
_HOUR = re.compile(r"(\d{1,2})[hHg](\d{2})?(?:['’]|ph?)?")  # "5G" is a network, not five o'clock
_ISO_DATE = re.compile(r"(\d{4})([/-])(\d{1,2})\2(\d{1,2})")
_HEIGHT = re.compile(r"(\d)m(\d{1,2})")
_MINUTES = re.compile(r"(\d+)['’]")
_MILLIONS = re.compile(r"(\d+)tr(\d{1,3})?")
_THOUSANDS = re.compile(r"(\d+(?:,\d+)?)[kK]")
_LEADING_NUMBER = re.compile(r"\d[\d.,]*\d|\d")
_PER_TAIL = re.compile(r"(.*\d[^/]*)((?:/[^\W\d_][^/]*)+)")
_NUMERIC_START = re.compile(r"[-−+]?\d")
_DOTTED = re.compile(r"\d+(?:\.\d+)+")
_ROMAN = re.compile(r"[IVXLCDM]+")
_LOWER_ROMAN = re.compile(r"[ivx]+")
_ANY_LOWER_ROMAN = re.compile(r"[ivxlcdm]+")
_ROMAN_YEAR = re.compile(r"([IVXLC]+)/(\d{4})")
_RANGE = re.compile(rf"([^{_DASHES}]*\d[^{_DASHES}]*)[{_DASHES}]([^{_DASHES}]*\d[^{_DASHES}]*)")
_SPELLABLE = re.compile(r"[A-ZĐ]{2,6}")
_SYLLABLE = re.compile(
    r"(?:ngh|ng|nh|ch|gh|gi|kh|ph|qu|th|tr|[bcdđghklmnprstvx])?[aeiouy]{1,3}(?:ch|ng|nh|[cmnpt])?"
)


@dataclass(frozen=True)
class Context:
    """The words around a token, lower case: ``before[-1]`` is the nearest."""

    before: tuple[str, ...]
    after: tuple[str, ...]

    @property
    def previous(self) -> str:
        return self.before[-1] if self.before else ""

    @property
    def next(self) -> str:
        return self.after[0] if self.after else ""

    def preceded_by(self, phrases: frozenset[str]) -> bool:
        return any(" ".join(self.before[-n:]) in phrases for n in (1, 2, 3) if len(self.before) >= n)


class Reader:
    def __init__(self, tables: SpeechTables):
        self.tables = tables
        currencies = sorted(tables.currencies, key=len, reverse=True)
        self._prefix_currency = re.compile("(" + "|".join(map(re.escape, currencies)) + r")(?=\d)")
        self._symbols = {**{key: unit.words for key, unit in tables.units.items()}, **tables.currencies}
        # Most tokens are plain lower-case words: they skip classification entirely.
        self._plain = re.compile(r"[^\W\d_A-ZĐ]+")
        self._triggers = frozenset(self._symbols) | frozenset(tables.phrases)
        self._lower_symbols = frozenset(symbol.lower() for symbol in self._symbols)
        # A line with none of these has nothing to read: it is not even split into tokens.
        words = [unit for unit, spec in tables.units.items() if spec.alone]
        # Currency words that are plain Vietnamese ("đồng") only matter after a number.
        words += [code for code in tables.currencies if len(code) >= 3 and not code.islower()]
        words += list(tables.phrases)
        first_chars = "".join(sorted({re.escape(word[0]) for word in words}))
        self._worth_reading = re.compile(
            rf"(?=[0-9/$€£¥₫%‰°+A-ZĐivx{first_chars}])(?:[0-9/$€£¥₫%‰°+]|[A-ZĐ]{{2}}|(?<!\w)(?:[IVXLCDM]|[ivx]+|"
            + "|".join(map(re.escape, sorted(words, key=len, reverse=True)))
            + r")(?!\w))"
        )

    # ---- the walk over a line ---------------------------------------------------------

    def read_line(self, line: str) -> str:
        starts = [match.start() for match in self._worth_reading.finditer(line)]
        if not starts:
            return line
        tokens = tokenize(line)
        candidates = self._candidates(tokens, starts)
        spoken, i = [], 0
        while i < len(tokens):
            reading = self._read_at(tokens, i) if i in candidates else None
            if reading is None:
                spoken.append(tokens[i].source)
                i += 1
                continue
            words, used = reading
            first, last = tokens[i], tokens[i + used - 1]
            # "(0208) 3 123 456": the area code's bracket closed inside what was read.
            lead = first.lead if used == 1 or ")" in last.trail else first.lead.replace("(", "")
            spoken.append(f"{first.space}{lead}{words}{last.trail}")
            i += used
        return "".join(spoken)

    @staticmethod
    def _candidates(tokens: list[Token], starts: list[int]) -> set[int]:
        """The tokens worth classifying: those holding what the gate found, and the two after
        a number (its unit, its currency after a scale word: "5 m", "250 tỷ USD")."""
        ends = list(itertools.accumulate(len(token.source) for token in tokens))
        found = {bisect.bisect_right(ends, start) for start in starts}
        for i in sorted(found):
            if i < len(tokens) and tokens[i].has_digit:
                found.update((i + 1, i + 2))
        return found

    def _read_at(self, tokens: list[Token], i: int) -> tuple[str, int] | None:
        token = tokens[i]
        if not token.text or (
            self._plain.fullmatch(token.text) and token.text not in self._triggers and not _LOWER_ROMAN.fullmatch(token.text)
        ):
            return None
        context = _context(tokens, i)
        if token.text in self.tables.phrases:
            return self.tables.phrases[token.text], 1
        for multi in (self._phone, self._spaced_range, self._code_before_number):
            reading = multi(tokens, i, context)
            if reading:
                return reading
        if _NUMERIC_START.match(token.text) or self._prefix_currency.match(token.text):
            return self._numeric_token(tokens, i, context)
        words = self._word_token(tokens, i, context)
        if words is None and token.has_digit:
            words = self._letters_and_digits(token.text)
        return (words, 1) if words is not None else None

    # ---- readers that take several tokens -------------------------------------------------

    def _phone(self, tokens: list[Token], i: int, context: Context) -> tuple[str, int] | None:
        """"+84 912 345 678", "(0208) 3 123 456", "0912.345.678", "1900 6789": digit by digit."""
        first = tokens[i]
        if first.text in self.tables.context("service-number") and context.next not in self.tables.context("counter") and any(
            token.word in self.tables.context("phone-word") for token in tokens[max(0, i - 8) : i]
        ):
            return digits_to_words(first.text), 1  # "gọi 113"
        if not re.fullmatch(r"\+?\d+(?:[.\-]\d+)*", first.text) or context.previous == "năm":
            return None
        groups = re.split(r"[.\-]", first.text)
        used, digits = 1, sum(len(group.strip("+")) for group in groups)
        while i + used < len(tokens) and digits < 12:
            following, before = tokens[i + used], tokens[i + used - 1]
            if following.lead or before.trail not in ("", ")") or not re.fullmatch(r"\d{1,4}", following.text):
                break
            groups.append(following.text)
            used, digits = used + 1, digits + len(following.text)
        plus, leading_zero = first.text.startswith("+"), first.text.startswith("0")
        hotline = groups[0] in ("1800", "1900") and len(groups) > 1 and 8 <= digits <= 10
        if not (
            (plus and 10 <= digits <= 12)
            or (leading_zero and 9 <= digits <= 11 and len(groups) > 1)
            or hotline
        ):
            return None
        said = ", ".join(("cộng " if group.startswith("+") else "") + digits_to_words(group) for group in groups)
        return said, used

    def _spaced_range(self, tokens: list[Token], i: int, context: Context) -> tuple[str, int] | None:
        """"7h - 11h", "03/2022 – 12/2023": a dash between two numbers is "đến"."""
        if i + 2 >= len(tokens) or not tokens[i].has_digit or tokens[i].trail:
            return None
        dash, right = tokens[i + 1], tokens[i + 2]
        if dash.text not in _DASHES or dash.lead or dash.trail or right.lead or not right.text[:1].isdigit():
            return None
        said = self._range(tokens[i].text, right.text, context, _context(tokens, i + 2))
        return (said, 3) if said else None

    def _code_before_number(self, tokens: list[Token], i: int, context: Context) -> tuple[str, int] | None:
        """"USD 5", "VND 500.000": the currency is said after the number."""
        code = tokens[i].text
        if len(code) < 3 or code not in self.tables.currencies or i + 1 >= len(tokens) or tokens[i].trail:
            return None
        number = self._number(tokens[i + 1].text, "")
        if number is None:
            return None
        return f"{number} {self.tables.currencies[code]}", 2

    # ---- one token with digits ---------------------------------------------------------------

    def _numeric_token(self, tokens: list[Token], i: int, context: Context) -> tuple[str, int] | None:
        text = tokens[i].text
        if context.previous == "tháng" and text.isdigit() and 1 <= int(text) <= 12:
            said = month_words(int(text))
            year = _glued_next(tokens, i)
            if year is not None and re.fullmatch(r"\d{4}", year.text) and not year.lead:  # "tháng 7 2023"
                return f"{said} năm {number_to_words(int(year.text))}", 2
            return said, 1
        if prefix := self._prefix_currency.match(text):  # "$2 triệu" → hai triệu đô la
            number = self._number(text[prefix.end() :], "")
            if number is not None:
                scale = _glued_next(tokens, i)
                currency = self.tables.currencies[prefix.group(1)]
                if scale is not None and scale.word in self.tables.context("scale"):
                    return f"{number} {scale.text} {currency}", 2
                return f"{number} {currency}", 1
        if per := _PER_TAIL.fullmatch(text):  # "1tr5/người", "5,5%/năm", "80km/h"
            head, tail = self.read_numeric(per.group(1), context), self._per("", per.group(2).split("/")[1:])
            if head and tail:
                return f"{head}{tail}", 1
        said = self.read_numeric(text, context)
        return (said, 1) if said is not None else None

    def read_numeric(self, text: str, context: Context, signed: bool = False) -> str | None:
        """Words for one token that holds digits, or None to leave it to the later rules."""
        if text[:1] in "-−" and text[1:2].isdigit():
            rest = self.read_numeric(text[1:], context, signed=True)
            return f"âm {rest}" if rest else None
        if text[:1] == "+" and text[1:2].isdigit():
            rest = self.read_numeric(text[1:], context, signed=True)
            return f"cộng {rest}" if rest else None
        for shape in (self._date, self._time, self._money_shorthand):
            said = shape(text, context)
            if said is not None:
                return said
        if match := _SLASHED.fullmatch(text):
            return self._slashed(int(match.group(1)), int(match.group(2)), context, signed)
        if match := _RANGE.fullmatch(text):
            said = self._range(match.group(1), match.group(2), context, Context(("đến",), context.after))
            if said is not None:
                return said
        if context.previous == "thứ" and text.isdigit() and len(text) <= 3:
            return ordinal_words(int(text))
        return self._measure(text, context)

    def _date(self, text: str, context: Context) -> str | None:
        day_month_year = None
        if match := _FULL_DATE.fullmatch(text):
            day_month_year = int(match.group(1)), int(match.group(3)), int(match.group(4))
        elif match := _ISO_DATE.fullmatch(text):  # "2023-03-15"
            day_month_year = int(match.group(4)), int(match.group(3)), int(match.group(1))
        if day_month_year and _is_date(*day_month_year[:2]):
            day, month, year = day_month_year
            return f"{_day_prefix(context)}{number_to_words(day)} tháng {month_words(month)} năm {number_to_words(year)}"
        if match := _MONTH_YEAR.fullmatch(text):
            month, year = int(match.group(1)), int(match.group(2))
            if context.previous in ("quý", "số"):  # "quý 3/2025", "Thông báo số 12/2024"
                return f"{number_to_words(month)} năm {number_to_words(year)}"
            if 1 <= month <= 12:
                prefix = "" if context.previous == "tháng" else "tháng "
                return f"{prefix}{month_words(month)} năm {number_to_words(year)}"
        return None

    def _time(self, text: str, context: Context) -> str | None:
        if match := _CLOCK.fullmatch(text):
            hour, minute, second = match.groups()
            if int(hour) <= 24 and int(minute) <= 59 and (second is None or int(second) <= 59):
                said = f"{number_to_words(int(hour))} giờ"
                if int(minute) or second:
                    said += f" {number_to_words(int(minute))}"
                    if second or context.next != "phút":  # "9:45 phút": the word is already there
                        said += " phút"
                if second:
                    said += f" {number_to_words(int(second))} giây"
                return said
        if match := _HOUR.fullmatch(text):
            hour, minute = match.groups()
            if int(hour) <= 24 and (minute is None or int(minute) <= 59):
                said = f"{number_to_words(int(hour))} giờ"
                if minute and int(minute):
                    said += f" {number_to_words(int(minute))}" + ("" if context.next == "phút" else " phút")
                return said
        if match := _MINUTES.fullmatch(text):
            return f"{number_to_words(int(match.group(1)))} phút"
        return None

    def _roman_year(self, text: str, context: Context) -> str | None:
        match = _ROMAN_YEAR.fullmatch(text)  # "quý III/2025"
        value = roman_to_int(match.group(1)) if match else None
        if value is None or not context.preceded_by(self.tables.numbered_words):
            return None
        return f"{number_to_words(value)} năm {number_to_words(int(match.group(2)))}"

    def _money_shorthand(self, text: str, context: Context) -> str | None:
        if match := _MILLIONS.fullmatch(text):  # "1tr5" → một triệu năm trăm nghìn
            said = f"{number_to_words(int(match.group(1)))} triệu"
            if match.group(2) and int(match.group(2)):
                said += f" {number_to_words(int(match.group(2).ljust(3, '0')))} nghìn"
            return said
        if match := _THOUSANDS.fullmatch(text):  # "500k"
            return f"{self._number(match.group(1), '')} nghìn"
        if match := _HEIGHT.fullmatch(text):  # "1m75"
            return f"{number_to_words(int(match.group(1)))} mét {number_to_words(int(match.group(2)))}"
        return None

    def _slashed(self, first: int, second: int, context: Context, signed: bool) -> str:
        contexts = self.tables.context
        if context.previous in contexts("house-before") and (
            context.previous != "số" or context.next in contexts("street-next")
        ):
            return f"{number_to_words(first)} xẹt {number_to_words(second)}"
        if context.previous == "thứ":  # "xếp thứ 4/63 tỉnh"
            return f"{ordinal_words(first)} trên {number_to_words(second)}"
        fraction = f"{number_to_words(first)} phần {'tư' if second == 4 else number_to_words(second)}"
        if signed or context.next in contexts("fraction-next") or context.previous in contexts("fraction-before"):
            return fraction
        if _is_date(first, second):
            return f"{number_to_words(first)} tháng {month_words(second)}"
        return f"{number_to_words(first)} trên {number_to_words(second)}"

    def _range(self, left: str, right: str, context: Context, right_context: Context) -> str | None:
        if match := _DAY_AND_MONTH.fullmatch(right):  # "ngày 01-02/10": two days of one month
            day, month, year = match.groups()
            if left.isdigit() and _is_date(int(left), int(month)) and _is_date(int(day), int(month)):
                # Like "3/2", days and a month alone are said without "ngày" ("25-26/12").
                prefix = _day_prefix(context) if year else ""
                said = f"{prefix}{number_to_words(int(left))} đến {number_to_words(int(day))} tháng {month_words(int(month))}"
                return said + (f" năm {number_to_words(int(year))}" if year else "")
        if context.previous == "tháng" and left.isdigit() and right.isdigit():
            if 1 <= int(left) <= 12 and 1 <= int(right) <= 12:  # "tháng 4-5"
                return f"{month_words(int(left))} đến tháng {month_words(int(right))}"
        left_words = self._number(left, "") if _LEADING_NUMBER.fullmatch(left) else None
        if left_words is None:
            left_words = self.read_numeric(left, context)
        right_words = self.read_numeric(right, right_context)
        if left_words is None or right_words is None:
            return None
        return f"{left_words} đến {right_words}"

    def _measure(self, text: str, context: Context) -> str | None:
        """A number, with what is glued after it: a unit, a currency, "%", a letter."""
        match = _LEADING_NUMBER.match(text)
        if match is None:
            return self._letters_and_digits(text)
        number, rest = match.group(0), text[match.end() :]
        said = self._number(number, rest or (context.next if context.next.lower() in self._lower_symbols else ""))
        if said is None:
            return self._letters_and_digits(text)
        if not rest:
            return said
        unit = self.compound_unit(rest)
        if unit is not None and not self._labels_a_code(rest, context.before):
            return f"{said} {unit}"
        rest = rest.lstrip("-")  # "2-B"
        return f"{said} {self._letters_and_digits(rest) or rest}"

    def _number(self, number: str, after: str) -> str | None:
        """One written number: "1.250.000", "15,5", "3,141.59", "1.2.3", "0912"."""
        if re.fullmatch(r"\d+", number):
            return integer_text_words(number)
        if re.fullmatch(r"\d{1,3}(?:\.\d{3})+(?:,\d+)?", number):  # Vietnamese grouping
            integer, _, fraction = number.partition(",")
            return _decimal(integer.replace(".", ""), fraction)
        if re.fullmatch(r"\d{1,3}(?:,\d{3})+\.\d+|\d{1,3}(?:,\d{3}){2,}", number):  # English grouping
            integer, _, fraction = number.partition(".")
            return _decimal(integer.replace(",", ""), fraction)
        if match := re.fullmatch(r"(\d+),(\d+)", number):
            return _decimal(*match.groups())
        if match := re.fullmatch(r"(\d+)\.(\d+)", number):
            if after and (self.compound_unit(after) is not None or after in self._lower_symbols):  # "6.5%", "10.5 km"
                return _decimal(*match.groups())
        if _DOTTED.fullmatch(number):  # "1.2.3": a section number
            return " chấm ".join(integer_text_words(part) for part in number.split("."))
        return None

    def compound_unit(self, text: str) -> str | None:
        """"km/h" → ki lô mét trên giờ, "đ/người/năm" → đồng một người một năm; None if
        not a unit."""
        first, *others = text.split("/")
        words = self._symbols.get(first)
        return self._per(words, others) if words is not None else None

    def _per(self, words: str, others: list[str]) -> str | None:
        said = [words]
        for other in others:
            if other in self._symbols and other.lower() not in self.tables.context("per-word"):
                said.append(f"trên {self._symbols[other]}")  # "km/h", "người/km²"
            elif other.isalpha() and other.islower():
                said.append(f"một {other}")  # "đồng/người", "USD/ounce"
            else:
                return None
        return " ".join(said)

    def _labels_a_code(self, unit: str, words_before_number: tuple[str, ...]) -> bool:
        """"Tổ 5A", "Quốc lộ 1A", "lớp 12 A": a capital letter after the number of something
        that is labelled so is part of a code, not amperes or volts."""
        labels = self.tables.context("code-before")
        return len(unit) == 1 and unit.isupper() and Context(words_before_number, ()).preceded_by(labels)

    # ---- a token without digits ---------------------------------------------------------------

    def _word_token(self, tokens: list[Token], i: int, context: Context) -> str | None:
        text = tokens[i].text
        after_number = i > 0 and (
            tokens[i - 1].has_digit
            or (tokens[i - 1].word in self.tables.context("scale") and i > 1 and tokens[i - 2].has_digit)
        )
        if after_number and not tokens[i - 1].trail and not self._labels_a_code(text, context.before[:-1]):
            words = self.compound_unit(text)
            if words is not None:
                return words
        if len(text) >= 3 and text in self.tables.currencies:  # "đơn vị tính: USD"
            return self.tables.currencies[text]
        unit = self.tables.units.get(text)
        if unit is not None and unit.alone:
            return unit.words
        first, *others = text.split("/")
        if others and (after_number or first in self._symbols):  # "3 lần/tuần", "người/km²"
            per = self._per(first, others)
            if per is not None:
                return per
        return self._roman_year(text, context) or self._roman(text, context) or self._spelled(text)

    def _roman(self, text: str, context: Context) -> str | None:
        if not (_ROMAN.fullmatch(text) or _LOWER_ROMAN.fullmatch(text)):
            return None
        value = roman_to_int(text.upper())
        if value is None or not _after_listed_numerals(context).preceded_by(self.tables.numbered_words):
            return None
        return ordinal_words(value) if context.previous == "thứ" else number_to_words(value)

    def _spelled(self, text: str) -> str | None:
        """An unknown abbreviation in capitals that no Vietnamese syllable could be: spell it."""
        if not _SPELLABLE.fullmatch(text) or _SYLLABLE.fullmatch(text.lower()) or _ROMAN.fullmatch(text):
            return None
        names = [self.tables.letters.get(letter) for letter in text]
        return " ".join(names) if all(names) else None

    def _letters_and_digits(self, text: str) -> str | None:
        """"H5N1", "F0", "2a": letters stay, digits are read."""
        if not re.fullmatch(r"[^\W_]+(?:[-.][^\W_]+)*", text):
            return None
        parts = re.findall(r"\d+|[^\W\d_]+", text)
        # In a code, "01" is "không một", not a padded one.
        return " ".join((digits_to_words(part) if part[0] == "0" else integer_text_words(part)) if part.isdigit()
                        else part for part in parts)


def _context(tokens: list[Token], i: int) -> Context:
    before = tuple(token.word for token in tokens[max(0, i - 5) : i])
    after = tuple(token.word for token in tokens[i + 1 : i + 3])
    return Context(before, after)


def _glued_next(tokens: list[Token], i: int) -> Token | None:
    """The next token when nothing but a space stands between ("tháng 7 2023", "$2 triệu")."""
    return tokens[i + 1] if i + 1 < len(tokens) and not tokens[i].trail else None


def _day_prefix(context: Context) -> str:
    """"ngày" before a date, unless it is written already ("ngày 28/10/2025" is not "ngày ngày")."""
    return "" if context.previous in _DAY_WORDS else "ngày "


def _after_listed_numerals(context: Context) -> Context:
    """"các khóa XI, XII và XIII": the later numerals take the word before the first one."""
    before = list(context.before)
    while len(before) > 1 and (before[-1] in ("và", "đến", "hoặc") or _ANY_LOWER_ROMAN.fullmatch(before[-1])):
        before.pop()
    return Context(tuple(before), context.after)


def _is_date(day: int, month: int) -> bool:
    return 1 <= day <= 31 and 1 <= month <= 12


def _decimal(integer: str, fraction: str) -> str:
    said = integer_text_words(integer)
    return f"{said} phẩy {fraction_words(fraction)}" if fraction else said
