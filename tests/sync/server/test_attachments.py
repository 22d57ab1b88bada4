"""Attachments: upload by hash, resumable download, scope."""

import hashlib
import uuid

from tests.sync.server.helpers import article, login

DATA = ("Nội dung tệp đính kèm. " * 2000).encode()
SHA = hashlib.sha256(DATA).hexdigest()


def upload(api, data=DATA, sha=SHA):
    return api.call("PUT", f"/attachments/{sha}", data=data, headers={"Content-Type": "application/octet-stream"})


def publish_with_file(api, audience):
    item = article("Tài liệu sinh hoạt") | {"attachments": [{"sha256": SHA, "filename": "tai-lieu.txt",
                                                            "mime_type": "text/plain", "size": len(DATA)}]}
    return api.post("/publications", json={"op_id": str(uuid.uuid4()), "item": item, "audience": audience})


def test_upload_then_resume_a_download(live_server):
    editor, reader = login(live_server, "bientap.demo"), login(live_server, "dangvien.demo")
    assert editor.call("HEAD", f"/attachments/{SHA}").status_code == 404
    assert upload(editor).status_code == 201
    assert upload(editor).status_code == 200  # already there
    assert editor.call("HEAD", f"/attachments/{SHA}").status_code == 200
    assert reader.get(f"/attachments/{SHA}").status_code == 404  # no item of the reader uses it yet
    assert publish_with_file(editor, ["TN-SC-BS-KP3"]).status_code == 201
    whole = reader.get(f"/attachments/{SHA}", headers={"Accept-Encoding": "gzip"})
    assert whole.status_code == 200 and whole.content == DATA
    assert "gzip" not in whole.headers.get("Content-Encoding", "")
    rest = reader.get(f"/attachments/{SHA}", headers={"Range": "bytes=1000-"})
    assert rest.status_code == 206 and rest.content == DATA[1000:]
    assert rest.headers["Content-Range"] == f"bytes 1000-{len(DATA) - 1}/{len(DATA)}"


def test_hash_mismatch_is_refused_and_nothing_is_kept(live_server):
    editor = login(live_server, "bientap.demo")
    refused = upload(editor, data=DATA[:-1])
    assert refused.status_code == 422 and refused.json()["code"] == "hash_mismatch"
    assert editor.call("HEAD", f"/attachments/{SHA}").status_code == 404
    assert not list(live_server.settings.blob_dir.rglob("*" + SHA[-8:]))


def test_only_editors_and_officers_upload_and_only_the_audience_downloads(live_server):
    assert upload(login(live_server, "dangvien.demo")).status_code == 403
    editor = login(live_server, "bientap.demo")
    upload(editor)
    publish_with_file(editor, ["TN-SC-BS-KP3"])
    assert login(live_server, "bithu4.demo").get(f"/attachments/{SHA}").status_code == 404
    assert login(live_server, "bithu.demo").get(f"/attachments/{SHA}").status_code == 200


def test_item_with_a_file_never_uploaded_is_refused(live_server):
    refused = publish_with_file(login(live_server, "bientap.demo"), ["TN-SC"])
    assert refused.status_code == 422 and refused.json()["code"] == "invalid"


def test_classified_attachment_is_refused(live_server):
    import io

    import docx

    document = docx.Document()
    document.sections[0].header.paragraphs[0].text = "MẬT"
    document.add_paragraph("Kế hoạch công tác quý I.")
    buffer = io.BytesIO()
    document.save(buffer)
    data = buffer.getvalue()
    sha = hashlib.sha256(data).hexdigest()
    editor = login(live_server, "bientap.demo")
    assert upload(editor, data=data, sha=sha).status_code == 201
    item = article("Kế hoạch quý I") | {"attachments": [{"sha256": sha, "filename": "ke-hoach.docx", "size": len(data)}]}
    refused = editor.post("/publications", json={"op_id": "secret", "item": item, "audience": ["TN-SC"]})
    assert refused.status_code == 422 and refused.json()["code"] == "classified"


def test_a_cells_officer_uploads_its_records_files_and_the_cell_fetches_them(live_server):
    from tests.sync.server.helpers import cell_id, change, full_row

    secretary = login(live_server, "bithu.demo")
    assert upload(secretary).status_code == 201  # a file of the cell's records, not an item
    kp3 = cell_id(live_server, "TN-SC-BS-KP3")
    material = full_row("attachments", kp3, owner_table="meeting_materials", owner_id=str(uuid.uuid4()),
                        sha256=SHA, filename="tai-lieu-hop.txt", mime_type="text/plain", size=len(DATA))
    [result] = secretary.post("/push", json={"changes": [change("attachments", "insert", material)]}).json()["results"]
    assert result["status"] == "accepted"
    assert login(live_server, "dangvien.demo").get(f"/attachments/{SHA}").content == DATA  # a member of the cell
    assert login(live_server, "bithu4.demo").get(f"/attachments/{SHA}").status_code == 404  # another cell


def test_a_members_papers_are_not_served_to_another_member(live_server):
    from tests.sync.server.helpers import cell_id, change, full_row

    secretary = login(live_server, "bithu.demo")
    upload(secretary)
    papers = full_row("attachments", cell_id(live_server, "TN-SC-BS-KP3"), owner_table="members",
                      owner_id=str(uuid.uuid4()), sha256=SHA, filename="ly-lich.txt", mime_type="text/plain",
                      size=len(DATA))
    secretary.post("/push", json={"changes": [change("attachments", "insert", papers)]})
    assert secretary.get(f"/attachments/{SHA}").status_code == 200
    assert login(live_server, "dangvien.demo").get(f"/attachments/{SHA}").status_code == 404
