"""A cell's records between two laptops: the deputy's first sync, and a month's work pushed.

    uv run python benchmarks/sync_cell.py [--members 60] [--months 24] [--database-url postgresql+psycopg://…]

A real server (create_app under uvicorn in a thread, on loopback; SQLite in a temp folder
unless --database-url names a PostgreSQL server, where a scratch database is made and
dropped) with the demo organisation. The secretary's laptop (a blank workspace connected as
bithu.demo, in-memory keyring) records the cell: `--members` members, then `--months`
monthly meetings, each with its agenda, attendance of every member, speeches, a vote, and a
resolution with its items (written through the ORM in one unit of work per meeting, as the
screens would). It pushes them, untimed. Then:

1. the deputy's laptop (blank, phobithu.demo) syncs for the first time: seconds, records, requests;
2. the secretary records one more month (a meeting, its minutes, a resolution, 40 attendance
   marks) and pushes it through a relay that counts the bytes on the socket: seconds, bytes.

Targets (issue 14): first sync ≤ 10 s over loopback; a month pushed ≤ 1 s and ≤ 20 KB on the wire.
"""

import argparse
import random
import sys
import tempfile
import time
from contextlib import ExitStack
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import keyring

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from benchmarks.sync_first_pull import MemoryKeyring  # noqa: E402
from benchmarks.sync_server import ByteCounter, RequestCounter, ThreadServer, scratch_database  # noqa: E402
from handbook_desktop.core.meetings import attendance_id  # noqa: E402
from handbook_desktop.core.meetings.models import (AgendaItem, Attendance, AttendanceStatus, Meeting,  # noqa: E402
                                                   MeetingKind, MeetingState, Resolution, ResolutionItem, Speech,
                                                   Vote)
from handbook_desktop.core.members.models import Member, MemberStatus  # noqa: E402
from handbook_desktop.core.workspace import open_workspace  # noqa: E402
from sync.account import connect  # noqa: E402
from sync.engine import sync_once  # noqa: E402
from sync.server.app import create_app  # noqa: E402
from sync.server.settings import ServerSettings  # noqa: E402

SECRETARY, DEPUTY, PASSWORD = "bithu.demo", "phobithu.demo", "demo"
SPEECH = ("Đồng chí nhất trí với dự thảo nghị quyết, đề nghị bổ sung nhiệm vụ vận động các hộ gia đình "
          "tham gia giữ gìn vệ sinh môi trường khu dân cư và hoàn thành thu quỹ trước ngày 15.")


def add_members(workspace, count: int, rng: random.Random) -> None:
    def add(uow):
        for number in range(count):
            uow.session.add(Member(unit_id=uow.home_unit_id, full_name=f"Nguyễn Văn Thành {number + 1}",
                                   birth_date=date(1950 + rng.randrange(50), 1 + rng.randrange(12), 1 + rng.randrange(28)),
                                   sex=rng.choice(("Nam", "Nữ")), ethnicity="Kinh", hometown="Thái Nguyên",
                                   address=f"Tổ {rng.randrange(1, 12)}, Khu phố 3", occupation="Hưu trí",
                                   admitted_on=date(1990 + rng.randrange(30), 5, 19), card_number=f"{rng.randrange(10**8):08d}",
                                   status=MemberStatus.OFFICIAL))

    workspace.perform(add)


def add_month(workspace, month: int, attending: int) -> None:
    """One monthly meeting with its minutes and resolution, as the screens would leave it."""
    def add(uow):
        cell = uow.home_unit_id
        members = list(uow.session.query(Member.id).filter(Member.unit_id == cell).order_by(Member.full_name))
        starts = datetime(2025, 1, 5, 12, 30, tzinfo=UTC) + timedelta(days=30 * month)
        meeting = Meeting(unit_id=cell, kind=MeetingKind.REGULAR, title=f"Sinh hoạt chi bộ thường kỳ tháng {month + 1}",
                          starts_at=starts, place="Nhà văn hóa Khu phố 3", state=MeetingState.HELD,
                          conclusions="Chi bộ thống nhất các nhiệm vụ trọng tâm của tháng tới. " * 3)
        uow.session.add(meeting)
        uow.session.flush()
        for position in range(4):
            uow.session.add(AgendaItem(unit_id=cell, meeting_id=meeting.id, position=position,
                                       title=f"Nội dung {position + 1} của buổi sinh hoạt", minutes=20))
        for (member_id,) in members[:attending]:
            uow.session.add(Attendance(id=attendance_id(meeting.id, member_id), unit_id=cell,
                                       meeting_id=meeting.id, member_id=member_id, status=AttendanceStatus.PRESENT))
        for position in range(6):
            uow.session.add(Speech(unit_id=cell, meeting_id=meeting.id, member_id=members[position][0],
                                   position=position, text=SPEECH))
        uow.session.add(Vote(unit_id=cell, meeting_id=meeting.id, matter="Thông qua nghị quyết", agree=attending,
                             disagree=0, abstain=0))
        resolution = Resolution(unit_id=cell, meeting_id=meeting.id, number=month + 1, term="2025-2030",
                                issued_on=starts.date(), title=f"Nghị quyết sinh hoạt chi bộ tháng {month + 1}")
        uow.session.add(resolution)
        uow.session.flush()
        for position in range(4):
            uow.session.add(ResolutionItem(unit_id=cell, resolution_id=resolution.id, position=position,
                                           text="Vận động đảng viên gương mẫu thực hiện nhiệm vụ được giao."))

    workspace.perform(add)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--members", type=int, default=60)
    parser.add_argument("--months", type=int, default=24)
    parser.add_argument("--database-url", default="",
                        help="a PostgreSQL server (admin URL); a scratch database handbook_bench_cell is used")
    args = parser.parse_args()
    keyring.set_keyring(MemoryKeyring())
    rng = random.Random(14)
    with tempfile.TemporaryDirectory() as tmp, ExitStack() as stack:
        url = stack.enter_context(scratch_database(args.database_url, "handbook_bench_cell")) \
            if args.database_url else ""
        app = create_app(ServerSettings(data_dir=Path(tmp) / "server", database_url=url), demo=True)
        counter = RequestCounter(app)
        server = ThreadServer(counter).start()
        relay = ByteCounter(server.port).start()

        secretary = open_workspace(Path(tmp) / "secretary")
        connect(secretary, relay.url, SECRETARY, PASSWORD)
        sync_once(secretary)
        clock = time.perf_counter()
        add_members(secretary, args.members, rng)
        for month in range(args.months):
            add_month(secretary, month, args.members)
        recorded = time.perf_counter() - clock
        clock = time.perf_counter()
        seeded = sync_once(secretary)
        print(f"recorded {args.members} members and {args.months} months in {recorded:.1f} s; "
              f"pushed {seeded.pushed:,} changes in {time.perf_counter() - clock:.1f} s "
              f"on {'PostgreSQL' if url else 'SQLite'}")

        deputy = open_workspace(Path(tmp) / "deputy")
        connect(deputy, relay.url, DEPUTY, PASSWORD)
        counter.requests = 0
        relay.reset()
        first = sync_once(deputy)
        first_requests, first_bytes = counter.requests, relay.sent + relay.received

        add_month(secretary, args.months, 40)
        counter.requests = 0
        relay.reset()
        month = sync_once(secretary)
        month_requests, month_sent, month_received = counter.requests, relay.sent, relay.received
        relay.stop()
        server.stop()
        secretary.close()
        deputy.close()

    print(f"\n{'':34s}{'measured':>14s}{'target':>12s}")
    print(f"{'first sync: seconds':34s}{first.seconds:14.2f}{'≤ 10 s':>12s}")
    print(f"{'first sync: records':34s}{first.records:14,d}")
    print(f"{'first sync: requests':34s}{first_requests:14,d}")
    print(f"{'first sync: bytes both ways':34s}{first_bytes:14,d}")
    print(f"{'a month pushed: seconds':34s}{month.seconds:14.3f}{'≤ 1 s':>12s}")
    print(f"{'a month pushed: changes':34s}{month.pushed:14,d}")
    print(f"{'a month pushed: requests':34s}{month_requests:14,d}")
    print(f"{'a month pushed: bytes sent':34s}{month_sent:14,d}")
    print(f"{'a month pushed: bytes received':34s}{month_received:14,d}")
    print(f"{'a month pushed: bytes both ways':34s}{month_sent + month_received:14,d}{'≤ 20,480':>12s}")


if __name__ == "__main__":
    main()
