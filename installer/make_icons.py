"""Renders resources/icons/so-tay-dang-vien.svg to the PNG sizes and the Windows .ico.

    uv run python installer/make_icons.py

The outputs are committed (a build needs no step of its own); run this again after editing the SVG.
"""

import os
import struct
import sys
from pathlib import Path

ICONS = Path(__file__).resolve().parents[1] / "resources" / "icons"
NAME = "so-tay-dang-vien"
SIZES = (16, 24, 32, 48, 64, 128, 256)


def render_pngs() -> dict[int, bytes]:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtCore import QBuffer, QByteArray, QIODevice, Qt
    from PySide6.QtGui import QGuiApplication, QImage, QPainter
    from PySide6.QtSvg import QSvgRenderer

    app = QGuiApplication.instance() or QGuiApplication(sys.argv[:1])  # noqa: F841 (QImage needs one)
    renderer = QSvgRenderer(str(ICONS / f"{NAME}.svg"))
    pngs = {}
    for size in SIZES:
        image = QImage(size, size, QImage.Format.Format_ARGB32)
        image.fill(Qt.GlobalColor.transparent)
        painter = QPainter(image)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        renderer.render(painter)
        painter.end()
        data = QByteArray()
        buffer = QBuffer(data)
        buffer.open(QIODevice.OpenModeFlag.WriteOnly)
        image.save(buffer, "PNG")
        pngs[size] = bytes(data)
    return pngs


def ico(pngs: dict[int, bytes]) -> bytes:
    """An ICO container of PNG entries (Windows Vista and later read them); 256 is written as 0."""
    header = struct.pack("<HHH", 0, 1, len(pngs))
    offset = len(header) + 16 * len(pngs)
    entries, images = b"", b""
    for size, png in sorted(pngs.items()):
        entries += struct.pack("<BBBBHHII", size % 256, size % 256, 0, 0, 1, 32, len(png), offset + len(images))
        images += png
    return header + entries + images


def main() -> None:
    pngs = render_pngs()
    for size, png in pngs.items():
        (ICONS / f"{NAME}-{size}.png").write_bytes(png)
    (ICONS / f"{NAME}.ico").write_bytes(ico(pngs))
    print(f"{len(pngs)} PNG files and {NAME}.ico in {ICONS}")


if __name__ == "__main__":
    main()
