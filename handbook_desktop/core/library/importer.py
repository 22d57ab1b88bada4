"""Local import of document files (.docx, .pdf, .txt, .md) into the library.

Importing N files is N user actions on purpose: each file is its own unit of work
(`Workspace.perform`), so a bad file is reported, loses nothing, and the others go on. A file
stamped MẬT / TỐI MẬT / TUYỆT MẬT is refused before anything is written, so neither a row
nor its bytes ever reach the disk. The original file is kept as the document's attachment.

A file is already in the library when a document holds the same bytes (SHA-256). That check
is made inside the transaction that inserts, after taking SQLite's write lock, so two
programs importing the same folder at once store each file once. The same text as .docx
and as .pdf stays two documents: number and date are guesses, and a document that came by
sync (or the demo) has no file, so matching on them could refuse the real file.
"""

import contextlib
import unicodedata
from dataclasses import dataclass, field
from enum import StrEnum
from pathlib import Path

from sqlalchemy import select, text
from sqlalchemy.orm import Session

from handbook_desktop.core import attachments
from handbook_desktop.core.errors import Cancelled, UserError
from handbook_desktop.core.ids import new_id
from handbook_desktop.core.library.extract import MIME_TYPES, ExtractedText, extract_bytes, read_document_file
from handbook_desktop.core.library.metadata import STAMP_TEXT, DocumentMetadata, recognise
from handbook_desktop.core.library.models import Document
from handbook_desktop.core.models import Attachment
from handbook_desktop.core.progress import Progress
from handbook_desktop.core.workspace import UnitOfWork, Workspace
from handbook_desktop.i18n import _


class ImportStatus(StrEnum):
    IMPORTED = "imported"
    DUPLICATE = "duplicate"  # the same file (same SHA-256) is already a document
    REFUSED = "refused"  # classified: never stored
    FAILED = "failed"  # unreadable, unsupported, empty, corrupt …


@dataclass(frozen=True)
class FileResult:
    path: Path
    status: ImportStatus
    message: str = ""  # why it was refused or failed, for the user; names the file
    document_id: str | None = None  # the new document, or the one already holding the file
    number: str = ""
    title: str = ""

    @property
    def name(self) -> str:
        return _name(self.path)


@dataclass
class ImportReport:
    results: list[FileResult] = field(default_factory=list)

    def with_status(self, status: ImportStatus) -> list[FileResult]:
        return [result for result in self.results if result.status == status]

    @property
    def imported(self) -> list[FileResult]:
        return self.with_status(ImportStatus.IMPORTED)

    @property
    def duplicates(self) -> list[FileResult]:
        return self.with_status(ImportStatus.DUPLICATE)

    @property
    def problems(self) -> list[FileResult]:
        """Refused and failed files: each has a message naming the file."""
        return [r for r in self.results if r.status in (ImportStatus.REFUSED, ImportStatus.FAILED)]


class ImportCancelled(Cancelled):
    """Cancel was pressed; files finished before it stay imported and are listed here."""

    def __init__(self, report: ImportReport):
        super().__init__()
        self.report = report


def import_files(workspace: Workspace, paths: list[Path], progress: Progress | None = None) -> ImportReport:
    """Import each file in its own unit of work (many actions, so it takes the workspace);
    stops between files when cancel is pressed."""
    progress = progress or Progress()
    workspace.perform(lambda uow: uow.home_unit_id)  # refuses at once, before any file is read
    report = ImportReport()
    paths = [Path(path) for path in paths]
    for done, path in enumerate(paths):
        try:
            progress.report(done, len(paths), _("Đang nhập {name}").format(name=_name(path)))
        except Cancelled as exc:
            raise ImportCancelled(report) from exc
        report.results.append(_import_one(workspace, path))
    if not progress.cancelled:
        progress.report(len(paths), len(paths), _("Đã nhập xong"))
    return report


def _import_one(workspace: Workspace, path: Path) -> FileResult:
    try:
        data = read_document_file(path)
        sha256 = attachments.sha256_of(data)
        # A quick look first spares reading a file imported before; the check that
        # counts is made again under the write lock, in `_save`.
        existing = workspace.perform(lambda uow: _document_holding(uow.session, sha256), read_only=True)
        if existing:
            return _duplicate(path, existing)
        extracted = extract_bytes(data, _name(path))
        metadata = recognise(extracted.body, extracted.margin_text, extracted.page_edges)
        if metadata.classification:
            return FileResult(path, ImportStatus.REFUSED, refusal_message(path, metadata))
        document, created = _save(workspace, path, data, sha256, extracted, metadata)
    except UserError as exc:
        return FileResult(path, ImportStatus.FAILED, exc.message)
    if not created:
        return _duplicate(path, document)
    return FileResult(path, ImportStatus.IMPORTED, "", document.id, document.number, document.title)


def _duplicate(path: Path, existing: Document) -> FileResult:
    message = _("{name}: đã có trong thư viện ({title}).").format(
        name=_name(path), title=_label(existing.number, existing.title))
    return FileResult(path, ImportStatus.DUPLICATE, message, existing.id, existing.number, existing.title)


def _document_holding(session: Session, sha256: str) -> Document | None:
    return session.scalar(
        select(Document).join(Attachment, (Attachment.owner_id == Document.id)
                              & (Attachment.owner_table == Document.__tablename__))
        .where(Attachment.sha256 == sha256, Attachment.deleted_at.is_(None), Document.deleted_at.is_(None))
        .limit(1))


def _take_write_lock(session: Session) -> None:
    """Write before reading: SQLite gives this transaction the write lock at once (waiting
    for another program's write to end), so no other import can add the same document
    between the check and the insert. The statement changes no row."""
    session.execute(text("UPDATE documents SET id = id WHERE 0"))


def _save(workspace: Workspace, path: Path, data: bytes, sha256: str, extracted: ExtractedText,
          metadata: DocumentMetadata) -> tuple[Document, bool]:
    """The document row, its attachment row and the file's bytes, all or nothing; or the
    document already holding this file (False)."""
    name = _name(path)
    written: list[attachments.StoredBlob] = []

    def add(uow: UnitOfWork) -> tuple[Document, bool]:
        _take_write_lock(uow.session)
        existing = _document_holding(uow.session, sha256)
        if existing:
            return existing, False
        document = Document(id=new_id(), unit_id=uow.home_unit_id, number=metadata.number,
                            doc_type=metadata.doc_type, issuer=metadata.issuer, issued_on=metadata.issued_on,
                            title=metadata.title or extracted.title_hint or _stem(name), body=extracted.body)
        uow.session.add(document)
        blob = attachments.store_bytes(uow.data_dir, data)  # under the lock: no other import is between
        written.append(blob)
        attachments.add_attachment(uow.session, document, blob, name, MIME_TYPES[path.suffix.lower()])
        return document, True

    try:
        return workspace.perform(add)
    except BaseException:
        # The bytes were written for this row only; the error that lost the row matters
        # more than one that may hit while tidying up after it.
        created = [blob for blob in written if blob.created]  # a retried action may store twice
        if created:
            with contextlib.suppress(Exception):
                workspace.perform(lambda uow: _discard(uow, created[0]))
        raise


def _discard(uow: UnitOfWork, blob: attachments.StoredBlob) -> None:
    _take_write_lock(uow.session)  # no other import may be about to refer to these bytes
    attachments.discard_if_unreferenced(uow.session, uow.data_dir, blob)


def _name(path: Path) -> str:
    """The file name as typed (macOS hands out decomposed names)."""
    return unicodedata.normalize("NFC", path.name)


def _stem(name: str) -> str:
    return name.rsplit(".", 1)[0].strip() or name


def refusal_message(path: Path, metadata: DocumentMetadata) -> str:
    """Why a classified file is refused (the import, and publishing from the desktop)."""
    return _("Tệp {name} là tài liệu {stamp} (có dấu “{stamp}” ở đầu văn bản, đầu hoặc chân trang, hay trong "
             "khung chữ). Tài liệu mật không được lưu trong Sổ tay đảng viên nên tệp không được nhập.").format(
        name=_name(path), stamp=STAMP_TEXT[metadata.classification])


def _label(number: str, title: str) -> str:
    return f"{number} | {title}" if number else title
