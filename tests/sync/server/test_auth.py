"""Login, tokens, devices, the protocol check."""

import time

import pytest

from sync.protocol import PROTOCOL_HEADER, PROTOCOL_VERSION
from tests.sync.server.helpers import Api, login


def test_login_and_profile(live_server):
    api = login(live_server, "bithu.demo")
    profile = api.get("/me").json()
    assert profile["username"] == "bithu.demo" and profile["full_name"] == "Trần Đức Dũng"
    assert [unit["code"] for unit in profile["units"]] == ["TN", "TN-SC", "TN-SC-BS", "TN-SC-BS-KP3"]
    assert profile["grants"] == [{"unit_id": profile["unit_id"], "role": "secretary"}]
    assert profile["member_id"]


def test_wrong_password_then_rate_limit(live_server):
    anonymous = Api(live_server.url)
    for _ in range(5):
        wrong = anonymous.post("/auth/login", json={"username": "bithu.demo", "password": "sai"})
        assert wrong.status_code == 401 and wrong.json()["code"] == "bad_credentials"
    limited = anonymous.post("/auth/login", json={"username": "bithu.demo", "password": "demo"})
    assert limited.status_code == 429
    assert limited.json()["code"] == "rate_limited" and limited.json()["retry_after"] > 0
    assert "thử lại sau" in limited.json()["message"]
    login(live_server, "dangvien.demo")  # another user from the same address is not held back


def test_expired_access_token_and_refresh(server_factory):
    server = server_factory(access_ttl=2)
    tokens = Api(server.url).post("/auth/login", json={"username": "dangvien.demo", "password": "demo"}).json()
    time.sleep(3.1)
    expired = Api(server.url, tokens["access_token"]).get("/me")
    assert expired.status_code == 401 and expired.json()["code"] == "token_expired"
    fresh = Api(server.url).post("/auth/refresh", json={"refresh_token": tokens["refresh_token"]})
    assert fresh.status_code == 200 and fresh.json()["device_id"] == tokens["device_id"]
    assert Api(server.url, fresh.json()["access_token"]).get("/me").status_code == 200
    reused = Api(server.url).post("/auth/refresh", json={"refresh_token": tokens["refresh_token"]})
    assert reused.status_code == 401 and reused.json()["code"] == "token_invalid"  # rotated


def test_revoked_device(live_server):
    api = login(live_server, "dangvien.demo")
    tokens = Api(live_server.url).post("/auth/login", json={"username": "dangvien.demo", "password": "demo"}).json()
    with live_server.session() as session:
        from sync.server.services import admin
        admin.revoke_device(session, tokens["device_id"])
    revoked = Api(live_server.url, tokens["access_token"]).get("/me")
    assert revoked.status_code == 401 and revoked.json()["code"] == "device_revoked"
    refused = Api(live_server.url).post("/auth/refresh", json={"refresh_token": tokens["refresh_token"]})
    assert refused.json()["code"] == "device_revoked"
    assert api.get("/me").status_code == 200  # the user's other device goes on


def test_logout_revokes_the_calling_device(live_server):
    api = login(live_server, "dangvien.demo")
    assert api.post("/auth/logout").status_code == 204
    assert api.get("/me").json()["code"] == "device_revoked"


@pytest.mark.parametrize("header", [None, "0"])
def test_old_client_is_told_to_update(live_server, header):
    import requests
    headers = {PROTOCOL_HEADER: header} if header is not None else {}
    answer = requests.post(f"{live_server.url}/api/v1/auth/login", headers=headers, timeout=10,
                           json={"username": "bithu.demo", "password": "demo"})
    assert answer.status_code == 426
    assert answer.json()["code"] == "client_outdated" and "cập nhật phần mềm" in answer.json()["message"]


def test_newer_client_is_told_the_server_is_old(live_server):
    api = login(live_server, "bithu.demo")
    answer = api.get("/me", headers={PROTOCOL_HEADER: str(PROTOCOL_VERSION + 1)})
    assert answer.status_code == 400 and answer.json()["code"] == "server_outdated"


def test_info_needs_no_login(live_server):
    info = Api(live_server.url).get("/info").json()
    assert info["protocol_version"] == PROTOCOL_VERSION and info["min_client_protocol"] >= 1
