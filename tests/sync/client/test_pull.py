"""The downward pull against the real server: a blank workspace becomes the member's cell,
publications arrive, corrections and withdrawals follow, and a no-change round is one request."""

from sqlalchemy import func, select

from handbook_desktop.core.library import Article, ItemFilter, list_items, search
from handbook_desktop.core.models import OutboxEntry, SyncCursor
from handbook_desktop.core.org import unit_path
from handbook_desktop.core.workspace import SYNC
from sync.account import connect, current_account
from sync.engine import sync_once
from sync.history import last_success, list_runs
from sync.protocol import ItemFields, ItemKind
from sync.publishing import Publisher

from .conftest import EDITOR, MEMBER, PASSWORD, publish_as_editor


def test_first_sync_of_a_blank_workspace_makes_it_the_members_cell(live_server, memory_keyring, workspace):
    published = publish_as_editor(live_server.url, "Bản tin Thành ủy Sông Công tháng 12")
    account = connect(workspace, live_server.url, MEMBER, PASSWORD)
    assert account.unit_name == "Chi bộ Khu phố 3" and not account.is_editor and not account.notice
    assert current_account(workspace) == account
    with workspace.unit_of_work(read_only=True) as uow:
        assert uow.home_unit_id == account.unit_id
        assert unit_path(uow)[:2] == ["Chi bộ Khu phố 3", "Đảng bộ phường Bắc Sơn"]
    heard = []
    workspace.add_listener(heard.append)

    report = sync_once(workspace)

    assert report.pulled >= 1 and published.title in report.titles
    with workspace.unit_of_work(read_only=True) as uow:
        article = uow.session.get(Article, published.id)
        assert article.revision == 1 and article.publisher == published.publisher_name
        assert published.id in [item.id for item in list_items(uow, ItemFilter(table="articles"))]
        assert published.id in [hit.id for hit in search(uow, "ban tin song cong thang 12")]
        assert uow.session.scalar(select(func.count()).select_from(OutboxEntry)) == 0  # nothing goes back up
        runs = list_runs(uow)
        assert runs[0].ok and runs[0].pulled == report.pulled and last_success(uow) == runs[0].finished_at
    assert any(changes.origin == SYNC and changes.touches("articles") for changes in heard)


def test_corrections_and_withdrawals_reach_the_reader(live_server, memory_keyring, workspace):
    connect(workspace, live_server.url, MEMBER, PASSWORD)
    sync_once(workspace)
    item = publish_as_editor(live_server.url, "Định hướng tuyên truyền tháng 12")
    assert sync_once(workspace).pulled == 1
    with Publisher.log_in(live_server.url, EDITOR, PASSWORD) as publisher:
        fields = ItemFields(kind=ItemKind.ARTICLE, channel="orientation", title="Định hướng tuyên truyền (sửa)",
                            body="Bản đã sửa.")
        assert publisher.correct(item.id, fields, []).revision == 2
        assert sync_once(workspace).titles == ["Định hướng tuyên truyền (sửa)"]
        with workspace.unit_of_work(read_only=True) as uow:
            assert uow.session.get(Article, item.id).revision == 2
        publisher.withdraw(item.id)
    report = sync_once(workspace)
    assert report.withdrawn == 1 and report.pulled == 0
    with workspace.unit_of_work(read_only=True) as uow:
        assert item.id not in [row.id for row in list_items(uow, ItemFilter(table="articles"))]
        assert uow.session.get(Article, item.id).deleted_at is not None  # a tombstone, never a hard delete
        assert search(uow, "dinh huong tuyen truyen sua") == []


def test_a_no_change_sync_is_one_request(live_server, memory_keyring, workspace, proxy):
    connect(workspace, proxy.url, MEMBER, PASSWORD)
    sync_once(workspace)
    proxy.seen.clear()
    report = sync_once(workspace)
    assert report.pulled == report.withdrawn == report.attachments == 0
    assert [(seen.method, seen.path.split("?")[0]) for seen in proxy.seen] == [("GET", "/api/v1/changes")]
    assert proxy.seen[0].headers["x-handbook-protocol"] == "1" and "gzip" in proxy.seen[0].headers["accept-encoding"]


def test_the_cursor_moves_with_each_page(live_server, memory_keyring, workspace):
    connect(workspace, live_server.url, MEMBER, PASSWORD)
    sync_once(workspace)
    with workspace.unit_of_work(read_only=True) as uow:
        cursor = uow.session.get(SyncCursor, live_server.url).cursor
    assert cursor
    sync_once(workspace)
    with workspace.unit_of_work(read_only=True) as uow:
        assert uow.session.get(SyncCursor, live_server.url).cursor == cursor
