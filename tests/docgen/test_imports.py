"""reportlab and python-docx load when a document is written, not when the app starts."""

import subprocess
import sys

from ..conftest import REPO

PROBE = """
import sys
import handbook_desktop.cli as cli
cli.build_parser()
import handbook_desktop.docgen.render, handbook_desktop.docgen.layouts
import handbook_desktop.docgen.sources.meeting, handbook_desktop.docgen.sources.cell
import handbook_desktop.docgen.to_pdf, handbook_desktop.docgen.to_docx
import handbook_desktop.docgen.templates, handbook_desktop.docgen.fonts
print(sorted(name for name in ("reportlab", "docx", "PIL") if name in sys.modules))
"""


def test_back_ends_are_imported_lazily():
    result = subprocess.run([sys.executable, "-c", PROBE], capture_output=True, text=True, cwd=REPO, check=True)
    assert result.stdout.strip() == "[]"
