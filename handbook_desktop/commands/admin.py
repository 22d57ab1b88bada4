"""`main.py admin …`: units, users, roles, passwords, member moves and tombstone purges on the
server's database."""

import argparse
import getpass
import os
from contextlib import contextmanager

from handbook_desktop.commands.serve import add_database_options, database_errors, require_server, server_settings
from handbook_desktop.core.errors import UserError
from handbook_desktop.i18n import _

ROLES = ("member", "secretary", "deputy_secretary", "committee", "editor", "admin")
KINDS = ("province", "district", "grassroots", "cell")


def register(commands, common: argparse.ArgumentParser) -> None:
    parser = commands.add_parser("admin", parents=[common], help="quản trị máy chủ: đơn vị, tài khoản, vai trò")
    actions = parser.add_subparsers(dest="action", required=True)
    unit = _action(actions, common, "create-unit", "tạo đơn vị", create_unit)
    unit.add_argument("name", help="tên đơn vị")
    unit.add_argument("code", help="mã đơn vị, ví dụ TN-SC-BS-KP5")
    unit.add_argument("--parent", help="mã hoặc id của đơn vị cấp trên")
    unit.add_argument("--kind", choices=KINDS, help="cấp (mặc định: cấp dưới của đơn vị cấp trên)")
    user = _action(actions, common, "create-user", "tạo tài khoản", create_user)
    user.add_argument("username")
    user.add_argument("--unit", required=True, help="mã đơn vị của người dùng")
    user.add_argument("--full-name", default="")
    user.add_argument("--role", choices=ROLES, default="member")
    for name, what, handler in (("grant", "cấp vai trò", grant), ("revoke", "thu hồi vai trò", revoke)):
        change = _action(actions, common, name, what, handler)
        change.add_argument("username")
        change.add_argument("unit", help="mã đơn vị")
        change.add_argument("role", choices=ROLES)
    listing = _action(actions, common, "devices", "các máy đã đăng nhập của một tài khoản", list_devices)
    listing.add_argument("username")
    device = _action(actions, common, "revoke-device", "đăng xuất một máy (thu hồi phiên của máy đó)", revoke_device)
    device.add_argument("device_id", help="id của máy (xem: admin devices TÊN)")
    reset = _action(actions, common, "reset-password", "đặt lại mật khẩu (đăng xuất mọi máy)", reset_password)
    reset.add_argument("username")
    move = _action(actions, common, "move-member", "chuyển đảng viên sang chi bộ khác", move_member)
    move.add_argument("member_id", help="id của đảng viên")
    move.add_argument("--to", required=True, dest="cell", help="mã chi bộ mới")
    purge = _action(actions, common, "purge-tombstones", "xoá hẳn dữ liệu đã xoá từ lâu (trừ nghị quyết)",
                    purge_tombstones)
    purge.add_argument("--older-than", type=int, required=True, dest="days", metavar="DAYS",
                       help="chỉ xoá dữ liệu đã xoá quá số ngày này")


def _action(actions, common, name: str, help_text: str, handler) -> argparse.ArgumentParser:
    sub = actions.add_parser(name, parents=[common], help=help_text)
    add_database_options(sub)
    sub.set_defaults(handler=handler)
    return sub


@contextmanager
def _services(args: argparse.Namespace):
    """The server's admin services on its database; their refusals become one-line errors."""
    require_server()
    from sync.server.app import open_admin_session
    from sync.server.errors import ApiError
    from sync.server.services import admin

    with database_errors():
        session = open_admin_session(server_settings(args))
    try:
        yield session, admin
    except ApiError as exc:
        raise UserError(exc.message) from exc
    finally:
        session.close()
        session.get_bind().dispose()


def _password() -> str:
    password = os.environ.get("HANDBOOK_PASSWORD") or getpass.getpass(_("Mật khẩu: "))
    if not password:
        raise UserError(_("Cần mật khẩu (nhập khi được hỏi hoặc đặt HANDBOOK_PASSWORD)."))
    return password


def create_unit(args: argparse.Namespace) -> int:
    from sync.protocol import UnitKind

    with _services(args) as (session, admin):
        unit = admin.create_unit(session, args.name, args.code, args.parent, UnitKind(args.kind) if args.kind else None)
        print(_("Đã tạo đơn vị {name} ({code}), id {id}.").format(name=unit.name, code=unit.code, id=unit.id))
    return 0


def create_user(args: argparse.Namespace) -> int:
    from sync.protocol import Role

    password = _password()
    with _services(args) as (session, admin):
        user = admin.create_user(session, args.username, password, args.unit, args.full_name, Role(args.role))
        print(_("Đã tạo tài khoản {username}.").format(username=user.username))
    return 0


def grant(args: argparse.Namespace) -> int:
    from sync.protocol import Role

    with _services(args) as (session, admin):
        admin.grant(session, args.username, args.unit, Role(args.role))
        print(_("Đã cấp vai trò {role} tại {unit} cho {username}.").format(
            role=args.role, unit=args.unit, username=args.username))
    return 0


def revoke(args: argparse.Namespace) -> int:
    from sync.protocol import Role

    with _services(args) as (session, admin):
        admin.revoke(session, args.username, args.unit, Role(args.role))
        print(_("Đã thu hồi vai trò {role} tại {unit} của {username}.").format(
            role=args.role, unit=args.unit, username=args.username))
    return 0


def reset_password(args: argparse.Namespace) -> int:
    password = _password()
    with _services(args) as (session, admin):
        admin.reset_password(session, args.username, password)
        print(_("Đã đặt lại mật khẩu của {username}; mọi máy của tài khoản này phải đăng nhập lại.").format(
            username=args.username))
    return 0


def list_devices(args: argparse.Namespace) -> int:
    with _services(args) as (session, admin):
        for device in admin.devices(session, args.username):
            state = (_("đã thu hồi {time:%d/%m/%Y %H:%M}").format(time=device.revoked_at) if device.revoked_at
                     else _("lần cuối {time:%d/%m/%Y %H:%M}").format(time=device.last_seen_at))
            print(f"{device.id} | {device.name or '-'} | {state}")
    return 0


def revoke_device(args: argparse.Namespace) -> int:
    with _services(args) as (session, admin):
        admin.revoke_device(session, args.device_id)
        print(_("Đã thu hồi máy {id}: máy đó phải đăng nhập lại.").format(id=args.device_id))
    return 0


def move_member(args: argparse.Namespace) -> int:
    with _services(args) as (session, admin):
        cell = admin.move_member(session, args.member_id, args.cell)
        print(_("Đã chuyển đảng viên {id} sang {cell}.").format(id=args.member_id, cell=cell.name))
    return 0


def purge_tombstones(args: argparse.Namespace) -> int:
    with _services(args) as (session, admin):
        count = admin.purge_tombstones(session, args.days)
        print(_("Đã xoá hẳn {count} bản ghi đã xoá quá {days} ngày.").format(count=count, days=args.days))
    return 0
