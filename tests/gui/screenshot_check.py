"""What a `c4console --demo --screenshot` PNG must show (shared by the screenshot tests)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtGui import QImage


def assert_console_with_map(png: Path) -> None:
    """The whole window was saved and is not a blank widget: many distinct colours. (This
    alone does not prove the map loaded — the console's own colours pass it: callers also
    check the log says "map page ready".)"""
    img = QImage(str(png))
    assert not img.isNull() and img.width() >= 1200 and img.height() >= 700
    colours = {img.pixel(x, y) for x in range(0, img.width(), 7) for y in range(0, img.height(), 7)}
    assert len(colours) > 50
