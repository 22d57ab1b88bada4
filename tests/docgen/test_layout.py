"""The layout model and the wording: what both back ends are given."""

from datetime import date, datetime

import pytest

from handbook_desktop.docgen import wording as w
from handbook_desktop.docgen.blocks import (
    Field,
    Fill,
    Layout,
    MissingField,
    Para,
    S,
    as_template,
    plain,
    recipient_lines,
    resolve,
    text,
)
from handbook_desktop.docgen.sources.meeting import latest_meeting_id, minutes_data
from handbook_desktop.docgen.layouts.minutes import MINUTES, minutes_layout
from handbook_desktop.docgen.layouts.resolution import RESOLUTION


@pytest.mark.parametrize(("part", "whole", "shown"), [(18, 21, "85,7%"), (16, 16, "100%"), (1, 3, "33,3%"),
                                                       (0, 0, "0%"), (1, 2, "50%")])
def test_percentages_use_the_decimal_comma(part, whole, shown):
    assert w.pct(part, whole) == shown


def test_dates_and_times_as_party_documents_write_them():
    assert w.long_date(date(2026, 11, 20)) == "ngày 20 tháng 11 năm 2026"
    assert w.long_date(date(2026, 2, 5)) == "ngày 05 tháng 02 năm 2026"  # day < 10, months 1 and 2
    assert w.long_date(date(2026, 3, 5)) == "ngày 05 tháng 3 năm 2026"
    assert w.place_date("Bắc Sơn", date(2026, 11, 20)) == "Bắc Sơn, ngày 20 tháng 11 năm 2026"
    assert w.clock(datetime(2026, 11, 20, 19, 5)) == "19 giờ 05 phút"
    assert w.weekday(date(2026, 11, 20)) == "thứ Sáu"


@pytest.mark.parametrize(("body", "place"), [
    ("Đảng bộ phường Bắc Sơn", "Bắc Sơn"), ("Đảng ủy xã Tân Quang", "Tân Quang"),
    ("Đảng bộ thị trấn Hương Sơn", "Hương Sơn"), ("Thành ủy Sông Công", "Sông Công")])
def test_place_names_come_from_the_body(body, place):
    assert w.place_of(body) == place


def test_party_roles_and_signer_titles():
    assert w.party_role("Bí thư Chi bộ, Trưởng khu phố 3; nguyên Phó Chủ tịch") == "Bí thư Chi bộ"
    assert w.party_role("Phó Bí thư Chi bộ; Trưởng Ban công tác Mặt trận") == "Phó Bí thư Chi bộ"
    assert w.party_role("Kế toán Công ty TNHH") == ""
    assert w.signer_title("Phó Bí thư Chi bộ") == "PHÓ BÍ THƯ" and w.signer_title("Bí thư Chi bộ") == "BÍ THƯ"
    assert w.caps("Chi bộ Khu phố 3 — phường Bắc Sơn, đường Trưng Vương") == \
        "CHI BỘ KHU PHỐ 3 — PHƯỜNG BẮC SƠN, ĐƯỜNG TRƯNG VƯƠNG"
    assert w.lower_first("Đi công tác") == "đi công tác" and w.lower_first("UBND phường") == "UBND phường"


def test_recipients_always_end_with_the_cells_copy():
    assert recipient_lines(("Đảng ủy phường Bắc Sơn (để b/c)", "Lưu chi bộ")) == (
        "- Đảng ủy phường Bắc Sơn (để b/c),", "- Lưu chi bộ.")
    assert recipient_lines(("Lưu chi bộ.", "Đảng viên trong chi bộ")) == ("- Đảng viên trong chi bộ,", "- Lưu chi bộ.")
    assert recipient_lines(()) == ("- Lưu chi bộ.",)


def test_resolve_fills_fields_and_fills_in_nfc():
    decomposed = "Nguye\u0302\u0303n"  # "Nguyễn" as macOS may hand it over
    layout = Layout("t", (Para(text("Chủ trì: ", Field("chu_tri")), S.TEXT), Fill("noi_dung")),
                     {"chu_tri": decomposed, "noi_dung": (Para.of("một"), Para.of("hai"))})
    blocks = resolve(layout).blocks
    assert [plain(b.content) for b in blocks] == ["Chủ trì: Nguyễn", "một", "hai"]
    assert plain(blocks[0].content) == "Chủ trì: Nguy\u1ec5n"


def test_a_field_missing_from_the_context_is_a_programming_error():
    with pytest.raises(MissingField):
        resolve(Layout("t", (Para(text(Field("khong_co"))),), {}))


def test_every_field_of_the_built_in_layouts_has_a_value(demo_workspace):
    layout = minutes_layout(demo_workspace.perform(lambda uow: minutes_data(uow, latest_meeting_id(uow))))
    resolve(layout)  # raises MissingField otherwise
    template = as_template(Layout("t", MINUTES + RESOLUTION))
    shown = " ".join(plain(b.content) for b in template.blocks if isinstance(b, Para))
    assert "{{ noi_dung }}" in shown and "{{ quyet_nghi }}" in shown and "{{ tieu_de }}" in shown
