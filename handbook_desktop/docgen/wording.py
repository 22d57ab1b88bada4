"""How Party paperwork writes dates, times, counts and percentages.

Document text is always Vietnamese, whatever the interface language: nothing here goes
through `_()`.
"""

from datetime import date, datetime

from handbook_desktop.core.text import format_date
from handbook_desktop.core.meetings import percent
from handbook_desktop.core.text import fold

WEEKDAYS = ("thứ Hai", "thứ Ba", "thứ Tư", "thứ Năm", "thứ Sáu", "thứ Bảy", "Chủ nhật")
ROMAN = ("I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X")


def caps(value: str) -> str:
    """Header capitals; str.upper knows Vietnamese (ư → Ư, đ → Đ)."""
    return " ".join(value.split()).upper()


def long_date(day: date) -> str:
    """ "ngày 05 tháng 02 năm 2026": days below 10 and months 1 and 2 take a leading zero,
    as on Party documents (a hand cannot add a digit in front of them later)."""
    month = f"{day.month:02d}" if day.month < 3 else str(day.month)
    return f"ngày {day.day:02d} tháng {month} năm {day.year}"


def place_date(place: str, day: date) -> str:
    return f"{place}, {long_date(day)}" if place else long_date(day).capitalize()


def clock(moment: datetime) -> str:
    """ "19 giờ 30 phút" (a local time)."""
    return f"{moment.hour} giờ {moment.minute:02d} phút"


def weekday(day: date) -> str:
    return WEEKDAYS[day.weekday()]


def short_date(day: date) -> str:
    return format_date(day)


def pct(part: int, whole: int) -> str:
    """ "85,7%": one decimal, Vietnamese decimal comma, "100%" without a decimal."""
    value = percent(part, whole)
    shown = f"{value:.1f}".rstrip("0").rstrip(".").replace(".", ",")
    return f"{shown}%"


def comrades(names: list[str] | tuple[str, ...]) -> str:
    """ "đồng chí A, đồng chí B" """
    return ", ".join(f"đồng chí {name}" for name in names)


def sentence(value: str) -> str:
    """The text with one full stop at the end (data may or may not have one)."""
    value = " ".join(value.split())
    return value if not value or value[-1] in ".!?…" else value + "."


def without_stop(value: str) -> str:
    return " ".join(value.split()).rstrip(" .;,")


def lower_first(value: str) -> str:
    """ "Đi công tác" → "đi công tác" after a colon; an acronym ("UBND …") stays as it is."""
    first = value.split(" ", 1)[0]
    return value[:1].lower() + value[1:] if first[:1].isupper() and first[1:] == first[1:].lower() else value


def party_role(occupation: str) -> str:
    """The Party position at the head of an occupation ("Bí thư Chi bộ, Trưởng khu phố 3"),
    or "" when it does not start with one: only these are written after a signer's name."""
    first = occupation.replace(";", ",").split(",")[0].strip()
    folded = fold(first)
    starts = ("bi thu", "pho bi thu", "chi uy vien", "dang uy vien")
    return first if any(folded.startswith(word) for word in starts) else ""


def signer_title(role: str) -> str:
    """ "PHÓ BÍ THƯ" when a deputy signs for the cell, else "BÍ THƯ"."""
    return "PHÓ BÍ THƯ" if fold(role).startswith("pho bi thu") else "BÍ THƯ"


def place_of(body_name: str) -> str:
    """ "Đảng bộ phường Bắc Sơn" → "Bắc Sơn": the place name the date line starts with."""
    words = body_name.split()
    folded = [fold(word) for word in words]
    for lead in (("dang", "bo"), ("dang", "uy"), ("chi", "bo"), ("thanh", "uy"), ("huyen", "uy"),
                 ("tinh", "uy"), ("quan", "uy"), ("thi", "uy")):
        if tuple(folded[:2]) == lead:
            words, folded = words[2:], folded[2:]
            break
    for place_word in (("thi", "tran"), ("thanh", "pho"), ("thi", "xa"), ("phuong",), ("xa",), ("huyen",),
                       ("quan",), ("tinh",)):
        if tuple(folded[:len(place_word)]) == place_word:
            words = words[len(place_word):]
            break
    return " ".join(words)
