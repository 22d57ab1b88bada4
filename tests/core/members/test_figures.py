"""The cell's figures (FORMATS.md): who is in the total, official or probationary, expected,
as of a day replayed from the dated status events."""

from datetime import date

import pytest

from handbook_desktop.core import members
from handbook_desktop.core.members import MemberEventKind as K
from handbook_desktop.core.members import MemberStatus as S
from handbook_desktop.core.members import Place
from handbook_desktop.core.members.models import Member, MemberEvent
from handbook_desktop.core.models import WorkspaceFact
from handbook_desktop.core.org.models import OrgUnit, UnitKind
from handbook_desktop.core.workspace import HOME_UNIT

from .helpers import act

TODAY = date(2026, 12, 3)


@pytest.fixture
def cell(workspace):
    """Members written with the events their history tells; name → id."""
    ids = {}
    with workspace.session(record_outbox=False) as session:
        session.add_all([OrgUnit(id="cell", unit_id="cell", kind=UnitKind.CELL, name="Chi bộ Khu phố 3"),
                         WorkspaceFact(key=HOME_UNIT, value="cell")])

    def add(name: str, status: S, admitted: date | None, official: date | None, *events: tuple[K, date]) -> None:
        with workspace.session(record_outbox=False) as session:
            member = Member(unit_id="cell", full_name=name, status=status, admitted_on=admitted, official_on=official)
            session.add(member)
            session.flush()
            steps = [(K.ADMITTED, admitted)] * bool(admitted) + [(K.MADE_OFFICIAL, official)] * bool(official)
            session.add_all(MemberEvent(unit_id="cell", member_id=member.id, kind=kind, occurred_on=on)
                            for kind, on in sorted(steps + list(events), key=lambda step: step[1]))
            ids[name] = member.id

    return add, ids


def figures(workspace, day: date = TODAY) -> members.CellFigures:
    return act(workspace, members.cell_figures, day)


def counted(workspace, day: date = TODAY) -> dict[str, tuple[S, Place]]:
    return {m.full_name: (m.standing, m.place) for m in figures(workspace, day).members}


def numbers(f: members.CellFigures) -> tuple[int, ...]:
    return f.total, f.official, f.probationary, f.excused, f.away, f.expected


def test_an_excused_member_is_official_and_in_the_total_but_not_expected(workspace, cell):
    add, _ = cell
    add("Đỗ Văn Cẩn", S.EXCUSED, date(1966, 10, 15), date(1967, 10, 15), (K.EXCUSED, date(2019, 6, 1)))
    add("Hoàng Văn Em", S.OFFICIAL, date(2000, 1, 1), date(2001, 1, 1))
    assert counted(workspace)["Đỗ Văn Cẩn"] == (S.OFFICIAL, Place.EXCUSED)
    assert numbers(figures(workspace)) == (2, 2, 0, 1, 0, 1)


def test_a_member_away_stays_in_the_total_and_is_not_expected(workspace, cell):
    add, _ = cell
    add("Nguyễn Minh Khôi", S.TEMPORARY, date(2022, 5, 19), date(2023, 5, 19), (K.TEMPORARY, date(2025, 10, 6)))
    add("Đào Thu Trang", S.PROBATIONARY, date(2026, 1, 9), None)
    assert numbers(figures(workspace)) == (2, 1, 1, 0, 1, 1)
    assert numbers(figures(workspace, date(2025, 10, 5))) == (1, 1, 0, 0, 0, 1)  # before leaving; before Trang


def test_probationary_until_made_official_whatever_the_status(workspace, cell):
    add, _ = cell
    add("Lưu Đức Mạnh", S.TEMPORARY, date(2025, 5, 19), date(2026, 5, 19), (K.TEMPORARY, date(2025, 9, 1)))
    assert counted(workspace, date(2026, 5, 18))["Lưu Đức Mạnh"] == (S.PROBATIONARY, Place.AWAY)
    assert counted(workspace, date(2026, 5, 19))["Lưu Đức Mạnh"] == (S.OFFICIAL, Place.AWAY)


def test_members_gone_or_not_yet_arrived_are_not_counted(workspace, cell):
    add, _ = cell
    add("Vũ Văn Khải", S.DECEASED, date(1958, 12, 22), date(1959, 12, 22), (K.EXCUSED, date(2016, 5, 1)),
        (K.DECEASED, date(2025, 3, 14)))
    add("Bùi Thị Lan Anh", S.TRANSFERRED_OUT, date(2014, 9, 2), date(2015, 9, 2),
        (K.TRANSFERRED_OUT, date(2026, 6, 15)))
    add("Ngô Văn Minh", S.LEFT, date(2010, 1, 1), date(2011, 1, 1), (K.LEFT, date(2020, 1, 1)))
    # Admitted in another organisation, transferred here later: here only from the transfer.
    add("Ma Văn Thịnh", S.OFFICIAL, date(1995, 2, 3), date(1996, 2, 3), (K.TRANSFERRED_IN, date(2025, 6, 1)))
    assert counted(workspace) == {"Ma Văn Thịnh": (S.OFFICIAL, Place.ACTIVE)}
    assert counted(workspace, date(2025, 1, 31)) == {"Vũ Văn Khải": (S.OFFICIAL, Place.EXCUSED),
                                                     "Bùi Thị Lan Anh": (S.OFFICIAL, Place.ACTIVE)}
    assert set(counted(workspace, date(2015, 1, 1))) == {"Vũ Văn Khải", "Bùi Thị Lan Anh", "Ngô Văn Minh"}
    assert counted(workspace, date(2014, 9, 1)).keys() == {"Vũ Văn Khải", "Ngô Văn Minh"}  # Lan Anh not admitted


def test_back_from_temporary_activity_is_not_an_arrival(workspace, cell):
    add, _ = cell
    add("Trần Thị Bình", S.OFFICIAL, date(2005, 1, 1), date(2006, 1, 1), (K.TEMPORARY, date(2024, 1, 1)),
        (K.TRANSFERRED_IN, date(2025, 1, 1)))
    assert counted(workspace, date(2023, 6, 1))["Trần Thị Bình"] == (S.OFFICIAL, Place.ACTIVE)
    assert counted(workspace, date(2024, 6, 1))["Trần Thị Bình"] == (S.OFFICIAL, Place.AWAY)
    assert counted(workspace)["Trần Thị Bình"] == (S.OFFICIAL, Place.ACTIVE)


def test_a_readmitted_member_starts_a_new_probation(workspace, cell):
    add, ids = cell
    add("Lê Văn Cường", S.PROBATIONARY, date(1990, 1, 1), date(1991, 1, 1), (K.LEFT, date(2000, 1, 1)),
        (K.ADMITTED, date(2026, 3, 1)))
    with workspace.session() as session:  # as change_status leaves the record after a re-admission
        member = session.get(Member, ids["Lê Văn Cường"])
        member.admitted_on, member.official_on = date(2026, 3, 1), None
    assert counted(workspace, date(1995, 1, 1))["Lê Văn Cường"] == (S.OFFICIAL, Place.ACTIVE)
    assert "Lê Văn Cường" not in counted(workspace, date(2010, 1, 1))
    assert counted(workspace)["Lê Văn Cường"] == (S.PROBATIONARY, Place.ACTIVE)


def test_a_status_typed_without_a_date_counts_after_the_last_event(workspace, cell):
    """A roster import can say "miễn sinh hoạt" without a date: it holds from the last event on."""
    add, _ = cell
    add("Phùng Văn Tư", S.EXCUSED, date(1976, 7, 27), date(1977, 7, 27))
    add("Phạm Thị Dung", S.OFFICIAL, None, None)  # no dates at all: official, always in the cell
    assert counted(workspace) == {"Phùng Văn Tư": (S.OFFICIAL, Place.EXCUSED), "Phạm Thị Dung": (S.OFFICIAL,
                                                                                                Place.ACTIVE)}
    assert counted(workspace, date(1977, 1, 1))["Phùng Văn Tư"] == (S.PROBATIONARY, Place.ACTIVE)


def test_a_status_change_moves_the_figures_from_its_day(workspace, cell):
    add, ids = cell
    add("Hoàng Văn Em", S.OFFICIAL, date(2000, 1, 1), date(2001, 1, 1))
    act(workspace, members.change_status, ids["Hoàng Văn Em"], K.TRANSFERRED_OUT, "01/10/2026", today=TODAY)
    assert numbers(figures(workspace, date(2026, 9, 30))) == (1, 1, 0, 0, 0, 1)
    assert numbers(figures(workspace)) == (0, 0, 0, 0, 0, 0)


def test_the_demo_figures_today_and_at_the_end_of_january_2025(demo_workspace):
    today = figures(demo_workspace)
    assert numbers(today) == (25, 23, 2, 3, 1, 21)
    assert [m.full_name for m in today.in_place(Place.AWAY)] == ["Nguyễn Minh Khôi"]
    then = figures(demo_workspace, date(2025, 1, 31))
    # Trang and Mạnh not yet admitted, Thịnh not yet transferred in; Lan Anh still here, Khải alive.
    assert numbers(then) == (24, 24, 0, 4, 0, 20)
    assert [members.figure_label(name) for name in members.FIGURE_LABELS] == [
        "Tổng số đảng viên", "Chính thức", "Dự bị", "Miễn công tác và sinh hoạt đảng",
        "Đi sinh hoạt tạm thời nơi khác", "Phải dự"]
