"""Who may fetch or upload an attachment.

Files travel with published items (editors upload, the audience fetches) and with a cell's
records (a meeting's materials, a member's papers: the cell's officers upload, whoever pulls
the record fetches it, a member only files that are not about another member).
"""

from sqlalchemy import select
from sqlalchemy.orm import Session

from sync.protocol import Role
from sync.server.errors import forbidden, not_found
from sync.server.models import Blob, Item, ItemAttachment, MemberRecord, RecordRow, Unit
from sync.server.services import org
from sync.server.services.scope import ABOUT_A_MEMBER
from sync.server.services.accounts import Caller

OFFICERS = (Role.SECRETARY, Role.DEPUTY_SECRETARY)


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
    if _in_visible_record(session, caller, sha256):
        return blob
    raise not_found("Không có tệp này trên máy chủ.")


def _in_visible_record(session: Session, caller: Caller, sha256: str) -> bool:
    """A live attachment row of a cell the caller pulls names this file."""
    whole = {*caller.units_with(Role.SECRETARY), *caller.units_with(Role.DEPUTY_SECRETARY)}
    for unit_id in caller.units_with(Role.COMMITTEE):
        whole.update(unit.id for unit in org.subtree(session, session.get(Unit, unit_id)))
    as_member = set(caller.units_with(Role.MEMBER)) - whole
    rows = session.scalars(select(RecordRow).where(RecordRow.table_name == "attachments",
                                                   RecordRow.deleted_at.is_(None),
                                                   RecordRow.unit_id.in_(sorted(whole | as_member))))
    member_id = session.scalars(select(MemberRecord.id).where(MemberRecord.user_id == caller.user.id)).first()
    for row in rows:
        if row.data.get("sha256") != sha256:
            continue
        if row.unit_id in whole or row.data.get("owner_table") not in ABOUT_A_MEMBER \
                or (member_id is not None and row.data.get("owner_id") == member_id):
            return True
    return False


def upload_unit(session: Session, caller: Caller) -> Unit:
    """The unit an upload is filed under: the caller's first editor unit, else the first cell
    they are an officer of (a file of the cell's records); anyone else may not upload."""
    for role in (Role.EDITOR, *OFFICERS):
        units = caller.units_with(role)
        if units:
            return session.get(Unit, units[0])
    raise forbidden("Chỉ biên tập viên, bí thư hoặc phó bí thư chi bộ mới được gửi tệp lên máy chủ.")


def record_upload(session: Session, caller: Caller, sha256: str, size: int) -> bool:
    """Remember an uploaded blob; True if it is new."""
    if session.get(Blob, sha256) is not None:
        return False
    session.add(Blob(sha256=sha256, size=size, uploader_unit_id=upload_unit(session, caller).id))
    session.commit()
    return True
