"""Publishing down the tree: scope, correction, withdrawal, classification, push refused."""

import uuid

from sync.server.services import admin
from sync.protocol import Role
from tests.sync.server.helpers import article, item_titles, login


def publish(api, title, audience=("TN-SC",), **fields):
    body = {"op_id": str(uuid.uuid4()), "item": article(title) | fields, "audience": list(audience)}
    return api.post("/publications", json=body)


def other_district_member(server):
    """A member of Thành phố Phổ Yên: same province, another district."""
    with server.session() as session:
        admin.create_unit(session, "Thành ủy Phổ Yên", "TN-PY", "TN")
        admin.create_unit(session, "Đảng bộ phường Ba Hàng", "TN-PY-BH", "TN-PY")
        admin.create_unit(session, "Chi bộ Tổ dân phố 1", "TN-PY-BH-T1", "TN-PY-BH")
        admin.create_user(session, "dangvien.py", "matkhau", "TN-PY-BH-T1", "Lê Thị Hoa", Role.MEMBER)
    return login(server, "dangvien.py", "matkhau")


def test_editor_publishes_to_the_district_and_both_cells_receive_it(live_server):
    editor, kp3, kp4 = (login(live_server, name) for name in ("bientap.demo", "dangvien.demo", "bithu4.demo"))
    outsider = other_district_member(live_server)
    before = {name: api.pull_all()[1] for name, api in (("kp3", kp3), ("kp4", kp4), ("out", outsider))}
    created = publish(editor, "Bản tin tháng 12")
    assert created.status_code == 201, created.text
    item = created.json()
    assert item["revision"] == 1 and item["publisher_name"] == "Thành ủy Sông Công"
    for api, cursor in ((kp3, before["kp3"]), (kp4, before["kp4"])):
        changes, _ = api.pull_all(cursor)
        assert item_titles(changes) == {item["id"]: "Bản tin tháng 12"}
    changes, _ = outsider.pull_all(before["out"])
    assert changes == {}
    assert item["id"] not in item_titles(outsider.pull_all()[0])


def test_first_pull_has_the_chain_the_member_record_and_the_demo_items(live_server):
    changes, cursor = login(live_server, "dangvien.demo").pull_all()
    units = {change["data"]["code"] for (entity, _), change in changes.items() if entity == "unit"}
    assert units == {"TN", "TN-SC", "TN-SC-BS", "TN-SC-BS-KP3"}  # not Khu phố 4
    members = [change["data"] for (entity, _), change in changes.items() if entity == "member"]
    assert [member["full_name"] for member in members] == ["Vũ Thị Nguyệt"]
    assert len(item_titles(changes)) == 3
    empty = login(live_server, "dangvien.demo").get("/changes", params={"cursor": cursor})
    assert empty.json()["changes"] == [] and len(empty.content) < 2048


def test_same_op_id_answers_the_same_item(live_server):
    editor = login(live_server, "bientap.demo")
    body = {"op_id": "op-1", "item": article("Một lần thôi"), "audience": ["TN-SC-BS"]}
    first, again = editor.post("/publications", json=body), editor.post("/publications", json=body)
    assert (first.status_code, again.status_code) == (201, 200)
    assert first.json()["id"] == again.json()["id"]
    assert [item["title"] for item in editor.get("/publications").json()].count("Một lần thôi") == 1


def test_correction_and_withdrawal_reach_readers(live_server):
    editor, reader = login(live_server, "bientap.demo"), login(live_server, "dangvien.demo")
    item = publish(editor, "Thông báo lịch họp").json()
    _, cursor = reader.pull_all()
    body = {"op_id": "fix-1", "item": article("Thông báo lịch họp (sửa ngày)"), "audience": ["TN-SC"]}
    corrected = editor.call("PUT", f"/publications/{item['id']}", json=body)
    assert corrected.status_code == 200 and corrected.json()["revision"] == 2
    changes, cursor = reader.pull_all(cursor)
    assert changes[("item", item["id"])]["data"]["revision"] == 2
    assert editor.call("DELETE", f"/publications/{item['id']}").status_code == 204
    changes, _ = reader.pull_all(cursor)
    assert changes[("item", item["id"])]["op"] == "delete" and changes[("item", item["id"])]["data"] is None


def test_correction_that_narrows_the_audience_deletes_it_where_it_no_longer_goes(live_server):
    editor, kp3, kp4 = (login(live_server, name) for name in ("bientap.demo", "dangvien.demo", "bithu4.demo"))
    item = publish(editor, "Chỉ cho hai chi bộ", audience=["TN-SC-BS-KP3", "TN-SC-BS-KP4"]).json()
    (_, kp3_cursor), (_, kp4_cursor) = kp3.pull_all(), kp4.pull_all()
    body = {"op_id": "narrow", "item": article("Chỉ cho Khu phố 3"), "audience": ["TN-SC-BS-KP3"]}
    assert editor.call("PUT", f"/publications/{item['id']}", json=body).status_code == 200
    assert kp3.pull_all(kp3_cursor)[0][("item", item["id"])]["op"] == "upsert"
    assert kp4.pull_all(kp4_cursor)[0][("item", item["id"])]["op"] == "delete"


def test_editor_outside_the_subtree_is_refused_in_vietnamese(live_server):
    refused = publish(login(live_server, "bientap.demo"), "Gửi toàn tỉnh", audience=["TN"])
    assert refused.status_code == 403 and refused.json()["code"] == "forbidden"
    assert "ngoài phạm vi" in refused.json()["message"]


def test_member_cannot_publish_or_push_a_document(live_server):
    member = login(live_server, "dangvien.demo")
    assert publish(member, "Tự phát hành", audience=["TN-SC-BS-KP3"]).status_code == 403
    push = member.post("/push", json={"changes": [{"op_id": "p1", "entity": "documents", "entity_id": "d1",
                                                   "op": "insert", "base_version": 0, "payload": {}}]})
    result = push.json()["results"][0]
    assert result["status"] == "rejected" and "cấp trên phát hành" in result["message"]


def test_classified_item_is_refused(live_server):
    refused = publish(login(live_server, "bientap.demo"), "Kế hoạch công tác", body="MẬT\n\nNội dung kế hoạch.")
    assert refused.status_code == 422 and refused.json()["code"] == "classified"


def test_foreign_epoch_requires_resync(live_server):
    reader = login(live_server, "dangvien.demo")
    answer = reader.get("/changes", params={"cursor": "0123456789abcdef.5"})
    assert answer.status_code == 409 and answer.json()["code"] == "resync_required"
