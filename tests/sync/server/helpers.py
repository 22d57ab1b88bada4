"""Talking to a live server in tests."""

import requests

from sync.protocol import API_PREFIX, PROTOCOL_HEADER, PROTOCOL_VERSION


class Api:
    """A logged-in (or anonymous) caller of one server."""

    def __init__(self, base: str, token: str = ""):
        self.base, self.token = base, token

    def headers(self, **extra) -> dict:
        headers = {PROTOCOL_HEADER: str(PROTOCOL_VERSION), **extra}
        if self.token:
            headers["Authorization"] = f"Bearer {self.token}"
        return headers

    def call(self, method: str, path: str, **kwargs) -> requests.Response:
        headers = self.headers(**kwargs.pop("headers", {}))
        return requests.request(method, f"{self.base}{API_PREFIX}{path}", headers=headers, timeout=30, **kwargs)

    def get(self, path: str, **kwargs) -> requests.Response:
        return self.call("GET", path, **kwargs)

    def post(self, path: str, **kwargs) -> requests.Response:
        return self.call("POST", path, **kwargs)

    def pull_all(self, cursor: str = "") -> tuple[dict, str]:
        """Every change after `cursor`, by (entity, id), and the last cursor."""
        seen = {}
        while True:
            page = self.get("/changes", params={"cursor": cursor}).json()
            seen.update({(change["entity"], change["id"]): change for change in page["changes"]})
            cursor = page["cursor"]
            if not page["more"]:
                return seen, cursor


def login(server, username: str, password: str = "demo") -> Api:
    response = Api(server.url).post("/auth/login", json={"username": username, "password": password})
    assert response.status_code == 200, response.text
    return Api(server.url, response.json()["access_token"])


def item_titles(changes: dict) -> dict[str, str]:
    """Visible items' titles by id."""
    return {key[1]: change["data"]["title"] for key, change in changes.items()
            if key[0] == "item" and change["op"] == "upsert"}


def article(title: str, body: str = "Nội dung.") -> dict:
    return {"kind": "article", "channel": "district_bulletin", "title": title, "body": body}
