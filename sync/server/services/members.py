"""Members' server records: each user sees their own (the cell's roster syncs next version)."""

from sqlalchemy import select
from sqlalchemy.orm import Session

from sync.protocol import ChangeOp, Entity
from sync.protocol import MemberRecord as MemberOut
from sync.server.models import MemberRecord, User
from sync.server.services import feed


def member_out(member: MemberRecord) -> MemberOut:
    return MemberOut(id=member.id, unit_id=member.unit_id, full_name=member.full_name,
                     birth_date=member.birth_date, status=member.status, card_number=member.card_number)


def save_member(session: Session, user: User, **fields) -> MemberRecord:
    """Create or update the user's own member record and put it in their feed."""
    member = session.scalars(select(MemberRecord).where(MemberRecord.user_id == user.id)).first()
    if member is None:
        member = MemberRecord(user_id=user.id, unit_id=user.unit_id, full_name=user.full_name)
        session.add(member)
    for name, value in fields.items():
        setattr(member, name, value)
    session.flush()
    feed.record(session, Entity.MEMBER, member.id, {feed.person_audience(user.id): ChangeOp.UPSERT})
    return member
