"""Every test runs headless, in temporary folders, with no real keyring or data folder."""

import os
import shutil
from pathlib import Path

import pytest

os.environ["QT_QPA_PLATFORM"] = "offscreen"
os.environ["PYTHON_KEYRING_BACKEND"] = "keyring.backends.fail.Keyring"

from handbook_desktop.core.paths import DATABASE_NAME, ENV_DATA_DIR  # noqa: E402
from handbook_desktop.core.demo import create_demo  # noqa: E402
from handbook_desktop.core.workspace import open_workspace  # noqa: E402
from handbook_desktop.i18n import set_language  # noqa: E402

REPO = Path(__file__).resolve().parents[1]


@pytest.fixture(autouse=True)
def isolated_user_folders(tmp_path_factory, monkeypatch):
    home = tmp_path_factory.mktemp("home")
    for variable in ("HOME", "XDG_CONFIG_HOME", "XDG_DATA_HOME", "XDG_STATE_HOME", "XDG_CACHE_HOME", "APPDATA", "LOCALAPPDATA"):
        monkeypatch.setenv(variable, str(home))
    monkeypatch.delenv(ENV_DATA_DIR, raising=False)
    yield
    set_language("vi")


@pytest.fixture
def workspace(tmp_path):
    ws = open_workspace(tmp_path / "workspace")
    yield ws
    ws.close()


@pytest.fixture(scope="session")
def demo_template(tmp_path_factory) -> Path:
    """The demo workspace is built once; each test gets its own copy of the file."""
    folder = tmp_path_factory.mktemp("demo-template")
    ws = open_workspace(folder)
    with ws.unit_of_work(record_outbox=False) as uow:
        create_demo(uow)
    ws.close()
    return folder / DATABASE_NAME


@pytest.fixture
def demo_dir(tmp_path, demo_template) -> Path:
    folder = tmp_path / "demo"
    folder.mkdir()
    shutil.copy(demo_template, folder / DATABASE_NAME)
    return folder


@pytest.fixture
def demo_workspace(demo_dir):
    ws = open_workspace(demo_dir)
    yield ws
    ws.close()
