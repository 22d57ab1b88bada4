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
