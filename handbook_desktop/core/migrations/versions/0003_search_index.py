"""search index

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-26

Full-text search over documents and articles (see core/search_index.py for the design).
Hand-written: Alembic knows nothing of FTS5 virtual tables. The index is filled here from
the rows already present, so an upgraded workspace finds its old documents at once. The
SQL is spelled out rather than imported from the application, so that this step stays
what it was when later releases change the index.
"""

from alembic import op

revision = '0003'
down_revision = '0002'
branch_labels = None
depends_on = None

TOKENIZER = "unicode61 remove_diacritics 2"
CROSSED_D = {"đ": "d", "Đ": "D", "ð": "d", "Ð": "D", "ɖ": "d", "Ɖ": "D"}
TYPE_LABELS = {
    "nghi_quyet": "Nghị quyết", "chi_thi": "Chỉ thị", "quy_dinh": "Quy định", "ket_luan": "Kết luận",
    "huong_dan": "Hướng dẫn", "thong_bao": "Thông báo", "van_kien": "Văn kiện",
    "quyet_dinh": "Quyết định", "ke_hoach": "Kế hoạch", "bao_cao": "Báo cáo", "khac": "Văn bản khác",
}
CHANNEL_LABELS = {
    "national": "Tin trong nước", "international": "Tin quốc tế", "provincial": "Tin của tỉnh",
    "provincial_bulletin": "Bản tin nội bộ của tỉnh", "district_bulletin": "Bản tin nội bộ cấp huyện",
    "front_bulletin": "Bản tin Mặt trận", "soft": "Tin nhẹ nhàng", "orientation": "Định hướng tư tưởng",
    "qa": "Hỏi đáp", "identify": "Nhận diện thông tin", "reference": "Tài liệu tham khảo",
}


def _plain_d(expression: str) -> str:
    for crossed, plain in CROSSED_D.items():
        expression = f"replace({expression}, '{crossed}', '{plain}')"
    return expression


def _label(column: str, labels: dict[str, str]) -> str:
    cases = " ".join(f"WHEN '{code}' THEN '{text}'" for code, text in labels.items())
    return f"CASE {column} {cases} ELSE '' END"


def upgrade() -> None:
    op.execute("CREATE TABLE search_items (id INTEGER PRIMARY KEY, kind VARCHAR(16) NOT NULL, "
               "item_id VARCHAR(36) NOT NULL, UNIQUE (kind, item_id))")
    op.execute(f"CREATE VIRTUAL TABLE search_text USING fts5(title, number, body, tokenize = '{TOKENIZER}')")
    op.execute(f"CREATE VIRTUAL TABLE search_titles USING fts5(title, number, tokenize = '{TOKENIZER}')")
    # Ids in date order: the query ranks the newest hits of common words.
    op.execute("INSERT INTO search_items (kind, item_id) SELECT kind, item_id FROM ("
               "SELECT 'document' AS kind, id AS item_id, coalesce(issued_on, created_at) AS dated FROM documents "
               "WHERE deleted_at IS NULL UNION ALL "
               "SELECT 'article', id, published_at FROM articles WHERE deleted_at IS NULL) ORDER BY dated, item_id")
    number = (f"{_label('d.doc_type', TYPE_LABELS)} || ' ' || d.number || "
              "CASE WHEN substr(d.number, 1, 1) = '0' THEN ' ' || ltrim(d.number, '0') ELSE '' END")
    op.execute("INSERT INTO search_text (rowid, title, number, body) "
               f"SELECT i.id, {_plain_d('d.title')}, {_plain_d(number)}, {_plain_d('d.summary || char(10) || d.body')} "
               "FROM search_items i JOIN documents d ON d.id = i.item_id WHERE i.kind = 'document'")
    op.execute("INSERT INTO search_text (rowid, title, number, body) "
               f"SELECT i.id, {_plain_d('a.title')}, {_plain_d(_label('a.channel', CHANNEL_LABELS))}, "
               f"{_plain_d('a.summary || char(10) || a.body')} "
               "FROM search_items i JOIN articles a ON a.id = i.item_id WHERE i.kind = 'article'")
    op.execute("INSERT INTO search_titles (rowid, title, number) SELECT rowid, title, number FROM search_text")


def downgrade() -> None:
    op.execute("DROP TABLE search_titles")
    op.execute("DROP TABLE search_text")
    op.execute("DROP TABLE search_items")
