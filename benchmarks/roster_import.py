"""Roster import at 2,000 members: preview + apply of a realistic Mẫu 7-HSĐV workbook.

    uv run python benchmarks/roster_import.py [--members 2000] [--runs 3] [--keep DIR]

Generates an .xlsx as a district office would send it (title rows, a two-row header with
merged groups, dates as text, real dates and serial numbers, a few empty rows), then, in a
fresh workspace per run, times: preview (read + check + match), apply (one transaction,
outbox included), a re-import preview (everything matches, nothing changes) and the export.
Target (issue 5): preview + apply ≤ 3 s.
"""

import argparse
import random
import statistics
import sys
import tempfile
import time
from datetime import date, datetime, timedelta
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

import openpyxl  # noqa: E402

from handbook_desktop.core.members import apply_import, export_roster, preview_import, probation_ends  # noqa: E402
from handbook_desktop.core.models import WorkspaceFact  # noqa: E402
from handbook_desktop.core.org import OrgUnit, UnitKind  # noqa: E402
from handbook_desktop.core.workspace import HOME_UNIT, open_workspace  # noqa: E402

FAMILY = ["Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Huỳnh", "Phan", "Vũ", "Võ", "Đặng", "Bùi", "Đỗ", "Hồ", "Ngô",
          "Dương", "Lý", "Ma", "Lương", "Đinh", "Trịnh"]
MIDDLE = ["Văn", "Thị", "Đức", "Hữu", "Minh", "Thu", "Ngọc", "Quang", "Thanh", "Kim", "Xuân", "Đình"]
GIVEN = ["An", "Bình", "Cường", "Dũng", "Hà", "Hải", "Hằng", "Hương", "Khoa", "Lan", "Linh", "Long", "Mai",
         "Nam", "Nga", "Phúc", "Quý", "Sơn", "Tâm", "Thảo", "Thịnh", "Trang", "Tuấn", "Việt", "Yến"]
PLACES = ["Xã Tân Quang, thành phố Sông Công, tỉnh Thái Nguyên", "Phường Mỏ Chè, thành phố Sông Công",
          "Xã Kha Sơn, huyện Phú Bình, tỉnh Thái Nguyên", "Phường Bắc Sơn, thành phố Sông Công"]
JOBS = ["Cán bộ hưu trí", "Giáo viên Trường THCS Bắc Sơn", "Kế toán", "Công nhân Công ty May", "Kinh doanh",
        "Bộ đội xuất ngũ", "Trưởng khu phố", "Y sĩ Trạm Y tế phường"]
TODAY = date(2026, 11, 25)


def roster_file(path: Path, count: int, seed: int = 5) -> Path:
    rng = random.Random(seed)
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.append(["ĐẢNG BỘ PHƯỜNG BẮC SƠN"])
    sheet.append(["DANH SÁCH ĐẢNG VIÊN"])
    sheet.append(["STT", "Họ và tên", "Ngày sinh", "Giới tính", "Dân tộc", "Tôn giáo", "Quê quán", "Nơi thường trú",
                  "Trình độ", None, None, "Nghề nghiệp, chức vụ", "Ngày vào Đảng", "Ngày chính thức",
                  "Số thẻ đảng viên", "Ghi chú", "Điện thoại"])
    sheet.append([None] * 8 + ["GDPT", "Chuyên môn", "LLCT"] + [None] * 6)
    for merged in ("A3:A4", "B3:B4", "C3:C4", "D3:D4", "E3:E4", "F3:F4", "G3:G4", "H3:H4", "I3:K3", "L3:L4",
                   "M3:M4", "N3:N4", "O3:O4", "P3:P4", "Q3:Q4"):
        sheet.merge_cells(merged)
    cards = rng.sample(range(10_000_000, 99_999_999), count)
    for number in range(1, count + 1):
        sheet.append(_member(rng, number, cards[number - 1]))
        if number % 400 == 0:
            sheet.append([])
    workbook.save(path)
    return path


def _member(rng: random.Random, number: int, card: int) -> list:
    born = date(1940, 1, 1) + timedelta(days=rng.randrange(0, 365 * 62))
    admitted = born + timedelta(days=365 * rng.randint(19, 40) + rng.randrange(365))
    admitted = min(admitted, TODAY - timedelta(days=30))
    official = probation_ends(admitted) if probation_ends(admitted) < TODAY else None
    female = rng.random() < 0.45
    name = f"{rng.choice(FAMILY)} {'Thị' if female else rng.choice(MIDDLE)} {rng.choice(MIDDLE)} {rng.choice(GIVEN)}"
    birth_cell = rng.choice([born.strftime("%d/%m/%Y"), datetime(born.year, born.month, born.day),
                             (born - date(1899, 12, 30)).days, born.isoformat()])
    return [number, name, birth_cell, "Nữ" if female else "Nam", rng.choice(["Kinh"] * 8 + ["Tày", "Nùng"]),
            rng.choice(["Không"] * 9 + ["Phật giáo"]), rng.choice(PLACES), f"Số {number}, tổ {number % 12 + 1}, "
            "phường Bắc Sơn", rng.choice(["12/12", "10/10", "7/10"]), rng.choice(["Đại học", "Trung cấp", ""]),
            rng.choice(["Sơ cấp", "Trung cấp", "Cao cấp", ""]), rng.choice(JOBS),
            datetime(admitted.year, admitted.month, admitted.day), official.strftime("%d/%m/%Y") if official else None,
            str(card) if official else None, "", f"09{rng.randrange(10**8):08d}"]


def one_run(path: Path, folder: Path) -> dict[str, float]:
    workspace = open_workspace(folder)
    with workspace.session(record_outbox=False) as session:
        session.add_all([OrgUnit(id="cell", unit_id="cell", kind=UnitKind.CELL, name="Chi bộ Khu phố 3"),
                         WorkspaceFact(key=HOME_UNIT, value="cell")])
    times = {}
    start = time.perf_counter()
    preview = workspace.perform(lambda uow: preview_import(uow, path, today=TODAY))
    times["preview"] = time.perf_counter() - start
    start = time.perf_counter()
    result = workspace.perform(lambda uow: apply_import(uow, preview))
    times["apply"] = time.perf_counter() - start
    assert result.created == len(preview.rows) and not preview.has_problems, preview.summary()
    start = time.perf_counter()
    again = workspace.perform(lambda uow: preview_import(uow, path, today=TODAY))
    times["re-import preview"] = time.perf_counter() - start
    assert again.count(again.rows[0].action) == len(again.rows)
    start = time.perf_counter()
    workspace.perform(lambda uow: export_roster(uow, folder / "export.xlsx", today=TODAY))
    times["export"] = time.perf_counter() - start
    workspace.close()
    return times


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--members", type=int, default=2000)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--keep", type=Path)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as scratch:
        folder = args.keep or Path(scratch)
        folder.mkdir(parents=True, exist_ok=True)
        path = roster_file(folder / "roster.xlsx", args.members)
        print(f"{args.members} members, {path.stat().st_size / 1024:.0f} KiB")
        runs = [one_run(path, folder / f"ws{run}") for run in range(args.runs)]
    for key in runs[0]:
        values = [run[key] for run in runs]
        print(f"{key:18} median {statistics.median(values):.2f} s   max {max(values):.2f} s")
    total = [run["preview"] + run["apply"] for run in runs]
    print(f"{'preview + apply':18} median {statistics.median(total):.2f} s   max {max(total):.2f} s   (target ≤ 3 s)")


if __name__ == "__main__":
    main()
