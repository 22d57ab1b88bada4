"""Talking to a live server in tests."""

import uuid

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


# ---- cell records -------------------------------------------------------------------------

def full_row(table: str, cell: str, **fields) -> dict:
    """An insert payload: every column of `table` (None unless given), as a device sends it."""
    from sync.protocol import COMMON_FIELDS, RECORD_FIELDS

    row = {name: None for name in RECORD_FIELDS[table] + COMMON_FIELDS}
    row |= {"id": str(uuid.uuid4()), "unit_id": cell, "created_at": "2026-01-05T08:00:00+00:00",
            "updated_at": "2026-01-05T08:00:00+00:00", "updated_by": "laptop", "version": 0}
    return row | fields


def change(entity: str, op: str, payload: dict, base: int = 0) -> dict:
    return {"op_id": str(uuid.uuid4()), "entity": entity, "entity_id": payload["id"], "op": op,
            "base_version": base, "payload": payload}


def cell_id(server, code: str) -> str:
    from sync.server.services import org

    with server.session() as session:
        return org.find_unit(session, code).id


def records(changes: dict) -> dict[str, dict]:
    """Pulled record rows by id (upserts only)."""
    return {key[1]: change["data"]["row"] for key, change in changes.items()
            if key[0] == "record" and change["op"] == "upsert"}
