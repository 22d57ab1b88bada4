"""The demo workspace: a realistic cell (members, library, meetings) for a first look."""

from handbook_desktop.core.demo.loader import create_demo

__all__ = ["create_demo"]
