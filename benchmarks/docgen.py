"""Document generation: the minutes of a 40-member meeting as PDF and DOCX, warm, in-process.

    uv run python benchmarks/docgen.py [--runs 20]

The demo cell (24 members on the November sheet) gets 16 more official members, all
present at the November meeting, so the sheet has 40 rows. "Warm" is the running app: the
first render (imports, font registration) is left out. Each figure is the whole user
action: reading the meeting from the database, laying it out, writing the file. Targets
(issue 7): PDF ≤ 100 ms, DOCX ≤ 100 ms.
"""

import argparse
import statistics
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from sqlalchemy import select  # noqa: E402

from handbook_desktop.core.meetings.models import Attendance, AttendanceStatus, Meeting  # noqa: E402
from handbook_desktop.core.members.models import Member, MemberStatus
from handbook_desktop.core.demo import create_demo  # noqa: E402
from handbook_desktop.core.workspace import open_workspace  # noqa: E402
from handbook_desktop.docgen.sources.meeting import latest_meeting_id, minutes_data  # noqa: E402
from handbook_desktop.docgen.layouts import minutes_layout  # noqa: E402
from handbook_desktop.docgen.render import OutputFormat, render_document, write_layout  # noqa: E402

TARGET_MS = 100
EXTRA = ["Hoàng Minh Đức", "Vương Thị Thu Hà", "Tạ Quang Vinh", "Kiều Thị Ngọc Lan", "Mai Xuân Trường",
         "Lã Thị Hường", "Quách Văn Lực", "Tô Thị Mỹ Duyên", "Khuất Duy Tiến", "Ninh Thị Thoa",
         "Âu Văn Sơn", "Giáp Thị Hồng Nhung", "Lục Văn Ước", "Thân Thị Lữ", "Ông Văn Đạt", "Cù Thị Ngữ"]


def forty_member_meeting(folder: Path):
    """A demo workspace whose latest meeting has 40 members on its attendance sheet."""
    workspace = open_workspace(folder)
    with workspace.unit_of_work(record_outbox=False) as uow:
        create_demo(uow)
    meeting_id = workspace.perform(latest_meeting_id)
    with workspace.session(record_outbox=False) as session:
        cell = session.get(Meeting, meeting_id).unit_id
        for name in EXTRA:
            member = Member(unit_id=cell, full_name=name, status=MemberStatus.OFFICIAL,
                              admitted_on=date(2010, 5, 19), official_on=date(2011, 5, 19))
            session.add(member)
            session.flush()
            session.add(Attendance(unit_id=cell, meeting_id=meeting_id, member_id=member.id,
                                     status=AttendanceStatus.PRESENT, reason="", standing="official"))
        on_sheet = len(list(session.scalars(select(Attendance.id).where(Attendance.meeting_id == meeting_id))))
    return workspace, meeting_id, on_sheet


def measure(action, runs: int) -> list[float]:
    action()  # warm-up: imports, fonts, caches
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        action()
        times.append((time.perf_counter() - start) * 1000)
    return times


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=20)
    runs = parser.parse_args().runs
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        workspace, meeting_id, on_sheet = forty_member_meeting(folder / "ws")
        try:
            def read():
                return workspace.perform(lambda uow: minutes_data(uow, meeting_id))

            data = read()
            layout = minutes_layout(data)
            rows = {
                "read the meeting (minutes_data)": measure(read, runs),
                "PDF, layout → file": measure(lambda: write_layout(layout, folder / "l.pdf", OutputFormat.PDF), runs),
                "DOCX, layout → file": measure(lambda: write_layout(layout, folder / "l.docx", OutputFormat.DOCX),
                                              runs),
                "**PDF, whole action**": measure(lambda: render_document(
                    workspace, "minutes", folder / "minutes.pdf", meeting_id=meeting_id), runs),
                "**DOCX, whole action**": measure(lambda: render_document(
                    workspace, "minutes", folder / "minutes.docx", meeting_id=meeting_id), runs),
            }
        finally:
            workspace.close()
    print(f"Minutes of a meeting with {on_sheet} members on the sheet ({data.counts.present} present), "
          f"{runs} warm runs")
    print("| step | median | max |\n| --- | --- | --- |")
    for name, times in rows.items():
        print(f"| {name} | {statistics.median(times):.0f} ms | {max(times):.0f} ms |")
    slow = [name for name, times in rows.items() if "whole" in name and statistics.median(times) > TARGET_MS]
    return 1 if slow else 0


if __name__ == "__main__":
    sys.exit(main())
