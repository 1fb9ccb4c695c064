"""Text for the PDFs the central lays out with fpdf2's core fonts (the referral letter, the
minutes of a coordination meeting).

The core fonts (Helvetica) print Latin-1, which holds Spanish (á é í ó ú ñ ü ¿ ¡ ·);
typographic dashes, ellipses and quotes become their plain forms, and anything else a name
may carry is replaced rather than failing the document.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from fpdf import FPDF

_SUBSTITUTES = {"—": "-", "–": "-", "…": "...", "“": '"', "”": '"', "‘": "'", "’": "'"}


def latin1(text: str) -> str:
    """``text`` as the core fonts can print it (see the module docstring)."""
    for a, b in _SUBSTITUTES.items():
        text = text.replace(a, b)
    return text.encode("latin-1", "replace").decode("latin-1")


def open_document(pdf: FPDF, title: str) -> float:
    """Start an A4 document: its title in the metadata and as the first line, in bold;
    returns the width of a line between the margins."""
    pdf.set_auto_page_break(True, margin=18)
    pdf.set_title(latin1(title))
    pdf.add_page()
    width = pdf.w - pdf.l_margin - pdf.r_margin
    pdf.set_font("Helvetica", "B", 15)
    pdf.multi_cell(width, 8, latin1(title), new_x="LMARGIN", new_y="NEXT")
    return width


def write_lines(pdf: FPDF, width: float, lines: Iterable[str], height: float = 6) -> None:
    """One paragraph per line, in the current font."""
    for line in lines:
        pdf.multi_cell(width, height, latin1(line), new_x="LMARGIN", new_y="NEXT")


def write_sections(pdf: FPDF, width: float, sections: Iterable[Any]) -> None:
    """Each section: its title in bold, then its lines."""
    for section in sections:
        pdf.ln(3)
        pdf.set_font("Helvetica", "B", 11)
        write_lines(pdf, width, [section.title])
        pdf.set_font("Helvetica", "", 11)
        write_lines(pdf, width, section.lines)
