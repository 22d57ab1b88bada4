"""`main.py sync --adopt`: a cell kept offline moves into the account's cell, after a preview
and a question, against a real server over loopback (the password from HANDBOOK_PASSWORD)."""

from sqlalchemy import select

from handbook_desktop.core.models import OutboxEntry
from handbook_desktop.core.workspace import open_workspace
from sync.records import UNSENT_STATES

from .sync.client.cells import add_member, own_cell
from .test_cli_sync import live_server, run  # noqa: F401 - the fixture


def test_adopt_previews_asks_then_moves_the_cell(live_server, tmp_path):  # noqa: F811
    data = tmp_path / "ws"
    workspace = open_workspace(data)
    try:
        own = own_cell(workspace)
        add_member(workspace, "Nguyễn Văn An")
    finally:
        workspace.close()
    asked = run("sync", "--server", live_server.url, "--user", "bithu.demo", "--adopt", "--data-dir", str(data))
    assert asked.returncode == 0, asked.stderr
    assert "Chuyển dữ liệu của “Chi bộ Khu phố 9” sang “Chi bộ Khu phố 3”" in asked.stdout
    assert "Đảng viên: 1" in asked.stdout and "Chưa chuyển gì." in asked.stdout  # no terminal: the answer is no

    moved = run("sync", "--adopt", "--yes", "--data-dir", str(data))
    assert moved.returncode == 0, moved.stderr
    assert "Đã chuyển" in moved.stdout and "Chi bộ Khu phố 3" in moved.stdout
    workspace = open_workspace(data)
    try:
        with workspace.unit_of_work(read_only=True) as uow:
            assert uow.home_unit_id != own
            entries = list(uow.session.scalars(select(OutboxEntry).where(OutboxEntry.entity == "members")))
            assert entries and all(e.op == "insert" and e.payload["unit_id"] == uow.home_unit_id for e in entries
                                   if e.state in UNSENT_STATES)
    finally:
        workspace.close()

    again = run("sync", "--adopt", "--data-dir", str(data))
    assert again.returncode == 0 and "không có gì phải chuyển" in again.stdout
