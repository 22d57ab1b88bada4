"""Feature faces: every public name resolves, and opening a workspace loads no service."""

import importlib
import subprocess
import sys

import pytest

from ..conftest import REPO

FEATURES = ("demo", "home", "library", "meetings", "members", "org", "text")


@pytest.mark.parametrize("feature", FEATURES)
def test_every_name_of_a_face_resolves(feature):
    face = importlib.import_module(f"handbook_desktop.core.{feature}")
    assert face.__all__
    for name in face.__all__:
        assert getattr(face, name) is not None, name
    with pytest.raises(AttributeError, match="no attribute 'not_a_service'"):
        face.not_a_service  # noqa: B018


def test_opening_a_workspace_loads_models_but_no_service(tmp_path):
    """Start-up time: the first window must not pay for every feature's services."""
    code = ("import sys; from pathlib import Path; from handbook_desktop.core.workspace import open_workspace; "
            f"open_workspace(Path({str(tmp_path)!r})).close(); "
            "print(' '.join(m for m in sys.modules if m.startswith('handbook_desktop.core.')))")
    loaded = subprocess.run([sys.executable, "-c", code], cwd=REPO, capture_output=True, text=True,
                            check=True).stdout.split()
    assert "handbook_desktop.core.meetings.models" in loaded
    for service in ("meetings.resolutions", "meetings.schedule", "members.excel.importer", "library.importer"):
        assert f"handbook_desktop.core.{service}" not in loaded
