"""Reading the library: lists, filters, favorites, positions and receipts."""

from sqlalchemy import select

from handbook_desktop.core import library as lib
from handbook_desktop.core.models import OutboxEntry
from handbook_desktop.core.workspace import open_workspace


def act(ws, service, *args):
    """One unit of work, as a screen or a command opens it."""
    with ws.unit_of_work() as uow:
        return service(uow, *args)


def _documents(ws, **kw):
    return act(ws, lib.list_items, lib.ItemFilter(table=lib.DOCUMENTS, **kw))


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
    issuers, years = act(demo_workspace, lib.issuers_and_years, lib.DOCUMENTS)
    assert "Ban Chấp hành Trung ương" in issuers and 2024 in years


def test_articles_by_channel(demo_workspace):
    qa = act(demo_workspace, lib.list_items, lib.ItemFilter(table=lib.ARTICLES, category="qa"))
    assert len(qa) == 2 and all(i.category == "qa" for i in qa)


def test_opening_marks_read_and_records_a_receipt_once(demo_workspace):
    first = _documents(demo_workspace)[0]
    assert act(demo_workspace, lib.read_item, lib.DOCUMENTS, first.id).item.unread  # reading alone writes nothing
    reading = act(demo_workspace, lib.open_item, lib.DOCUMENTS, first.id)
    act(demo_workspace, lib.open_item, lib.DOCUMENTS, first.id)
    assert reading.item.id == first.id and reading.paragraphs and not reading.item.unread
    assert first.id not in [i.id for i in _documents(demo_workspace, unread_only=True)]
    with demo_workspace.session() as s:
        receipts = s.scalars(select(lib.ReadReceipt).where(lib.ReadReceipt.item_id == first.id)).all()
        assert len(receipts) == 1 and receipts[0].reader == lib.LOCAL_READER
        ops = s.scalars(select(OutboxEntry.op).where(OutboxEntry.entity == "read_receipts")).all()
        assert ops == ["insert"]  # receipts travel to the committee through sync


def test_long_document_has_a_table_of_contents(demo_workspace):
    longest = max(_documents(demo_workspace),
                  key=lambda i: len(act(demo_workspace, lib.read_item, lib.DOCUMENTS, i.id).paragraphs))
    reading = act(demo_workspace, lib.read_item, lib.DOCUMENTS, longest.id)
    assert longest.number == "57-NQ/TW"
    assert len(reading.headings) >= 4
    assert all(reading.paragraphs[index] == text for index, text in reading.headings)


def test_favorites_and_position_survive_a_restart(demo_dir):
    ws = open_workspace(demo_dir)
    item = _documents(ws)[3]
    act(ws, lib.set_favorite, lib.DOCUMENTS, item.id, True)
    act(ws, lib.save_position, lib.DOCUMENTS, item.id, 0.42)
    ws.close()

    ws = open_workspace(demo_dir)
    try:
        favorites = _documents(ws, favorites_only=True)
        assert [i.id for i in favorites] == [item.id] and favorites[0].favorite
        assert act(ws, lib.read_item, lib.DOCUMENTS, item.id).position == 0.42
        assert [i.id for i in act(ws, lib.continue_reading)] == [item.id]
        act(ws, lib.set_favorite, lib.DOCUMENTS, item.id, False)
        assert _documents(ws, favorites_only=True) == []
    finally:
        ws.close()


def test_finished_items_leave_continue_reading(demo_workspace):
    a, b = _documents(demo_workspace)[:2]
    act(demo_workspace, lib.save_position, lib.DOCUMENTS, a.id, 0.3)
    act(demo_workspace, lib.save_position, lib.DOCUMENTS, b.id, 0.5)
    assert [i.id for i in act(demo_workspace, lib.continue_reading)] == [b.id, a.id]
    act(demo_workspace, lib.save_position, lib.DOCUMENTS, b.id, 1.0)
    assert [i.id for i in act(demo_workspace, lib.continue_reading)] == [a.id]
    with demo_workspace.session() as s:
        receipt = s.scalar(select(lib.ReadReceipt).where(lib.ReadReceipt.item_id == b.id))
        assert receipt.furthest == 1.0


def test_correcting_a_document_after_import(demo_workspace):
    import datetime

    import pytest

    from handbook_desktop.core.errors import ValidationError

    item = _documents(demo_workspace)[0]
    fields = lib.DocumentFields(" 10-HD/ĐU ", "huong_dan", "Đảng ủy phường  Bắc Sơn", datetime.date(2026, 11, 12),
                                "Hướng dẫn  kiểm điểm năm 2026")
    act(demo_workspace, lib.update_document, item.id, fields)
    changed = act(demo_workspace, lib.read_item, lib.DOCUMENTS, item.id).item
    assert (changed.number, changed.issuer, changed.title) == ("10-HD/ĐU", "Đảng ủy phường Bắc Sơn",
                                                              "Hướng dẫn kiểm điểm năm 2026")
    assert changed.day == datetime.date(2026, 11, 12)
    with demo_workspace.session() as s:
        payload = s.scalars(select(OutboxEntry.payload).where(OutboxEntry.entity_id == item.id)).one()
    assert set(payload) >= {"number", "issued_on", "title"} and "body" not in payload
    with pytest.raises(ValidationError, match="không được để trống"):
        act(demo_workspace, lib.update_document, item.id, lib.DocumentFields("", "khac", "", None, "  "))
    with pytest.raises(ValidationError, match="tương lai"):
        act(demo_workspace, lib.update_document, item.id,
            lib.DocumentFields("", "khac", "", datetime.date(2999, 1, 1), "X"))


def test_each_commit_tells_the_listeners_which_library_tables_changed(demo_workspace):
    heard = []
    demo_workspace.add_listener(heard.append)
    item = _documents(demo_workspace)[0]
    assert heard == []  # reading writes nothing, so tells nothing
    act(demo_workspace, lib.open_item, lib.DOCUMENTS, item.id)
    act(demo_workspace, lib.open_item, lib.DOCUMENTS, item.id)  # the receipt is there: nothing new
    act(demo_workspace, lib.set_favorite, lib.DOCUMENTS, item.id, True)
    assert [changes.tables & lib.LIBRARY_TABLES for changes in heard] == [{"read_receipts"}, {"favorites"}]


def test_a_receipt_is_the_account_readers_owned_by_the_cell_with_an_id_every_device_shares(demo_workspace):
    from handbook_desktop.core.ids import name_id
    from handbook_desktop.core.models import WorkspaceFact
    from handbook_desktop.core.outbox import USERNAME

    first = _documents(demo_workspace)[0]
    with demo_workspace.session() as s:
        s.add(WorkspaceFact(key=USERNAME, value="bithu"))
    act(demo_workspace, lib.open_item, lib.DOCUMENTS, first.id)
    receipt_id = name_id("read_receipts", lib.DOCUMENTS, first.id, "bithu")
    with demo_workspace.unit_of_work() as uow:
        receipt = uow.session.get(lib.ReadReceipt, receipt_id)
        assert receipt.reader == "bithu" and receipt.unit_id == uow.home_unit_id
        receipt.deleted_at = receipt.first_opened_at  # say another device's tombstone arrived
    assert act(demo_workspace, lib.read_item, lib.DOCUMENTS, first.id).item.unread
    act(demo_workspace, lib.save_position, lib.DOCUMENTS, first.id, 0.6)
    with demo_workspace.session() as s:
        receipts = s.scalars(select(lib.ReadReceipt).where(lib.ReadReceipt.item_id == first.id)).all()
        assert [(r.id, r.deleted_at, r.furthest) for r in receipts] == [(receipt_id, None, 0.6)]  # revived
    assert not act(demo_workspace, lib.read_item, lib.DOCUMENTS, first.id).item.unread
