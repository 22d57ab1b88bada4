"""Importing real files into the library, read back from the database and the disk."""

import codecs
import hashlib
import os
from datetime import date

import pytest
from sqlalchemy import func, select

from handbook_desktop.core.library.models import Document, DocumentType
from handbook_desktop.core.models import Attachment, OutboxEntry, utcnow
from handbook_desktop.core.attachments import blob_path, store_dir
from handbook_desktop.core.errors import Cancelled, UserError
from handbook_desktop.core.progress import Progress
from handbook_desktop.core.library import importer as library_import
from handbook_desktop.core.library import ImportCancelled, ImportStatus, import_files

from .docfiles import BODY, TABLE, nfd, party_docx, party_pdf

TITLE = ("Nghị quyết về đột phá phát triển khoa học, công nghệ, đổi mới sáng tạo và chuyển đổi số quốc gia")
TXT = ("ĐẢNG ỦY PHƯỜNG BẮC SƠN\n*\nSố 58-TB/ĐU\nBắc Sơn, ngày 05 tháng 11 năm 2026\n\nTHÔNG BÁO\n"
       "định hướng nội dung sinh hoạt chi bộ tháng 11 năm 2026\n\nCác chi bộ tập trung đánh giá việc thực hiện "
       "nhiệm vụ, chú trọng phát triển đảng viên.\n\nĐồng chí Bí thư chi bộ chủ trì.\n")


def count(workspace, model, *where) -> int:
    with workspace.session() as session:
        return session.scalar(select(func.count()).select_from(model).where(*where))


def loaded(workspace, result) -> Document:
    with workspace.session() as session:
        return session.get(Document, result.document_id)


def stored_files(workspace) -> list:
    folder = store_dir(workspace.data_dir)
    return sorted(p for p in folder.rglob("*") if p.is_file()) if folder.exists() else []


@pytest.fixture
def before(demo_workspace):
    """Row counts of the demo workspace before the import under test."""
    return {"documents": count(demo_workspace, Document), "attachments": count(demo_workspace, Attachment),
            "outbox": count(demo_workspace, OutboxEntry)}


def test_docx_becomes_a_document_with_its_file_attached(demo_workspace, before, tmp_path):
    path = party_docx(tmp_path / "Nghị quyết 57.docx")
    report = import_files(demo_workspace, [path])

    [result] = report.results
    assert (result.status, result.number, result.title) == (ImportStatus.IMPORTED, "57-NQ/TW", TITLE)
    document = loaded(demo_workspace, result)
    assert document.unit_id == demo_workspace.perform(lambda uow: uow.home_unit_id)
    assert (document.number, document.doc_type, document.issuer, document.issued_on) == (
        "57-NQ/TW", DocumentType.NGHI_QUYET, "Ban Chấp hành Trung ương", date(2024, 12, 22))
    paragraphs = document.body.split("\n\n")
    assert BODY[0] in paragraphs and BODY[1] in paragraphs and TABLE[1][1] in paragraphs
    assert paragraphs.index(BODY[0]) < paragraphs.index(TABLE[1][1]) < paragraphs.index(BODY[1])

    with demo_workspace.session() as session:
        attachment = session.scalars(select(Attachment).where(Attachment.owner_id == document.id)).one()
        entities = sorted(session.scalars(select(OutboxEntry.entity).where(
            OutboxEntry.entity_id.in_([document.id, attachment.id]))))
    data = path.read_bytes()
    assert (attachment.owner_table, attachment.filename, attachment.size) == ("documents", path.name, len(data))
    assert attachment.sha256 == hashlib.sha256(data).hexdigest()
    assert attachment.mime_type.endswith("wordprocessingml.document")
    assert blob_path(demo_workspace.data_dir, attachment.sha256).read_bytes() == data
    assert entities == ["attachments", "documents"]  # the user's own addition goes to the server
    assert count(demo_workspace, Document) == before["documents"] + 1


def test_pdf_becomes_a_document(demo_workspace, tmp_path):
    [result] = import_files(demo_workspace, [party_pdf(tmp_path / "nq57.pdf")]).results
    assert result.status == ImportStatus.IMPORTED
    document = loaded(demo_workspace, result)
    assert (document.title, document.number, document.doc_type, document.issued_on) == (
        TITLE, "57-NQ/TW", DocumentType.NGHI_QUYET, date(2024, 12, 22))
    assert BODY[0] in document.body.split("\n\n")


@pytest.mark.parametrize("encode", [
    lambda text: text.encode("utf-8"),
    lambda text: codecs.BOM_UTF8 + text.encode("utf-8"),
    lambda text: nfd(text).encode("utf-8"),
], ids=["utf8", "utf8-bom", "nfd"])
def test_txt_becomes_a_document(demo_workspace, tmp_path, encode):
    (tmp_path / "thong-bao.txt").write_bytes(encode(TXT))
    [result] = import_files(demo_workspace, [tmp_path / "thong-bao.txt"]).results
    assert result.status == ImportStatus.IMPORTED
    document = loaded(demo_workspace, result)
    assert document.title == "Thông báo định hướng nội dung sinh hoạt chi bộ tháng 11 năm 2026"
    assert (document.number, document.doc_type, document.issuer, document.issued_on) == (
        "58-TB/ĐU", DocumentType.THONG_BAO, "Đảng ủy phường Bắc Sơn", date(2026, 11, 5))
    assert document.body.startswith("ĐẢNG ỦY PHƯỜNG BẮC SƠN\n*\nSố 58-TB/ĐU")
    assert "\n\nĐồng chí Bí thư chi bộ chủ trì." in document.body and "\ufeff" not in document.body


def test_markdown_and_plain_notes_take_their_title_from_the_heading_or_file_name(demo_workspace, tmp_path):
    (tmp_path / "hoc-tap.md").write_text("# Tài liệu *học tập* chuyên đề 2026\n\nNội dung **chính**.\n",
                                         encoding="utf-8")
    (tmp_path / "Ghi chú họp.txt").write_text("Nội dung ghi chú cuộc họp.\n", encoding="utf-8")
    report = import_files(demo_workspace, [tmp_path / "hoc-tap.md", tmp_path / "Ghi chú họp.txt"])
    assert [r.status for r in report.results] == [ImportStatus.IMPORTED] * 2
    markdown, note = (loaded(demo_workspace, result) for result in report.results)
    assert markdown.title == "Tài liệu học tập chuyên đề 2026"
    assert markdown.body == "Tài liệu học tập chuyên đề 2026\n\nNội dung chính."
    assert markdown.doc_type == DocumentType.KHAC and markdown.number == "" and markdown.issued_on is None
    assert (note.title, note.body) == ("Ghi chú họp", "Nội dung ghi chú cuộc họp.")


def test_bad_files_are_reported_and_leave_nothing(demo_workspace, before, tmp_path):
    (tmp_path / "hong.docx").write_bytes(os.urandom(4096))
    whole = party_pdf(tmp_path / "whole.pdf").read_bytes()
    (tmp_path / "cut.pdf").write_bytes(whole[: len(whole) // 2])
    (tmp_path / "rong.txt").write_bytes(b"")
    (tmp_path / "bang.xls").write_bytes(b"\xd0\xcf\x11\xe0")
    paths = [tmp_path / name for name in ("hong.docx", "cut.pdf", "rong.txt", "bang.xls", "khong-co.md")]

    report = import_files(demo_workspace, paths)

    assert [r.status for r in report.results] == [ImportStatus.FAILED] * 5
    for path, result in zip(paths, report.results, strict=True):
        assert path.name in result.message and result.document_id is None
    assert "bị hỏng" in report.results[0].message and "không trọn vẹn" in report.results[1].message
    assert count(demo_workspace, Document) == before["documents"]
    assert count(demo_workspace, OutboxEntry) == before["outbox"]
    assert stored_files(demo_workspace) == []


@pytest.mark.parametrize("make, stamp", [
    (lambda path: party_docx(path.with_suffix(".docx"), stamp="MẬT"), "MẬT"),
    (lambda path: party_docx(path.with_suffix(".docx"), page_header="Tối mật"), "TỐI MẬT"),
    (lambda path: party_pdf(path.with_suffix(".pdf"), stamp="TUYỆT MẬT"), "TUYỆT MẬT"),
], ids=["docx-stamp", "docx-page-header", "pdf-stamp"])
def test_classified_documents_are_refused_and_never_stored(demo_workspace, before, tmp_path, make, stamp):
    path = make(tmp_path / "tai-lieu")
    [result] = import_files(demo_workspace, [path]).results
    assert result.status == ImportStatus.REFUSED
    assert path.name in result.message and f"tài liệu {stamp}" in result.message
    assert count(demo_workspace, Document) == before["documents"]
    assert count(demo_workspace, Attachment) == before["attachments"]
    assert count(demo_workspace, OutboxEntry) == before["outbox"]
    assert stored_files(demo_workspace) == []


def test_one_bad_file_does_not_stop_the_others(demo_workspace, before, tmp_path):
    (tmp_path / "a.txt").write_text(TXT, encoding="utf-8")
    (tmp_path / "b.docx").write_bytes(b"not a docx")
    party_docx(tmp_path / "c.docx", stamp="TỐI MẬT")
    (tmp_path / "d.md").write_text("# Đề cương\n\nNội dung.", encoding="utf-8")
    report = import_files(demo_workspace, [tmp_path / n for n in ("a.txt", "b.docx", "c.docx", "d.md")])
    assert [r.status for r in report.results] == [ImportStatus.IMPORTED, ImportStatus.FAILED,
                                                  ImportStatus.REFUSED, ImportStatus.IMPORTED]
    assert [r.name for r in report.imported] == ["a.txt", "d.md"]
    assert [r.name for r in report.problems] == ["b.docx", "c.docx"]
    assert count(demo_workspace, Document) == before["documents"] + 2
    assert len(stored_files(demo_workspace)) == 2


def test_same_file_again_is_reported_as_already_present(demo_workspace, before, tmp_path):
    first = party_docx(tmp_path / "nq57.docx")
    copy = tmp_path / "ban-sao.docx"
    copy.write_bytes(first.read_bytes())
    [imported] = import_files(demo_workspace, [first]).results
    report = import_files(demo_workspace, [first, copy])
    assert [r.status for r in report.results] == [ImportStatus.DUPLICATE] * 2
    assert {r.document_id for r in report.results} == {imported.document_id}
    assert "đã có trong thư viện" in report.results[0].message and "57-NQ/TW" in report.results[0].message
    assert count(demo_workspace, Document) == before["documents"] + 1
    assert count(demo_workspace, Attachment) == before["attachments"] + 1
    assert len(stored_files(demo_workspace)) == 1


def test_the_same_content_twice_in_one_import_is_stored_once(demo_workspace, before, tmp_path):
    first = party_docx(tmp_path / "nq57.docx")
    (tmp_path / "Nghị quyết 57 (bản sao).docx").write_bytes(first.read_bytes())
    report = import_files(demo_workspace, [first, tmp_path / "Nghị quyết 57 (bản sao).docx"])
    assert [r.status for r in report.results] == [ImportStatus.IMPORTED, ImportStatus.DUPLICATE]
    assert report.results[1].document_id == report.results[0].document_id
    assert count(demo_workspace, Document) == before["documents"] + 1
    assert count(demo_workspace, Attachment) == before["attachments"] + 1


def test_a_deleted_document_can_be_imported_again(demo_workspace, tmp_path):
    path = party_docx(tmp_path / "nq57.docx")
    [first] = import_files(demo_workspace, [path]).results
    with demo_workspace.session() as session:
        session.get(Document, first.document_id).deleted_at = utcnow()
    [again] = import_files(demo_workspace, [path]).results
    assert again.status == ImportStatus.IMPORTED and again.document_id != first.document_id
    assert len(stored_files(demo_workspace)) == 1  # the bytes are shared, not written twice


def test_progress_per_file_and_cancel_between_files(demo_workspace, before, tmp_path):
    paths = []
    for i in range(3):
        (tmp_path / f"{i}.txt").write_text(f"Ghi chú số {i}.", encoding="utf-8")
        paths.append(tmp_path / f"{i}.txt")
    seen = []
    progress = Progress(lambda done, total, message: seen.append((done, total, message)))
    import_files(demo_workspace, paths[:2], progress)
    assert seen == [(0, 2, "Đang nhập 0.txt"), (1, 2, "Đang nhập 1.txt"), (2, 2, "Đã nhập xong")]

    progress = Progress()
    progress._on_report = lambda done, total, message: progress.cancel()  # pressed during the first file
    with pytest.raises(ImportCancelled) as cancelled:
        import_files(demo_workspace, [paths[2], tmp_path / "never.txt"], progress)
    assert isinstance(cancelled.value, Cancelled)
    assert [r.name for r in cancelled.value.report.results] == ["2.txt"]
    assert count(demo_workspace, Document) == before["documents"] + 3


def test_a_workspace_without_a_home_unit_refuses_clearly(workspace, tmp_path):
    (tmp_path / "a.txt").write_text("Nội dung.", encoding="utf-8")
    with pytest.raises(UserError, match="chưa gắn với chi bộ nào"):
        import_files(workspace, [tmp_path / "a.txt"])
    assert count(workspace, Document) == 0 and stored_files(workspace) == []


def test_bytes_written_for_a_row_that_failed_are_removed(demo_workspace, before, tmp_path, monkeypatch):
    def broken(*args, **kwargs):
        raise RuntimeError("database went away")

    monkeypatch.setattr(library_import.attachments, "add_attachment", broken)
    (tmp_path / "a.txt").write_text("Nội dung.", encoding="utf-8")
    with pytest.raises(RuntimeError):
        import_files(demo_workspace, [tmp_path / "a.txt"])
    assert stored_files(demo_workspace) == []
    assert count(demo_workspace, Document) == before["documents"]


def test_each_file_is_its_own_action_and_tells_the_listeners(demo_workspace, tmp_path):
    heard = []
    demo_workspace.add_listener(heard.append)
    for name in ("a.txt", "b.txt"):
        (tmp_path / name).write_text(f"Nội dung {name}.", encoding="utf-8")
    (tmp_path / "c.docx").write_bytes(b"\x00not a zip")
    import_files(demo_workspace, [tmp_path / n for n in ("a.txt", "c.docx", "b.txt")])
    assert [{"documents", "attachments"} <= changes.tables for changes in heard] == [True, True]
