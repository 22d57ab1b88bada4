import os
from pathlib import Path

from handbook_desktop.core import paths


def test_command_line_wins(monkeypatch, tmp_path):
    monkeypatch.setenv(paths.ENV_DATA_DIR, str(tmp_path / "env"))
    choice = paths.resolve_data_dir(str(tmp_path / "cli"))
    assert choice == paths.DataDirChoice(tmp_path / "cli", fixed=True)


def test_environment_before_remembered_choice(monkeypatch, tmp_path):
    paths.remember_data_dir(tmp_path / "remembered")
    monkeypatch.setenv(paths.ENV_DATA_DIR, str(tmp_path / "env"))
    assert paths.resolve_data_dir().path == tmp_path / "env"


def test_remembered_choice_then_platform_default(tmp_path):
    default = paths.resolve_data_dir()
    assert not default.fixed and "so-tay-dang-vien" in str(default.path)
    paths.remember_data_dir(tmp_path / "remembered")
    assert paths.resolve_data_dir() == paths.DataDirChoice(tmp_path / "remembered", fixed=False)


def test_location_file_is_under_the_test_home():
    # conftest points HOME/XDG folders at a temporary folder: the real one is never touched
    assert paths.location_file().is_relative_to(Path(os.environ["XDG_CONFIG_HOME"]))


def test_unreadable_location_file_falls_back(tmp_path):
    paths.location_file().parent.mkdir(parents=True, exist_ok=True)
    paths.location_file().write_text("[]")
    assert not paths.resolve_data_dir().fixed
