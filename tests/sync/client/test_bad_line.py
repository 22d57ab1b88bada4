"""A month of a cell's work over a 64 kbit/s line that loses 5 % of its segments and drops
twice part-way; and records arriving on a laptop whose disk is full. Nothing lost, nothing twice."""

import os
from collections import Counter
from datetime import UTC, datetime

import pytest
from sqlalchemy import select

from handbook_desktop.core import attachments as store
from handbook_desktop.core.errors import WorkspaceError
from handbook_desktop.core.meetings import attendance_id
from handbook_desktop.core.meetings.models import (AgendaItem, Attendance, AttendanceStatus, Meeting,
                                                   MeetingKind, Resolution, ResolutionItem, Speech)
from handbook_desktop.core.meetings.models_extra import MeetingMaterial
from handbook_desktop.core.members.models import Member
from handbook_desktop.core.models import OPEN_STATES, OutboxEntry
from handbook_desktop.core.workspace import open_workspace
from sync import errors
from sync.account import connect
from sync.engine import sync_once
from sync.server.models import RecordRow

from ...core.faults import fill, tiny_disk
from .conftest import PASSWORD, SECRETARY
from .slow_line import SlowLine

MONTH_TABLES = (Meeting, AgendaItem, Attendance, Speech, Resolution, ResolutionItem, MeetingMaterial)


def record_a_month(workspace) -> str:
    """A meeting with its agenda, everyone's attendance, the minutes, the resolution and a file."""
    def record(uow):
        cell = uow.home_unit_id
        meeting = Meeting(unit_id=cell, kind=MeetingKind.REGULAR, title="Sinh hoạt chi bộ tháng 12",
                          starts_at=datetime(2026, 12, 5, 12, 30, tzinfo=UTC), conclusions="Thống nhất.")
        uow.session.add(meeting)
        uow.session.flush()
        for position in range(3):
            uow.session.add(AgendaItem(unit_id=cell, meeting_id=meeting.id, position=position,
                                       title=f"Nội dung {position + 1}"))
        members = uow.session.scalars(select(Member.id).where(Member.unit_id == cell)).all()
        for member_id in members:
            uow.session.add(Attendance(id=attendance_id(meeting.id, member_id), unit_id=cell, meeting_id=meeting.id,
                                       member_id=member_id, status=AttendanceStatus.PRESENT))
        for position, member_id in enumerate(members[:4]):
            uow.session.add(Speech(unit_id=cell, meeting_id=meeting.id, member_id=member_id, position=position,
                                   text="Nhất trí với dự thảo nghị quyết, đề nghị bổ sung nhiệm vụ thu quỹ."))
        resolution = Resolution(unit_id=cell, meeting_id=meeting.id, number=7, term="2025-2030",
                                issued_on=datetime(2026, 12, 5).date(), title="Nghị quyết tháng 12")
        uow.session.add(resolution)
        material = MeetingMaterial(unit_id=cell, meeting_id=meeting.id, title="Dự thảo báo cáo",
                                   posted_at=datetime(2026, 12, 1, tzinfo=UTC))
        uow.session.add(material)
        uow.session.flush()
        for position in range(2):
            uow.session.add(ResolutionItem(unit_id=cell, resolution_id=resolution.id, position=position,
                                           text="Vận động các hộ giữ gìn vệ sinh môi trường."))
        blob = store.store_bytes(uow.data_dir, os.urandom(12_000))
        store.add_attachment(uow.session, material, blob, "du-thao.pdf", "application/pdf")
        return meeting.id

    return workspace.perform(record)


def sync_through(laptop, rounds: int = 10) -> int:
    """Sync until a round gets through, as the scheduler would; the rounds that failed."""
    for failures in range(rounds):
        try:
            sync_once(laptop)
            return failures
        except errors.ServerUnreachable:
            continue
    raise AssertionError(f"no round got through in {rounds}")


def _ids(workspace, model) -> set[str]:
    with workspace.unit_of_work(read_only=True) as uow:
        return set(uow.session.scalars(select(model.id).where(model.deleted_at.is_(None))))


def test_a_month_over_a_slow_lossy_line_that_drops_arrives_once(laptops, live_server, tmp_path):
    a, _b = laptops
    line = SlowLine(live_server.port, cut={2, 3}).start()  # the 1st connection logs in; two rounds are cut
    laptop = open_workspace(tmp_path / "village")  # the secretary's second laptop, out in the ward
    try:
        connect(laptop, line.url, SECRETARY, PASSWORD)
        failures = sync_through(laptop)  # the roster arrives
        meeting = record_a_month(laptop)
        failures += sync_through(laptop)
        assert line.cuts_made >= 1 and failures >= 1  # the line did drop, and the laptop came through
        with laptop.unit_of_work(read_only=True) as uow:
            assert uow.session.scalars(select(OutboxEntry).where(OutboxEntry.state.in_(OPEN_STATES))).all() == []
        sync_once(a)
        for model in MONTH_TABLES:
            assert _ids(a, model) >= _ids(laptop, model), model.__tablename__
        with live_server.session() as session:  # each record once, however often it was sent
            counted = Counter(record.table_name for record in session.scalars(select(RecordRow))
                              if record.data.get("meeting_id") == meeting)
        assert counted["attendance"] == len(_ids(laptop, Attendance)) > 0 and counted["resolutions"] == 1
        [sha256] = [row.sha256 for row in _attachments(laptop)]
        assert store.blob_path(a.data_dir, sha256).is_file()  # the file got through the bad line too
    finally:
        laptop.close()
        line.stop()


def _attachments(workspace):
    from handbook_desktop.core.models import Attachment

    with workspace.unit_of_work(read_only=True) as uow:
        rows = list(uow.session.scalars(select(Attachment).where(Attachment.owner_table == "meeting_materials")))
        uow.session.expunge_all()
        return rows


def test_records_arriving_on_a_full_disk_say_so_and_the_next_round_completes(laptops, tmp_path):
    a, b = laptops
    record_a_month(a)
    sync_once(a)
    with tiny_disk(tmp_path / "disk", size_kb=4096) as disk:
        if disk is None:
            pytest.skip("mounting a small file system needs root")
        laptop = open_workspace(disk / "data")
        try:
            connect(laptop, a_url(a), SECRETARY, PASSWORD)
            fill(disk)
            with pytest.raises(WorkspaceError) as failed:  # said in words by the CLI and the GUI alike
                sync_once(laptop)
            assert "Ổ đĩa đã đầy" in str(failed.value) and "nguyên vẹn" in str(failed.value)
            (disk / "filler").unlink()
            sync_once(laptop)
            for model in MONTH_TABLES:
                assert _ids(laptop, model) == _ids(a, model), model.__tablename__
        finally:
            laptop.close()


def a_url(workspace) -> str:
    from sync.account import current_account

    return current_account(workspace).server_url
