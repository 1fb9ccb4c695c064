"""Render c4console.svg into the PNG beside it: the Linux menus and AppStream use it, and
PyInstaller turns it into the Windows executable's icon (with Pillow, which fpdf2 brings).
The PNG is committed; run again after editing the SVG: ``python packaging/icons/make_icons.py``."""

from __future__ import annotations

import sys
from pathlib import Path

from PySide6.QtCore import QByteArray, Qt
from PySide6.QtGui import QGuiApplication, QImage, QImageWriter, QPainter
from PySide6.QtSvg import QSvgRenderer

HERE = Path(__file__).resolve().parent


def render(svg: Path, size: int) -> QImage:
    """The SVG drawn on a transparent square of ``size`` pixels."""
    image = QImage(size, size, QImage.Format.Format_ARGB32)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    QSvgRenderer(QByteArray(svg.read_bytes())).render(painter)
    painter.end()
    return image


def main() -> int:
    """Write c4console.png (256 px)."""
    app = QGuiApplication(sys.argv[:1] + ["-platform", "offscreen"])  # noqa: F841 - Qt needs one
    svg = HERE / "c4console.svg"
    image = render(svg, 256)
    writer = QImageWriter(str(HERE / "c4console.png"), QByteArray(b"png"))
    if not writer.write(image):
        print(f"c4console.png: {writer.errorString()}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
