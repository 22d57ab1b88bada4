"""Everything that goes wrong between the desktop and the server ends in a clear message and
loses nothing: wrong password, server down, a captive portal or garbage, an old client, no
keyring, a page that fails half-way, the demo workspace."""

import pytest
from sqlalchemy import func, select

import sync.account
import sync.apply
import sync.client
import sync.engine
from handbook_desktop.core.errors import Cancelled
from handbook_desktop.core.library import Article
from handbook_desktop.core.models import SyncCursor, WorkspaceFact
from sync import errors
from sync.account import connect, current_account
from sync.engine import sync_once
from sync.history import list_runs

from .conftest import MEMBER, PASSWORD, publish_as_editor


def _state(workspace, server_url):
    with workspace.unit_of_work(read_only=True) as uow:
        cursor = uow.session.get(SyncCursor, server_url)
        return (cursor.cursor if cursor else None,
                sorted(uow.session.scalars(select(Article.id).where(Article.deleted_at.is_(None)))))


def test_wrong_password_says_so_and_leaves_the_workspace_blank(live_server, memory_keyring, workspace):
    with pytest.raises(errors.BadCredentials) as caught:
        connect(workspace, live_server.url, MEMBER, "sai-mat-khau")
    assert "mật khẩu" in caught.value.message and caught.value.hint
    assert current_account(workspace) is None
    with workspace.unit_of_work(read_only=True) as uow:
        assert uow.cell.unit_id is None


def test_server_down_loses_nothing(live_server, memory_keyring, workspace, proxy):
    connect(workspace, proxy.url, MEMBER, PASSWORD)
    sync_once(workspace)
    publish_as_editor(live_server.url, "Thông báo khi máy chủ tắt")
    before = _state(workspace, proxy.url)
    proxy.down = True
    with pytest.raises(errors.ServerUnreachable) as caught:
        sync_once(workspace)
    assert "Không kết nối được máy chủ" in caught.value.message and "nguyên vẹn" in caught.value.hint
    assert _state(workspace, proxy.url) == before
    with workspace.unit_of_work(read_only=True) as uow:
        failed = list_runs(uow)[0]
        assert not failed.ok and failed.message == caught.value.message and failed.hint == caught.value.hint


def test_nobody_listening_is_unreachable(memory_keyring, workspace):
    with pytest.raises(errors.ServerUnreachable):
        connect(workspace, "http://127.0.0.1:9", MEMBER, PASSWORD)


@pytest.mark.parametrize("answer", [
    (200, {"Content-Type": "text/html"}, "<html><body>Đăng nhập Wi-Fi miễn phí</body></html>".encode()),
    (200, {"Content-Type": "application/octet-stream"}, b"\x00\xff garbage \x13"),
    (200, {"Content-Type": "application/json"}, b'{"cursor": "1.5", "more": fal'),
    (401, {"Content-Type": "text/html"}, b"<html>login required</html>"),
    (500, {"Content-Type": "text/plain"}, b"Internal Server Error"),
], ids=["captive-portal", "garbage", "truncated", "html-401", "plain-500"])
def test_an_answer_that_is_not_our_server(live_server, memory_keyring, workspace, proxy, answer):
    connect(workspace, proxy.url, MEMBER, PASSWORD)
    sync_once(workspace)
    before = _state(workspace, proxy.url)
    proxy.answer = lambda *_: answer
    with pytest.raises(errors.NotAServer) as caught:
        sync_once(workspace)
    assert "Wi-Fi" in caught.value.hint
    assert _state(workspace, proxy.url) == before


def test_an_old_client_is_told_to_update(live_server, memory_keyring, workspace, monkeypatch):
    monkeypatch.setattr(sync.client, "PROTOCOL_VERSION", 0)
    with pytest.raises(errors.ClientOutdated) as caught:
        connect(workspace, live_server.url, MEMBER, PASSWORD)
    assert "cập nhật phần mềm" in caught.value.hint


def test_without_a_keyring_the_password_is_needed_at_each_start(live_server, workspace):
    assert not sync.account.keyring_available()  # tests/conftest.py: the fail backend
    account = connect(workspace, live_server.url, MEMBER, PASSWORD)
    assert sync.account.tokens_in_memory_only(account)
    sync_once(workspace)  # the same program: the login is still in memory
    sync.account._memory.clear()  # a new start of the program
    with pytest.raises(errors.PasswordNeeded):
        sync_once(workspace)
    sync_once(workspace, password=PASSWORD)


def test_an_expired_access_token_is_refreshed(live_server, memory_keyring, workspace, proxy):
    account = connect(workspace, proxy.url, MEMBER, PASSWORD)
    tokens = sync.account.load_tokens(account)
    sync.account.save_tokens(account, sync.client.Tokens(**{**tokens.__dict__, "expires_at": 0.0}))
    proxy.seen.clear()
    sync_once(workspace)
    assert [seen.path.split("?")[0] for seen in proxy.seen] == ["/api/v1/auth/refresh", "/api/v1/changes"]
    assert sync.account.load_tokens(account).fresh


def test_a_page_that_fails_keeps_the_previous_cursor(live_server, memory_keyring, workspace, monkeypatch):
    connect(workspace, live_server.url, MEMBER, PASSWORD)
    sync_once(workspace)
    first = publish_as_editor(live_server.url, "Trang thứ nhất")
    second = publish_as_editor(live_server.url, "Trang thứ hai")
    monkeypatch.setattr(sync.engine, "PAGE_LIMIT", 1)
    apply_change = sync.apply.apply_change

    def failing(page, change, tally):
        apply_change(page, change, tally)
        if change.id == second.id:
            raise OSError("disk gone")

    monkeypatch.setattr(sync.apply, "apply_change", failing)
    with pytest.raises(OSError):
        sync_once(workspace)
    cursor, live = _state(workspace, live_server.url)
    assert first.id in live and second.id not in live  # the first page committed, the second rolled back whole
    monkeypatch.setattr(sync.apply, "apply_change", apply_change)
    assert sync_once(workspace).titles == ["Trang thứ hai"]
    assert _state(workspace, live_server.url)[0] != cursor


def test_the_demo_never_syncs(live_server, memory_keyring, demo_workspace):
    with demo_workspace.unit_of_work(read_only=True) as uow:
        facts = uow.session.scalar(select(func.count()).select_from(WorkspaceFact))
    with pytest.raises(errors.DemoNeverSyncs):
        connect(demo_workspace, live_server.url, MEMBER, PASSWORD)
    with pytest.raises(errors.DemoNeverSyncs):
        sync_once(demo_workspace)
    with demo_workspace.unit_of_work(read_only=True) as uow:
        assert uow.session.scalar(select(func.count()).select_from(WorkspaceFact)) == facts


def test_cancel_stops_between_pages_keeping_what_was_applied(live_server, memory_keyring, workspace, monkeypatch):
    connect(workspace, live_server.url, MEMBER, PASSWORD)
    sync_once(workspace)
    first = publish_as_editor(live_server.url, "Trước khi hủy")
    second = publish_as_editor(live_server.url, "Sau khi hủy")
    monkeypatch.setattr(sync.engine, "PAGE_LIMIT", 1)
    pages = []
    with pytest.raises(Cancelled):
        sync_once(workspace, cancel=lambda: pages.append(1) or len(pages) > 1)
    live = _state(workspace, live_server.url)[1]
    assert first.id in live and second.id not in live
    with workspace.unit_of_work(read_only=True) as uow:
        assert not list_runs(uow)[0].ok and list_runs(uow)[0].message == "Đã hủy lần đồng bộ."
