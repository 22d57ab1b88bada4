"""Files shipped beside the code: fonts, templates, demo data, speech tables."""

import sys
from pathlib import Path

# A frozen (PyInstaller) build unpacks resources next to the executable's bundle.
ROOT = Path(getattr(sys, "_MEIPASS", Path(__file__).resolve().parents[2]))


def resource_path(*parts: str) -> Path:
    return ROOT.joinpath("resources", *parts)
