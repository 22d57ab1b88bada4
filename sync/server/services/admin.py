"""What an administrator does: units, users, grants, passwords, devices. Used by the admin
API and by `main.py admin`; each function commits its own change."""

from sqlalchemy import select
from sqlalchemy.orm import Session

from sync.protocol import ChangeOp, Entity, ErrorCode, Role, UnitKind
from sync.server import security
from sync.server.errors import ApiError, not_found
from sync.server.models import Device, GrantRow, Unit, User
from sync.server.services import accounts, feed, org


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
        session.commit()


def revoke(session: Session, username: str, unit: str, role: Role) -> None:
    user, target = find_user(session, username), org.find_unit(session, unit)
    row = session.scalars(select(GrantRow).where(GrantRow.user_id == user.id, GrantRow.unit_id == target.id,
                                                 GrantRow.role == role.value)).first()
    if row is None:
        raise invalid(f"{user.username} không có vai trò {role.value} tại {target.name}.")
    session.delete(row)
    session.commit()


def reset_password(session: Session, username: str, password: str) -> None:
    """A new password; every device of the user is logged out."""
    if not password:
        raise invalid("Mật khẩu không được để trống.")
    user = find_user(session, username)
    user.password_hash = security.hash_password(password)
    for device in session.scalars(select(Device).where(Device.user_id == user.id)):
        accounts.revoke(session, device)
    session.commit()


def revoke_device(session: Session, device_id: str) -> None:
    device = session.get(Device, device_id)
    if device is None:
        raise not_found("Không có máy này.")
    accounts.revoke(session, device)
    session.commit()
