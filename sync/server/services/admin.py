"""What an administrator does: units, users, grants, passwords, devices, moving a member to
another cell, purging old tombstones. Used by the admin API and by `main.py admin`; each
function commits its own change."""

from datetime import timedelta

from sqlalchemy import delete, func, select
from sqlalchemy.orm import Session

from sync.protocol import ChangeOp, Entity, ErrorCode, Role, UnitKind
from sync.server import db, security
from sync.server.errors import ApiError, not_found
from sync.server.models import Device, FeedRow, GrantRow, MemberRecord, RecordRow, Unit, User
from sync.server.services import accounts, feed, org, records


def invalid(message: str) -> ApiError:
    return ApiError(422, ErrorCode.INVALID, message)


def create_unit(session: Session, name: str, code: str, parent: str | None = None,
                kind: UnitKind | None = None) -> Unit:
    """A unit under `parent` (id or code); its kind follows the parent's unless given."""
    parent_unit = org.find_unit(session, parent) if parent else None
    expected = org.CHILD_KIND.get(UnitKind(parent_unit.kind) if parent_unit else None)
    if expected is None:
        raise invalid("Chi bộ là cấp cuối cùng; không tạo được đơn vị trực thuộc chi bộ.")
    if session.scalars(select(Unit).where(Unit.code == code)).first() is not None:
        raise invalid(f"Mã đơn vị “{code}” đã có.")
    unit = Unit(kind=(kind or expected).value, name=name.strip(), code=code.strip(),
                parent_id=parent_unit.id if parent_unit else None, path="")
    session.add(unit)
    session.flush()
    unit.path = f"{parent_unit.path if parent_unit else '/'}{unit.id}/"
    feed.record(session, Entity.UNIT, unit.id, {feed.unit_audience(unit.id): ChangeOp.UPSERT})
    session.commit()
    return unit


def create_user(session: Session, username: str, password: str, unit: str, full_name: str = "",
                role: Role = Role.MEMBER) -> User:
    """A user whose home is `unit`, with `role` there."""
    username = username.strip().lower()
    if not username or not password:
        raise invalid("Cần tên đăng nhập và mật khẩu.")
    if session.scalars(select(User).where(User.username == username)).first() is not None:
        raise invalid(f"Tên đăng nhập “{username}” đã có.")
    home = org.find_unit(session, unit)
    user = User(username=username, full_name=full_name.strip() or username,
                password_hash=security.hash_password(password), unit_id=home.id)
    session.add(user)
    session.flush()
    session.add(GrantRow(user_id=user.id, unit_id=home.id, role=role.value))
    session.commit()
    return user


def find_user(session: Session, username: str) -> User:
    user = session.scalars(select(User).where(User.username == username.strip().lower())).first()
    if user is None:
        raise not_found(f"Không có người dùng “{username}”.")
    return user


def grant(session: Session, username: str, unit: str, role: Role) -> None:
    user, target = find_user(session, username), org.find_unit(session, unit)
    exists = select(GrantRow).where(GrantRow.user_id == user.id, GrantRow.unit_id == target.id,
                                    GrantRow.role == role.value)
    if session.scalars(exists).first() is None:
        session.add(GrantRow(user_id=user.id, unit_id=target.id, role=role.value))
        _scope_changed(session, user)
        session.commit()


def revoke(session: Session, username: str, unit: str, role: Role) -> None:
    user, target = find_user(session, username), org.find_unit(session, unit)
    row = session.scalars(select(GrantRow).where(GrantRow.user_id == user.id, GrantRow.unit_id == target.id,
                                                 GrantRow.role == role.value)).first()
    if row is None:
        raise invalid(f"{user.username} không có vai trò {role.value} tại {target.name}.")
    session.delete(row)
    _scope_changed(session, user)
    session.commit()


def _scope_changed(session: Session, user: User) -> None:
    """What the user may see changed: their devices pull again from the start, so they get
    the older rows now in scope and drop those out of it (services/feed.py)."""
    user.scope_seq = feed.take_seq(session)


def move_member(session: Session, member_id: str, cell: str) -> Unit:
    """Move a member's record and events to another cell: the old cell's devices get a delete,
    the new cell's an upsert. A member with an account moves home with their member role."""
    member = session.get(RecordRow, member_id)
    if member is None or member.table_name != "members":
        raise not_found(f"Không có đảng viên mã “{member_id}” trên máy chủ.")
    target = org.find_unit(session, cell)
    if target.kind != UnitKind.CELL.value:
        raise invalid(f"“{target.name}” không phải chi bộ.")
    if target.id == member.unit_id:
        raise invalid(f"Đảng viên đã thuộc {target.name}.")
    old = member.unit_id
    events = [row for row in session.scalars(select(RecordRow).where(
        RecordRow.table_name == "member_events", RecordRow.unit_id == old)) if row.data.get("member_id") == member_id]
    for row in (member, *events):
        row.unit_id = target.id
        row.data = {**row.data, "unit_id": target.id}
        records.stamp(session, row, "", "", {"unit_id"}, gone_from=old)
    account = session.get(MemberRecord, member_id)
    if account is not None and account.user_id is not None:
        account.unit_id = target.id
        user = session.get(User, account.user_id)
        user.unit_id = target.id
        for granted in session.scalars(select(GrantRow).where(GrantRow.user_id == user.id, GrantRow.unit_id == old,
                                                               GrantRow.role == Role.MEMBER.value)):
            granted.unit_id = target.id
        feed.record(session, Entity.MEMBER, account.id, {feed.person_audience(user.id): ChangeOp.UPSERT})
        _scope_changed(session, user)
    session.commit()
    return target


def purge_tombstones(session: Session, older_than_days: int) -> int:
    """Forget rows tombstoned more than `older_than_days` ago (never resolutions: they keep
    their numbers taken). A device whose cursor is below the purge mark pulls again from the
    start and drops what the server no longer sends. The number of rows purged."""
    if older_than_days < 0:
        raise invalid("Số ngày phải từ 0 trở lên.")
    cutoff = records.now() - timedelta(days=older_than_days)
    ids = list(session.scalars(select(RecordRow.id).where(RecordRow.deleted_at.is_not(None),
                                                         RecordRow.deleted_at < cutoff,
                                                         RecordRow.table_name != "resolutions")))
    if not ids:
        return 0
    state = db.state(session)
    for chunk in (ids[i:i + 500] for i in range(0, len(ids), 500)):
        in_feed = (FeedRow.entity == Entity.RECORD.value) & FeedRow.entity_id.in_(chunk)
        mark = session.scalar(select(func.max(FeedRow.seq)).where(in_feed)) or 0
        state.purge_seq = max(state.purge_seq, mark)
        session.execute(delete(FeedRow).where(in_feed))
        session.execute(delete(RecordRow).where(RecordRow.id.in_(chunk)))
    session.commit()
    return len(ids)


def reset_password(session: Session, username: str, password: str) -> None:
    """A new password; every device of the user is logged out."""
    if not password:
        raise invalid("Mật khẩu không được để trống.")
    user = find_user(session, username)
    user.password_hash = security.hash_password(password)
    for device in session.scalars(select(Device).where(Device.user_id == user.id)):
        accounts.revoke(session, device)
    session.commit()


def devices(session: Session, username: str) -> list[Device]:
    """The user's devices, newest first: what an admin looks at before revoking one."""
    user = find_user(session, username)
    return list(session.scalars(select(Device).where(Device.user_id == user.id)
                                .order_by(Device.created_at.desc())))


def revoke_device(session: Session, device_id: str) -> None:
    device = session.get(Device, device_id)
    if device is None:
        raise not_found("Không có máy này.")
    accounts.revoke(session, device)
    session.commit()
