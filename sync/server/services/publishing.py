"""Editors publish documents and articles down their unit's subtree; correct; withdraw.

The server repeats the desktop's classification check: a stamped item (MẬT, TỐI MẬT …)
is never distributed, whatever the client did.
"""

from collections.abc import Sequence
from datetime import UTC, datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from handbook_desktop.core.errors import ValidationError
from handbook_desktop.core.library import detect_classification, extract_bytes
from sync.protocol import AttachmentRef, ChangeOp, Entity, ErrorCode, ItemFields, PublishedItem, PublishRequest, Role
from sync.server.errors import ApiError, forbidden, not_found
from sync.server.models import Blob, Item, ItemAttachment, Operation, Unit
from sync.server.services import feed, org
from sync.server.services.accounts import Caller
from sync.server.storage import BlobStore

# Files whose text the server reads for a classification stamp; larger ones are not read.
CHECKED_SUFFIXES = (".docx", ".pdf")
CHECK_LIMIT = 20 * 1024 * 1024


def editor_roots(session: Session, caller: Caller) -> list[Unit]:
    roots = [session.get(Unit, unit_id) for unit_id in caller.units_with(Role.EDITOR)]
    if not roots:
        raise forbidden("Chỉ biên tập viên mới được phát hành văn bản, tin bài.")
    return roots


def audiences(session: Session, caller: Caller) -> list[Unit]:
    seen: dict[str, Unit] = {}
    for root in editor_roots(session, caller):
        seen.update((unit.id, unit) for unit in org.subtree(session, root))
    return sorted(seen.values(), key=lambda unit: unit.path)


def publish(session: Session, store: BlobStore, caller: Caller, request: PublishRequest) -> tuple[PublishedItem, bool]:
    """The new item and True, or the item an earlier call with this op_id made and False."""
    if (done := _replayed(session, caller, request.op_id)) is not None:
        return done, False
    roots = editor_roots(session, caller)
    units = _audience_units(session, request.audience)
    publisher = next((root for root in roots if all(org.inside(unit, root) for unit in units)), None)
    if publisher is None:
        outside = next(unit for unit in units if not any(org.inside(unit, root) for root in roots))
        raise _outside(outside, roots)
    _check_classification(session, store, request.item)
    now = datetime.now(UTC)
    item = Item(fields=_fields_json(request.item), revision=1, publisher_unit_id=publisher.id,
                publisher_user_id=caller.user.id, audience=[unit.id for unit in units], published_at=now,
                updated_at=now)
    session.add(item)
    session.flush()
    _set_attachments(session, item, request.item.attachments)
    feed.record(session, Entity.ITEM, item.id, {feed.unit_audience(unit.id): ChangeOp.UPSERT for unit in units})
    session.add(Operation(op_id=request.op_id, user_id=caller.user.id, item_id=item.id))
    session.commit()
    return items_out(session, [item])[0], True


def correct(session: Session, store: BlobStore, caller: Caller, item_id: str, request: PublishRequest) -> PublishedItem:
    """A new revision: readers get the item again (and a delete where it no longer goes)."""
    if (done := _replayed(session, caller, request.op_id)) is not None:
        return done
    item, publisher = _editable(session, caller, item_id)
    units = _audience_units(session, request.audience)
    if outside := next((unit for unit in units if not org.inside(unit, publisher)), None):
        raise _outside(outside, [publisher])
    _check_classification(session, store, request.item)
    item.fields = _fields_json(request.item)
    item.audience = [unit.id for unit in units]
    item.revision += 1
    item.updated_at = datetime.now(UTC)
    _set_attachments(session, item, request.item.attachments)
    ops = {audience: ChangeOp.DELETE for audience in feed.audiences_of(session, Entity.ITEM, item.id)}
    ops.update({feed.unit_audience(unit.id): ChangeOp.UPSERT for unit in units})
    feed.record(session, Entity.ITEM, item.id, ops)
    session.add(Operation(op_id=request.op_id, user_id=caller.user.id, item_id=item.id))
    session.commit()
    return items_out(session, [item])[0]


def withdraw(session: Session, caller: Caller, item_id: str) -> None:
    item, _publisher = _editable(session, caller, item_id)
    if item.withdrawn_at is None:
        item.withdrawn_at = item.updated_at = datetime.now(UTC)
        feed.record(session, Entity.ITEM, item.id,
                    dict.fromkeys(feed.audiences_of(session, Entity.ITEM, item.id), ChangeOp.DELETE))
        session.commit()


def published_by(session: Session, caller: Caller) -> list[PublishedItem]:
    """Items published from the caller's editor units and below, newest first."""
    unit_ids = [unit.id for unit in audiences(session, caller)]
    items = session.scalars(select(Item).where(Item.publisher_unit_id.in_(unit_ids))
                            .order_by(Item.published_at.desc()))
    return items_out(session, list(items))


def items_out(session: Session, items: Sequence[Item]) -> list[PublishedItem]:
    """Items as readers receive them, with three queries for the whole batch."""
    ids = [item.id for item in items]
    files: dict[str, list[AttachmentRef]] = {item_id: [] for item_id in ids}
    for row in session.scalars(select(ItemAttachment).where(ItemAttachment.item_id.in_(ids))
                               .order_by(ItemAttachment.position)):
        files[row.item_id].append(AttachmentRef(sha256=row.sha256, filename=row.filename,
                                                mime_type=row.mime_type, size=row.size))
    names = dict(session.execute(select(Unit.id, Unit.name).where(
        Unit.id.in_({item.publisher_unit_id for item in items}))).all())
    return [PublishedItem(**item.fields, attachments=files[item.id], id=item.id, revision=item.revision,
                          publisher_unit_id=item.publisher_unit_id, publisher_name=names[item.publisher_unit_id],
                          audience=item.audience, published_at=item.published_at, updated_at=item.updated_at,
                          withdrawn_at=item.withdrawn_at) for item in items]


def _replayed(session: Session, caller: Caller, op_id: str) -> PublishedItem | None:
    done = session.get(Operation, op_id)
    if done is None:
        return None
    if done.user_id != caller.user.id:
        raise ApiError(422, ErrorCode.INVALID, "Mã thao tác (op_id) đã được dùng.")
    return items_out(session, [session.get(Item, done.item_id)])[0]


def _editable(session: Session, caller: Caller, item_id: str) -> tuple[Item, Unit]:
    item = session.get(Item, item_id)
    if item is None:
        raise not_found("Không có văn bản, tin bài này.")
    publisher = session.get(Unit, item.publisher_unit_id)
    if not any(org.inside(publisher, root) for root in editor_roots(session, caller)):
        raise forbidden(f"Văn bản, tin bài này do {publisher.name} phát hành; chỉ biên tập viên của đơn vị đó "
                        "được sửa hoặc thu hồi.")
    return item, publisher


def _audience_units(session: Session, refs: list[str]) -> list[Unit]:
    units: dict[str, Unit] = {}
    for ref in refs:
        unit = session.scalars(select(Unit).where((Unit.id == ref) | (Unit.code == ref))).first()
        if unit is None:
            raise ApiError(422, ErrorCode.INVALID, f"Không có đơn vị “{ref}” để phát hành tới.")
        units[unit.id] = unit
    return list(units.values())


def _check_classification(session: Session, store: BlobStore, fields: ItemFields) -> None:
    if detect_classification("\n".join((fields.title, fields.summary, fields.body))):
        raise _classified(fields.title)
    for ref in fields.attachments:
        blob = session.get(Blob, ref.sha256)
        if blob is None or blob.size != ref.size:
            raise ApiError(422, ErrorCode.INVALID, f"Tệp đính kèm {ref.filename} chưa được tải lên máy chủ.")
        if ref.filename.lower().endswith(CHECKED_SUFFIXES) and blob.size <= CHECK_LIMIT:
            try:
                text = extract_bytes(store.read(ref.sha256), ref.filename)
            except ValidationError:
                continue  # unreadable as a document: nothing printed to check
            if detect_classification(text.body, text.margin_text, text.page_edges):
                raise _classified(ref.filename)


def _outside(unit: Unit, scopes: list[Unit]) -> ApiError:
    return forbidden(f"Không được phát hành cho “{unit.name}”: đơn vị này nằm ngoài phạm vi của "
                     f"{' và '.join(scope.name for scope in scopes)}.")


def _classified(what: str) -> ApiError:
    return ApiError(422, ErrorCode.CLASSIFIED,
                    f"“{what}” mang dấu độ mật; tài liệu mật không được phát hành qua hệ thống này.")


def _fields_json(fields: ItemFields) -> dict:
    return fields.model_dump(mode="json", exclude={"attachments"})


def _set_attachments(session: Session, item: Item, refs: list[AttachmentRef]) -> None:
    for old in session.scalars(select(ItemAttachment).where(ItemAttachment.item_id == item.id)):
        session.delete(old)
    for position, ref in enumerate(refs):
        session.add(ItemAttachment(item_id=item.id, position=position, sha256=ref.sha256, filename=ref.filename,
                                   mime_type=ref.mime_type, size=ref.size))
