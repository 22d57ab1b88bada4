"""No-change syncs per second: the server on PostgreSQL under 200 polling devices (locust).

    pg_ctlcluster 15 main start   # the local cluster, if it is not running
    uv run --group bench python benchmarks/sync_load.py [--workers 2] [--users 200] [--spawn-rate 50]
                                                        [--duration 60s] [--wait 0] [--cells 10]
                                                        [--pushers 50] [--push-every 10]
                                                        [--database-url postgresql+psycopg://…]

Makes a scratch database `handbook_bench` on the PostgreSQL server (dropped afterwards), seeds
it through the server's services (the demo organisation, more cells under Đảng bộ phường Bắc
Sơn, one member account per device spread over the cells, each with a device logged in and its
cursor at the end of its feed; tokens are made before the run, so no argon2 is measured), then
runs `main.py serve --workers N` on loopback and locust headless
(benchmarks/sync_load_locustfile.py, FastHttpUser): each device asks GET /api/v1/changes with
its cursor in a loop. Prints requests/s, p50/p95 latency and failures from locust's summary.
Meanwhile `--pushers` secretaries' laptops (each in a cell of its own, so the pollers' answers
stay "no change") push a month of their cell's work every `--push-every` seconds.
Targets: ≥ 300 no-change syncs per second on a 2-core machine with 200 devices (issue 13), kept
while 50 devices push a meeting each (issue 14).
"""

import argparse
import csv
import json
import os
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import requests

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from benchmarks.sync_server import LOCAL_POSTGRES, free_port, scratch_database  # noqa: E402
from sync.protocol import API_PREFIX, Role, UnitKind  # noqa: E402
from sync.server.app import create_app  # noqa: E402
from sync.server.services import accounts, admin, feed  # noqa: E402
from sync.server.settings import ServerSettings  # noqa: E402

GRASSROOTS = "TN-SC-BS"  # Đảng bộ phường Bắc Sơn; the demo has Khu phố 3 and 4 under it
LOCUSTFILE = REPO / "benchmarks" / "sync_load_locustfile.py"


def seed(settings: ServerSettings, devices: int, cells: int) -> list[dict]:
    """The demo plus `devices` member accounts over `cells` cells, logged in; their tokens and cursors."""
    app = create_app(settings, demo=True)
    codes = ["TN-SC-BS-KP3", "TN-SC-BS-KP4"]
    out = []
    with app.state.sessions() as session:
        for number in range(5, cells + 3):
            codes.append(admin.create_unit(session, f"Chi bộ Khu phố {number}", f"{GRASSROOTS}-KP{number}",
                                           GRASSROOTS, UnitKind.CELL).code)
        for number in range(devices):
            user = admin.create_user(session, f"dangvien{number:03d}.bench", "bench", codes[number % len(codes)],
                                     f"Đảng viên {number + 1}", Role.MEMBER)
            pair = accounts.open_device(session, settings, app.state.secret, user, f"máy {number + 1}", None)
            reader = accounts.authenticate_reader(session, app.state.secret, pair.access_token)
            cursor, more = "", True
            while more:  # the device is up to date: every request of the run is a no-change sync
                page = feed.pull(session, reader, cursor, 2000)
                cursor, more = page.cursor, page.more
            session.rollback()
            out.append({"token": pair.access_token, "cursor": cursor})
    app.state.engine.dispose()
    return out


def seed_pushers(settings: ServerSettings, count: int) -> list[dict]:
    """`count` cells of their own under Bắc Sơn, each with its secretary's laptop logged in."""
    app = create_app(settings)
    out = []
    with app.state.sessions() as session:
        for number in range(count):
            cell = admin.create_unit(session, f"Chi bộ Tổ dân phố {number + 1}", f"{GRASSROOTS}-TDP{number + 1}",
                                     GRASSROOTS, UnitKind.CELL)
            user = admin.create_user(session, f"bithu{number:03d}.bench", "bench", cell.code, f"Bí thư {number + 1}",
                                     Role.SECRETARY)
            pair = accounts.open_device(session, settings, app.state.secret, user, "máy bí thư", None)
            out.append({"token": pair.access_token, "cell": cell.id})
    app.state.engine.dispose()
    return out


def start_server(settings: ServerSettings, workers: int, port: int, log: Path) -> subprocess.Popen:
    process = subprocess.Popen(
        [sys.executable, str(REPO / "main.py"), "serve", "--port", str(port), "--workers", str(workers),
         "--data-dir", str(settings.data_dir), "--database-url", settings.database_url],
        stdout=log.open("w"), stderr=subprocess.STDOUT, start_new_session=True)
    deadline = time.monotonic() + 60
    while True:
        try:
            if requests.get(f"http://127.0.0.1:{port}{API_PREFIX}/info", timeout=2).ok:
                return process
        except requests.ConnectionError:
            pass
        if process.poll() is not None or time.monotonic() > deadline:
            raise RuntimeError(f"the server did not start; see {log}")
        time.sleep(0.2)


def stop_server(process: subprocess.Popen) -> None:
    os.killpg(process.pid, signal.SIGTERM)
    try:
        process.wait(15)
    except subprocess.TimeoutExpired:  # workers still draining keep-alive connections
        os.killpg(process.pid, signal.SIGKILL)
        process.wait()


def run_locust(url: str, devices_file: Path, pushers_file: Path, args, prefix: Path) -> dict[str, dict]:
    """locust's summary rows by name: "/changes (no change)", "/push (a meeting)", "Aggregated"."""
    env = {**os.environ, "HANDBOOK_BENCH_DEVICES": str(devices_file), "HANDBOOK_BENCH_WAIT": str(args.wait),
           "HANDBOOK_BENCH_PUSHERS": str(pushers_file), "HANDBOOK_BENCH_PUSH_EVERY": str(args.push_every),
           "PYTHONPATH": str(REPO)}
    subprocess.run([sys.executable, "-m", "locust", "-f", str(LOCUSTFILE), "--headless", "--host", url,
                    "-u", str(args.users + args.pushers), "-r", str(args.spawn_rate), "-t", args.duration,
                    "--only-summary", "--csv", str(prefix), "--loglevel", "WARNING"], env=env, cwd=REPO, check=False)
    with open(f"{prefix}_stats.csv", encoding="utf-8") as handle:
        return {row["Name"]: row for row in csv.DictReader(handle)}


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--workers", type=int, default=2, help="uvicorn worker processes")
    parser.add_argument("--users", type=int, default=200, help="simulated devices")
    parser.add_argument("--spawn-rate", type=int, default=50)
    parser.add_argument("--duration", default="60s")
    parser.add_argument("--wait", type=float, default=0.0, help="seconds each device waits between requests")
    parser.add_argument("--cells", type=int, default=10)
    parser.add_argument("--pushers", type=int, default=50,
                        help="secretaries' laptops pushing a meeting (57 changes) meanwhile, each in its own cell")
    parser.add_argument("--push-every", type=float, default=10.0, help="seconds between a pusher's meetings")
    parser.add_argument("--database-url", default=LOCAL_POSTGRES, help="the PostgreSQL server (an admin URL)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp, scratch_database(args.database_url, "handbook_bench") as url:
        settings = ServerSettings(data_dir=Path(tmp) / "server", database_url=url)
        clock = time.perf_counter()
        devices = seed(settings, args.users, args.cells)
        devices_file = Path(tmp) / "devices.json"
        devices_file.write_text(json.dumps(devices), encoding="utf-8")
        pushers_file = Path(tmp) / "pushers.json"
        pushers_file.write_text(json.dumps(seed_pushers(settings, args.pushers)), encoding="utf-8")
        print(f"seeded {len(devices)} devices over {args.cells} cells in {time.perf_counter() - clock:.1f} s")
        port = free_port()
        server = start_server(settings, args.workers, port, Path(tmp) / "server.log")
        try:
            stats = run_locust(f"http://127.0.0.1:{port}", devices_file, pushers_file, args, Path(tmp) / "locust")
        finally:
            stop_server(server)
            errors = [line for line in (Path(tmp) / "server.log").read_text().splitlines()
                      if "Error" in line or "Exception" in line]
            if errors:  # the server's own words for any failure locust counted
                print(f"server errors ({len(errors)} lines), the last:", *errors[-5:], sep="\n  ")
    print(f"\nlocust (FastHttpUser), {args.users} polling devices + {args.pushers} pushing a meeting every "
          f"{args.push_every:g} s, spawn rate {args.spawn_rate}/s, {args.duration}, wait {args.wait:g} s; "
          f"server: uvicorn, {args.workers} workers, PostgreSQL, loopback")
    print(f"{'':24s}{'requests':>10s}{'failures':>10s}{'per s':>10s}{'p50 ms':>8s}{'p95 ms':>8s}{'p99 ms':>8s}")
    for name, shown in (("/changes (no change)", "no-change syncs"), ("/push (a meeting)", "meetings pushed")):
        row = stats.get(name)
        if row:
            print(f"{shown:24s}{int(row['Request Count']):>10,d}{int(row['Failure Count']):>10,d}"
                  f"{float(row['Requests/s']):>10.1f}{row['50%']:>8s}{row['95%']:>8s}{row['99%']:>8s}")
    print("target (issue 13, 14): ≥ 300 no-change syncs/s while 50 devices push a meeting each")

if __name__ == "__main__":
    main()
