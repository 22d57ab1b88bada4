"""The roster in the GUI: counts, tone-insensitive search, sort, form, status events, Excel, statistics."""

from datetime import date

from PySide6.QtCore import QCoreApplication, QEvent, Qt
from PySide6.QtWidgets import QLabel, QMessageBox

from handbook_desktop.core import members
from handbook_desktop.core.members import MemberEventKind, MemberStatus
from handbook_desktop.ui.members import roster_files_flow, roster_page
from handbook_desktop.ui.members.member_form import MemberFormDialog
from handbook_desktop.ui.members.statistics_dialog import StatisticsDialog, save_csv
from handbook_desktop.ui.members.status_dialog import StatusDialog


def _page(window):
    window.show_page("members")
    return window.roster_page


def _member(window, member_id: str) -> members.MemberRow:
    return window.ops.read_now(lambda uow: members.get_member(uow, member_id))


def test_roster_shows_counts_and_every_member(main_window):
    page = _page(main_window)
    assert page.model.rowCount() == 27
    assert "Tổng số đảng viên: <b>25</b>" in page.counts.text() and "Dự bị: <b>2</b>" in page.counts.text()
    names = [row.full_name for row in page.model.rows]
    assert names[0] == "Bùi Thị Lan Anh"  # Vietnamese order: by given name


def test_search_without_tones_and_status_filter(main_window, qtbot):
    page = _page(main_window)
    page.search.setText("nguyen thi thu huong")
    page.reload()
    assert [row.full_name for row in page.model.rows] == ["Nguyễn Thị Thu Hương"]
    page.search.clear()
    page.status.setCurrentIndex(page.status.findData(MemberStatus.PROBATIONARY))
    assert {row.status for row in page.model.rows} == {MemberStatus.PROBATIONARY}
    assert page.model.rowCount() == 2


def test_sort_by_header_click(main_window):
    page = _page(main_window)
    page.table.horizontalHeader().sectionClicked.emit(2)  # birth date
    births = [row.birth_date for row in page.model.rows]
    assert births == sorted(births)
    page.table.horizontalHeader().sectionClicked.emit(2)
    assert [row.birth_date for row in page.model.rows] == sorted(births, reverse=True)


def test_add_a_member_through_the_form(main_window, monkeypatch):
    page = _page(main_window)

    def fill(dialog: MemberFormDialog):
        dialog.inputs["full_name"].setText("Hoàng Thị Ngọc Ánh")
        dialog.inputs["birth_date"].setText("30/02/1990")
        assert not dialog.save()
        assert "Ngày sinh" in dialog.problems.text()
        dialog.inputs["birth_date"].setText("12/03/1990")
        dialog.inputs["sex"].setCurrentText("Nữ")
        dialog.inputs["admitted_on"].setText("03/02/2026")
        return dialog.save()

    monkeypatch.setattr(MemberFormDialog, "exec", fill)
    page.add_member()
    assert page.model.rowCount() == 28
    assert page.current_id() and _member(main_window, page.current_id()).full_name == "Hoàng Thị Ngọc Ánh"
    assert "Kết nạp" in page.detail.toPlainText() or "03/02/2026" in page.detail.toPlainText()


def _home_member_total(window) -> str:
    window.show_page("home")
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)  # the page rebuilt: old labels go
    return next(label.text() for label in window.ensure_page("home").findChildren(QLabel)
                if label.text().startswith("Tổng số đảng viên: <b>"))


def test_a_member_added_in_the_form_shows_everywhere_without_a_restart(main_window, monkeypatch):
    assert _home_member_total(main_window).startswith("Tổng số đảng viên: <b>25</b>")
    assert "chờ gửi" not in main_window.connection.text()  # the demo is seed data, nothing to send
    page = _page(main_window)

    def fill(dialog: MemberFormDialog):
        dialog.inputs["full_name"].setText("Hoàng Thị Ngọc Ánh")
        dialog.inputs["birth_date"].setText("12/03/1990")
        dialog.inputs["admitted_on"].setText("03/02/2026")
        return dialog.save()  # the write runs on the task runner: the guard fails a GUI-thread write

    monkeypatch.setattr(MemberFormDialog, "exec", fill)
    page.add_member()
    assert "Tổng số đảng viên: <b>26</b>" in page.counts.text() and "Dự bị: <b>3</b>" in page.counts.text()
    assert main_window.connection.text() == ""  # a demo never sends: no pending count (tests/ui/sync)
    assert _home_member_total(main_window).startswith("Tổng số đảng viên: <b>26</b>")


def test_status_change_is_an_event_on_the_timeline(main_window, monkeypatch):
    page = _page(main_window)
    page.status.setCurrentIndex(page.status.findData(MemberStatus.OFFICIAL))
    page.table.selectRow(0)
    member_id = page.current_id()

    def excuse(dialog: StatusDialog):
        dialog.kind.setCurrentIndex(dialog.kind.findData(MemberEventKind.EXCUSED))
        dialog.day.setText("01/01/2999")
        assert not dialog.save() and dialog.problem.text()
        dialog.day.setText(date.today().strftime("%d/%m/%Y"))
        dialog.reason.setText("Tuổi cao, sức yếu")
        return dialog.save()

    monkeypatch.setattr(StatusDialog, "exec", excuse)
    page.change_status()
    assert _member(main_window, member_id).status == MemberStatus.EXCUSED
    assert member_id not in [row.id for row in page.model.rows]  # no longer matches the "official" filter
    page.status.setCurrentIndex(0)
    page.reload(member_id)
    assert "Tuổi cao, sức yếu" in page.detail.toPlainText()


def test_export_then_import_round_trip_through_the_preview(main_window, tmp_path, monkeypatch):
    page = _page(main_window)
    target = tmp_path / "roster.xlsx"
    monkeypatch.setattr(roster_files_flow.QFileDialog, "getSaveFileName", lambda *a, **k: (str(target), ""))
    shown = []
    monkeypatch.setattr(QMessageBox, "information", lambda parent, title, text: shown.append(text))
    page.files.ask_and_export()
    assert target.exists() and "27" in shown[-1]
    chosen = []

    def choose(dialog):
        chosen.append(dialog)
        dialog._choose(roster_files_flow.ALL)
        return True

    monkeypatch.setattr(roster_files_flow.ImportPreviewDialog, "exec", choose)
    page.files.preview(target)
    assert len(chosen) == 1
    assert shown[-1] == "Đã nhập: 0 đảng viên mới, 0 cập nhật, 27 không đổi, 0 dòng bỏ qua."
    assert page.model.rowCount() == 27  # no duplicates on re-import


def test_a_member_card_is_saved_off_the_gui_thread(main_window, tmp_path, monkeypatch):
    page = _page(main_window)
    page.table.selectRow(0)
    target = tmp_path / "the.svg"
    monkeypatch.setattr(roster_page.QFileDialog, "getSaveFileName", lambda *a, **k: (str(target), ""))
    page.save_card()
    assert "Bùi Thị Lan Anh" in target.read_text(encoding="utf-8")


def test_statistics_dialog_and_csv(main_window, tmp_path, qtbot):
    dialog = StatisticsDialog(main_window.ops.read_now(lambda uow: members.member_statistics(uow, date(2026, 11, 25))))
    qtbot.addWidget(dialog)
    assert dialog.table.rowCount() == len(dialog.rows) > 0
    save_csv(dialog.rows, tmp_path / "stats.csv")
    text = (tmp_path / "stats.csv").read_text(encoding="utf-8-sig")
    assert "Độ tuổi" in text and "Giới tính" in text


def test_statistics_charts_count_in_whole_numbers_with_readable_categories(main_window, qtbot):
    from PySide6.QtCharts import QBarCategoryAxis, QChartView, QValueAxis

    dialog = StatisticsDialog(main_window.ops.read_now(lambda uow: members.member_statistics(uow, date(2026, 11, 25))))
    qtbot.addWidget(dialog)
    charts = [view.chart() for view in dialog.findChildren(QChartView)]
    assert len(charts) == 4
    for chart in charts:
        values = next(axis for axis in chart.axes() if isinstance(axis, QValueAxis))
        assert values.tickType() == QValueAxis.TickType.TicksDynamic and values.tickAnchor() == 0
        assert values.tickInterval() == int(values.tickInterval()) and values.max() % values.tickInterval() == 0
        categories = next(axis for axis in chart.axes() if isinstance(axis, QBarCategoryAxis))
        assert categories.alignment() == Qt.AlignmentFlag.AlignLeft  # names in full beside the bars
    ages = next(chart for chart in charts if chart.title() == "Độ tuổi")
    labels = next(axis for axis in ages.axes() if isinstance(axis, QBarCategoryAxis)).categories()
    assert labels[-1] == "Đến 30 tuổi" and labels[0] == "Trên 70 tuổi"  # read from the top, youngest first


def test_count_ticks_are_whole_and_few():
    from handbook_desktop.ui.members.statistics_dialog import count_ticks

    assert [count_ticks(n) for n in (0, 5, 6, 13, 23, 250)] == [(1, 1), (1, 6), (2, 8), (5, 15), (5, 25), (50, 300)]
