"""The layer rule: only handbook_desktop/ui and app.py may import Qt.

import-linter checks the import graph (contracts in pyproject.toml); a plain text scan
also catches an import hidden in a string or a test of the rule itself going stale.
"""

import re
import shutil
import subprocess
import sys

import pytest

from .conftest import REPO

QT_IMPORT = re.compile(r"^\s*(from|import)\s+(PySide6|shiboken6)\b|import_module\(\s*['\"]PySide6", re.M)


def test_import_linter_contracts_hold():
    from importlinter import configuration
    from importlinter.application.use_cases import lint_imports

    configuration.configure()
    assert lint_imports(config_filename=str(REPO / "pyproject.toml"), cache_dir=None, no_logo=True) is True


def test_no_qt_import_outside_the_gui_shell():
    offenders = []
    for path in list((REPO / "handbook_desktop").rglob("*.py")) + list((REPO / "sync").rglob("*.py")):
        relative = path.relative_to(REPO).as_posix()
        if relative.startswith("handbook_desktop/ui/") or relative == "handbook_desktop/app.py":
            continue
        if QT_IMPORT.search(path.read_text(encoding="utf-8")):
            offenders.append(relative)
    assert offenders == []


def test_the_scan_would_catch_a_leak():
    assert QT_IMPORT.search("from PySide6.QtCore import QObject\n")
    assert QT_IMPORT.search("    import PySide6\n")


@pytest.mark.parametrize(("module", "upward", "contract"), [
    ("core/org/models.py", "from handbook_desktop.core.meetings import models as _meetings",
     "Features form layers"),
    ("core/workspace.py", "from handbook_desktop.core.members import records as _records",
     "Infrastructure never imports a feature"),
    ("ui/status.py", "from handbook_desktop.core.meetings import schedule as _schedule",
     "Features are imported through their faces"),
])
def test_lint_imports_refuses_an_import_against_the_contracts(tmp_path, module, upward, contract):
    """The contracts are really enforced: one wrong import in a copy of the tree breaks them."""
    for package in ("handbook_desktop", "sync"):
        shutil.copytree(REPO / package, tmp_path / package, ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copy(REPO / "pyproject.toml", tmp_path)
    target = tmp_path / "handbook_desktop" / module
    target.write_text(target.read_text(encoding="utf-8") + f"\n{upward}\n", encoding="utf-8")
    lint = subprocess.run([sys.executable, "-c", "from importlinter.cli import lint_imports_command; "
                           "lint_imports_command()", "--no-cache"],
                          cwd=tmp_path, env={"PYTHONPATH": str(tmp_path), "PATH": "/usr/bin:/bin"},
                          capture_output=True, text=True, timeout=300)
    assert lint.returncode == 1, lint.stdout + lint.stderr
    assert f"{contract} BROKEN" in lint.stdout, lint.stdout
