"""Sổ tay đảng viên — the desktop handbook for Party cell secretaries."""

__version__ = "0.1.0"
APP_ID = "so-tay-dang-vien"
