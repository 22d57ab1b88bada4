"""A feature's face that loads a module only when one of its names is first used (PEP 562).

Importing any module of a feature runs the feature's `__init__` first; the workspace loads
every model at start (core/models/registry.py), so an eager face would import every service
of every feature before the first window paints. A lazy face keeps start-up to what the
first screen uses, and still names each public name once, by the module that defines it.
"""

import importlib
from collections.abc import Callable
from typing import Any


def lazy_face(package: str, namespace: dict[str, Any],
              exports: dict[str, tuple[str, ...]]) -> tuple[Callable[[str], Any], list[str]]:
    """`__getattr__` and `__all__` for `package`, whose modules export `exports`' names."""
    home = {name: module for module, names in exports.items() for name in names}

    def __getattr__(name: str) -> Any:  # noqa: N807 - the module hook's fixed name
        if name not in home:
            raise AttributeError(f"module {package!r} has no attribute {name!r}")
        value = getattr(importlib.import_module(f"{package}.{home[name]}"), name)
        namespace[name] = value  # the next use is an ordinary attribute
        return value

    return __getattr__, sorted(home)
