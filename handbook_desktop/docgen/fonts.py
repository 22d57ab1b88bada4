"""Liberation Serif 2.x for PDFs, loaded from resources/fonts and never from the system.

Shipping the files makes a Windows laptop render exactly what CI renders, and 2.x is the
version with Vietnamese glyphs (1.x draws boxes for ơ, ư, ạ …). It is metric-compatible
with Times New Roman, which the DOCX files name, so both formats break lines alike.
"""

import functools

from handbook_desktop.core.resources import resource_path

FAMILY = "LiberationSerif"
FACES = {  # reportlab name → file
    FAMILY: "LiberationSerif-Regular.ttf",
    f"{FAMILY}-Bold": "LiberationSerif-Bold.ttf",
    f"{FAMILY}-Italic": "LiberationSerif-Italic.ttf",
    f"{FAMILY}-BoldItalic": "LiberationSerif-BoldItalic.ttf",
}
DOCX_FONT = "Times New Roman"


def face(bold: bool = False, italic: bool = False) -> str:
    suffix = ("Bold" if bold else "") + ("Italic" if italic else "")
    return f"{FAMILY}-{suffix}" if suffix else FAMILY


@functools.cache
def register_pdf_fonts() -> str:
    """Register the four faces with reportlab once per process; returns the family name."""
    from reportlab.lib.fonts import addMapping
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont

    for name, filename in FACES.items():
        pdfmetrics.registerFont(TTFont(name, str(resource_path("fonts", filename))))
    # <b> and <i> in paragraph markup pick the right face through these mappings.
    for bold in (False, True):
        for italic in (False, True):
            addMapping(FAMILY, int(bold), int(italic), face(bold, italic))
    return FAMILY
