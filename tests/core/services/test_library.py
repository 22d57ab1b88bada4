"""Reading the library: lists, filters, favorites, positions and receipts."""

from sqlalchemy import select

from handbook_desktop.core.library.reading_models import ReadReceipt
from handbook_desktop.core.models import OutboxEntry
from handbook_desktop.core.library import reading as lib
from handbook_desktop.core.workspace import open_workspace


def _documents(ws, **kw):
    return lib.list_items(ws, lib.ItemFilter(table=lib.DOCUMENTS, **kw))


def test_documents_newest_first_all_unread(demo_workspace):
    items = _documents(demo_workspace)
    assert len(items) == 12
    days = [i.day for i in items]
    assert days == sorted(days, reverse=True)
    assert all(i.unread and not i.favorite for i in items)


def test_filters_by_type_issuer_and_year(demo_workspace):
    resolutions = _documents(demo_workspace, category="nghi_quyet")
    assert resolutions and all(i.category == "nghi_quyet" for i in resolutions)
    assert "57-NQ/TW" in [i.number for i in resolutions]
    ward = _documents(demo_workspace, issuer="Đảng ủy phường Bắc Sơn")
    assert ward and all(i.issuer == "Đảng ủy phường Bắc Sơn" for i in ward)
    assert all(i.day.year == 2024 for i in _documents(demo_workspace, year=2024))
    issuers, years = lib.issuers_and_years(demo_workspace, lib.DOCUMENTS)
    assert "Ban Chấp hành Trung ương" in issuers and 2024 in years


def test_articles_by_channel(demo_workspace):
    qa = lib.list_items(demo_workspace, lib.ItemFilter(table=lib.ARTICLES, category="qa"))
    assert len(qa) == 2 and all(i.category == "qa" for i in qa)


def test_opening_marks_read_and_records_a_receipt_once(demo_workspace):
    first = _documents(demo_workspace)[0]
    reading = lib.open_item(demo_workspace, lib.DOCUMENTS, first.id)
    lib.open_item(demo_workspace, lib.DOCUMENTS, first.id)
    assert reading.item.id == first.id and reading.paragraphs
    assert first.id not in [i.id for i in _documents(demo_workspace, unread_only=True)]
    with demo_workspace.session() as s:
        receipts = s.scalars(select(ReadReceipt).where(ReadReceipt.item_id == first.id)).all()
        assert len(receipts) == 1 and receipts[0].reader == lib.LOCAL_READER
        ops = s.scalars(select(OutboxEntry.op).where(OutboxEntry.entity == "read_receipts")).all()
        assert ops == ["insert"]  # receipts travel to the committee through sync


def test_long_document_has_a_table_of_contents(demo_workspace):
    longest = max(_documents(demo_workspace),
                  key=lambda i: len(lib.open_item(demo_workspace, lib.DOCUMENTS, i.id).paragraphs))
    reading = lib.open_item(demo_workspace, lib.DOCUMENTS, longest.id)
    assert longest.number == "57-NQ/TW"
    assert len(reading.headings) >= 4
    assert all(reading.paragraphs[index] == text for index, text in reading.headings)


def test_favorites_and_position_survive_a_restart(demo_dir):
    ws = open_workspace(demo_dir)
    item = _documents(ws)[3]
    lib.set_favorite(ws, lib.DOCUMENTS, item.id, True)
    lib.save_position(ws, lib.DOCUMENTS, item.id, 0.42)
    ws.close()

    ws = open_workspace(demo_dir)
    try:
        favorites = _documents(ws, favorites_only=True)
        assert [i.id for i in favorites] == [item.id] and favorites[0].favorite
        assert lib.open_item(ws, lib.DOCUMENTS, item.id).position == 0.42
        assert [i.id for i in lib.continue_reading(ws)] == [item.id]
        lib.set_favorite(ws, lib.DOCUMENTS, item.id, False)
        assert _documents(ws, favorites_only=True) == []
    finally:
        ws.close()


def test_finished_items_leave_continue_reading(demo_workspace):
    a, b = _documents(demo_workspace)[:2]
    lib.save_position(demo_workspace, lib.DOCUMENTS, a.id, 0.3)
    lib.save_position(demo_workspace, lib.DOCUMENTS, b.id, 0.5)
    assert [i.id for i in lib.continue_reading(demo_workspace)] == [b.id, a.id]
    lib.save_position(demo_workspace, lib.DOCUMENTS, b.id, 1.0)
    assert [i.id for i in lib.continue_reading(demo_workspace)] == [a.id]
    with demo_workspace.session() as s:
        receipt = s.scalar(select(ReadReceipt).where(ReadReceipt.item_id == b.id))
        assert receipt.furthest == 1.0


def test_correcting_a_document_after_import(demo_workspace):
    import datetime

    import pytest

    from handbook_desktop.core.errors import ValidationError

    item = _documents(demo_workspace)[0]
    fields = lib.DocumentFields(" 10-HD/ĐU ", "huong_dan", "Đảng ủy phường  Bắc Sơn", datetime.date(2026, 11, 12),
                                "Hướng dẫn  kiểm điểm năm 2026")
    lib.update_document(demo_workspace, item.id, fields)
    changed = lib.open_item(demo_workspace, lib.DOCUMENTS, item.id).item
    assert (changed.number, changed.issuer, changed.title) == ("10-HD/ĐU", "Đảng ủy phường Bắc Sơn",
                                                              "Hướng dẫn kiểm điểm năm 2026")
    assert changed.day == datetime.date(2026, 11, 12)
    with demo_workspace.session() as s:
        payload = s.scalars(select(OutboxEntry.payload).where(OutboxEntry.entity_id == item.id)).one()
    assert set(payload) >= {"number", "issued_on", "title"} and "body" not in payload
    with pytest.raises(ValidationError, match="không được để trống"):
        lib.update_document(demo_workspace, item.id, lib.DocumentFields("", "khac", "", None, "  "))
    with pytest.raises(ValidationError, match="tương lai"):
        lib.update_document(demo_workspace, item.id, lib.DocumentFields("", "khac", "", datetime.date(2999, 1, 1), "X"))
