"""Cài đặt → Chi bộ: setting the cell up later from an empty workspace, then editing it with the
secretary and deputy picked from the roster."""

from handbook_desktop.app import build_main_window
from handbook_desktop.core import members, org
from handbook_desktop.core.paths import DataDirChoice
from tests.core.meetings.meeting_helpers import act
from tests.core.org.setup_helpers import CELL, PARENTS, kp5_roster


def settings_box(qapp, qtbot, workspace):
    window = build_main_window(qapp, workspace, DataDirChoice(workspace.data_dir, fixed=True), inline_tasks=True)
    qtbot.addWidget(window)
    window.show()
    window.show_page("settings")
    return window, window.cell_settings


def test_an_empty_workspace_sets_its_cell_up_in_the_settings(qapp, qtbot, workspace):
    window, box = settings_box(qapp, qtbot, workspace)
    fields = box.fields
    assert box.save.text() == "Thiết lập chi bộ"
    assert fields.term.text() == org.default_term(act(workspace, lambda uow: uow.today()))
    assert not fields.secretary.isEnabled()
    fields.name.setText(CELL)
    box.save.click()
    assert "Hãy ghi ít nhất đảng bộ cơ sở" in box.notice.text() and act(workspace, org.cell_setup) is None
    fields.grassroots.setText(PARENTS[0])
    fields.province.setText(PARENTS[2])
    box.save.click()
    assert act(workspace, org.cell_setup).parents == (PARENTS[0], PARENTS[2])
    assert box.notice.text().startswith("Đã thiết lập chi bộ") and box.save.text() == "Lưu thông tin chi bộ"
    assert window.cell_label.text() == CELL


def test_secretary_and_deputy_are_picked_from_the_roster(qapp, qtbot, workspace, tmp_path):
    act(workspace, org.set_up_cell, org.CellSetup(CELL, PARENTS, "", "2025-2030"))
    window, box = settings_box(qapp, qtbot, workspace)
    fields = box.fields
    assert (fields.name.text(), fields.district.text(), fields.place.text()) == (CELL, PARENTS[1], "")
    # The roster arrives while the page is open: the pickers fill, the typed place stays.
    fields.place.setText("Bắc Sơn")
    act(workspace, members.apply_import, act(workspace, members.preview_import, kp5_roster(tmp_path / "ds.xlsx")))
    assert fields.secretary.isEnabled() and fields.secretary.count() == 6 and fields.place.text() == "Bắc Sơn"
    fields.secretary.setCurrentIndex(fields.secretary.findText("Kiều Thị Mai"))
    fields.deputy.setCurrentIndex(fields.deputy.findText("Kiều Thị Mai"))
    box.save.click()
    assert "hai đồng chí khác nhau" in box.notice.text()
    fields.deputy.setCurrentIndex(fields.deputy.findText("Tạ Văn Hùng"))
    fields.district.setText("")
    box.save.click()
    assert box.notice.text() == "Đã lưu thông tin chi bộ."
    ids = {row.full_name: row.id for row in act(workspace, members.roster).rows}
    assert act(workspace, org.cell_setup) == org.CellSetup(CELL, (PARENTS[0], PARENTS[2]), "Bắc Sơn", "2025-2030",
                                                           ids["Kiều Thị Mai"], ids["Tạ Văn Hùng"])
    assert fields.secretary.currentText() == "Kiều Thị Mai"
