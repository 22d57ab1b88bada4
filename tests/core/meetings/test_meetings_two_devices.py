"""A second laptop of the cell: rows it added arrive between loading an editor and saving it.

A pulled row is written without an outbox entry (`record_outbox=False`), as the sync
client writes it; the editor on this laptop never loaded it, so saving must keep it.
"""

from datetime import date

import pytest
from sqlalchemy import select

from handbook_desktop.core import meetings
from handbook_desktop.core.errors import ValidationError
from handbook_desktop.core.meetings import AgendaEntry, MinutesContent, SpeechDraft
from handbook_desktop.core.meetings.models import AgendaItem, Meeting, MeetingState, ResolutionItem, Speech
from handbook_desktop.core.models import utcnow

from .meeting_helpers import act, at, new_meeting, small_cell


@pytest.fixture
def held(workspace):
    members = small_cell(workspace)
    ids = list(members.values())
    meeting_id = new_meeting(workspace, at(2026, 12, 18), members)
    act(workspace, meetings.set_agenda, meeting_id, [AgendaEntry("Báo cáo tháng 12", ids[0], 30)])
    act(workspace, meetings.mark_pending_present, meeting_id)
    return ids, meeting_id


def pulled(workspace, make):
    """A row or a change that arrived from the other laptop."""
    with workspace.unit_of_work(record_outbox=False) as uow:
        make(uow.session)


def live_texts(workspace, model, **where) -> list[str]:
    column = model.text if hasattr(model, "text") else model.title
    with workspace.session() as session:
        return list(session.scalars(select(column).filter_by(**where).where(model.deleted_at.is_(None))
                                    .order_by(model.position, model.id)))


def test_saving_the_minutes_keeps_a_speech_added_on_the_other_laptop(workspace, held):
    ids, meeting_id = held
    first = act(workspace, meetings.load_minutes, meeting_id)
    content = MinutesContent(conclusions="Nhất trí.", speeches=(SpeechDraft("Ý kiến của tôi.", None, ids[0]),),
                             loaded=first.content.loaded)
    act(workspace, meetings.save_minutes, meeting_id, content)
    editor = act(workspace, meetings.load_minutes, meeting_id)  # the secretary opens the minutes again
    pulled(workspace, lambda s: s.add(Speech(unit_id="cell", meeting_id=meeting_id, member_id=ids[1], position=1,
                                             text="Ý kiến ghi trên máy kia.")))
    # the secretary removes nothing: the speech this editor never saw stays
    act(workspace, meetings.save_minutes, meeting_id, editor.content)
    assert live_texts(workspace, Speech, meeting_id=meeting_id) == ["Ý kiến của tôi.", "Ý kiến ghi trên máy kia."]
    # a speech the editor loaded and removed is removed
    act(workspace, meetings.save_minutes, meeting_id, MinutesContent(conclusions="Nhất trí.",
                                                                     loaded=editor.content.loaded))
    assert live_texts(workspace, Speech, meeting_id=meeting_id) == ["Ý kiến ghi trên máy kia."]


def test_saving_the_agenda_keeps_an_item_added_on_the_other_laptop(workspace, held):
    ids, meeting_id = held
    shown = act(workspace, meetings.agenda, meeting_id)
    pulled(workspace, lambda s: s.add(AgendaItem(unit_id="cell", meeting_id=meeting_id, position=1,
                                                 title="Nội dung thêm trên máy kia")))
    entries = [AgendaEntry(item.title, item.presenter_id, item.minutes, item.id) for item in shown]
    act(workspace, meetings.set_agenda, meeting_id, entries + [AgendaEntry("Phương hướng tháng 1")],
        loaded=[item.id for item in shown])
    assert live_texts(workspace, AgendaItem, meeting_id=meeting_id) == [
        "Báo cáo tháng 12", "Nội dung thêm trên máy kia", "Phương hướng tháng 1"]
    act(workspace, meetings.set_agenda, meeting_id, [], loaded=[shown[0].id])
    assert live_texts(workspace, AgendaItem, meeting_id=meeting_id) == [
        "Nội dung thêm trên máy kia", "Phương hướng tháng 1"]


def test_saving_the_resolution_keeps_an_item_added_on_the_other_laptop(workspace, held):
    _ids, meeting_id = held
    form = act(workspace, meetings.resolution_defaults, meeting_id)
    form = meetings.ResolutionForm(form.title, form.issued_on, form.recipients,
                                   [meetings.ResolutionItemForm("Sửa đường")])
    shown = act(workspace, meetings.create_resolution, meeting_id, form).resolution
    pulled(workspace, lambda s: s.add(ResolutionItem(unit_id="cell", resolution_id=shown.id, position=1,
                                                     text="Điểm thêm trên máy kia")))
    items = [meetings.ResolutionItemForm(i.text, i.owner_id, i.due_on, i.id) for i in shown.items]
    act(workspace, meetings.update_resolution, shown.id, meetings.ResolutionForm(
        form.title, form.issued_on, form.recipients, items, loaded_items=tuple(i.id for i in shown.items)))
    assert live_texts(workspace, ResolutionItem, resolution_id=shown.id) == ["Sửa đường", "Điểm thêm trên máy kia"]
    act(workspace, meetings.update_resolution, shown.id, meetings.ResolutionForm(
        form.title, form.issued_on, form.recipients, [], loaded_items=tuple(i.id for i in shown.items)))
    assert live_texts(workspace, ResolutionItem, resolution_id=shown.id) == ["Điểm thêm trên máy kia"]


def _draft(workspace, meeting_id, text: str) -> MinutesContent:
    loaded = act(workspace, meetings.load_minutes, meeting_id).content
    draft = MinutesContent(conclusions=text, loaded=loaded.loaded, base=loaded.base)
    act(workspace, meetings.save_minutes_draft, meeting_id, draft)
    return draft


def test_a_draft_older_than_a_pulled_change_of_the_minutes_is_offered_not_applied(workspace, held):
    _ids, meeting_id = held
    _draft(workspace, meeting_id, "Bản nháp trên máy này.")
    assert act(workspace, meetings.load_minutes, meeting_id).content.conclusions == "Bản nháp trên máy này."

    def other_laptop_saved(session):
        session.get(Meeting, meeting_id).conclusions = "Ghi trên máy kia."

    pulled(workspace, other_laptop_saved)
    minutes = act(workspace, meetings.load_minutes, meeting_id)
    assert minutes.content.conclusions == "Ghi trên máy kia."  # what the cell saved, not the draft
    assert minutes.stale_draft.conclusions == "Bản nháp trên máy này." and minutes.draft_saved_at is not None
    assert minutes.stale_draft.base == minutes.content.base  # kept, it is no longer behind
    with pytest.raises(ValidationError, match="máy khác"):
        act(workspace, meetings.approve_minutes, meeting_id)  # approving would apply the draft silently
    act(workspace, meetings.save_minutes_draft, meeting_id, minutes.stale_draft)  # the secretary keeps the draft
    kept = act(workspace, meetings.load_minutes, meeting_id)
    assert kept.stale_draft is None and kept.content.conclusions == "Bản nháp trên máy này."


def test_a_draft_is_never_shown_for_minutes_approved_on_the_other_laptop(workspace, held):
    _ids, meeting_id = held
    _draft(workspace, meeting_id, "Bản nháp trên máy này.")

    def approved_elsewhere(session):
        meeting = session.get(Meeting, meeting_id)
        meeting.conclusions, meeting.state, meeting.locked_at = "Đã thông qua.", MeetingState.APPROVED, utcnow()

    pulled(workspace, approved_elsewhere)
    minutes = act(workspace, meetings.load_minutes, meeting_id)
    assert minutes.content.conclusions == "Đã thông qua."
    assert minutes.draft_saved_at is None and minutes.stale_draft is None


def test_rows_at_the_same_position_keep_one_order_on_every_device(workspace, held):
    _ids, meeting_id = held
    shown = act(workspace, meetings.agenda, meeting_id)
    # both laptops added an item at position 1 while offline
    pulled(workspace, lambda s: s.add_all([AgendaItem(id="b-item", unit_id="cell", meeting_id=meeting_id,
                                                      position=1, title="B"),
                                           AgendaItem(id="a-item", unit_id="cell", meeting_id=meeting_id,
                                                      position=1, title="A")]))
    assert [item.title for item in act(workspace, meetings.agenda, meeting_id)] == [shown[0].title, "A", "B"]



def test_the_next_resolution_number_counts_the_other_laptops_resolutions_in_the_cells_term(workspace, held):
    from handbook_desktop.core.meetings.models import Resolution

    _ids, meeting_id = held
    other_meeting = new_meeting(workspace, at(2026, 11, 20))
    # the other laptop issued 12 in the term the congress opened (never recorded on this laptop),
    # then tombstoned it: the number stays taken
    pulled(workspace, lambda s: s.add(Resolution(unit_id="cell", meeting_id=other_meeting, number=12,
                                                 term="2026-2031", issued_on=date(2026, 11, 20), title="NQ",
                                                 deleted_at=utcnow())))
    assert act(workspace, meetings.current_term, date(2026, 12, 18)) == "2026-2031"
    assert act(workspace, meetings.next_resolution_number, "2026-2031") == 13
    form = act(workspace, meetings.resolution_defaults, meeting_id)
    saved = act(workspace, meetings.create_resolution, meeting_id, form).resolution
    assert (saved.number, saved.term) == (13, "2026-2031")
    with pytest.raises(ValidationError, match="đã có nghị quyết"):
        act(workspace, meetings.create_resolution, meeting_id, form)  # one resolution per meeting
