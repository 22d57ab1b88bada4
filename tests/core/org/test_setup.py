"""Setting up the workspace's own cell without a server, editing it, and what is refused."""

import unicodedata
from dataclasses import replace
from datetime import date

import pytest
from sqlalchemy import select

from handbook_desktop.core import org
from handbook_desktop.core.errors import UserError, ValidationError, WorkspaceError
from handbook_desktop.core.models import OutboxEntry, WorkspaceFact
from handbook_desktop.core.org import CellSetup, OrgUnit, UnitKind
from tests.core.meetings.meeting_helpers import act

TODAY = date(2026, 3, 1)
KP5 = CellSetup("Chi bộ Khu phố 5", ("Đảng bộ phường Bắc Sơn", "Thành ủy Sông Công", "Tỉnh ủy Thái Nguyên"),
                "Bắc Sơn", "2025-2030")


def chain(workspace) -> list[tuple[str, str]]:
    """(kind, name) from the home cell up to the root."""
    def read(uow):
        unit, found = uow.session.get(OrgUnit, uow.home_unit_id), []
        while unit is not None:
            found.append((unit.kind, unit.name))
            unit = uow.session.get(OrgUnit, unit.parent_id) if unit.parent_id else None
        return found

    return act(workspace, read)


def test_set_up_cell_makes_the_chain_and_the_profile(workspace):
    unit_id = act(workspace, org.set_up_cell, KP5)
    assert chain(workspace) == [(UnitKind.CELL, "Chi bộ Khu phố 5"), (UnitKind.GRASSROOTS, "Đảng bộ phường Bắc Sơn"),
                                (UnitKind.DISTRICT, "Thành ủy Sông Công"), (UnitKind.PROVINCE, "Tỉnh ủy Thái Nguyên")]
    cell = act(workspace, lambda uow: uow.cell)
    assert (cell.unit_id, cell.term, cell.place, cell.is_demo) == (unit_id, "2025-2030", "Bắc Sơn", False)
    assert act(workspace, org.cell_setup) == KP5
    # The user's own work: it reaches the outbox like any other change.
    entries = act(workspace, lambda uow: uow.session.scalars(select(OutboxEntry.entity)).all())
    assert entries.count("org_units") == 4


def test_two_levels_are_the_grassroots_body_and_the_province(workspace):
    act(workspace, org.set_up_cell, CellSetup("Chi bộ Thôn Đông", ("Đảng bộ xã Tân Cương", "Tỉnh ủy Thái Nguyên"),
                                              term="2025–2030"))
    assert [kind for kind, _name in chain(workspace)] == [UnitKind.CELL, UnitKind.GRASSROOTS, UnitKind.PROVINCE]
    assert act(workspace, org.cell_setup).place == ""  # documents take "Tân Cương" from the body's name


def test_names_are_cleaned(workspace):
    typed = CellSetup(unicodedata.normalize("NFD", "  Chi bộ   Khu phố 5 "),
                      ("Đảng bộ phường\u00a0Bắc Sơn", "  ", "Tỉnh ủy Thái Nguyên "), " Bắc  Sơn ", " 2025 - 2030 ")
    act(workspace, org.set_up_cell, typed)
    setup = act(workspace, org.cell_setup)
    assert setup == CellSetup("Chi bộ Khu phố 5", ("Đảng bộ phường Bắc Sơn", "Tỉnh ủy Thái Nguyên"), "Bắc Sơn",
                              "2025-2030")
    assert unicodedata.is_normalized("NFC", setup.name)


@pytest.mark.parametrize(("setup", "message"), [
    (replace(KP5, name="   "), "Hãy ghi tên chi bộ"),
    (replace(KP5, parents=("", " ")), "ít nhất đảng bộ cơ sở"),
    (replace(KP5, parents=("A", "B", "C", "D")), "tối đa 3 cấp trên"),
    (replace(KP5, name="Chi bộ " + "x" * 200), "dài quá 200 ký tự"),
    (replace(KP5, place="x" * 101), "Địa danh dài quá"),
    (replace(KP5, term=""), "Hãy ghi nhiệm kỳ hiện tại"),
    (replace(KP5, term="2025"), "không hợp lệ"),
    (replace(KP5, term="2030-2025"), "không hợp lệ"),
    (replace(KP5, term="2025-2040"), "không hợp lệ"),
    (replace(KP5, term="1900-1905"), "không hợp lệ"),
    (replace(KP5, term="2015-2020"), r"không gồm năm nay \(2026\)"),
    (replace(KP5, secretary_id="m1", deputy_id="m1"), "hai đồng chí khác nhau"),
])
def test_check_names_each_problem(setup, message):
    with pytest.raises(ValidationError, match=message):
        org.check_cell_setup(setup, TODAY)


def test_every_problem_is_named_at_once():
    with pytest.raises(ValidationError) as caught:
        org.check_cell_setup(CellSetup("", (), term="abc"), TODAY)
    assert len(caught.value.message.splitlines()) == 3


def test_a_refused_setup_writes_nothing(workspace):
    with pytest.raises(ValidationError):
        act(workspace, org.set_up_cell, replace(KP5, term="2031-2035"))
    assert act(workspace, lambda uow: uow.session.scalars(select(OrgUnit)).all()) == []
    assert act(workspace, lambda uow: uow.cell.unit_id) is None


def test_a_second_setup_is_refused(workspace):
    act(workspace, org.set_up_cell, KP5)
    with pytest.raises(WorkspaceError, match="đã có chi bộ “Chi bộ Khu phố 5”.*Cài đặt → Chi bộ"):
        act(workspace, org.set_up_cell, replace(KP5, name="Chi bộ Khu phố 6"))
    assert len(chain(workspace)) == 4


def test_the_demo_is_refused(demo_workspace):
    with pytest.raises(WorkspaceError, match="dữ liệu mẫu"):
        act(demo_workspace, org.set_up_cell, KP5)


def test_update_renames_in_place_and_changes_the_profile(workspace):
    unit_id = act(workspace, org.set_up_cell, KP5)
    before = act(workspace, lambda uow: sorted(uow.session.scalars(select(OrgUnit.id)).all()))
    edited = CellSetup("Chi bộ Khu phố 5A", ("Đảng bộ phường Bắc Sơn", "Thành ủy Sông Công", "Tỉnh ủy Thái Nguyên mới"),
                       "Sông Công", "2025-2030", "m-secretary", "m-deputy")
    act(workspace, org.update_cell, edited)
    assert act(workspace, org.cell_setup) == edited
    assert act(workspace, lambda uow: sorted(uow.session.scalars(select(OrgUnit.id)).all())) == before
    assert act(workspace, lambda uow: (uow.cell.unit_id, uow.cell.secretary_id, uow.cell.deputy_id)) == (
        unit_id, "m-secretary", "m-deputy")
    # Cleared again: the facts go.
    act(workspace, org.update_cell, replace(edited, place="", secretary_id=None, deputy_id=""))
    facts = act(workspace, lambda uow: set(uow.session.scalars(select(WorkspaceFact.key))))
    assert facts == {"home_unit_id", "party_term", "device_id"}  # the device id is made with the first change


def test_update_adds_and_removes_levels(workspace):
    act(workspace, org.set_up_cell, replace(KP5, parents=("Đảng bộ phường Bắc Sơn",)))
    act(workspace, org.update_cell, KP5)
    assert [name for _kind, name in chain(workspace)] == ["Chi bộ Khu phố 5", *KP5.parents]
    assert [kind for kind, _name in chain(workspace)][-1] == UnitKind.PROVINCE
    act(workspace, org.update_cell, replace(KP5, parents=("Đảng bộ phường Bắc Sơn", "Tỉnh ủy Thái Nguyên")))
    assert chain(workspace) == [(UnitKind.CELL, "Chi bộ Khu phố 5"), (UnitKind.GRASSROOTS, "Đảng bộ phường Bắc Sơn"),
                                (UnitKind.PROVINCE, "Tỉnh ủy Thái Nguyên")]
    # The level left out is kept (library documents may belong to it), outside the chain.
    assert act(workspace, lambda uow: len(uow.session.scalars(select(OrgUnit)).all())) == 4


def test_update_needs_a_cell(workspace):
    with pytest.raises(UserError, match="chưa gắn với chi bộ nào"):
        act(workspace, org.update_cell, KP5)
    assert act(workspace, org.cell_setup) is None


def test_split_parents_takes_both_separators():
    assert org.split_parents("Đảng bộ phường Bắc Sơn › Thành ủy Sông Công > Tỉnh ủy Thái Nguyên") == (
        "Đảng bộ phường Bắc Sơn ", " Thành ủy Sông Công ", " Tỉnh ủy Thái Nguyên")
