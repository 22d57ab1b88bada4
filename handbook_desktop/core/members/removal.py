"""Deleting a member entered by mistake (twice, or not of this cell), and bringing them back.

Only a record without a history may go: the events its own dates made when it was entered
(admission, made official, transfer in) go and come back with it; any later status event is
history the cell keeps, and a member who leaves is recorded by a status event ("Ra khỏi
Đảng", "Chuyển sinh hoạt đi"), never deleted. What meetings know of a member is checked by
the meetings feature (`meetings/removal.py`). A member may not come back when the same person
was entered again since the deletion.
"""

from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from handbook_desktop.core.members.models import Member, MemberEvent, MemberEventKind
from handbook_desktop.core.members.records import find_duplicate
from handbook_desktop.core.members.rules import event_label
from handbook_desktop.core.text.formatting import format_date
from handbook_desktop.core.tombstones import Removal
from handbook_desktop.i18n import N_, _

KIND = "member"
# The events a record carries from the day it is entered: its own dates say them.
ENTRY_EVENTS = frozenset({MemberEventKind.ADMITTED, MemberEventKind.MADE_OFFICIAL, MemberEventKind.TRANSFERRED_IN})
LEAVING_HINT = N_("Nếu đồng chí ra khỏi Đảng hay chuyển đi nơi khác, hãy ghi bằng “Thay đổi tình trạng” "
                  "(Ra khỏi Đảng, Chuyển sinh hoạt đi): hồ sơ và lịch sử được giữ nguyên.")


def member_title(member: Member) -> str:
    if member.birth_date is None:
        return member.full_name
    return _("{name} (sinh {date})").format(name=member.full_name, date=format_date(member.birth_date))


def _history(session: Session, member: Member) -> str | None:
    event = session.scalar(select(MemberEvent).where(
        MemberEvent.member_id == member.id, MemberEvent.deleted_at.is_(None),
        MemberEvent.kind.not_in([kind.value for kind in ENTRY_EVENTS])).order_by(MemberEvent.occurred_on).limit(1))
    if event is None:
        return None
    return _("Không xóa được đồng chí {name}: hồ sơ đã có sự kiện “{event}” ngày {date}.").format(
        name=member.full_name, event=event_label(MemberEventKind(event.kind)),
        date=format_date(event.occurred_on)) + " " + _(LEAVING_HINT)


def _entered_again(session: Session, member: Member, deleted_at: datetime) -> str | None:
    other = find_duplicate(session, member.full_name, member.birth_date, member.card_number, member.id)
    if other is None or other.created_at < deleted_at:
        return None  # a look-alike that was there before the deletion is no new copy
    return _("Đồng chí {name} đã được nhập lại sau khi xóa: không khôi phục để danh sách khỏi trùng.").format(
        name=other.full_name)


def _dependents(member_id: str):
    yield MemberEvent, MemberEvent.member_id == member_id


MEMBER_REMOVAL = Removal(
    kind=KIND, model=Member, title=member_title,
    missing=N_("Không tìm thấy đảng viên này trong danh sách (có thể đã bị xóa)."),
    dependents=(_dependents,), refusals=(_history,), clashes=(_entered_again,))
