"""Roster preview of a workbook whose used range reaches row 1,048,576 because of one stray cell.

    uv run python benchmarks/roster_stray_cell.py [--runs 3]

Three members, then one cell at the sheet's last row: a bold format, a lone value, or a
member typed down there. Excel's used range and openpyxl's max_row then say 1,048,576 rows;
reading them cell by cell took minutes and gigabytes. Each preview runs in a fresh process
whose peak resident memory (C libraries included, unlike tracemalloc) is measured.
Target (issue 12): ≤ 5 s and ≤ 300 MB. Measured on the 2-core dev box: ≈ 1.5 s, ≈ 10 MB
above the process's start (≈ 100 MB in all).
"""

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
LAST_ROW = 1_048_576
HEADER = ["Họ và tên", "Ngày sinh", "Giới tính", "Ngày vào Đảng", "Ngày chính thức", "Số thẻ đảng viên", "Điện thoại"]
PEOPLE = [["Nguyễn Văn Bình", "14/08/1961", "Nam", "19/05/1986", "19/05/1987", "12345678", ""],
          ["Trần Thị Hoà", "01/02/1975", "Nữ", "08/03/2010", "08/03/2011", "23456789", ""],
          ["Lê Văn Cường", "30/06/1990", "Nam", "19/05/2020", "19/05/2021", "34567890", ""]]
STRAYS = ("format", "value", "member")

# Run in a child: preview the file in a new workspace; print seconds, peak memory growth, rows.
CHILD = """
import json, resource, sys, time
from pathlib import Path
from handbook_desktop.core.members import preview_import
from handbook_desktop.core.workspace import open_workspace

workspace = open_workspace(Path(sys.argv[2]))
before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
started = time.perf_counter()
preview = workspace.perform(lambda uow: preview_import(uow, Path(sys.argv[1])))
seconds = time.perf_counter() - started
grown_kib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - before
print(json.dumps({"seconds": seconds, "grown_mb": grown_kib / 1024, "rows": [r.row_number for r in preview.rows]}))
"""


def stray_workbook(path: Path, stray: str) -> Path:
    """The roster with its stray cell; `stray` is one of STRAYS."""
    import openpyxl
    from openpyxl.styles import Font

    workbook = openpyxl.Workbook()
    sheet = workbook.active
    for row in [HEADER, *PEOPLE]:
        sheet.append(row)
    if stray == "format":
        sheet.cell(LAST_ROW, 1).font = Font(bold=True)
    elif stray == "value":
        sheet.cell(LAST_ROW, 16).value = "x"
    else:
        for column, value in enumerate(["Phạm Thị Duyên", "02/09/1980", "Nữ", "03/02/2015"], start=1):
            sheet.cell(LAST_ROW, column).value = value
    workbook.save(path)
    return path


def measure(path: Path, data_dir: Path, timeout: float = 120) -> dict:
    """Seconds, peak memory growth (MB) and the rows read, from a fresh process (Linux:
    ru_maxrss is in KiB)."""
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    result = subprocess.run([sys.executable, "-c", CHILD, str(path), str(data_dir)], capture_output=True, text=True,
                            env=env, cwd=REPO, timeout=timeout, check=True)
    return json.loads(result.stdout.splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        for stray in STRAYS:
            path = stray_workbook(Path(folder) / f"{stray}.xlsx", stray)
            figures = [measure(path, Path(folder) / f"ws-{stray}-{run}") for run in range(args.runs)]
            seconds = [f["seconds"] for f in figures]
            grown = [f["grown_mb"] for f in figures]
            print(f"stray {stray:7} median {statistics.median(seconds):.2f} s  max {max(seconds):.2f} s  "
                  f"peak memory +{max(grown):.0f} MB  rows {figures[0]['rows']}   (target ≤ 5 s, ≤ 300 MB)")


if __name__ == "__main__":
    main()
