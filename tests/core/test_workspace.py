"""The workspace database: pragmas, the outbox, and files it must refuse untouched."""

import hashlib
import sqlite3
from datetime import date

import pytest
from sqlalchemy import select, text

from handbook_desktop.core import migrations
from handbook_desktop.core.members.models import Member, MemberStatus
from handbook_desktop.core.models import OutboxEntry
from handbook_desktop.core.org.models import OrgUnit, UnitKind
from handbook_desktop.core.errors import WorkspaceError
from handbook_desktop.core.models import utcnow
from handbook_desktop.core.paths import DATABASE_NAME
from handbook_desktop.core.workspace import open_workspace


def _cell(session) -> OrgUnit:
    cell = OrgUnit(id="cell-1", unit_id="cell-1", kind=UnitKind.CELL, name="Chi bộ Khu phố 3")
    session.add(cell)
    return cell


def _digest(path):
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_pragmas_wal_and_foreign_keys(workspace):
    with workspace.engine.connect() as conn:
        assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
        assert conn.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1


def test_foreign_keys_are_enforced(workspace):
    with pytest.raises(Exception, match="FOREIGN KEY"):
        with workspace.session() as s:
            s.add(Member(unit_id="no-such-unit", full_name="Lê Văn Lữ", status=MemberStatus.OFFICIAL))


def test_insert_update_and_tombstone_write_outbox_entries(workspace):
    with workspace.session(user="bithu") as s:
        _cell(s)
        member = Member(unit_id="cell-1", full_name="Nguyễn Thị Thu Hương", status=MemberStatus.PROBATIONARY,
                          admitted_on=date(2026, 1, 5))
        s.add(member)
    with workspace.session(user="bithu") as s:
        row = s.get(Member, member.id)
        row.status = MemberStatus.OFFICIAL
        row.official_on = date(2027, 1, 5)
    with workspace.session() as s:
        s.get(Member, member.id).deleted_at = utcnow()
    with workspace.session() as s:
        entries = s.scalars(select(OutboxEntry).where(OutboxEntry.entity_id == member.id)
                            .order_by(OutboxEntry.seq)).all()
        assert [e.op for e in entries] == ["insert", "update", "delete"]
        assert entries[0].payload["full_name"] == "Nguyễn Thị Thu Hương"
        assert entries[0].payload["admitted_on"] == "2026-01-05"
        assert entries[1].payload == {"status": "official", "official_on": "2027-01-05"}
        assert set(entries[2].payload) == {"deleted_at"}
        assert len({e.op_id for e in entries}) == 3
        assert s.get(Member, member.id).updated_by is None  # last change made without a user
        assert entries[0].entity == "members"


def test_unchanged_rows_write_nothing(workspace):
    with workspace.session() as s:
        _cell(s)
    with workspace.session() as s:
        cell = s.get(OrgUnit, "cell-1")
        cell.name = cell.name
    with workspace.session() as s:
        assert s.scalar(select(text("count(*)")).select_from(OutboxEntry)) == 1


def test_rows_from_elsewhere_write_no_outbox(workspace):
    with workspace.session(record_outbox=False) as s:
        _cell(s)
    with workspace.session() as s:
        assert s.scalars(select(OutboxEntry)).all() == []


def test_syncable_rows_cannot_be_deleted_outright(workspace):
    with workspace.session() as s:
        _cell(s)
    with pytest.raises(RuntimeError, match="tombstoned"):
        with workspace.session() as s:
            s.delete(s.get(OrgUnit, "cell-1"))
    with workspace.session() as s:
        assert s.get(OrgUnit, "cell-1") is not None


def test_failed_action_leaves_no_half_written_record(workspace):
    with pytest.raises(ZeroDivisionError):
        with workspace.session() as s:
            _cell(s)
            s.flush()
            1 / 0
    with workspace.session() as s:
        assert s.scalars(select(OrgUnit)).all() == []
        assert s.scalars(select(OutboxEntry)).all() == []


def test_full_disk_gives_a_clear_message_and_keeps_old_data(workspace):
    with workspace.session() as s:
        _cell(s)
    with workspace.engine.connect() as conn:  # a tiny page limit stands in for a full disk
        pages = conn.exec_driver_sql("PRAGMA page_count").scalar()
    with pytest.raises(WorkspaceError, match="Ổ đĩa đã đầy"):
        with workspace.session() as s:
            s.connection().exec_driver_sql(f"PRAGMA max_page_count = {pages}")
            s.add_all(Member(unit_id="cell-1", full_name="Đảng viên %d" % i, status=MemberStatus.OFFICIAL,
                               notes="x" * 2000) for i in range(200))
    with workspace.session() as s:
        assert s.get(OrgUnit, "cell-1").name == "Chi bộ Khu phố 3"
        assert s.scalars(select(Member)).all() == []


def test_data_folder_that_cannot_be_created(tmp_path):
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    with pytest.raises(WorkspaceError, match="Không ghi được vào thư mục dữ liệu"):
        open_workspace(blocker / "data")


def test_foreign_file_is_refused_and_untouched(tmp_path):
    db = tmp_path / DATABASE_NAME
    db.write_bytes(b"PK\x03\x04 this is a zip, not a database" * 100)
    before = _digest(db)
    with pytest.raises(WorkspaceError, match="không phải là cơ sở dữ liệu"):
        open_workspace(tmp_path)
    assert _digest(db) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == [DATABASE_NAME]


def test_damaged_database_is_refused_and_untouched(workspace):
    workspace.close()
    db = workspace.db_path
    data = bytearray(db.read_bytes())
    data[100:4096] = b"\xff" * (4096 - 100)  # wreck the schema page, keep the header
    db.write_bytes(bytes(data))
    before = _digest(db)
    with pytest.raises(WorkspaceError, match="bị hỏng"):
        open_workspace(db.parent)
    assert _digest(db) == before


def test_other_sqlite_database_is_refused(tmp_path):
    with sqlite3.connect(tmp_path / DATABASE_NAME) as conn:
        conn.execute("CREATE TABLE photos (id INTEGER)")
    with pytest.raises(WorkspaceError, match="không phải là cơ sở dữ liệu"):
        open_workspace(tmp_path)


def test_database_from_a_newer_version_is_refused_and_untouched(workspace):
    workspace.close()
    with sqlite3.connect(workspace.db_path) as conn:
        conn.execute("UPDATE alembic_version SET version_num = '9999'")
    conn.close()
    before = _digest(workspace.db_path)
    with pytest.raises(WorkspaceError, match="phiên bản Sổ tay đảng viên mới hơn"):
        open_workspace(workspace.data_dir)
    assert _digest(workspace.db_path) == before


def test_new_workspace_is_at_head(workspace):
    with workspace.engine.connect() as conn:
        assert conn.exec_driver_sql("SELECT version_num FROM alembic_version").scalar() == migrations.head_revision()
