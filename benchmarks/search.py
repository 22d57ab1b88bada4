"""Library search at 100,000 documents and articles of generated Vietnamese text.

    uv run python benchmarks/search.py [--items 100000] [--runs 5] [--keep DIR]

Builds a workspace (demo + bulk documents and articles, which bypass the ORM hook), then
measures: the index build (`rebuild_index`), the database size, search latency over a
fixed list of realistic queries (snippets included, limit 20), and opening a 50-page
document by id. Targets (issue 4): p95 ≤ 50 ms, build ≤ 60 s, open ≤ 200 ms.
"""

import argparse
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from benchmarks.corpus import add_articles, add_documents, vocabulary  # noqa: E402
from handbook_desktop.core.demo import create_demo  # noqa: E402
from handbook_desktop.core.library import Document, DocumentType, rebuild_index, search  # noqa: E402
from handbook_desktop.core.org import OrgUnit, UnitKind  # noqa: E402
from handbook_desktop.core.workspace import Workspace, open_workspace  # noqa: E402

QUERIES = [
    # toneless, as most people type
    "dang vien", "nghi quyet dang vien", "chi bo", "sinh hoat chi bo", "chuyen doi so",
    "kiem diem danh gia", "xep loai chat luong", "to chuc dang", "phat trien", "khoa hoc cong nghe",
    "dang", "hoc tap va lam theo", "tu tuong dao duc", "dai hoi", "ban chap hanh trung uong",
    "nghi quyet 05", "ket luan 21", "can bo", "thanh toan khong dung tien mat", "dan van",
    # with tones
    "đảng viên", "Nghị quyết", "chuyển đổi số", "sinh hoạt chi bộ", "kiểm điểm",
    "xây dựng chỉnh đốn Đảng", "đổi mới sáng tạo", "Hồ Chí Minh", "quốc phòng an ninh", "học tập",
    "tham nhũng", "kỷ luật đảng viên", "nghị quyết 57", "Điều lệ Đảng",
    # symbols
    "57-NQ/TW", "05-NQ/TW", "366-QĐ/TW", "42-HD/BTCTW", "21-KL/TW", "Dang vien du bi",
]


def build(folder: Path, items: int) -> Workspace:
    workspace = open_workspace(folder)
    with workspace.unit_of_work(record_outbox=False) as uow:
        create_demo(uow)
    add_documents(workspace, items // 2 - 12)
    add_articles(workspace, items - items // 2 - 14 - 1)
    return workspace


def add_long_document(workspace: Workspace, pages: int = 50) -> str:
    """A 50-page document (about 500 words a page), added through the ORM like an import."""
    rng, words = random.Random(3), vocabulary()
    body = "\n\n".join(" ".join(rng.choices(words, k=100)).capitalize() + "." for _ in range(pages * 5))
    with workspace.session() as session:
        unit_id = session.query(OrgUnit.id).filter(OrgUnit.kind == UnitKind.CELL).scalar()
        document = Document(unit_id=unit_id, number="99-NQ/TW", doc_type=DocumentType.NGHI_QUYET,
                              title="Văn kiện Đại hội dài năm mươi trang", body=body)
        session.add(document)
    return document.id


def database_size(workspace: Workspace) -> tuple[float, float]:
    """(whole file, search tables) in MB, after a checkpoint so the WAL is folded in."""
    with workspace.engine.connect() as connection:
        connection.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
        index = connection.exec_driver_sql(
            "SELECT sum(pgsize) FROM dbstat WHERE name LIKE 'search%' OR name LIKE 'sqlite_autoindex_search%'"
        ).scalar()
    return workspace.db_path.stat().st_size / 1e6, (index or 0) / 1e6


def time_queries(workspace: Workspace, runs: int) -> tuple[list[float], list[tuple[float, str, int]]]:
    times, per_query = [], []
    with workspace.unit_of_work() as uow:
        for query in QUERIES:
            search(uow, query)  # warm the page cache, as a second search would
            samples = []
            for _ in range(runs):
                start = time.perf_counter()
                hits = search(uow, query)
                samples.append((time.perf_counter() - start) * 1000)
            times += samples
            per_query.append((statistics.median(samples), query, len(hits)))
    return times, per_query


def time_open(workspace: Workspace, document_id: str) -> float:
    start = time.perf_counter()
    with workspace.session() as session:
        document = session.get(Document, document_id)
        assert document is not None and len(document.body) > 100_000
    return (time.perf_counter() - start) * 1000


def percentile(values: list[float], fraction: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(fraction * len(ordered)))]


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--items", type=int, default=100_000)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--keep", type=Path, help="build (or reuse) the workspace here")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        folder = args.keep or Path(tmp) / "ws"
        reuse = folder.exists()
        workspace = open_workspace(folder) if reuse else build(folder, args.items)
        try:
            long_id = add_long_document(workspace) if not reuse else None
            start = time.perf_counter()
            indexed = rebuild_index(workspace)
            print(f"index build: {time.perf_counter() - start:.1f} s for {indexed:,} items")
            total, index = database_size(workspace)
            print(f"database: {total:.0f} MB, of which search index {index:.0f} MB")
            times, per_query = time_queries(workspace, args.runs)
            print(f"search ({len(QUERIES)} queries x {args.runs} runs, limit 20, snippets): "
                  f"p50 {percentile(times, 0.5):.1f} ms  p95 {percentile(times, 0.95):.1f} ms  "
                  f"max {max(times):.1f} ms")
            for median, query, count in sorted(per_query, reverse=True)[:8]:
                print(f"  {median:6.1f} ms  {count:2d} hits  {query}")
            if long_id:
                print(f"open a 50-page document by id: {time_open(workspace, long_id):.1f} ms")
        finally:
            workspace.close()


if __name__ == "__main__":
    main()
