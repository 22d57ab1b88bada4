"""The layer rule: only handbook_desktop/ui and app.py may import Qt.

import-linter checks the import graph (contracts in pyproject.toml); a plain text scan
also catches an import hidden in a string or a test of the rule itself going stale.
"""

import re



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
