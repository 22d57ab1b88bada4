"""Sổ tay đảng viên: `uv run main.py` opens the app; `uv run main.py --help` lists commands."""

import sys

from handbook_desktop.cli import main

if __name__ == "__main__":
    sys.exit(main())
