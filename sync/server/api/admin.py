"""The admin API (admin role only): the same services as `main.py admin`."""

from fastapi import APIRouter, Depends, Response

from sync.protocol import Role, UnitKind, UnitOut, Wire
from sync.server.deps import WriteSession, WritingCaller
from sync.server.errors import forbidden
from sync.server.services import admin, org
from sync.server.services.accounts import Caller


def _admin(caller: WritingCaller) -> Caller:
    if not caller.is_admin:
        raise forbidden("Chỉ quản trị viên mới được quản lý đơn vị và tài khoản.")
    return caller


router = APIRouter(prefix="/admin", tags=["admin"], dependencies=[Depends(_admin)])


class NewUnit(Wire):
    name: str
    code: str
    parent: str | None = None
    kind: UnitKind | None = None


class NewUser(Wire):
    username: str
    password: str
    unit: str
    full_name: str = ""
    role: Role = Role.MEMBER


class UserOut(Wire):
    id: str
    username: str
    full_name: str
    unit_id: str


class GrantChange(Wire):
    username: str
    unit: str
    role: Role


class NewPassword(Wire):
    password: str


@router.post("/units", status_code=201)
def create_unit(body: NewUnit, session: WriteSession) -> UnitOut:
    return org.unit_out(admin.create_unit(session, body.name, body.code, body.parent, body.kind))


@router.post("/users", status_code=201)
def create_user(body: NewUser, session: WriteSession) -> UserOut:
    user = admin.create_user(session, body.username, body.password, body.unit, body.full_name, body.role)
    return UserOut(id=user.id, username=user.username, full_name=user.full_name, unit_id=user.unit_id)


@router.post("/grants", status_code=204)
def grant(body: GrantChange, session: WriteSession) -> Response:
    admin.grant(session, body.username, body.unit, body.role)
    return Response(status_code=204)


@router.post("/grants/revoke", status_code=204)
def revoke(body: GrantChange, session: WriteSession) -> Response:
    admin.revoke(session, body.username, body.unit, body.role)
    return Response(status_code=204)


@router.post("/users/{username}/password", status_code=204)
def reset_password(username: str, body: NewPassword, session: WriteSession) -> Response:
    admin.reset_password(session, username, body.password)
    return Response(status_code=204)


@router.post("/devices/{device_id}/revoke", status_code=204)
def revoke_device(device_id: str, session: WriteSession) -> Response:
    admin.revoke_device(session, device_id)
    return Response(status_code=204)
