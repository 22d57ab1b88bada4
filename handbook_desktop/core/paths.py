"""Where the workspace lives: --data-dir, then HANDBOOK_DATA_DIR, then the remembered
choice from the settings dialog, then the per-user data folder of the platform."""

import json
import os
from dataclasses import dataclass
from pathlib import Path

import platformdirs

from handbook_desktop import APP_ID

ENV_DATA_DIR = "HANDBOOK_DATA_DIR"
DATABASE_NAME = "handbook.db"
SETTINGS_NAME = "settings.json"
SNAPSHOT_NAME = "home-snapshot.json"  # the home page's figures for the next start (core/home/snapshot.py)


@dataclass(frozen=True)
class DataDirChoice:
    path: Path
    fixed: bool  # True when given on the command line or in the environment


def location_file() -> Path:
    """The one file outside the data folder: it remembers which data folder to use."""
    return platformdirs.user_config_path(APP_ID, appauthor=False) / "location.json"


def resolve_data_dir(cli_value: str | None = None) -> DataDirChoice:
    if cli_value:
        return DataDirChoice(Path(cli_value).expanduser(), fixed=True)
    if os.environ.get(ENV_DATA_DIR):
        return DataDirChoice(Path(os.environ[ENV_DATA_DIR]).expanduser(), fixed=True)
    remembered = _remembered_data_dir()
    if remembered:
        return DataDirChoice(remembered, fixed=False)
    return DataDirChoice(platformdirs.user_data_path(APP_ID, appauthor=False), fixed=False)


def remember_data_dir(path: Path) -> None:
    target = location_file()
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(json.dumps({"data_dir": str(path)}), encoding="utf-8")


def _remembered_data_dir() -> Path | None:
    try:
        value = json.loads(location_file().read_text(encoding="utf-8")).get("data_dir")
    except (OSError, ValueError, AttributeError):
        return None
    return Path(value) if isinstance(value, str) and value else None
