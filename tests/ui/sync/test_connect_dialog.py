"""First start's "Kết nối máy chủ": a blank laptop becomes the account's cell."""

from PySide6.QtWidgets import QDialog

from handbook_desktop import app
from handbook_desktop.core.paths import DataDirChoice
from handbook_desktop.ui.org.first_start import FirstStartDialog
from handbook_desktop.ui.sync.connect_dialog import ConnectDialog
from handbook_desktop.ui.taskrunner import TaskRunner


def test_wrong_password_keeps_the_values_then_the_login_takes(live_server, memory_keyring, workspace, qapp):
    dialog = ConnectDialog(workspace, TaskRunner(qapp, inline=True))
    dialog.fields.server.setText(live_server.url)
    dialog.fields.username.setText("bithu.demo")
    dialog.fields.password.setText("sai")
    dialog.connect_account()
    assert dialog.result() != QDialog.DialogCode.Accepted
    assert "Sai tên đăng nhập hoặc mật khẩu" in dialog.notice.text()
    assert (dialog.fields.server.text(), dialog.fields.username.text(), dialog.fields.password.text()) == (
        live_server.url, "bithu.demo", "sai")
    dialog.fields.password.setText("demo")
    dialog.connect_account()
    assert dialog.result() == QDialog.DialogCode.Accepted
    assert dialog.account.username == "bithu.demo"
    assert workspace.perform(lambda uow: uow.cell.unit_id, read_only=True) == dialog.account.unit_id


def test_first_start_through_the_server_opens_the_accounts_cell(live_server, memory_keyring, tmp_path, qapp,
                                                               qtbot, monkeypatch):
    def choose(dialog: FirstStartDialog) -> int:
        dialog.server.click()
        return dialog.result()

    def log_in(dialog: ConnectDialog) -> int:  # the real, threaded runner of the first start
        dialog.fields.server.setText(live_server.url)
        dialog.fields.username.setText("dangvien.demo")
        dialog.fields.password.setText("demo")
        dialog.connect_account()
        qtbot.waitUntil(lambda: dialog.account is not None, timeout=20_000)
        return dialog.result()

    monkeypatch.setattr(FirstStartDialog, "exec", choose)
    monkeypatch.setattr(ConnectDialog, "exec", log_in)
    folder = tmp_path / "new"
    workspace = app.open_or_create(DataDirChoice(folder, fixed=True), interactive=True)
    try:
        window = app.build_main_window(qapp, workspace, DataDirChoice(folder, True), inline_tasks=True)
        qtbot.addWidget(window)
        assert window.cell_label.text() == "Chi bộ Khu phố 3"
        assert window.sync.account.username == "dangvien.demo"
    finally:
        workspace.close()
