"""Cold start of the installed app next to `uv run main.py`, both painting the demo's home page.

    uv run python benchmarks/installed_startup.py [--command so-tay-dang-vien] [--runs 5]

Each run is a fresh process (`--screenshot`), as in benchmarks/startup.py; the first run of
each only warms the OS file cache. The installed command makes its own demo workspace, so this
needs nothing but the .deb (or the tarball's executable given with --command).
"""

import argparse
import os
import shutil
import statistics
import subprocess
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]


def measure(command: list[str], folder: Path, runs: int) -> list[float]:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    times = []
    for i in range(runs + 1):
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
            times = measure(command, folder, args.runs)
            print(f"{name:15s} median {statistics.median(times):.3f} s  min {min(times):.3f} s  "
                  f"max {max(times):.3f} s  ({args.runs} runs)")


if __name__ == "__main__":
    main()
