"""Text for the PDFs the central lays out with fpdf2's core fonts (the referral letter, the
minutes of a coordination meeting).

The core fonts (Helvetica) print Latin-1, which holds Spanish (á é í ó ú ñ ü ¿ ¡ ·);
typographic dashes, ellipses and quotes become their plain forms, and anything else a name
may carry is replaced rather than failing the document.
"""

from __future__ import annotations

_SUBSTITUTES = {"—": "-", "–": "-", "…": "...", "“": '"', "”": '"', "‘": "'", "’": "'"}


def latin1(text: str) -> str:
    """``text`` as the core fonts can print it (see the module docstring)."""
    for a, b in _SUBSTITUTES.items():
        text = text.replace(a, b)
    return text.encode("latin-1", "replace").decode("latin-1")
