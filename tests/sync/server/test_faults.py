"""Whatever goes wrong inside, a client gets an ErrorBody, never a stack trace."""

from sqlalchemy import text

from tests.sync.server.helpers import Api, login


def test_internal_error_is_a_plain_server_error(live_server, caplog):
    reader = login(live_server, "dangvien.demo")
    with live_server.session() as session:
        session.execute(text("DROP TABLE feed"))
        session.commit()
    answer = reader.get("/changes")
    assert answer.status_code == 500
    assert answer.json() == {"code": "server_error", "message": "Máy chủ gặp lỗi nội bộ; hãy thử lại sau."}
    assert "Traceback" not in answer.text and "feed" not in answer.text


def test_unknown_address_and_bad_request_are_error_bodies(live_server):
    api = login(live_server, "bientap.demo")
    assert api.get("/nothing-here").json()["code"] == "not_found"
    invalid = api.post("/publications", json={"op_id": "x", "item": {"kind": "poem"}, "audience": []})
    assert invalid.status_code == 422 and invalid.json()["code"] == "invalid"
    assert Api(live_server.url).get("/me").json()["code"] == "token_invalid"
