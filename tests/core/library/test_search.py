"""Library search (core/library/search.py, core/library/search_index.py, migration 0003)."""

import unicodedata
from datetime import UTC, date, datetime

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import insert, select

from handbook_desktop.core import migrations
from handbook_desktop.core.library import search_index
from handbook_desktop.core.library.models import Article, Channel, Document, DocumentType
from handbook_desktop.core.models import OutboxEntry
from handbook_desktop.core.org.models import OrgUnit, UnitKind
from handbook_desktop.core.db import make_engine
from handbook_desktop.core.errors import Cancelled
from handbook_desktop.core.ids import new_id
from handbook_desktop.core.models import utcnow
from handbook_desktop.core.paths import DATABASE_NAME
from handbook_desktop.core.progress import Progress
from handbook_desktop.core.library import SearchHit, rebuild_index, search
from handbook_desktop.core.workspace import open_workspace

CELL = "cell-1"


@pytest.fixture
def library(workspace):
    with workspace.session() as s:
        s.add(OrgUnit(id=CELL, unit_id=CELL, kind=UnitKind.CELL, name="Chi bộ Khu phố 3"))
    return workspace


def add_document(ws, title, body="", number="", doc_type=DocumentType.KHAC, summary="", **extra) -> str:
    with ws.session() as s:
        document = Document(unit_id=CELL, title=title, body=body, number=number, doc_type=doc_type,
                              summary=summary, issued_on=extra.pop("issued_on", date(2026, 1, 1)), **extra)
        s.add(document)
    return document.id


def add_article(ws, title, body="", channel=Channel.NATIONAL, published_at=None) -> str:
    with ws.session() as s:
        article = Article(unit_id=CELL, title=title, body=body, channel=channel,
                            published_at=published_at or datetime(2026, 10, 1, 3, tzinfo=UTC))
        s.add(article)
    return article.id


def find(ws, query, **kw) -> list[SearchHit]:
    with ws.unit_of_work() as uow:
        return search(uow, query, **kw)


def titles(ws, query, **kw) -> list[str]:
    return [hit.title for hit in find(ws, query, **kw)]


def index_content(ws) -> dict[tuple[str, str], tuple[str, str, str]]:
    """What the index holds, by item, whatever rowids the items got."""
    with ws.engine.connect() as conn:
        rows = conn.exec_driver_sql(
            "SELECT i.kind, i.item_id, t.title, t.number, t.body, s.title, s.number FROM search_items i "
            "JOIN search_text t ON t.rowid = i.id JOIN search_titles s ON s.rowid = i.id").all()
    assert all(row[2:4] == row[5:7] for row in rows)
    return {(row[0], row[1]): tuple(row[2:5]) for row in rows}


def test_toneless_query_finds_toned_text(library):
    add_document(library, "Nghị quyết về công tác phát triển đảng viên mới")
    add_document(library, "Kế hoạch tổ chức hội nghị")
    assert titles(library, "nghi quyet dang vien") == ["Nghị quyết về công tác phát triển đảng viên mới"]
    assert titles(library, "NGHI QUYET   Dang-Vien") == ["Nghị quyết về công tác phát triển đảng viên mới"]


def test_crossed_d_and_its_look_alikes_fold_to_d(library):
    add_document(library, "Ðiều lệ Ðảng (chữ Ð của trang web)")   # U+00D0
    add_document(library, "Đại hội đại biểu")
    assert titles(library, "dieu le dang") == ["Ðiều lệ Ðảng (chữ Ð của trang web)"]
    assert titles(library, "Điều lệ Đảng") == ["Ðiều lệ Ðảng (chữ Ð của trang web)"]
    assert titles(library, "ðại hội") == ["Đại hội đại biểu"]


def test_nfd_text_and_nfd_query(library):
    add_document(library, unicodedata.normalize("NFD", "Sinh hoạt chi bộ thường kỳ"))
    found = find(library, unicodedata.normalize("NFD", "sinh hoạt chi bộ"))
    assert len(found) == 1
    assert find(library, "sinh hoat chi bo")[0].id == found[0].id


def test_exact_tones_rank_above_folded_only_matches(library):
    exact = add_document(library, "Công tác đảng bộ năm 2026, tổng kết và phương hướng", issued_on=date(2020, 1, 1))
    folded = add_document(library, "Đang dạng", issued_on=date(2026, 5, 1))  # newer, shorter, twice "dang"
    assert [hit.id for hit in find(library, "đảng")] == [exact, folded]
    assert {hit.id for hit in find(library, "dang")} == {exact, folded}
    assert [hit.id for hit in find(library, "dạng")] == [folded, exact]


def test_symbols_find_their_document(library):
    wanted = add_document(library, "Nghị quyết về đột phá phát triển khoa học", number="05-NQ/TW",
                          doc_type=DocumentType.NGHI_QUYET)
    add_document(library, "Chỉ thị về học tập", number="05-CT/TW", doc_type=DocumentType.CHI_THI)
    add_document(library, "Báo cáo tháng", body="Theo 05 nội dung của NQ và TW", number="12-BC/ĐU",
                 doc_type=DocumentType.BAO_CAO)
    for query in ("05-NQ/TW", "nghị quyết 05", "nghi quyet 05", "5-NQ/TW", "05/NQ-TW", "NQ 05"):
        assert find(library, query)[0].id == wanted, query


def test_document_type_name_finds_documents_without_it_in_the_title(library):
    wanted = add_document(library, "Về tăng cường công tác cán bộ", number="12-CT/TW", doc_type=DocumentType.CHI_THI)
    assert [hit.id for hit in find(library, "chi thi 12")] == [wanted]


def test_title_match_outranks_body_only_match(library):
    in_title = add_document(library, "Chuyển đổi số trong chi bộ", issued_on=date(2019, 1, 1))
    in_body = add_document(library, "Báo cáo tổng kết",
                           body="Chuyển đổi số, chuyển đổi số và chuyển đổi số ở khắp nơi.", issued_on=date(2026, 6, 1))
    assert [hit.id for hit in find(library, "chuyen doi so")] == [in_title, in_body]


def test_phrase_outranks_scattered_words(library):
    scattered = add_document(library, "Báo cáo", body="Viên chức của đảng ủy và chi bộ.", issued_on=date(2026, 6, 1))
    together = add_document(library, "Báo cáo", body="Kết nạp đảng viên mới trong năm.", issued_on=date(2019, 1, 1))
    assert [hit.id for hit in find(library, "dang vien")] == [together, scattered]


def test_snippet_highlights_the_original_words(library):
    add_document(library, "Thông báo", summary="Tóm tắt <nội bộ> & ngắn.",
                 body="Chi bộ đã họp. Đảng viên Nguyễn Văn An được khen thưởng.")
    hit = find(library, "dang vien khen thuong")[0]
    assert "<b>Đảng</b> <b>viên</b>" in hit.snippet and "<b>khen</b> <b>thưởng</b>" in hit.snippet
    assert "&lt;nội bộ&gt; &amp;" in hit.snippet
    assert "dang" not in hit.snippet.lower()


def test_hit_fields(library):
    document = add_document(library, "Nghị quyết chi bộ", number="07-NQ/CB", doc_type=DocumentType.NGHI_QUYET,
                            issued_on=date(2026, 3, 9))
    article = add_article(library, "Tin nghị quyết mới", channel=Channel.PROVINCIAL,
                          published_at=datetime(2026, 10, 1, 20, 30, tzinfo=UTC))  # 03:30 on 2 Oct in Vietnam
    hits = {hit.kind: hit for hit in find(library, "nghi quyet")}
    assert hits["document"].id == document and hits["document"].number == "07-NQ/CB"
    assert hits["document"].date == date(2026, 3, 9) and hits["document"].channel == ""
    assert hits["article"].id == article and hits["article"].number == ""
    assert hits["article"].date == date(2026, 10, 2) and hits["article"].channel == "provincial"
    assert all(isinstance(hit, SearchHit) and hit.score > 0 for hit in hits.values())


def test_kinds_and_limit(library):
    for i in range(5):
        add_document(library, f"Hướng dẫn số {i}")
        add_article(library, f"Hướng dẫn bạn đọc {i}")
    assert {hit.kind for hit in find(library, "huong dan", kinds=("article",))} == {"article"}
    assert {hit.kind for hit in find(library, "huong dan", kinds=["document"])} == {"document"}
    assert len(find(library, "huong dan", limit=3)) == 3
    assert find(library, "huong dan", limit=0) == []
    assert find(library, "huong dan", kinds=()) == [] == find(library, "huong dan", kinds=[])
    with pytest.raises(ValueError):
        find(library, "huong dan", kinds=("meeting",))


@pytest.mark.parametrize("query", ["", "   ", "\t\n", "...", "-- / *", "“”", "_"])
def test_empty_queries_find_nothing(library, query):
    add_document(library, "Nghị quyết")
    assert find(library, query) == []


@pytest.mark.parametrize("query", [
    '"', '""', '"nghị quyết', "nghị*", "*", "(", ")", "(nghị", "NEAR", "NEAR(nghị quyết, 2)", "-nghị", "-",
    "AND", "nghị AND", "OR quyết", "NOT", "nghị NOT quyết", "title:nghị", "{title number}: nghị", "^nghị",
    "nghị + quyết", "' OR 1=1 --", "nghị; DROP TABLE documents", "\x00", "😀 nghị", "a" * 5000,
    " ".join(["nghị"] * 200), "Ⅻ ² ½ ﬁ ǅ", "\u0301\u0300",
])
def test_fts_syntax_in_the_query_never_raises(library, query):
    add_document(library, "Nghị quyết về ĐẢNG")
    assert isinstance(find(library, query), list)
    assert find(library, f"{query} nghị quyết") is not None


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.text(max_size=40))
def test_any_text_is_a_valid_query(library, query):
    assert isinstance(find(library, query), list)


def test_edits_and_tombstones_update_the_index(library):
    document = add_document(library, "Kế hoạch kiểm tra")
    with library.session() as s:
        s.get(Document, document).title = "Chương trình giám sát"
    assert titles(library, "ke hoach") == [] and titles(library, "giam sat") == ["Chương trình giám sát"]
    with library.session(record_outbox=False) as s:  # a change arriving from the server
        s.get(Document, document).body = "Nội dung về phòng chống tham nhũng"
    assert titles(library, "tham nhung") == ["Chương trình giám sát"]
    with library.session() as s:
        s.get(Document, document).deleted_at = utcnow()
    assert titles(library, "giam sat") == [] and index_content(library) == {}
    with library.session() as s:
        s.get(Document, document).deleted_at = None
    assert titles(library, "giam sat") == ["Chương trình giám sát"]


def test_untouched_fields_leave_the_index_alone(library, monkeypatch):
    document = add_document(library, "Kế hoạch kiểm tra")
    reindexed = []
    monkeypatch.setattr(search_index, "index_items", lambda _connection, items: reindexed.extend(items))
    with library.session() as s:
        s.get(Document, document).issuer = "Chi bộ"
        s.get(Document, document).category = "khác"
    assert reindexed == []
    with library.session() as s:
        s.get(Document, document).summary = "Tóm tắt mới"
    assert [item.id for item in reindexed] == [document]


def test_pending_changes_of_the_callers_unit_of_work_are_searchable(library):
    with library.unit_of_work() as uow:
        uow.session.add(Document(unit_id=CELL, title="Quy chế làm việc", doc_type=DocumentType.QUY_DINH))
        assert [hit.title for hit in search(uow, "quy che")] == ["Quy chế làm việc"]


def test_demo_workspace(demo_workspace):
    first = find(demo_workspace, "57-NQ/TW")[0]
    assert (first.kind, first.number) == ("document", "57-NQ/TW")
    assert find(demo_workspace, "nghị quyết 57")[0].number == "57-NQ/TW"
    assert find(demo_workspace, "sinh hoat chi bo", limit=5)[0].title.lower().count("sinh hoạt chi bộ") == 1
    qa = find(demo_workspace, "hoi dap dang vien du bi")
    assert qa[0].kind == "article" and "Đảng viên dự bị" in qa[0].title
    assert "<b>" in qa[0].snippet


def test_rebuild_after_bulk_insert(library):
    add_document(library, "Văn bản qua ORM")
    with library.session(record_outbox=False) as s:  # bulk statements bypass the ORM hook
        s.execute(insert(Document), [{"id": new_id(), "unit_id": CELL, "created_at": utcnow(),
                                        "updated_at": utcnow(), "version": 0, "number": f"{i:02d}-TB/ĐU",
                                        "doc_type": "thong_bao", "title": f"Thông báo số {i}", "summary": "",
                                        "body": "", "category": "", "issuer": ""} for i in range(1, 31)])
    assert titles(library, "thong bao") == []
    reports, heard = [], []
    library.add_listener(heard.append)
    assert rebuild_index(library, Progress(lambda done, total, message: reports.append((done, total)))) == 31
    assert reports[-1] == (31, 31)
    assert [changes.tables for changes in heard] == [{"documents", "articles"}]  # open results search again
    assert len(find(library, "thong bao", limit=50)) == 30
    assert find(library, "09-TB/ĐU")[0].number == "09-TB/ĐU"
    assert titles(library, "van ban qua orm") == ["Văn bản qua ORM"]


def test_rebuild_writes_what_the_hook_writes(demo_workspace):
    by_hook = index_content(demo_workspace)
    with demo_workspace.engine.connect() as conn:
        schema = conn.exec_driver_sql("SELECT name, sql FROM sqlite_master WHERE name LIKE 'search%'").all()
    rebuild_index(demo_workspace)
    assert index_content(demo_workspace) == by_hook and len(by_hook) == 26
    with demo_workspace.engine.connect() as conn:
        assert conn.exec_driver_sql("SELECT name, sql FROM sqlite_master WHERE name LIKE 'search%'").all() == schema


def test_rebuild_numbers_items_by_date(library):
    newer = add_document(library, "Một", issued_on=date(2026, 1, 1))
    older = add_article(library, "Hai", published_at=datetime(2001, 1, 1, tzinfo=UTC))
    rebuild_index(library)
    with library.engine.connect() as conn:
        order = [row[0] for row in conn.exec_driver_sql("SELECT item_id FROM search_items ORDER BY id")]
    assert order == [older, newer]


def test_cancelled_rebuild_leaves_the_index_as_it_was(library):
    add_document(library, "Kế hoạch kiểm tra")
    before = index_content(library)
    progress = Progress()
    progress.cancel()
    with pytest.raises(Cancelled):
        rebuild_index(library, progress)
    assert index_content(library) == before


def test_upgrade_from_0002_indexes_the_rows_already_there(tmp_path):
    engine = make_engine(tmp_path / DATABASE_NAME)
    stamp = "'2026-01-01 00:00:00.000000'"
    with engine.begin() as conn:
        migrations.upgrade(conn, "0002")
        conn.exec_driver_sql(f"INSERT INTO org_units (id, unit_id, kind, name, code, created_at, updated_at, "
                             f"version) VALUES ('u1', 'u1', 'cell', 'Chi bộ', '', {stamp}, {stamp}, 1)")
        conn.exec_driver_sql(
            "INSERT INTO documents (id, unit_id, number, doc_type, issuer, issued_on, title, summary, body, "
            f"category, created_at, updated_at, version) VALUES ('d1', 'u1', '05-NQ/TW', 'nghi_quyet', '', "
            f"'2025-01-05', 'Nghị quyết về Đảng viên', 'Tóm tắt', 'Toàn văn', '', {stamp}, {stamp}, 1)")
        conn.exec_driver_sql(
            "INSERT INTO articles (id, unit_id, channel, title, summary, body, author, source, published_at, "
            f"created_at, updated_at, version, deleted_at) VALUES ('a1', 'u1', 'orientation', 'Định hướng', '', "
            f"'Bài đã xóa', '', '', {stamp}, {stamp}, {stamp}, 1, {stamp})")
    engine.dispose()
    workspace = open_workspace(tmp_path)
    try:
        assert [hit.id for hit in find(workspace, "nghi quyet 5 dang vien")] == ["d1"]
        assert find(workspace, "bai da xoa") == []  # tombstoned rows stay out
        upgraded = index_content(workspace)
        rebuild_index(workspace)
        assert index_content(workspace) == upgraded  # the migration writes what a rebuild writes
    finally:
        workspace.close()


def test_search_writes_nothing(library):
    add_document(library, "Quy định thi hành Điều lệ")
    heard = []
    library.add_listener(heard.append)
    with library.unit_of_work() as uow:
        outbox = len(uow.session.scalars(select(OutboxEntry)).all())
        assert [hit.title for hit in search(uow, "dieu le")] == ["Quy định thi hành Điều lệ"]
    assert titles(library, "dieu le") == ["Quy định thi hành Điều lệ"]
    assert heard == []
    with library.session() as s:
        assert len(s.scalars(select(OutboxEntry)).all()) == outbox
