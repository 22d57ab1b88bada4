"""The roster screen with 5,000 members: query, model fill and scrolling, offscreen.

    uv run python benchmarks/roster_view.py [--members 5000]

Scrolling "without stutter" is measured as the time to repaint the table after each page
down, over the whole list: every frame should stay well under 16 ms (60 frames a second).
"""

import argparse
import os
import random
import statistics
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from sqlalchemy import insert, select  # noqa: E402

from benchmarks.roster_import import FAMILY, GIVEN, MIDDLE  # noqa: E402
from handbook_desktop.core.members import Member  # noqa: E402
from handbook_desktop.core.org import OrgUnit, UnitKind  # noqa: E402
from handbook_desktop.core.ids import new_id  # noqa: E402
from handbook_desktop.core.models import utcnow
from handbook_desktop.core.demo import create_demo  # noqa: E402
from handbook_desktop.core.workspace import open_workspace  # noqa: E402


def add_members(workspace, count: int) -> None:
    rng, now = random.Random(5), utcnow()
    with workspace.session(record_outbox=False) as s:
        cell = s.scalar(select(OrgUnit.id).where(OrgUnit.kind == UnitKind.CELL))
        rows = [{"id": new_id(), "unit_id": cell, "created_at": now, "updated_at": now, "version": 0,
                 "full_name": f"{rng.choice(FAMILY)} {rng.choice(MIDDLE)} {rng.choice(GIVEN)}",
                 "birth_date": date(1940, 1, 1) + timedelta(days=rng.randint(0, 22000)), "sex": rng.choice(["Nam", "Nữ"]),
                 "admitted_on": date(1970, 1, 1) + timedelta(days=rng.randint(0, 20000)),
                 "status": "official", "card_number": f"{rng.randint(0, 10**8 - 1):08d}"} for _ in range(count)]
        s.execute(insert(Member), rows)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--members", type=int, default=5000)
    args = parser.parse_args()
    from PySide6.QtWidgets import QApplication

    from handbook_desktop.core import members
    from handbook_desktop.ui.changes import ChangeBridge
    from handbook_desktop.ui.members.roster_page import RosterPage
    from handbook_desktop.ui.ops import Operations
    from handbook_desktop.ui.taskrunner import TaskRunner

    app = QApplication([])
    with tempfile.TemporaryDirectory() as tmp:
        workspace = open_workspace(Path(tmp))
        with workspace.unit_of_work(record_outbox=False) as uow:
            create_demo(uow)
        add_members(workspace, args.members - 27)
        start = time.perf_counter()
        result = workspace.perform(members.roster)
        query_s = time.perf_counter() - start
        start = time.perf_counter()
        ops = Operations(workspace, TaskRunner(inline=True), ChangeBridge(workspace))
        page = RosterPage(ops, "Chi bộ / Đảng viên")
        page.resize(1040, 720)
        page.show()
        app.processEvents()
        build_s = time.perf_counter() - start
        bar, frames = page.table.verticalScrollBar(), []
        while bar.value() < bar.maximum():
            bar.setValue(bar.value() + bar.pageStep())
            start = time.perf_counter()
            page.table.viewport().repaint()
            frames.append(time.perf_counter() - start)
        workspace.close()
    frames.sort()
    print(f"{len(result.rows)} members: roster query {query_s * 1000:.0f} ms, page built and painted "
          f"{build_s * 1000:.0f} ms; scrolling {len(frames)} pages: median frame "
          f"{statistics.median(frames) * 1000:.1f} ms, p95 {frames[int(len(frames) * 0.95)] * 1000:.1f} ms, "
          f"max {frames[-1] * 1000:.1f} ms")


if __name__ == "__main__":
    main()
