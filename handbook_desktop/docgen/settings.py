"""Settings of the documents, declared like core/settings.py and stored in the same file.

Margins are *unconfirmed* in FORMATS.md, so they are settings with its values as defaults.
A custom template is the path of a DOCX a secretary made from the built-in one; "" means
the built-in layout.
"""

from dataclasses import dataclass

from handbook_desktop.core.settings import Setting, Settings
from handbook_desktop.i18n import N_

MARGIN_TOP = Setting("documents/margin_top_mm", int, 20, N_("Lề trên (mm)"), bounds=(5, 60))
MARGIN_BOTTOM = Setting("documents/margin_bottom_mm", int, 20, N_("Lề dưới (mm)"), bounds=(5, 60))
MARGIN_LEFT = Setting("documents/margin_left_mm", int, 30, N_("Lề trái (mm)"), bounds=(5, 60))
MARGIN_RIGHT = Setting("documents/margin_right_mm", int, 15, N_("Lề phải (mm)"), bounds=(5, 60))
MINUTES_TEMPLATE = Setting("documents/minutes_template", str, "", N_("Mẫu biên bản riêng (DOCX)"))
RESOLUTION_TEMPLATE = Setting("documents/resolution_template", str, "", N_("Mẫu nghị quyết riêng (DOCX)"))
DOCUMENT_SETTINGS = (MARGIN_TOP, MARGIN_BOTTOM, MARGIN_LEFT, MARGIN_RIGHT, MINUTES_TEMPLATE, RESOLUTION_TEMPLATE)


@dataclass(frozen=True)
class Margins:
    """Page margins in millimetres (portrait sense: left is the binding side)."""

    top: float = 20
    bottom: float = 20
    left: float = 30
    right: float = 15


DEFAULT_MARGINS = Margins()


def margins_of(settings: Settings | None) -> Margins:
    if settings is None:
        return Margins()
    return Margins(settings.get(MARGIN_TOP), settings.get(MARGIN_BOTTOM), settings.get(MARGIN_LEFT),
                   settings.get(MARGIN_RIGHT))
