"""Vietnamese names of the codes stored in the database (translated where shown).

Each feature declares the names of its own codes and registers them here, so a screen can
name any code with `label` without knowing which feature owns it.
"""

from enum import StrEnum

from handbook_desktop.i18n import _

LABELS: dict[StrEnum, str] = {}


def register(labels: dict[StrEnum, str]) -> dict[StrEnum, str]:
    LABELS.update(labels)
    return labels


def label(code: StrEnum) -> str:
    return _(LABELS[code])
