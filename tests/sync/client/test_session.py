"""The login over time: tokens in the keyring, refreshed when expired, a revoked device, a
restored server (resync), logout, and a workspace that already keeps another cell."""

import dataclasses
import time

import pytest
from sqlalchemy import func, select, update

import sync.account
from handbook_desktop.core.members import Member
from handbook_desktop.core.models import OutboxEntry
from handbook_desktop.core.org import CellSetup, set_up_cell
from sync import errors
from sync.account import SERVICE, connect, current_account, disconnect, load_tokens
from sync.client import Tokens
from sync.engine import sync_once
from sync.server.models import Device, ServerState
from sync.server.services import admin

from .conftest import MEMBER, PASSWORD, publish_as_editor


def test_tokens_live_in_the_keyring_never_in_the_data_folder(live_server, memory_keyring, workspace):
    account = connect(workspace, live_server.url, MEMBER, PASSWORD)
    stored = memory_keyring.get_password(SERVICE, f"{live_server.url}|{MEMBER}")
    assert stored and load_tokens(account).refresh_token in stored
    assert not sync.account.tokens_in_memory_only(account)
    token = load_tokens(account).refresh_token.encode()
    assert not any(token in path.read_bytes() for path in workspace.data_dir.rglob("*") if path.is_file())


def test_an_expired_access_token_is_refreshed_once_and_the_call_repeated(server_factory, memory_keyring,
                                                                         workspace, proxy_for):
    server = server_factory(access_ttl=1)
    proxy = proxy_for(server)
    account = connect(workspace, proxy.url, MEMBER, PASSWORD)
    tokens = load_tokens(account)
    # The client believes its token fresh; the server knows better.
    sync.account.save_tokens(account, Tokens(**{**tokens.__dict__, "expires_at": time.time() + 3600}))
    time.sleep(1.5)
    # Tokens issued from now on last: on a slow machine a 1 s token could expire again
    # between the refresh and the repeated call.
    server.app.state.settings = dataclasses.replace(server.app.state.settings, access_ttl=3600)
    proxy.seen.clear()
    sync_once(workspace)
    paths = [seen.path.split("?")[0] for seen in proxy.seen]
    assert paths[:3] == ["/api/v1/changes", "/api/v1/auth/refresh", "/api/v1/changes"]


def test_a_revoked_device_must_log_in_again(live_server, memory_keyring, workspace):
    account = connect(workspace, live_server.url, MEMBER, PASSWORD)
    with live_server.session() as session:
        admin.revoke_device(session, account.device_id)
    with pytest.raises(errors.SessionEnded) as caught:
        sync_once(workspace)
    assert "đăng xuất" in caught.value.message and "đăng nhập lại" in caught.value.hint
    assert load_tokens(account) is None  # dead tokens are not kept
    with pytest.raises(errors.SessionEnded):
        sync_once(workspace)
    sync_once(workspace, password=PASSWORD)
    assert current_account(workspace).device_id not in ("", account.device_id)  # a new device on the server


def test_a_restored_server_is_pulled_again_from_the_start_keeping_unsent_changes(live_server, memory_keyring,
                                                                                  workspace):
    connect(workspace, live_server.url, MEMBER, PASSWORD)
    sync_once(workspace)
    with workspace.unit_of_work() as uow:  # a local edit waiting for the upward sync
        member = uow.session.scalars(select(Member)).first()
        member.phone = "0912345678"
    with workspace.unit_of_work(read_only=True) as uow:
        waiting = uow.session.scalar(select(func.count()).select_from(OutboxEntry))
    assert waiting >= 1
    item = publish_as_editor(live_server.url, "Sau khi khôi phục máy chủ")
    with live_server.session() as session:
        session.execute(update(ServerState).values(epoch="restored"))
        session.commit()
    report = sync_once(workspace)
    assert item.title in report.titles
    with workspace.unit_of_work(read_only=True) as uow:
        assert uow.session.scalar(select(func.count()).select_from(OutboxEntry)) == waiting
        assert uow.session.scalars(select(Member)).first().phone == "0912345678"


def test_a_cell_set_up_offline_keeps_its_cell_and_receives_publications(live_server, memory_keyring, workspace):
    with workspace.unit_of_work() as uow:
        own = set_up_cell(uow, CellSetup("Chi bộ Khu phố 9", ("Đảng bộ phường Bắc Sơn",), term="2025-2030"))
    account = connect(workspace, live_server.url, MEMBER, PASSWORD)
    assert "Chi bộ Khu phố 9" in account.notice and "sync --adopt" in account.notice
    item = publish_as_editor(live_server.url, "Cho mọi chi bộ")
    assert item.title in sync_once(workspace).titles
    with workspace.unit_of_work(read_only=True) as uow:
        assert uow.home_unit_id == own


def test_the_members_own_record_arrives_whole_and_the_roster_as_a_directory(live_server, memory_keyring, workspace):
    connect(workspace, live_server.url, MEMBER, PASSWORD)
    sync_once(workspace)
    with workspace.unit_of_work(read_only=True) as uow:
        members = uow.session.scalars(select(Member)).all()
    assert len(members) > 1 and {row.unit_id for row in members} == {current_account(workspace).unit_id}
    own = [row for row in members if row.full_name == "Vũ Thị Nguyệt"]
    assert len(own) == 1 and own[0].birth_date and own[0].card_number and own[0].phone
    assert all(not row.phone and row.birth_date is None for row in members if row is not own[0])


def test_logout_forgets_the_login_here_and_on_the_server(live_server, memory_keyring, workspace):
    account = connect(workspace, live_server.url, MEMBER, PASSWORD)
    disconnect(workspace)
    assert current_account(workspace) is None and memory_keyring.secrets == {}
    with live_server.session() as session:
        assert session.get(Device, account.device_id).revoked_at is not None
    with pytest.raises(errors.NotConnected):
        sync_once(workspace)
