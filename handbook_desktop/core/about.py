"""What the About box says: the version, where things are kept, what is bundled and under
which licence (resources/about/licenses.tsv)."""

from __future__ import annotations

from dataclasses import dataclass

from handbook_desktop.core.resources import resource_path


@dataclass(frozen=True)
class Component:
    name: str
    licence: str
    purpose: str


def bundled_components() -> list[Component]:
    path = resource_path("about", "licenses.tsv")
    components = []
    for line in path.read_text(encoding="utf-8").splitlines():
        cells = line.split("\t")
        if line.strip() and not line.startswith("#") and len(cells) == 3:
            components.append(Component(*(cell.strip() for cell in cells)))
    return components
