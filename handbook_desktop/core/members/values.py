"""The values of one member record: cleaning what was typed or read, and the record's rules.

Shared by the member form and the roster import, so both say the same thing about the same
mistake. Messages name the field in Vietnamese ("Ngày sinh: …") and never raise: the caller
decides whether a problem stops it (errors) or is only shown (warnings).
"""

import re
from dataclasses import dataclass
from datetime import date

from handbook_desktop.core.text.formatting import format_date
from handbook_desktop.core.text.dates import DateProblem, read_date
from handbook_desktop.core.members.models import MemberStatus
from handbook_desktop.core.members.party_rules import probation_ends
from handbook_desktop.core.text.folding import fold, nfc
from handbook_desktop.i18n import N_, _

CARD_NUMBER_DIGITS = 8  # party cards issued under the current rules carry 8 digits
PARTY_FOUNDED = date(1930, 2, 3)
ADMISSION_AGE = 18  # Điều lệ Đảng: a citizen of eighteen or over
OLDEST_AGE = 120

TEXT_FIELDS = ("full_name", "sex", "ethnicity", "religion", "hometown", "address", "education",
               "specialist_level", "theory_level", "occupation", "card_number", "phone", "notes")
DATE_FIELDS = ("birth_date", "admitted_on", "official_on")
# The member table's columns a user edits, in the order of the record.
MEMBER_FIELDS = ("full_name", "birth_date", "sex", "ethnicity", "religion", "hometown", "address", "education",
                 "specialist_level", "theory_level", "occupation", "admitted_on", "official_on", "card_number",
                 "phone", "notes")
# Dates of status events a roster row (or a new member's form) may carry.
EVENT_DATE_FIELDS = ("transferred_in_on", "transferred_out_on", "died_on", "left_on")

FIELD_LABELS = {
    "full_name": N_("Họ và tên"), "birth_date": N_("Ngày sinh"), "sex": N_("Giới tính"),
    "ethnicity": N_("Dân tộc"), "religion": N_("Tôn giáo"), "hometown": N_("Quê quán"),
    "address": N_("Nơi thường trú"), "education": N_("Giáo dục phổ thông"),
    "specialist_level": N_("Chuyên môn nghiệp vụ"), "theory_level": N_("Lý luận chính trị"),
    "occupation": N_("Nghề nghiệp, chức vụ"), "admitted_on": N_("Ngày vào Đảng"),
    "official_on": N_("Ngày chính thức"), "card_number": N_("Số thẻ đảng viên"), "phone": N_("Điện thoại"),
    "notes": N_("Ghi chú"), "status": N_("Tình trạng"), "transferred_in_on": N_("Ngày chuyển đến"),
    "transferred_out_on": N_("Ngày chuyển đi"), "died_on": N_("Ngày từ trần"),
    "left_on": N_("Ngày ra khỏi Đảng"), "left_form": N_("Hình thức ra khỏi Đảng"),
    "occurred_on": N_("Ngày của sự kiện"),
}
# Column sizes of the members table: the server's database enforces them.
MAX_LENGTHS = {"full_name": 200, "sex": 8, "ethnicity": 64, "religion": 64, "hometown": 300, "address": 300,
               "education": 32, "specialist_level": 64, "theory_level": 32, "occupation": 200,
               "card_number": 16, "phone": 20}
THEORY_LEVELS = ("Sơ cấp", "Trung cấp", "Cao cấp", "Cử nhân")
SEXES = ("Nam", "Nữ")
_SEX_WORDS = {"nam": "Nam", "nu": "Nữ", "m": "Nam", "f": "Nữ", "male": "Nam", "female": "Nữ"}
_PHONE = re.compile(r"(?:\+84|84|0)\d{8,10}")
_SEPARATORS = re.compile(r"[\s.\-–()]+")


@dataclass(frozen=True)
class Problem:
    field: str  # a field key, "" for the record as a whole
    message: str  # translated, names the field
    is_error: bool = True


def field_label(name: str) -> str:
    return _(FIELD_LABELS[name]) if name in FIELD_LABELS else name


def clean_text(value: object, *, multiline: bool = False) -> str:
    """NFC, single spaces, no stray ends; numbers from a spreadsheet lose a ".0"."""
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    text = nfc(str(value)).replace("\u00a0", " ").replace("\u200b", "")
    if multiline:
        return "\n".join(" ".join(line.split()) for line in text.splitlines()).strip()
    return " ".join(text.split())


def clean_card_number(value: object) -> str:
    """Digits only: spreadsheets turn "01234567" into 1234567, so a number gets its zeros back."""
    if isinstance(value, (int, float)) and not isinstance(value, bool) and float(value).is_integer():
        return str(int(value)).zfill(CARD_NUMBER_DIGITS)
    return _SEPARATORS.sub("", clean_text(value))


def clean_phone(value: object) -> str:
    if isinstance(value, (int, float)) and not isinstance(value, bool) and float(value).is_integer():
        digits = str(int(value))
        return "0" + digits if len(digits) == 9 else digits  # the leading 0 a number cell drops
    return _SEPARATORS.sub("", clean_text(value))


def clean_sex(value: object) -> str:
    text = clean_text(value)
    return _SEX_WORDS.get(fold(text), text)


def clean_theory_level(value: object) -> str:
    text = clean_text(value)
    for level in THEORY_LEVELS:
        if fold(text) == fold(level):
            return level
    return text


CLEANERS = {"card_number": clean_card_number, "phone": clean_phone, "sex": clean_sex,
            "theory_level": clean_theory_level}


def clean_values(raw: dict[str, object], today: date) -> tuple[dict[str, object], list[Problem]]:
    """Typed or read values → stored form (text NFC, dates as dates); unreadable dates reported."""
    values: dict[str, object] = {}
    problems: list[Problem] = []
    for name, value in raw.items():
        if name in DATE_FIELDS or name in EVENT_DATE_FIELDS:
            reading = read_date(value, today=today)
            values[name] = reading.value
            if not reading.ok:
                problems.append(Problem(name, date_problem_message(name, value, reading.problem)))
        elif name in CLEANERS:
            values[name] = CLEANERS[name](value)
        else:
            values[name] = clean_text(value, multiline=name == "notes")
    return values, problems


def date_problem_message(name: str, value: object, problem: str) -> str:
    shown = clean_text(value)
    if problem == DateProblem.INCOMPLETE:
        text = _("{field}: “{value}” thiếu ngày hoặc tháng; hãy ghi đủ theo dạng dd/mm/yyyy.")
    elif problem == DateProblem.NOT_A_DAY:
        text = _("{field}: ngày “{value}” không có trên lịch.")
    else:
        text = _("{field}: không đọc được “{value}” thành ngày; hãy ghi theo dạng dd/mm/yyyy.")
    return text.format(field=field_label(name), value=shown)


def check_record(values: dict[str, object], today: date, status: MemberStatus | None = None) -> list[Problem]:
    """The record's own rules; `values` holds every field of the record (empty ones too)."""
    problems = _check_texts(values)
    problems += _check_birth(values, today, status)
    problems += _check_membership_dates(values, today)
    return problems


def combine(reading: list[Problem], record: list[Problem]) -> list[Problem]:
    """Reading problems first; a field that could not be read is not also "missing"."""
    unreadable = {problem.field for problem in reading}
    return reading + [problem for problem in record if problem.field not in unreadable]


def _check_texts(values: dict[str, object]) -> list[Problem]:
    problems = []
    name = str(values.get("full_name") or "")
    if not name:
        problems.append(Problem("full_name", _("Họ và tên: chưa ghi.")))
    elif any(char.isdigit() for char in name):
        problems.append(Problem("full_name", _("Họ và tên “{name}” có chữ số.").format(name=name)))
    elif len(name.split()) < 2:
        problems.append(Problem("full_name", _("Họ và tên “{name}” chỉ có một chữ; hãy ghi đủ họ và tên.")
                                .format(name=name), is_error=False))
    sex = values.get("sex") or ""
    if sex and sex not in SEXES:
        problems.append(Problem("sex", _("Giới tính “{value}”: hãy ghi Nam hoặc Nữ.").format(value=sex)))
    card = values.get("card_number") or ""
    if card and not (card.isascii() and card.isdigit() and len(card) == CARD_NUMBER_DIGITS):
        problems.append(Problem("card_number", _("Số thẻ đảng viên “{value}” phải gồm đúng {digits} chữ số.")
                                .format(value=card, digits=CARD_NUMBER_DIGITS)))
    phone = values.get("phone") or ""
    if phone and not _PHONE.fullmatch(phone):
        problems.append(Problem("phone", _("Điện thoại “{value}” không giống số điện thoại Việt Nam.")
                                .format(value=phone), is_error=False))
    for field, limit in MAX_LENGTHS.items():
        if len(str(values.get(field) or "")) > limit:
            problems.append(Problem(field, _("{field}: dài quá {limit} ký tự.").format(
                field=field_label(field), limit=limit)))
    return problems


def _check_birth(values: dict[str, object], today: date, status: MemberStatus | None) -> list[Problem]:
    born = values.get("birth_date")
    if born is None:
        return [Problem("birth_date", _("Ngày sinh: chưa ghi."))]
    shown = format_date(born)
    if born > today:
        return [Problem("birth_date", _("Ngày sinh {date} ở tương lai.").format(date=shown))]
    alive = status != MemberStatus.DECEASED and not values.get("died_on")
    if born.year < today.year - OLDEST_AGE - 30 or (alive and _years(born, today) > OLDEST_AGE):
        return [Problem("birth_date", _("Ngày sinh {date}: tuổi không hợp lý, hãy kiểm tra lại.").format(date=shown))]
    if alive and _years(born, today) < ADMISSION_AGE:
        return [Problem("birth_date", _("Ngày sinh {date}: người này chưa đủ {age} tuổi.").format(
            date=shown, age=ADMISSION_AGE))]
    return []


def _check_membership_dates(values: dict[str, object], today: date) -> list[Problem]:
    born, admitted, official = values.get("birth_date"), values.get("admitted_on"), values.get("official_on")
    problems = [Problem(name, _("{field} {date} ở tương lai.").format(field=field_label(name), date=format_date(day)))
                for name in ("admitted_on", "official_on", *EVENT_DATE_FIELDS)
                if (day := values.get(name)) and day > today]
    if admitted is None:
        return problems + [Problem("admitted_on", _("Ngày vào Đảng: chưa ghi."))]
    if admitted < PARTY_FOUNDED:
        problems.append(Problem("admitted_on", _("Ngày vào Đảng {date} trước ngày thành lập Đảng (03/02/1930).")
                                .format(date=format_date(admitted))))
    if born and admitted < born:
        problems.append(Problem("admitted_on", _("Ngày vào Đảng {date} trước ngày sinh.").format(
            date=format_date(admitted))))
    elif born and _years(born, admitted) < ADMISSION_AGE:
        problems.append(Problem("admitted_on", _("Ngày vào Đảng {date}: khi đó chưa đủ {age} tuổi.").format(
            date=format_date(admitted), age=ADMISSION_AGE), is_error=False))
    if official and official < admitted:
        problems.append(Problem("official_on", _("Ngày chính thức {official} trước ngày vào Đảng {admitted}.")
                                .format(official=format_date(official), admitted=format_date(admitted))))
    elif official and official != probation_ends(admitted):
        problems.append(Problem("official_on", _(
            "Ngày chính thức {official}: thường là đủ 12 tháng sau ngày vào Đảng, tức {due}.").format(
            official=format_date(official), due=format_date(probation_ends(admitted))), is_error=False))
    problems += [Problem(name, _("{field} {date} trước ngày vào Đảng {admitted}.").format(
        field=field_label(name), date=format_date(day), admitted=format_date(admitted)))
        for name in EVENT_DATE_FIELDS if (day := values.get(name)) and day < admitted]
    return problems


def _years(start: date, end: date) -> int:
    return end.year - start.year - ((end.month, end.day) < (start.month, start.day))
