"""Cold start to a painted main window, with the demo workspace and with 10,000 documents.

    uv run python benchmarks/startup.py [--runs 7]

Each run is a fresh process (`main.py --screenshot`): interpreter start, imports,
opening the database, building and painting the window, writing the PNG. The figure is
therefore an upper bound of "start to first paint". The first run warms the OS file cache and
keeps the home page's figures (core/home/snapshot.py), as any earlier start does; "after a
change" runs start once the data changed since (another program's write), so they read the
first screen through the ORM. Peak resident memory of all runs (those load the ORM, as the
idle GUI has once its first read is done) stands in for the idle GUI's memory.
"""

import argparse
import resource
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from contextlib import closing
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from benchmarks.corpus import add_documents  # noqa: E402
from handbook_desktop.core.demo import create_demo  # noqa: E402
from handbook_desktop.core.workspace import open_workspace  # noqa: E402


def prepare(folder: Path, extra_documents: int) -> Path:
    workspace = open_workspace(folder)
    with workspace.unit_of_work(record_outbox=False) as uow:
        create_demo(uow)
    if extra_documents:
        add_documents(workspace, extra_documents)
    workspace.close()
    return folder


def measure(folder: Path, runs: int, changed: bool) -> tuple[list[float], float]:
    times = []
    for i in range(runs + 1):
        if changed:
            with closing(sqlite3.connect(folder / "handbook.db")) as conn, conn:
                conn.execute("UPDATE data_generation SET value = value + 1")
        start = time.perf_counter()
        subprocess.run([sys.executable, str(REPO / "main.py"), "--screenshot", str(folder / "shot.png"),
                        "--data-dir", str(folder)], check=True, env={"QT_QPA_PLATFORM": "offscreen",
                                                                     "PATH": "/usr/bin:/bin"})
        if i:  # the first run warms the OS file cache, as any second start of the day would
            times.append(time.perf_counter() - start)
    peak_mb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    return times, peak_mb


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=7)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        for name, extra in (("demo workspace", 0), ("10,000 documents", 9_988)):
            folder = prepare(Path(tmp) / name.replace(" ", "_").replace(",", ""), extra)
            for changed in (False, True):
                times, peak_mb = measure(folder, args.runs, changed)
                label = f"{name}{', after a change' if changed else ''}"
                print(f"{label:35s} median {statistics.median(times):.3f} s  min {min(times):.3f} s  "
                      f"max {max(times):.3f} s  peak RSS {peak_mb:.0f} MB  ({args.runs} runs)")


if __name__ == "__main__":
    main()
