"""The change feed: sequence numbers in commit order, and the pull.

Every writer takes its numbers with one UPDATE … RETURNING on the state row (a push locks it
once and counts in memory: `hold_numbers`); the row stays locked until the writer commits, so
numbers are handed out in commit order and a reader that has seen seq N has seen every commit
below N. One feed row per (entity, id,
audience) holds the latest number: a later change moves the row forward.
"""

from collections.abc import Iterable

from sqlalchemy import String, and_, bindparam, literal, or_, select, update
from sqlalchemy.orm import Session

from sync.protocol import Change, ChangeOp, ChangesPage, Entity, ErrorCode, Role
from sync.server.errors import ApiError
from sync.server.models import FeedRow, Item, MemberRecord, ServerState, Unit
from sync.server.services import members, org, publishing, scope
from sync.server.services.accounts import Reader


def unit_audience(unit_id: str) -> str:
    return f"u:{unit_id}"


def person_audience(user_id: str) -> str:
    return f"p:{user_id}"


def cell_audience(cell_id: str) -> str:
    """Whoever may read a cell's records (its members, officers, and the committees above)."""
    return f"c:{cell_id}"


def record(session: Session, entity: Entity, entity_id: str, ops: dict[str, ChangeOp], *, new: bool = False) -> int:
    """Move the feed rows of one entity, one per audience, to new sequence numbers; the last
    number given out. `new`: the entity was just created, so it has no feed rows to look up."""
    if not ops:
        return 0
    last = _numbers(session, len(ops))
    rows = {} if new else {row.audience: row for row in session.scalars(
        select(FeedRow).where(FeedRow.entity == entity.value, FeedRow.entity_id == entity_id))}
    for seq, (audience, op) in enumerate(ops.items(), start=last - len(ops) + 1):
        row = rows.get(audience)
        if row is None:
            row = FeedRow(entity=entity.value, entity_id=entity_id, audience=audience)
            session.add(row)
        row.seq, row.op = seq, op.value
    return last


class NumberBlock:
    """Numbers handed out in memory by a writer that holds the state row's lock for its whole
    transaction (a push): one UPDATE at the end instead of one per change. Numbers of a change
    rolled back to its savepoint are simply never used (a gap, which the cursor does not mind)."""

    def __init__(self, session: Session):
        self.last = session.execute(select(ServerState.last_seq).where(ServerState.id == 1)
                                    .with_for_update()).scalar_one()
        self.first = self.last

    def take(self, count: int) -> int:
        self.last += count
        return self.last

    def write(self, session: Session) -> None:
        if self.last != self.first:
            session.execute(update(ServerState).where(ServerState.id == 1).values(last_seq=self.last)
                            .execution_options(synchronize_session=False))


def hold_numbers(session: Session) -> NumberBlock:
    """Lock the state row until commit and give this session's numbers from memory."""
    block = session.info["numbers"] = NumberBlock(session)
    return block


def _numbers(session: Session, count: int) -> int:
    block = session.info.get("numbers")
    if block is not None:
        return block.take(count)
    return session.execute(update(ServerState).where(ServerState.id == 1)
                           .values(last_seq=ServerState.last_seq + count).returning(ServerState.last_seq)
                           .execution_options(synchronize_session=False)).scalar_one()


def take_seq(session: Session) -> int:
    """A sequence number of its own, for an event that is not a feed row (a change of scope)."""
    return _numbers(session, 1)


def audiences_of(session: Session, entity: Entity, entity_id: str) -> dict[str, str]:
    return dict(session.execute(select(FeedRow.audience, FeedRow.op).where(
        FeedRow.entity == entity.value, FeedRow.entity_id == entity_id)).all())


def pull(session: Session, reader: Reader, cursor: str, limit: int) -> ChangesPage:
    """The next page for `reader`. With nothing new this is one indexed query (after the one
    that authenticated the reader): the path every device takes every few minutes."""
    after, base = _position(cursor, reader)
    audiences = _audiences(reader)
    query = _FEED_QUERY if not reader.paths_with(Role.COMMITTEE) else _feed_query(_committee_reach(reader))
    rows = session.execute(query, {"audiences": audiences, "after": after, "limit": limit + 1}).all()
    more = len(rows) > limit
    rows = rows[:limit]
    latest: dict[tuple[str, str], int] = {}
    for seq, entity, entity_id in rows:  # one change per entity, at its latest number
        latest[(entity, entity_id)] = seq
    changes = _changes(session, reader, latest)
    return ChangesPage(cursor=f"{reader.epoch}.{rows[-1].seq if rows else after}.{base}", more=more, changes=changes)


def _audiences(reader: Reader) -> list[str]:
    """The audiences a reader reads by name: published to their chain, their own, their cells'
    records."""
    return ([unit_audience(unit_id) for unit_id in reader.chain] + [person_audience(reader.user_id)]
            + [cell_audience(unit_id) for unit_id in scope.cells_of(reader)])


def _committee_reach(reader: Reader):
    """A committee also gets every cell's records and every unit below its units."""
    below = or_(*[Unit.path.startswith(path, autoescape=True) for path in reader.paths_with(Role.COMMITTEE)])
    return or_(FeedRow.audience.in_(select(literal("c:", String) + Unit.id).where(below)),
               and_(FeedRow.entity == Entity.UNIT.value,
                    FeedRow.audience.in_(select(literal("u:", String) + Unit.id).where(below))))


def _feed_query(reach=None):
    seen = FeedRow.audience.in_(bindparam("audiences", expanding=True))
    return (select(FeedRow.seq, FeedRow.entity, FeedRow.entity_id)
            .where(or_(seen, reach) if reach is not None else seen, FeedRow.seq > bindparam("after"))
            .order_by(FeedRow.seq).limit(bindparam("limit")))


# Built once for everyone but committees: every device's poll runs it (see READER_QUERY).
_FEED_QUERY = _feed_query()


def _position(cursor: str, reader: Reader) -> tuple[int, int]:
    """The last number the device has, and the number its pull from the start began at.
    A cursor from before a restore, from before the purge of tombstones it has not seen, or
    from before the reader's scope changed, must start again (409)."""
    if not cursor:
        return 0, reader.last_seq
    cursor_epoch, seq, base = (cursor.split(".") + ["0"])[:3]
    if (cursor_epoch != reader.epoch or not seq.isdigit() or not base.isdigit()
            or max(int(seq), int(base)) < reader.purge_seq or int(base) < reader.scope_seq):
        raise ApiError(409, ErrorCode.RESYNC_REQUIRED,
                       "Dữ liệu trên máy chủ đã được khôi phục hoặc thay đổi; cần đồng bộ lại từ đầu.")
    return int(seq), int(base)


def _changes(session: Session, reader: Reader, latest: dict[tuple[str, str], int]) -> list[Change]:
    """Current data of each entity; an item the caller can no longer see is a delete, a record
    the reader sees only in part is projected, one they need not see is left out."""
    data: dict[tuple[str, str], dict | None] = {}
    ids = {kind: [i for k, i in latest if k == kind] for kind in Entity}
    chain = set(reader.chain)
    # No query for a kind with no change: a no-change pull is the hot path of every device.
    if ids[Entity.ITEM]:
        items = _visible(session.scalars(select(Item).where(Item.id.in_(ids[Entity.ITEM]))), chain)
        for item in publishing.items_out(session, items):
            data[(Entity.ITEM.value, item.id)] = item.model_dump(mode="json")
    if ids[Entity.UNIT]:
        for unit in session.scalars(select(Unit).where(Unit.id.in_(ids[Entity.UNIT]))):
            data[(Entity.UNIT.value, unit.id)] = org.unit_out(unit).model_dump(mode="json")
    if ids[Entity.MEMBER]:
        for member in session.scalars(select(MemberRecord).where(MemberRecord.id.in_(ids[Entity.MEMBER]))):
            data[(Entity.MEMBER.value, member.id)] = members.member_out(member).model_dump(mode="json")
    hidden = set()
    if ids[Entity.RECORD]:
        for record_id, body in scope.records_for(session, reader, ids[Entity.RECORD]).items():
            if body is scope.HIDDEN:
                hidden.add(record_id)
            else:
                data[(Entity.RECORD.value, record_id)] = body
    changes = []
    for (entity, entity_id), seq in sorted(latest.items(), key=lambda pair: pair[1]):
        if entity == Entity.RECORD.value and entity_id in hidden:
            continue
        body = data.get((entity, entity_id))
        changes.append(Change(seq=seq, entity=Entity(entity), id=entity_id,
                              op=ChangeOp.UPSERT if body is not None else ChangeOp.DELETE, data=body))
    return changes


def _visible(items: Iterable[Item], chain: set[str]) -> list[Item]:
    return [item for item in items if item.withdrawn_at is None and chain.intersection(item.audience)]
