"""`main.py serve --demo` answers over HTTP, and a second start leaves the seeded data alone."""

import socket
import subprocess
import sys
import time

import requests

from tests.sync.conftest import REPO_ROOT


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def serve_once(data_dir, port) -> dict:
    process = subprocess.Popen([sys.executable, str(REPO_ROOT / "main.py"), "serve", "--demo", "--port", str(port),
                                "--data-dir", str(data_dir)], stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                return requests.post(f"http://127.0.0.1:{port}/api/v1/auth/login", timeout=5,
                                     headers={"X-Handbook-Protocol": "1"},
                                     json={"username": "quantri.demo", "password": "demo"}).json()
            except requests.ConnectionError:
                assert process.poll() is None, process.stderr.read().decode()
                assert time.monotonic() < deadline, "serve did not answer"
                time.sleep(0.2)
    finally:
        process.terminate()
        process.wait(10)


def test_serve_demo_runs_and_reseeding_is_idempotent(tmp_path):
    assert "access_token" in serve_once(tmp_path, free_port())
    assert "access_token" in serve_once(tmp_path, free_port())
    assert (tmp_path / "server.db").exists()


def test_a_busy_port_or_a_bad_database_is_one_line_not_a_traceback(tmp_path, capsys):
    from handbook_desktop.cli import main

    with socket.create_server(("127.0.0.1", 0)) as taken:
        port = taken.getsockname()[1]
        assert main(["serve", "--port", str(port), "--data-dir", str(tmp_path)]) == 2
    assert f"cổng {port}" in capsys.readouterr().err
    for url, words in (("mysql://ai@localhost/sotay", "SQLite hoặc PostgreSQL"),
                       ("postgresql+psycopg://ai@/khong_co?host=/khong/co", "Không mở được cơ sở dữ liệu")):
        assert main(["serve", "--port", str(free_port()), "--database-url", url, "--data-dir", str(tmp_path)]) == 2
        err = capsys.readouterr().err
        assert words in err and "Traceback" not in err and err.count("\n") == 1
