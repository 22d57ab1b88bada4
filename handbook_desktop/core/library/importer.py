"""Local import of document files (.docx, .pdf, .txt, .md) into the library.

Each file is its own transaction: a bad file is reported and the others go on. A file
stamped MẬT / TỐI MẬT / TUYỆT MẬT is refused before anything is written, so neither a row
nor its bytes ever reach the disk. The original file is kept as the document's attachment,
and its SHA-256 tells a re-import of the same file from a new document.
"""

import contextlib
import unicodedata
from dataclasses import dataclass, field
from enum import StrEnum
from pathlib import Path

from sqlalchemy import select

from handbook_desktop.core import attachments
from handbook_desktop.core.library.metadata import STAMP_TEXT, DocumentMetadata, recognise
from handbook_desktop.core.errors import Cancelled, UserError, WorkspaceError
from handbook_desktop.core.library.extract import MIME_TYPES
from handbook_desktop.core.library.extract import ExtractedText
from handbook_desktop.core.library.extract import extract_bytes
from handbook_desktop.core.library.extract import read_document_file
from handbook_desktop.core.ids import new_id
from handbook_desktop.core.library.models import Document
from handbook_desktop.core.models import Attachment
from handbook_desktop.core.progress import Progress
from handbook_desktop.core.workspace import HOME_UNIT, Workspace
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
    """Import each file on its own; stops between files when cancel is pressed."""
    progress = progress or Progress()
    unit_id = workspace.fact(HOME_UNIT)
    if not unit_id:
        raise WorkspaceError(_("Không gian làm việc chưa gắn với chi bộ nào nên chưa nhập được văn bản. Hãy "
                               "tạo dữ liệu mẫu (main.py demo) hoặc đồng bộ với máy chủ trước."))
    report = ImportReport()
    paths = [Path(path) for path in paths]
    for done, path in enumerate(paths):
        try:
            progress.report(done, len(paths), _("Đang nhập {name}").format(name=_name(path)))
        except Cancelled as exc:
            raise ImportCancelled(report) from exc
        report.results.append(_import_one(workspace, unit_id, path))
    if not progress.cancelled:
        progress.report(len(paths), len(paths), _("Đã nhập xong"))
    return report


def _import_one(workspace: Workspace, unit_id: str, path: Path) -> FileResult:
    try:
        data = read_document_file(path)
        existing = _document_holding(workspace, attachments.sha256_of(data))
        if existing:
            message = _("{name}: đã có trong thư viện ({title}).").format(
                name=_name(path), title=_label(existing.number, existing.title))
            return FileResult(path, ImportStatus.DUPLICATE, message, existing.id, existing.number, existing.title)
        extracted = extract_bytes(data, _name(path))
        metadata = recognise(extracted.body, extracted.margin_text)
        if metadata.classification:
            return FileResult(path, ImportStatus.REFUSED, _refusal(path, metadata))
        document = _save(workspace, unit_id, path, data, extracted, metadata)
    except UserError as exc:
        return FileResult(path, ImportStatus.FAILED, exc.message)
    return FileResult(path, ImportStatus.IMPORTED, "", document.id, document.number, document.title)


def _document_holding(workspace: Workspace, sha256: str) -> Document | None:
    with workspace.session() as session:
        return session.scalar(
            select(Document).join(Attachment, (Attachment.owner_id == Document.id)
                                  & (Attachment.owner_table == Document.__tablename__))
            .where(Attachment.sha256 == sha256, Attachment.deleted_at.is_(None), Document.deleted_at.is_(None))
            .limit(1))


def _save(workspace: Workspace, unit_id: str, path: Path, data: bytes, extracted: ExtractedText,
          metadata: DocumentMetadata) -> Document:
    """The document row, its attachment row and the file's bytes, all or nothing."""
    name = _name(path)
    blob = attachments.store_bytes(workspace.data_dir, data)
    try:
        with workspace.session() as session:
            document = Document(id=new_id(), unit_id=unit_id, number=metadata.number, doc_type=metadata.doc_type,
                                issuer=metadata.issuer, issued_on=metadata.issued_on,
                                title=metadata.title or extracted.title_hint or _stem(name), body=extracted.body)
            session.add(document)
            attachments.add_attachment(session, document, blob, name, MIME_TYPES[path.suffix.lower()])
    except BaseException:
        # The bytes were written for this row only; the error that lost the row matters
        # more than one that may hit while tidying up after it.
        with contextlib.suppress(Exception), workspace.session() as session:
            attachments.discard_if_unreferenced(session, workspace.data_dir, blob)
        raise
    return document


def _name(path: Path) -> str:
    """The file name as typed (macOS hands out decomposed names)."""
    return unicodedata.normalize("NFC", path.name)


def _stem(name: str) -> str:
    return name.rsplit(".", 1)[0].strip() or name


def _refusal(path: Path, metadata: DocumentMetadata) -> str:
    return _("Tệp {name} là tài liệu {stamp} (có dấu “{stamp}” ở đầu văn bản). Tài liệu mật không được "
             "lưu trong Sổ tay đảng viên nên tệp không được nhập.").format(
        name=_name(path), stamp=STAMP_TEXT[metadata.classification])


def _label(number: str, title: str) -> str:
    return f"{number} | {title}" if number else title
