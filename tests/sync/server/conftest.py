"""The server's own tests run on both engines (tests/sync/conftest.py has the server)."""

import pytest


@pytest.fixture(params=["sqlite", "postgresql"])
def server_engine(request) -> str:
    return request.param
