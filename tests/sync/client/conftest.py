"""The client against the real server (tests/sync/conftest.py: live_server, memory_keyring),
optionally through a proxy that counts requests and misbehaves on demand."""

import pytest

from handbook_desktop.core.workspace import open_workspace
from sync.account import connect
from sync.engine import sync_once
from sync.protocol import ItemFields, ItemKind
from sync.publishing import Publisher

from .proxy import start_proxy

EDITOR, MEMBER, PASSWORD = "bientap.demo", "dangvien.demo", "demo"
SECRETARY, DEPUTY = "bithu.demo", "phobithu.demo"  # of the demo cell Khu phố 3


@pytest.fixture
def proxy_for():
    """`proxy_for(server)`: a proxy in front of that server, stopped after the test."""
    running = []

    def start(server):
        proxy, http_server = start_proxy(server.url)
        running.append(http_server)
        return proxy

    yield start
    for http_server in running:
        http_server.shutdown()
        http_server.server_close()


@pytest.fixture
def proxy(live_server, proxy_for):
    return proxy_for(live_server)


@pytest.fixture
def laptops(live_server, memory_keyring, proxy, tmp_path):
    """(A, B): two blank workspaces that became the demo cell Khu phố 3, synced once: the
    secretary's (A, straight to the server) and the deputy's (B, through the fault relay)."""
    a, b = open_workspace(tmp_path / "a"), open_workspace(tmp_path / "b")
    connect(a, live_server.url, SECRETARY, PASSWORD)
    connect(b, proxy.url, DEPUTY, PASSWORD)
    sync_once(a)
    sync_once(b)
    yield a, b
    a.close()
    b.close()


def publish_as_editor(url: str, title: str, body: str = "Nội dung để kiểm thử đồng bộ.", files=(),
                      kind: ItemKind = ItemKind.ARTICLE, channel: str = "district_bulletin"):
    """An item published by the demo editor to their own unit (Thành ủy Sông Công)."""
    with Publisher.log_in(url, EDITOR, PASSWORD) as publisher:
        return publisher.publish(ItemFields(kind=kind, channel=channel, title=title, body=body), [], list(files))
