"""The content-addressed attachment store."""

import hashlib

import pytest
from sqlalchemy import select

from handbook_desktop.core import attachments
from handbook_desktop.core.library import Document, DocumentType
from handbook_desktop.core.models import Attachment

DATA = "Nghị quyết chi bộ tháng 11".encode()
SHA = hashlib.sha256(DATA).hexdigest()


def test_bytes_are_stored_once_under_their_hash(tmp_path):
    first = attachments.store_bytes(tmp_path, DATA)
    assert first.path == tmp_path / "attachments" / SHA[:2] / SHA
    assert (first.sha256, first.size, first.created) == (SHA, len(DATA), True)
    assert first.path.read_bytes() == DATA
    inode = first.path.stat().st_ino
    again = attachments.store_bytes(tmp_path, DATA)
    assert again.created is False and again.path.stat().st_ino == inode  # not written again
    assert [p.name for p in (tmp_path / "attachments").rglob("*") if p.is_file()] == [SHA]  # no temp files


def test_a_damaged_stored_file_is_replaced(tmp_path):
    path = attachments.blob_path(tmp_path, SHA)
    path.parent.mkdir(parents=True)
    path.write_bytes(b"cut")
    assert attachments.store_bytes(tmp_path, DATA).created is True
    assert path.read_bytes() == DATA


def test_viewable_copy_has_the_original_name(tmp_path):
    attachments.store_bytes(tmp_path, DATA)
    copy = attachments.viewable_copy(tmp_path, SHA, "Nghị quyết: tháng 11?.docx")
    assert copy.name == "Nghị quyết_ tháng 11_.docx" and copy.read_bytes() == DATA
    copy.write_bytes(b"edited in Word")
    assert attachments.viewable_copy(tmp_path, SHA, "Nghị quyết: tháng 11?.docx").read_bytes() == DATA
    assert attachments.blob_path(tmp_path, SHA).read_bytes() == DATA
    with pytest.raises(OSError):
        attachments.viewable_copy(tmp_path, "0" * 64, "a.pdf")


def test_attachment_row_belongs_to_its_owner(demo_workspace):
    blob = attachments.store_bytes(demo_workspace.data_dir, DATA)
    with demo_workspace.session() as session:
        document = Document(unit_id=demo_workspace.perform(lambda uow: uow.home_unit_id), doc_type=DocumentType.KHAC, title="Tệp")
        session.add(document)
        row = attachments.add_attachment(session, document, blob, "nq.docx", "application/x-test")
    with demo_workspace.session() as session:
        stored = session.scalars(select(Attachment).where(Attachment.id == row.id)).one()
        assert (stored.owner_table, stored.owner_id, stored.sha256, stored.size, stored.unit_id) == (
            "documents", document.id, SHA, len(DATA), document.unit_id)
        assert [a.id for a in attachments.attachments_of(session, document)] == [row.id]
