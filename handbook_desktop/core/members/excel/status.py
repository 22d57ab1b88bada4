"""What a roster row says of a member's status, and how an import may act on it.

A row states a status in its own column ("Chính thức", "đã từ trần" …) or implies one by its
dates (a death date, a transfer out). For a member already in the register, a different
status is reached only by the event that leads there, dated by the file; without such a
date, or when the rules refuse the event, the status stays and the row says why.
"""

import re
from datetime import date

from sqlalchemy.orm import Session

from handbook_desktop.core.members.models import Member, MemberEventKind, MemberStatus
from handbook_desktop.core.text.formatting import format_date
from handbook_desktop.core.labels import label
from handbook_desktop.core.members.labels import STATUS_LABELS
from handbook_desktop.core.members.rules import refusal
from handbook_desktop.core.members.values import Problem, field_label
from handbook_desktop.core.members.events import member_state
from handbook_desktop.core.text.folding import fold
from handbook_desktop.i18n import _

Status = MemberStatus
Kind = MemberEventKind

_SYNONYMS = {
    Status.OFFICIAL: ("đảng viên chính thức", "chính thức", "ĐVCT"),
    Status.PROBATIONARY: ("đảng viên dự bị", "dự bị", "ĐVDB"),
    Status.EXCUSED: ("miễn sinh hoạt đảng", "miễn công tác và sinh hoạt đảng", "miễn công tác, sinh hoạt đảng",
                     "miễn sinh hoạt", "miễn SH"),
    Status.TEMPORARY: ("sinh hoạt tạm thời nơi khác", "sinh hoạt tạm thời", "tạm thời"),
    Status.TRANSFERRED_OUT: ("chuyển sinh hoạt đi", "chuyển sinh hoạt đảng đi", "đã chuyển đi", "chuyển đi"),
    Status.DECEASED: ("đã từ trần", "từ trần", "đã mất", "mất"),
    Status.LEFT: ("ra khỏi Đảng", "xóa tên", "khai trừ", "cho ra khỏi Đảng", "đã ra khỏi Đảng"),
}


def _key(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", " ", fold(text)).strip()


_STATUS_WORDS = {_key(word): status for status, words in _SYNONYMS.items() for word in words}
_STATUS_WORDS |= {_key(status.value): status for status in Status}
_STATUS_WORDS |= {_key(text): code for code, text in STATUS_LABELS.items()}


def parse_status(value: object) -> tuple[Status | None, Problem | None]:
    """A status cell → status; an unknown word is an error naming the field."""
    text = " ".join(str(value).split()) if value is not None else ""
    if not text:
        return None, None
    status = _STATUS_WORDS.get(_key(text))
    if status is None:
        known = ", ".join(label(s) for s in Status)
        return None, Problem("status", _("Tình trạng “{value}” không rõ; hãy ghi một trong: {known}.").format(
            value=text, known=known))
    return status, None


def implied_status(values: dict) -> Status | None:
    """The status the row's dates tell, the latest step winning."""
    if values.get("died_on"):
        return Status.DECEASED
    if values.get("left_on"):
        return Status.LEFT
    out, back = values.get("transferred_out_on"), values.get("transferred_in_on")
    if out and not (back and back > out):
        return Status.TRANSFERRED_OUT
    if values.get("official_on"):
        return Status.OFFICIAL
    return Status.PROBATIONARY if values.get("admitted_on") else None


_FINAL_DATES = {Status.DECEASED: "died_on", Status.LEFT: "left_on", Status.TRANSFERRED_OUT: "transferred_out_on"}


def status_conflicts(stated: Status | None, values: dict) -> list[Problem]:
    """A status column that contradicts the row's own dates."""
    implied = implied_status(values)
    if stated and implied in _FINAL_DATES and stated != implied:
        name = _FINAL_DATES[implied]
        return [Problem("status", _("Tình trạng “{status}” không khớp với {field} {date} trong cùng dòng.").format(
            status=label(stated), field=field_label(name).lower(), date=format_date(values[name])))]
    if stated == Status.PROBATIONARY and values.get("official_on"):
        return [Problem("status", _("Tình trạng “Dự bị” nhưng dòng có ngày chính thức {date}.").format(
            date=format_date(values["official_on"])))]
    return []


def _event_toward(current: Status, target: Status, values: dict) -> tuple[Kind, date | None, str] | None:
    if target in _FINAL_DATES:
        reason = str(values.get("left_form", "")) if target == Status.LEFT else ""
        return Kind(target.value), values.get(_FINAL_DATES[target]), reason
    if target in (Status.EXCUSED, Status.TEMPORARY):
        return Kind(target.value), None, ""  # a roster carries no date for these
    if target == Status.OFFICIAL and current == Status.PROBATIONARY:
        return Kind.MADE_OFFICIAL, values.get("official_on"), ""
    if target in (Status.OFFICIAL, Status.PROBATIONARY) and current in (Status.TRANSFERRED_OUT, Status.TEMPORARY):
        return Kind.TRANSFERRED_IN, values.get("transferred_in_on"), ""
    return None


def status_plan(session: Session, member: Member, stated: Status | None, values: dict,
                today: date) -> tuple[tuple[Kind, date, str] | None, str]:
    """The event a re-import adds for a member, or none and (maybe) a warning saying why."""
    current = Status(member.status)
    target = stated or _implied_change(current, values)
    if target is None or target == current:
        return None, ""
    names = {"new": label(target), "old": label(current)}
    step = _event_toward(current, target, values)
    if step is None:
        return None, _("Tình trạng trong tệp là “{new}”, trong danh sách là “{old}”: chưa đổi, vì không có bước "
                       "nào dẫn tới đó; hãy dùng “Thay đổi tình trạng”.").format(**names)
    kind, on, reason = step
    if on is None:
        return None, _("Tình trạng trong tệp là “{new}”, trong danh sách là “{old}”: chưa đổi, vì tệp không ghi "
                       "ngày; hãy dùng “Thay đổi tình trạng”.").format(**names)
    problem = refusal(kind, member_state(session, member), on, reason, today)
    if problem:
        return None, _("Tình trạng trong tệp là “{new}”, trong danh sách là “{old}”: chưa đổi. {reason}").format(
            reason=problem, **names)
    return (kind, on, reason), ""


def _implied_change(current: Status, values: dict) -> Status | None:
    """Without a status column only dates that move a member on count; admission dates never demote."""
    implied = implied_status(values)
    if implied in _FINAL_DATES:
        return implied
    if implied == Status.OFFICIAL and current == Status.PROBATIONARY:
        return implied
    if values.get("transferred_in_on") and current == Status.TRANSFERRED_OUT:
        return Status.OFFICIAL if (values.get("official_on") or implied == Status.OFFICIAL) else Status.PROBATIONARY
    return None
