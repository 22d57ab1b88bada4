"""`main.py admin …` on the server's database, and the admin API's role check."""

import pytest

from handbook_desktop.cli import main
from tests.sync.server.helpers import Api, login


@pytest.fixture
def admin_cli(server_factory, monkeypatch, capsys):
    server = server_factory()
    target = (["--database-url", server.settings.database_url] if server.settings.database_url
              else ["--data-dir", str(server.settings.data_dir)])
    monkeypatch.setenv("HANDBOOK_PASSWORD", "matkhau-moi")

    def run(*argv: str) -> tuple[int, str, str]:
        code = main(["admin", *argv, *target])
        out, err = capsys.readouterr()
        return code, out, err

    return server, run


def test_admin_commands_make_a_cell_and_a_member_who_can_log_in(admin_cli):
    server, run = admin_cli
    assert run("create-unit", "Chi bộ Khu phố 5", "TN-SC-BS-KP5", "--parent", "TN-SC-BS")[0] == 0
    code, out, _ = run("create-user", "dangvien5", "--unit", "TN-SC-BS-KP5", "--full-name", "Ngô Văn Năm")
    assert code == 0 and "dangvien5" in out
    reader = login(server, "dangvien5", "matkhau-moi")
    assert reader.get("/me").json()["units"][-1]["code"] == "TN-SC-BS-KP5"
    assert run("grant", "dangvien5", "TN-SC-BS-KP5", "editor")[0] == 0
    assert reader.get("/publications/audiences").json()[0]["code"] == "TN-SC-BS-KP5"
    assert run("revoke", "dangvien5", "TN-SC-BS-KP5", "editor")[0] == 0
    assert reader.get("/publications/audiences").status_code == 403


def test_reset_password_logs_every_device_out(admin_cli):
    server, run = admin_cli
    member = login(server, "dangvien.demo")
    assert run("reset-password", "dangvien.demo")[0] == 0
    assert member.get("/me").json()["code"] == "device_revoked"
    login(server, "dangvien.demo", "matkhau-moi")


def test_mistakes_are_one_line_errors(admin_cli):
    _, run = admin_cli
    code, _, err = run("create-unit", "Chi bộ lạc", "X-1", "--parent", "KHONG-CO")
    assert code == 2 and err.strip().count("\n") == 0 and "KHONG-CO" in err
    code, _, err = run("create-user", "bithu.demo", "--unit", "TN")
    assert code == 2 and "đã có" in err
    assert main(["admin", "grant", "a", "TN", "editor", "--database-url", "postgresql+psycopg://nobody@/x?host=/nowhere"]) == 2


def test_admin_api_is_for_admins_only(live_server):
    body = {"name": "Chi bộ Khu phố 6", "code": "TN-SC-BS-KP6", "parent": "TN-SC-BS"}
    refused = login(live_server, "bientap.demo").post("/admin/units", json=body)
    assert refused.status_code == 403 and "quản trị viên" in refused.json()["message"]
    admin = login(live_server, "quantri.demo")
    created = admin.post("/admin/units", json=body)
    assert created.status_code == 201 and created.json()["kind"] == "cell"
    user = {"username": "dangvien6", "password": "mk", "unit": "TN-SC-BS-KP6"}
    assert admin.post("/admin/users", json=user).status_code == 201
    assert Api(live_server.url).post("/auth/login", json={"username": "dangvien6", "password": "mk"}).status_code == 200
