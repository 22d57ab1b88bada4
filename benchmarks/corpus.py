"""Realistic Vietnamese documents in bulk, for benchmarks (never for tests' timing).

Words come from the demo workspace's own texts, so syllable frequencies look like real
Party documents: few distinct syllables, many of them very frequent.
"""

import json
import random
import re
from datetime import UTC, date, datetime, timedelta

from sqlalchemy import insert, select

from handbook_desktop.core.library.models import Article, Document
from handbook_desktop.core.org.models import OrgUnit, UnitKind
from handbook_desktop.core.ids import new_id
from handbook_desktop.core.models import utcnow
from handbook_desktop.core.resources import resource_path
from handbook_desktop.core.workspace import Workspace

TYPES = [("nghi_quyet", "NQ"), ("chi_thi", "CT"), ("quy_dinh", "QĐi"), ("ket_luan", "KL"),
         ("huong_dan", "HD"), ("thong_bao", "TB"), ("ke_hoach", "KH")]
ISSUERS = [("Ban Chấp hành Trung ương", "TW"), ("Tỉnh ủy Thái Nguyên", "TU"),
           ("Thành ủy Sông Công", "ThU"), ("Đảng ủy phường Bắc Sơn", "ĐU")]
CHANNELS = ["national", "international", "provincial", "provincial_bulletin", "district_bulletin",
            "front_bulletin", "soft", "orientation", "qa", "identify", "reference"]


def vocabulary() -> list[str]:
    data = json.loads(resource_path("demo", "workspace.json").read_text(encoding="utf-8"))
    text = " ".join(d["body"] for d in data["documents"] + data["articles"])
    return re.findall(r"\w+", text)


def make_documents(count: int, unit_id: str, seed: int = 7, paragraphs: int = 8):
    rng = random.Random(seed)
    words = vocabulary()
    now = utcnow()
    for i in range(count):
        doc_type, code = rng.choice(TYPES)
        issuer, issuer_code = rng.choice(ISSUERS)
        body = "\n\n".join(" ".join(rng.choices(words, k=rng.randint(40, 90))).capitalize() + "."
                           for _ in range(paragraphs))
        yield {"id": new_id(), "unit_id": unit_id, "created_at": now, "updated_at": now, "version": 0,
               "number": f"{i % 999 + 1:02d}-{code}/{issuer_code}", "doc_type": doc_type, "issuer": issuer,
               "issued_on": date(2000, 1, 1) + timedelta(days=rng.randint(0, 9800)),
               "title": " ".join(rng.choices(words, k=rng.randint(8, 16))).capitalize(),
               "summary": " ".join(rng.choices(words, k=30)), "body": body, "category": ""}


def add_documents(workspace: Workspace, count: int, batch: int = 2000) -> None:
    with workspace.session(record_outbox=False) as s:
        unit_id = s.scalar(select(OrgUnit.id).where(OrgUnit.kind == UnitKind.CELL))
        rows = []
        for row in make_documents(count, unit_id):
            rows.append(row)
            if len(rows) == batch:
                s.execute(insert(Document), rows)
                rows = []
        if rows:
            s.execute(insert(Document), rows)


def make_articles(count: int, unit_id: str, seed: int = 11, paragraphs: int = 6):
    """News items: shorter than documents, no symbol, a channel and a publication time."""
    rng = random.Random(seed)
    words = vocabulary()
    now = utcnow()
    for _ in range(count):
        body = "\n\n".join(" ".join(rng.choices(words, k=rng.randint(30, 80))).capitalize() + "."
                           for _ in range(rng.randint(paragraphs - 3, paragraphs + 3)))
        yield {"id": new_id(), "unit_id": unit_id, "created_at": now, "updated_at": now, "version": 0,
               "channel": rng.choice(CHANNELS),
               "title": " ".join(rng.choices(words, k=rng.randint(8, 18))).capitalize(),
               "summary": " ".join(rng.choices(words, k=rng.randint(20, 40))), "body": body,
               "author": "", "source": "",
               "published_at": datetime(2015, 1, 1, tzinfo=UTC) + timedelta(minutes=rng.randint(0, 6_000_000))}


def add_articles(workspace: Workspace, count: int, batch: int = 2000) -> None:
    with workspace.session(record_outbox=False) as s:
        unit_id = s.scalar(select(OrgUnit.id).where(OrgUnit.kind == UnitKind.CELL))
        rows = []
        for row in make_articles(count, unit_id):
            rows.append(row)
            if len(rows) == batch:
                s.execute(insert(Article), rows)
                rows = []
        if rows:
            s.execute(insert(Article), rows)
