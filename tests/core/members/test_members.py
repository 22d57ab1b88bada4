"""The register of members on the demo cell (27 records): roster, record, events, statistics, cards."""

import re
import unicodedata
import uuid
from datetime import date, timedelta

import pytest
from sqlalchemy import func, select

from handbook_desktop.core import members
from handbook_desktop.core.errors import UserError, ValidationError
from handbook_desktop.core.members import (MemberEvent, MemberEventKind, MemberForm, MemberInvalid, MemberStatus,
                                           RosterQuery, RosterSort)
from handbook_desktop.core.models import OutboxEntry

from .helpers import act

TODAY = date(2026, 11, 25)
S = MemberStatus
K = MemberEventKind


def names(workspace, **query) -> list[str]:
    return [row.full_name for row in act(workspace, members.roster, RosterQuery(**query)).rows]


def member_id(workspace, full_name: str) -> str:
    return next(row.id for row in act(workspace, members.roster).rows if row.full_name == full_name)


def outbox(workspace) -> list[OutboxEntry]:
    with workspace.session() as session:
        return list(session.scalars(select(OutboxEntry).order_by(OutboxEntry.seq)))


def new_member(**fields) -> MemberForm:
    values = dict(full_name="Hoàng Văn Mới", birth_date="15/04/1990", sex="nam", ethnicity="Kinh",
                  admitted_on="03/02/2020", official_on="03/02/2021", card_number="1234 5678", phone="0912.345.678")
    return MemberForm(**(values | fields))


# ---- roster -------------------------------------------------------------------------------------

def test_the_roster_carries_the_cells_figures_whatever_the_filter(demo_workspace):
    figures = act(demo_workspace, members.cell_figures)
    assert (figures.total, figures.official, figures.probationary) == (25, 23, 2)
    assert (figures.excused, figures.away, figures.expected) == (3, 1, 21)
    assert act(demo_workspace, members.roster, RosterQuery(statuses=frozenset({S.EXCUSED}))).figures == figures


def test_search_ignores_tones_case_and_normal_form(demo_workspace):
    assert names(demo_workspace, text="nguyen thi") == ["Nguyễn Thị Thu Hương", "Nguyễn Thị Nhàn"]
    assert names(demo_workspace, text="HƯƠNG") == names(demo_workspace, text="huong") == ["Nguyễn Thị Thu Hương"]
    assert names(demo_workspace, text=unicodedata.normalize("NFD", "Đỗ")) == ["Đỗ Văn Cẩn", "Đỗ Thị Hằng"]
    assert names(demo_workspace, text="dung") == ["Trần Đức Dũng"]  # a word start, not "Đức"
    assert names(demo_workspace, text="6951") == ["Trần Đức Dũng"]  # digits of the card number
    assert names(demo_workspace, text="khong co ai") == []
    assert names(demo_workspace, text="  Hương, ") == ["Nguyễn Thị Thu Hương"]  # punctuation and spaces ignored


def test_filters_by_status_and_sorts_in_vietnamese_order(demo_workspace):
    assert names(demo_workspace, statuses=frozenset({S.EXCUSED})) == ["Đỗ Văn Cẩn", "Lê Đình Chữ", "Nguyễn Thị Nhàn"]
    everyone = names(demo_workspace)
    assert len(everyone) == 27 and everyone[:3] == ["Bùi Thị Lan Anh", "Phạm Thị Ngọc Ánh", "Đỗ Văn Cẩn"]
    assert names(demo_workspace, descending=True) == everyone[::-1]
    assert names(demo_workspace, sort=RosterSort.BIRTH_DATE)[0] == "Vũ Văn Khải"
    assert names(demo_workspace, sort=RosterSort.ADMITTED_ON, descending=True)[0] == "Lưu Đức Mạnh"
    by_official = names(demo_workspace, sort=RosterSort.OFFICIAL_ON)
    assert set(by_official[-2:]) == {"Đào Thu Trang", "Lưu Đức Mạnh"}  # no date: last
    assert names(demo_workspace, sort=RosterSort.STATUS)[-1] == "Vũ Văn Khải"  # deceased after the living


# ---- the record ---------------------------------------------------------------------------------

def test_create_member_cleans_values_and_records_its_events(demo_workspace):
    saved = act(demo_workspace, members.create_member, new_member(), today=TODAY)
    row = act(demo_workspace, members.get_member, saved.member_id)
    assert (row.birth_date, row.sex, row.card_number, row.phone) == (date(1990, 4, 15), "Nam", "12345678",
                                                                      "0912345678")
    assert row.status == S.OFFICIAL and saved.warnings == []
    timeline = act(demo_workspace, members.member_timeline, saved.member_id)
    assert [(e.kind, e.occurred_on) for e in timeline] == [(K.ADMITTED, date(2020, 2, 3)),
                                                           (K.MADE_OFFICIAL, date(2021, 2, 3))]
    assert timeline[0].label == "Kết nạp vào Đảng"
    assert [(e.entity, e.op) for e in outbox(demo_workspace)] == [
        ("members", "insert"), ("member_events", "insert"), ("member_events", "insert")]
    assert act(demo_workspace, members.cell_figures).total == 26


def test_a_member_transferred_in_is_added_with_the_transfer(demo_workspace):
    saved = act(demo_workspace, members.create_member, new_member(official_on="", card_number="",
                                                              admitted_on="01/03/2026", transferred_in_on="01/06/2026"),
                                  today=TODAY)
    assert act(demo_workspace, members.get_member, saved.member_id).status == S.PROBATIONARY
    assert [e.kind for e in act(demo_workspace, members.member_timeline, saved.member_id)] == [K.ADMITTED,
                                                                                           K.TRANSFERRED_IN]


@pytest.mark.parametrize(("fields", "message"), [
    (dict(full_name=""), "Họ và tên: chưa ghi."),
    (dict(birth_date="15/04/2030"), "Ngày sinh 15/04/2030 ở tương lai."),
    (dict(birth_date="31/02/1990"), "Ngày sinh: ngày “31/02/1990” không có trên lịch."),
    (dict(birth_date="1990"), "Ngày sinh: “1990” thiếu ngày hoặc tháng; hãy ghi đủ theo dạng dd/mm/yyyy."),
    (dict(birth_date="15/04/1880"), "Ngày sinh 15/04/1880: tuổi không hợp lý, hãy kiểm tra lại."),
    (dict(birth_date="15/04/2012"), "Ngày sinh 15/04/2012: người này chưa đủ 18 tuổi."),
    (dict(admitted_on=""), "Ngày vào Đảng: chưa ghi."),
    (dict(admitted_on="01/01/1929", official_on=""),
     "Ngày vào Đảng 01/01/1929 trước ngày thành lập Đảng (03/02/1930)."),
    (dict(official_on="01/01/2020"), "Ngày chính thức 01/01/2020 trước ngày vào Đảng 03/02/2020."),
    (dict(card_number="1234567"), "Số thẻ đảng viên “1234567” phải gồm đúng 8 chữ số."),
    (dict(card_number="1234567A"), "Số thẻ đảng viên “1234567A” phải gồm đúng 8 chữ số."),
    (dict(sex="khác"), "Giới tính “khác”: hãy ghi Nam hoặc Nữ."),
    (dict(full_name="nguyen thi thu huong", birth_date="08/03/1972"),
     "Đã có đồng chí Nguyễn Thị Thu Hương sinh ngày 08/03/1972 trong danh sách."),
    (dict(card_number="69516578"), "Số thẻ đảng viên 69516578 đã thuộc đồng chí Trần Đức Dũng."),
])
def test_invalid_records_are_refused_with_a_message_naming_the_field(demo_workspace, fields, message):
    before = len(outbox(demo_workspace))
    with pytest.raises(MemberInvalid) as refused:
        act(demo_workspace, members.create_member, new_member(**fields), today=TODAY)
    assert message in [p.message for p in refused.value.problems if p.is_error]
    assert message in refused.value.message and isinstance(refused.value, ValidationError)
    assert len(outbox(demo_workspace)) == before


def test_check_member_reports_every_problem_without_raising(demo_workspace):
    problems = act(demo_workspace, members.check_member, new_member(birth_date="", card_number="69516578", phone="1"),
                                    today=TODAY)
    assert [(p.field, p.is_error) for p in problems] == [("phone", False), ("birth_date", True),
                                                         ("card_number", True)]
    dung = member_id(demo_workspace, "Trần Đức Dũng")
    same = act(demo_workspace, members.get_member, dung)
    form = MemberForm(**{name: getattr(same, name) for name in MemberForm.__dataclass_fields__
                         if name != "transferred_in_on"})
    assert act(demo_workspace, members.check_member, form, member_id=dung, today=TODAY) == []  # not its own duplicate


def test_warnings_do_not_stop_a_save(demo_workspace):
    problems = act(demo_workspace, members.check_member, new_member(official_on="01/03/2021", phone="12"), today=TODAY)
    assert [(p.field, p.is_error) for p in problems] == [("phone", False), ("official_on", False)]
    assert "thường là đủ 12 tháng sau ngày vào Đảng, tức 03/02/2021" in problems[1].message
    saved = act(demo_workspace, members.create_member, new_member(official_on="01/03/2021", phone="12"), today=TODAY)
    assert len(saved.warnings) == 2


def test_update_writes_only_what_changed_and_moves_a_corrected_date(demo_workspace):
    member = act(demo_workspace, members.get_member, member_id(demo_workspace, "Nguyễn Thị Thu Hương"))
    form = MemberForm(**{name: getattr(member, name) for name in MemberForm.__dataclass_fields__
                         if name != "transferred_in_on"})
    before = len(outbox(demo_workspace))
    act(demo_workspace, members.update_member, member.id, form, today=TODAY)
    assert len(outbox(demo_workspace)) == before  # nothing changed, nothing to sync
    corrected = MemberForm(**(form.__dict__ | {"phone": "0900 000 002", "admitted_on": "03/09/2004",
                                               "official_on": "03/09/2005"}))
    act(demo_workspace, members.update_member, member.id, corrected, today=TODAY)
    changes = outbox(demo_workspace)[before:]
    assert sorted((e.entity, sorted(e.payload)) for e in changes) == [
        ("member_events", ["occurred_on"]), ("member_events", ["occurred_on"]),
        ("members", ["admitted_on", "official_on", "phone"])]
    timeline = act(demo_workspace, members.member_timeline, member.id)
    assert [e.occurred_on for e in timeline] == [date(2004, 9, 3), date(2005, 9, 3)]


def test_an_update_cannot_make_a_probationary_member_official(demo_workspace):
    member = act(demo_workspace, members.get_member, member_id(demo_workspace, "Đào Thu Trang"))
    form = MemberForm(**{name: getattr(member, name) for name in MemberForm.__dataclass_fields__
                         if name != "transferred_in_on"} | {"official_on": "09/01/2027"})
    with pytest.raises(MemberInvalid, match="Thay đổi tình trạng"):
        act(demo_workspace, members.update_member, member.id, form, today=date(2027, 2, 1))


def test_an_unknown_member_and_a_workspace_without_a_cell(demo_workspace, workspace):
    with pytest.raises(UserError, match="Không tìm thấy đảng viên"):
        act(demo_workspace, members.get_member, "no-such-id")
    with pytest.raises(UserError, match="chưa gắn với chi bộ nào"):
        act(workspace, members.create_member, new_member(), today=TODAY)


# ---- status events ------------------------------------------------------------------------------

def test_made_official_after_twelve_months_in_one_transaction(demo_workspace):
    trang = member_id(demo_workspace, "Đào Thu Trang")
    before = len(outbox(demo_workspace))
    row = act(demo_workspace, members.change_status, trang, K.MADE_OFFICIAL, "09/01/2027",
                                "Chi bộ đề nghị, Đảng ủy quyết định.", today=date(2027, 1, 15))
    assert row.status == S.OFFICIAL and row.official_on == date(2027, 1, 9)
    assert sorted((e.entity, e.op) for e in outbox(demo_workspace)[before:]) == [("member_events", "insert"),
                                                                                   ("members", "update")]
    assert act(demo_workspace, members.member_timeline, trang)[-1].kind == K.MADE_OFFICIAL


@pytest.mark.parametrize(("name", "kind", "on", "reason", "message"), [
    ("Đào Thu Trang", K.MADE_OFFICIAL, "01/11/2026", "", "chưa đủ 12 tháng dự bị: sớm nhất là ngày 09/01/2027"),
    ("Trần Đức Dũng", K.MADE_OFFICIAL, "01/11/2026", "", "không phải đảng viên dự bị nên không thể công nhận"),
    ("Đào Thu Trang", K.DECEASED, "01/01/2026", "", "trước ngày vào Đảng của đồng chí Đào Thu Trang (09/01/2026)"),
    ("Trần Đức Dũng", K.EXCUSED, "01/12/2026", "Tuổi cao", "ở tương lai"),
    ("Trần Đức Dũng", K.EXCUSED, "01/11/2021", "Tuổi cao", "trước sự kiện gần nhất"),
    ("Trần Đức Dũng", K.LEFT, "01/11/2026", " ", "Hãy ghi lý do hoặc hình thức"),
    ("Vũ Văn Khải", K.TRANSFERRED_OUT, "01/11/2026", "", "tình trạng hiện tại là “Từ trần”"),
    ("Trần Đức Dũng", K.ADMITTED, "01/11/2026", "", "tình trạng hiện tại là “Chính thức”"),
    ("Trần Đức Dũng", K.DECEASED, "32/10/2026", "", "Ngày của sự kiện: ngày “32/10/2026” không có trên lịch."),
])
def test_impossible_status_changes_are_refused(demo_workspace, name, kind, on, reason, message):
    before = len(outbox(demo_workspace))
    with pytest.raises(ValidationError, match=re.escape(message)):
        act(demo_workspace, members.change_status, member_id(demo_workspace, name), kind, on, reason, today=TODAY)
    assert len(outbox(demo_workspace)) == before


def test_status_follows_each_event(demo_workspace):
    dung = member_id(demo_workspace, "Trần Đức Dũng")
    steps = [(K.TEMPORARY, date(2026, 1, 5), S.TEMPORARY), (K.TRANSFERRED_IN, date(2026, 3, 5), S.OFFICIAL),
             (K.EXCUSED, date(2026, 6, 1), S.EXCUSED), (K.TRANSFERRED_OUT, date(2026, 9, 1), S.TRANSFERRED_OUT),
             (K.TRANSFERRED_IN, date(2026, 10, 1), S.OFFICIAL), (K.LEFT, date(2026, 11, 1), S.LEFT),
             (K.ADMITTED, date(2026, 11, 20), S.PROBATIONARY)]
    for kind, on, status in steps:
        assert act(demo_workspace, members.change_status, dung, kind, on, "Lý do", today=TODAY).status == status
    row = act(demo_workspace, members.get_member, dung)
    assert (row.admitted_on, row.official_on) == (date(2026, 11, 20), None)  # a new probation
    assert len(act(demo_workspace, members.member_timeline, dung)) == 3 + len(steps)


def test_probation_reminder(demo_workspace):
    due = act(demo_workspace, members.probation_due, TODAY)
    assert [(d.full_name, d.due_on, d.days_left) for d in due] == [("Đào Thu Trang", date(2027, 1, 9), 45)]
    later = act(demo_workspace, members.probation_due, date(2027, 6, 1), within=timedelta(days=0))
    assert [(d.full_name, d.days_left) for d in later] == [("Đào Thu Trang", -143), ("Lưu Đức Mạnh", -13)]


# ---- statistics and cards -----------------------------------------------------------------------

def test_statistics_count_the_members_in_the_cells_total(demo_workspace):
    stats = act(demo_workspace, members.member_statistics, TODAY)
    assert stats.figures == act(demo_workspace, members.cell_figures, TODAY) and stats.figures.total == 25
    assert stats.sex == [("Nam", 13), ("Nữ", 12)]
    assert stats.ethnicity == [("Kinh", 23), ("Nùng", 1), ("Tày", 1)]
    assert stats.theory_level == [("Sơ cấp", 15), ("Trung cấp", 6), ("Cao cấp", 1), ("Cử nhân", 0), ("Chưa ghi", 3)]
    assert stats.age_bands[0] == ("Đến 30 tuổi", 2) and stats.age_bands[-1] == ("Trên 70 tuổi", 5)
    for group in (stats.age_bands, stats.membership_years, stats.education, stats.religion):
        assert sum(count for _label, count in group) == 25
    rows = members.statistics_rows(stats)
    assert rows[0] == members.StatisticsRow("Độ tuổi", "Đến 30 tuổi", 2, 8.0)
    assert {row.group for row in rows} == {"Độ tuổi", "Giới tính", "Dân tộc", "Tôn giáo", "Giáo dục phổ thông",
                                           "Lý luận chính trị", "Tuổi đảng"}


def test_spellings_of_one_value_count_together(demo_workspace):
    act(demo_workspace, members.create_member, new_member(ethnicity="kinh ", theory_level="trung cap"), today=TODAY)
    stats = act(demo_workspace, members.member_statistics, TODAY)
    assert stats.ethnicity[0] == ("Kinh", 24) and ("Trung cấp", 7) in stats.theory_level


def test_qr_payload_is_stable_and_survives_a_keyboard_scanner(demo_workspace):
    dung = member_id(demo_workspace, "Trần Đức Dũng")
    payload = members.member_qr_payload(dung)
    assert payload == members.member_qr_payload(act(demo_workspace, members.get_member, dung))
    assert payload.startswith("SOTAYDV:1:") and payload[10:].isdigit()
    for scanned in (payload, payload + "\r\n", payload.lower(), "\t" + payload.swapcase() + "\n",
                    "SOTAYDV:1:" + dung.upper(), payload.replace("A", "À")):
        assert members.parse_qr_payload(scanned) == dung, scanned
    for noise in ("", "SOTAYDV:1:", "SOTAYDV:2:123", "https://example.org", "SOTAYDV:1:12a", "SOTAYDV:1:" + "9" * 40):
        assert members.parse_qr_payload(noise) is None
    assert members.parse_qr_payload(members.member_qr_payload(str(uuid.UUID(int=0)))) == str(uuid.UUID(int=0))


def test_member_cards_as_png_and_svg(demo_workspace, tmp_path):
    dung = member_id(demo_workspace, "Trần Đức Dũng")
    png = act(demo_workspace, members.write_member_card_png, dung, tmp_path / "the")
    assert png.suffix == ".png" and png.read_bytes().startswith(b"\x89PNG")
    svg = act(demo_workspace, members.write_member_card, dung, tmp_path / "the.svg").read_text(encoding="utf-8")
    assert "Trần Đức Dũng" in svg and "Số thẻ: 69516578" in svg and "Chi bộ Khu phố 3" in svg
    assert svg.count("h1v1h-1z") > 200  # the code's dark modules, drawn as vector squares
    with pytest.raises(UserError, match=".png hoặc .svg"):
        act(demo_workspace, members.write_member_card, dung, tmp_path / "the.pdf")


def test_event_counts_agree_with_the_database(demo_workspace):
    with demo_workspace.session() as session:
        total = session.scalar(select(func.count()).select_from(MemberEvent))
    rows = act(demo_workspace, members.roster).rows
    assert sum(len(act(demo_workspace, members.member_timeline, row.id)) for row in rows) == total
