"""The editor's side: a document file read by the library's import rules, files sent once,
publications reaching the cells below, classified files refused before anything is sent."""

import pytest

from handbook_desktop.core.library import Document, search
from handbook_desktop.core.workspace import open_workspace
from sync import errors
from sync.account import connect
from sync.engine import sync_once
from sync.protocol import ItemFields, ItemKind
from sync.publishing import Publisher

from .conftest import EDITOR, MEMBER, PASSWORD

GUIDE = """THÀNH ỦY SÔNG CÔNG
*
Số 12-HD/ThU
ĐẢNG CỘNG SẢN VIỆT NAM
Sông Công, ngày 01 tháng 12 năm 2026

HƯỚNG DẪN
về nội dung sinh hoạt chi bộ tháng 12 năm 2026

Các chi bộ tổ chức sinh hoạt chuyên đề về học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh.
"""


@pytest.fixture
def editor_workspace(tmp_path):
    ws = open_workspace(tmp_path / "editor")
    yield ws
    ws.close()


def test_an_editor_publishes_a_file_and_the_cell_receives_it(live_server, memory_keyring, workspace,
                                                             editor_workspace, proxy, tmp_path):
    guide = tmp_path / "huong-dan-12.txt"
    guide.write_text(GUIDE, encoding="utf-8")
    assert connect(editor_workspace, proxy.url, EDITOR, PASSWORD).is_editor
    connect(workspace, live_server.url, MEMBER, PASSWORD)
    with Publisher.for_workspace(editor_workspace) as publisher:
        assert "Chi bộ Khu phố 3" in [unit.name for unit in publisher.audiences()]
        fields = publisher.item_from_file(guide)
        assert fields.number == "12-HD/ThU" and fields.doc_type == "huong_dan"
        item = publisher.publish(fields, [], [guide], op_id="op-huong-dan-12")
        assert publisher.publish(fields, [], [guide], op_id="op-huong-dan-12").id == item.id  # a retry, not a copy
        assert item.id in [mine.id for mine in publisher.mine()]
    uploads = [seen.method for seen in proxy.requests_to("/api/v1/attachments/")]
    assert uploads.count("PUT") == 1 and uploads.count("HEAD") == 2  # asked each time, sent once

    report = sync_once(workspace)

    assert item.title in report.titles and report.attachments == 1
    with workspace.unit_of_work(read_only=True) as uow:
        document = uow.session.get(Document, item.id)
        assert document.number == "12-HD/ThU" and document.publisher == item.publisher_name
        assert [hit.id for hit in search(uow, "12-HD/ThU")] == [item.id]


def test_a_classified_file_is_refused_before_anything_is_sent(tmp_path):
    secret = tmp_path / "mat.txt"
    secret.write_text("MẬT\n" + GUIDE, encoding="utf-8")
    with pytest.raises(errors.Classified) as caught:
        Publisher.item_from_file(secret)
    assert "MẬT" in caught.value.message


def test_a_member_may_not_publish(live_server, memory_keyring, workspace):
    connect(workspace, live_server.url, MEMBER, PASSWORD)
    with Publisher.for_workspace(workspace) as publisher, pytest.raises(errors.Forbidden):
        publisher.audiences()


def test_the_server_refuses_what_the_editor_may_not_publish(live_server, memory_keyring):
    with Publisher.log_in(live_server.url, EDITOR, PASSWORD) as publisher:
        province = publisher.client.me().units[0]
        fields = ItemFields(kind=ItemKind.ARTICLE, channel="provincial", title="Ngoài phạm vi", body="…")
        with pytest.raises(errors.Forbidden) as caught:
            publisher.publish(fields, [province.id])
        assert caught.value.message and caught.value.hint  # the server's reason, in Vietnamese
        stamped = ItemFields(kind=ItemKind.DOCUMENT, channel="reference", title="Văn bản", body="TỐI MẬT\n" + GUIDE)
        with pytest.raises(errors.Classified):  # the server checks again what the desktop checked
            publisher.publish(stamped, [])
