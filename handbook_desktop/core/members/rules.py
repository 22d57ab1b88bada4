"""Which status events may happen to a member, and what status each leaves.

History is never overwritten: a status changes only by adding a dated event, and an event
must make sense after the member's last one. The same rules serve the member page and a
re-imported roster that says a member has moved on.
"""

from dataclasses import dataclass
from datetime import date

from handbook_desktop.core.text.formatting import format_date
from handbook_desktop.core.labels import label
from handbook_desktop.core.members.models import MemberEventKind as Kind
from handbook_desktop.core.members.models import MemberStatus as Status
from handbook_desktop.core.members.party_rules import probation_ends
from handbook_desktop.i18n import N_, _

# Statuses of a member still in the cell today, whom events may move on. How a day's total is
# counted (membership and activity, from the dated events) is `figures.py`'s one definition.
ON_ROLL = frozenset({Status.OFFICIAL, Status.PROBATIONARY, Status.EXCUSED, Status.TEMPORARY})

EVENT_LABELS = {
    Kind.ADMITTED: N_("Kết nạp vào Đảng"),
    Kind.MADE_OFFICIAL: N_("Công nhận đảng viên chính thức"),
    Kind.TRANSFERRED_IN: N_("Chuyển sinh hoạt đến chi bộ"),
    Kind.TRANSFERRED_OUT: N_("Chuyển sinh hoạt đi"),
    Kind.EXCUSED: N_("Miễn công tác và sinh hoạt đảng"),
    Kind.TEMPORARY: N_("Sinh hoạt tạm thời nơi khác"),
    Kind.DECEASED: N_("Từ trần"),
    Kind.LEFT: N_("Ra khỏi Đảng"),
}

# kind → statuses it may follow. ADMITTED here is a re-admission after leaving; a first
# admission is recorded when the member is added. A transfer in also ends temporary
# activity elsewhere: the member is back in the cell.
ALLOWED_FROM: dict[Kind, frozenset[Status]] = {
    Kind.ADMITTED: frozenset({Status.LEFT}),
    Kind.MADE_OFFICIAL: ON_ROLL,  # and only while official_on is empty (checked below)
    Kind.TRANSFERRED_IN: frozenset({Status.TRANSFERRED_OUT, Status.TEMPORARY}),
    Kind.TRANSFERRED_OUT: ON_ROLL,
    Kind.EXCUSED: frozenset({Status.OFFICIAL, Status.PROBATIONARY, Status.TEMPORARY}),
    Kind.TEMPORARY: frozenset({Status.OFFICIAL, Status.PROBATIONARY, Status.EXCUSED}),
    Kind.DECEASED: ON_ROLL,
    Kind.LEFT: ON_ROLL,
}
REASON_REQUIRED = frozenset({Kind.LEFT, Kind.EXCUSED})  # the form of leaving; age or health


def event_label(kind: Kind) -> str:
    return _(EVENT_LABELS[kind])


@dataclass(frozen=True)
class MemberState:
    """What the rules need to know of a member."""

    full_name: str
    status: Status
    admitted_on: date | None
    official_on: date | None
    last_event_on: date | None  # the latest event of the member's timeline


def status_after(kind: Kind, state: MemberState) -> Status:
    if kind in (Kind.ADMITTED,):
        return Status.PROBATIONARY
    if kind == Kind.MADE_OFFICIAL:
        return Status.OFFICIAL if state.status == Status.PROBATIONARY else state.status
    if kind == Kind.TRANSFERRED_IN:
        return Status.OFFICIAL if state.official_on else Status.PROBATIONARY
    return Status(kind.value)  # the other kinds share their status's code


def refusal(kind: Kind, state: MemberState, on: date, reason: str, today: date) -> str | None:
    """Why the event cannot be recorded (translated), or None when it can."""
    name, shown = state.full_name, format_date(on)
    if kind == Kind.MADE_OFFICIAL and (state.status not in ALLOWED_FROM[kind] or state.official_on):
        return _("Đồng chí {name} không phải đảng viên dự bị nên không thể công nhận chính thức.").format(name=name)
    if state.status not in ALLOWED_FROM[kind]:
        return _("Không ghi được “{event}” cho đồng chí {name}: tình trạng hiện tại là “{status}”.").format(
            event=event_label(kind), name=name, status=label(state.status))
    if on > today:
        return _("Ngày {date} ở tương lai: chỉ ghi việc đã xảy ra.").format(date=shown)
    if kind != Kind.ADMITTED and state.admitted_on and on < state.admitted_on:
        return _("Ngày {date} trước ngày vào Đảng của đồng chí {name} ({admitted}).").format(
            date=shown, name=name, admitted=format_date(state.admitted_on))
    if state.last_event_on and on < state.last_event_on:
        return _("Ngày {date} trước sự kiện gần nhất của đồng chí {name} ({last}); quá trình phải theo "
                 "thứ tự thời gian.").format(date=shown, name=name, last=format_date(state.last_event_on))
    if kind == Kind.MADE_OFFICIAL and state.admitted_on and on < probation_ends(state.admitted_on):
        return _("Đồng chí {name} chưa đủ 12 tháng dự bị: sớm nhất là ngày {due}.").format(
            name=name, due=format_date(probation_ends(state.admitted_on)))
    if kind in REASON_REQUIRED and not reason.strip():
        return _("Hãy ghi lý do hoặc hình thức cho “{event}”.").format(event=event_label(kind))
    return None
