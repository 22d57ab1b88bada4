"""Cold start of the installed app next to `uv run main.py`, both painting the demo's home page.

    uv run python benchmarks/installed_startup.py [--command so-tay-dang-vien] [--runs 5]

Each run is a fresh process (`--screenshot`), as in benchmarks/startup.py; the first run of
each only warms the OS file cache and keeps the home page's figures (core/home/snapshot.py), as
any earlier start does. "after a change" starts once the data changed since (another program's
write, made here with sqlite3): the first screen is then read through the ORM. The installed
command makes its own demo workspace, so this needs nothing but the .deb (or the tarball's
executable given with --command).
"""

import argparse
import os
import shutil
import sqlite3
import statistics
import subprocess
import tempfile
import time
from contextlib import closing
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]


def measure(command: list[str], folder: Path, runs: int, changed: bool) -> list[float]:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    times = []
    for i in range(runs + 1):
        if changed:
            with closing(sqlite3.connect(folder / "handbook.db")) as conn, conn:
                conn.execute("UPDATE data_generation SET value = value + 1")
        start = time.perf_counter()
        subprocess.run([*command, "--data-dir", str(folder), "--screenshot", str(folder / "shot.png")],
                       check=True, env=env, cwd=REPO, capture_output=True)
        if i:
            times.append(time.perf_counter() - start)
    return times


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--command", default="so-tay-dang-vien")
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    installed = shutil.which(args.command) or args.command
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        subprocess.run([installed, "--data-dir", str(folder), "demo"], check=True, capture_output=True)
        for name, command in (("installed", [installed]), ("uv run main.py", ["uv", "run", "main.py"])):
            for changed in (False, True):
                times = measure(command, folder, args.runs, changed)
                label = f"{name}{', after a change' if changed else ''}"
                print(f"{label:32s} median {statistics.median(times):.3f} s  min {min(times):.3f} s  "
                      f"max {max(times):.3f} s  ({args.runs} runs)")


if __name__ == "__main__":
    main()
