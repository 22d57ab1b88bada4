"""Locust users for benchmarks/sync_load.py: each is one device polling for changes.

Not run by hand: the driver seeds the server, writes the devices' tokens and cursors to the
JSON file named by HANDBOOK_BENCH_DEVICES and starts locust with this file. Each simulated
device takes the next entry and, in a loop (wait HANDBOOK_BENCH_WAIT seconds, default 0),
asks GET /api/v1/changes?cursor=<its cursor>; a page with changes moves its cursor on, as
the desktop does.
"""

import itertools
import json
import os

from locust import constant, task
from locust.contrib.fasthttp import FastHttpUser

from sync.protocol import API_PREFIX, PROTOCOL_HEADER, PROTOCOL_VERSION

DEVICES = json.loads(open(os.environ["HANDBOOK_BENCH_DEVICES"], encoding="utf-8").read())
_next = itertools.cycle(DEVICES)


class Device(FastHttpUser):
    wait_time = constant(float(os.environ.get("HANDBOOK_BENCH_WAIT", "0")))

    def on_start(self) -> None:
        device = next(_next)
        self.cursor = device["cursor"]
        self.headers = {"Authorization": f"Bearer {device['token']}", PROTOCOL_HEADER: str(PROTOCOL_VERSION),
                        "Accept-Encoding": "gzip"}

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
