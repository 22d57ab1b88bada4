"""Locust users for benchmarks/sync_load.py: devices polling for changes, and secretaries'
laptops pushing a meeting.

Not run by hand: the driver seeds the server, writes the devices' tokens and cursors to the
JSON file named by HANDBOOK_BENCH_DEVICES (and the pushers' to HANDBOOK_BENCH_PUSHERS) and
starts locust with this file. Each polling device takes the next entry and, in a loop (wait
HANDBOOK_BENCH_WAIT seconds, default 0), asks GET /api/v1/changes?cursor=<its cursor>; a page
with changes moves its cursor on, as the desktop does. Each pusher (a secretary of a cell no
poller belongs to) sends a month of its cell's work — a meeting, its agenda, 40 attendance
marks, the minutes, a vote and a resolution, gzipped as the desktop sends it — every
HANDBOOK_BENCH_PUSH_EVERY seconds.
"""

import gzip
import itertools
import json
import os
import uuid

from locust import constant, constant_pacing, task
from locust.contrib.fasthttp import FastHttpUser

from sync.protocol import API_PREFIX, COMMON_FIELDS, PROTOCOL_HEADER, PROTOCOL_VERSION, RECORD_FIELDS

DEVICES = json.loads(open(os.environ["HANDBOOK_BENCH_DEVICES"], encoding="utf-8").read())
PUSHERS = json.loads(open(os.environ["HANDBOOK_BENCH_PUSHERS"], encoding="utf-8").read()) \
    if os.environ.get("HANDBOOK_BENCH_PUSHERS") else []
_next = itertools.cycle(DEVICES)
_next_pusher = itertools.cycle(PUSHERS or [None])


def _headers(token: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}", PROTOCOL_HEADER: str(PROTOCOL_VERSION), "Accept-Encoding": "gzip"}


class Device(FastHttpUser):
    wait_time = constant(float(os.environ.get("HANDBOOK_BENCH_WAIT", "0")))

    def on_start(self) -> None:
        device = next(_next)
        self.cursor = device["cursor"]
        self.headers = _headers(device["token"])

    @task
    def changes(self) -> None:
        with self.client.get(f"{API_PREFIX}/changes", params={"cursor": self.cursor}, headers=self.headers,
                             name="/changes (no change)", catch_response=True) as response:
            if response.status_code != 200:
                response.failure(f"HTTP {response.status_code}")
                return
            page = response.json()
            if page["changes"]:
                response.failure("expected no change")
            self.cursor = page["cursor"]


def _row(table: str, cell: str, **fields) -> dict:
    row = {name: None for name in RECORD_FIELDS[table] + COMMON_FIELDS}
    return row | {"id": str(uuid.uuid4()), "unit_id": cell, "created_at": "2026-12-05T08:00:00+00:00",
                  "updated_at": "2026-12-05T08:00:00+00:00", "version": 0} | fields


def month_of_work(cell: str, number: int) -> list[dict]:
    """The changes a secretary's laptop pushes after a monthly meeting (57 whole inserts)."""
    meeting = _row("meetings", cell, kind="regular", title=f"Sinh hoạt chi bộ tháng {number}", state="held",
                   starts_at="2026-12-05T12:30:00+00:00", planned_minutes=90, place="Nhà văn hóa",
                   conclusions="Chi bộ thống nhất các nhiệm vụ trọng tâm. " * 3, evaluation="")
    rows = [("meetings", meeting)]
    rows += [("agenda_items", _row("agenda_items", cell, meeting_id=meeting["id"], position=p, title=f"Nội dung {p}",
                                   minutes=20)) for p in range(4)]
    rows += [("attendance", _row("attendance", cell, meeting_id=meeting["id"], member_id=str(uuid.uuid4()),
                                 status="present", reason="")) for _ in range(40)]
    rows += [("speeches", _row("speeches", cell, meeting_id=meeting["id"], position=p,
                               text="Nhất trí với dự thảo nghị quyết, đề nghị bổ sung nhiệm vụ thu quỹ."))
             for p in range(6)]
    rows += [("votes", _row("votes", cell, meeting_id=meeting["id"], matter="Thông qua nghị quyết", position=0,
                            agree=40, disagree=0, abstain=0))]
    resolution = _row("resolutions", cell, meeting_id=meeting["id"], number=number, term="2025-2030",
                      issued_on="2026-12-05", title=f"Nghị quyết tháng {number}", recipients="")
    rows += [("resolutions", resolution)]
    rows += [("resolution_items", _row("resolution_items", cell, resolution_id=resolution["id"], position=p,
                                       text="Vận động đảng viên gương mẫu thực hiện nhiệm vụ.")) for p in range(4)]
    return [{"op_id": str(uuid.uuid4()), "entity": table, "entity_id": row["id"], "op": "insert",
             "base_version": 0, "payload": row} for table, row in rows]


class Pusher(FastHttpUser):
    wait_time = constant_pacing(float(os.environ.get("HANDBOOK_BENCH_PUSH_EVERY", "10")))
    fixed_count = len(PUSHERS)  # the rest of the users are polling devices

    def on_start(self) -> None:
        pusher = next(_next_pusher)
        self.cell, self.number = pusher["cell"], 0
        self.headers = _headers(pusher["token"]) | {"Content-Type": "application/json", "Content-Encoding": "gzip"}

    @task
    def push_a_meeting(self) -> None:
        self.number += 1
        body = gzip.compress(json.dumps({"changes": month_of_work(self.cell, self.number)}).encode(), 6)
        with self.client.post(f"{API_PREFIX}/push", data=body, headers=self.headers, name="/push (a meeting)",
                              catch_response=True) as response:
            if response.status_code != 200:
                response.failure(f"HTTP {response.status_code}")
            elif any(result["status"] != "accepted" for result in response.json()["results"]):
                response.failure("a change was not accepted")
