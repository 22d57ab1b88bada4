"""Page 1 of the demo's November minutes, drawn by poppler, against a reviewed picture.

The reference (golden/minutes_november_p1.png, 50 dpi, grey) was rendered, looked at and
checked against FORMATS.md appendix A before it was committed. A layout change shows up as
shifted text, which moves the mean difference far past the tolerance; anti-aliasing
differences between poppler builds stay well under it. After an intended change of the
layout, look at the new page, then: UPDATE_GOLDEN=1 uv run pytest tests/docgen/test_golden.py
"""

import os
import subprocess
from pathlib import Path

import pytest

from handbook_desktop.docgen.sources.meeting import latest_meeting_id
from handbook_desktop.docgen.render import render_document
from handbook_desktop.docgen.settings import MARGIN_LEFT

GOLDEN = Path(__file__).parent / "golden" / "minutes_november_p1.png"
TOLERANCE = 2.0  # mean absolute difference per pixel, out of 255


def page_one(workspace, folder: Path):
    from PIL import Image

    pdf = folder / "minutes.pdf"
    render_document(workspace, "minutes", pdf, meeting_id=workspace.perform(latest_meeting_id))
    subprocess.run(["pdftoppm", "-r", "50", "-gray", "-png", "-f", "1", "-l", "1", "-singlefile", str(pdf),
                    str(folder / "page")], check=True)
    return Image.open(folder / "page.png").convert("L")


def mean_difference(a, b) -> float:
    from PIL import ImageChops, ImageStat

    assert a.size == b.size, (a.size, b.size)
    return ImageStat.Stat(ImageChops.difference(a, b)).mean[0]


def test_minutes_page_one_matches_the_reviewed_reference(demo_workspace, tmp_path):
    from PIL import Image

    page = page_one(demo_workspace, tmp_path)
    if os.environ.get("UPDATE_GOLDEN"):
        page.save(GOLDEN)
        pytest.skip("reference rewritten: look at it before committing")
    assert mean_difference(page, Image.open(GOLDEN).convert("L")) < TOLERANCE


def test_the_comparison_would_catch_a_shifted_layout(demo_workspace, tmp_path):
    from PIL import Image

    demo_workspace.settings.set(MARGIN_LEFT, 25)  # 5 mm: about ten pixels at 50 dpi
    shifted = page_one(demo_workspace, tmp_path)
    assert mean_difference(shifted, Image.open(GOLDEN).convert("L")) > 3 * TOLERANCE
