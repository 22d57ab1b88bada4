"""Who may fetch or upload an attachment."""

from sqlalchemy import select
from sqlalchemy.orm import Session

from sync.protocol import Role
from sync.server.errors import not_found
from sync.server.models import Blob, Item, ItemAttachment, Unit
from sync.server.services import org, publishing
from sync.server.services.accounts import Caller


def readable(session: Session, caller: Caller, sha256: str) -> Blob:
    """The blob, if the caller may see an item that references it or is an editor above
    its uploader; otherwise 404 (not 403: whether a file exists is not the caller's business)."""
    blob = session.get(Blob, sha256)
    if blob is None:
        raise not_found("Không có tệp này trên máy chủ.")
    chain = set(caller.unit.chain_ids)
    items = session.scalars(select(Item).join(ItemAttachment, ItemAttachment.item_id == Item.id)
                            .where(ItemAttachment.sha256 == sha256, Item.withdrawn_at.is_(None)))
    if any(chain.intersection(item.audience) for item in items):
        return blob
    uploader = session.get(Unit, blob.uploader_unit_id)
    roots = [session.get(Unit, unit_id) for unit_id in caller.units_with(Role.EDITOR)]
    if any(org.inside(uploader, root) for root in roots):
        return blob
    raise not_found("Không có tệp này trên máy chủ.")


def upload_unit(session: Session, caller: Caller) -> Unit:
    """The editor unit an upload is filed under (the first of the caller's)."""
    return publishing.editor_roots(session, caller)[0]


def record_upload(session: Session, caller: Caller, sha256: str, size: int) -> bool:
    """Remember an uploaded blob; True if it is new."""
    if session.get(Blob, sha256) is not None:
        return False
    session.add(Blob(sha256=sha256, size=size, uploader_unit_id=upload_unit(session, caller).id))
    session.commit()
    return True
