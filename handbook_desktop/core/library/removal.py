"""Deleting a document taken in by mistake, and bringing it back (see `core/tombstones.py`).

Its original file and its read receipts go and come back with it; the search index follows
by its own hook (a tombstone drops the index rows, a restore writes them again). A document
may not come back when the same file was imported again since its deletion: the import no
longer sees deleted documents, so the two would be duplicates.
"""

from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session, aliased

from handbook_desktop.core.library.models import Document
from handbook_desktop.core.library.reading_models import ReadReceipt
from handbook_desktop.core.models import Attachment
from handbook_desktop.core.tombstones import Removal
from handbook_desktop.i18n import N_, _

KIND = "document"


def document_title(document: Document) -> str:
    return f"{document.number} | {document.title}" if document.number else document.title


def _dependents(document_id: str):
    yield Attachment, (Attachment.owner_table == Document.__tablename__) & (Attachment.owner_id == document_id)
    yield ReadReceipt, (ReadReceipt.item_table == Document.__tablename__) & (ReadReceipt.item_id == document_id)


def _imported_again(session: Session, document: Document, deleted_at: datetime) -> str | None:
    theirs = aliased(Attachment)
    own_files = select(Attachment.sha256).where(
        Attachment.owner_table == Document.__tablename__, Attachment.owner_id == document.id,
        Attachment.deleted_at == deleted_at)
    copy = session.scalar(
        select(Document).join(theirs, (theirs.owner_id == Document.id) & (theirs.owner_table == Document.__tablename__))
        .where(theirs.sha256.in_(own_files), theirs.deleted_at.is_(None), Document.deleted_at.is_(None)).limit(1))
    if copy is None:
        return None
    return _("Tệp của văn bản “{title}” đã được nhập lại sau khi xóa (“{copy}”): không khôi phục để thư viện "
             "khỏi có hai bản giống nhau.").format(title=document_title(document), copy=document_title(copy))


DOCUMENT_REMOVAL = Removal(
    kind=KIND, model=Document, title=document_title,
    missing=N_("Không tìm thấy văn bản này (có thể đã bị xóa)."),
    dependents=(_dependents,), clashes=(_imported_again,))
