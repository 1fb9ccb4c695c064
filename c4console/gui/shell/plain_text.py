"""Labels show text, never markup (issue 16 point 18).

A QLabel's default ``Qt.AutoText`` renders anything that looks like HTML as rich text:
a WhatsApp profile name ``<b>…</b><img src=…>`` chosen by whoever writes to the C4
came out bold, with an image, in the chat header. Every label of the console is
made plain text by :func:`plain_labels` (the main window, each role dock, each
dialog); a label whose rich text the console builds itself from escaped data opts out
with the dynamic property :data:`RICH_TEXT` set to True.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QWidget

RICH_TEXT = "c4RichText"  # dynamic property: this label's markup is the console's own


def plain_labels(root: QWidget) -> int:
    """Make ``root`` (if a label) and every label under it plain text, except the ones
    marked :data:`RICH_TEXT`; returns how many were set."""
    labels = [root] if isinstance(root, QLabel) else []
    n = 0
    for label in [*labels, *root.findChildren(QLabel)]:
        if not label.property(RICH_TEXT):
            label.setTextFormat(Qt.TextFormat.PlainText)
            n += 1
    return n
