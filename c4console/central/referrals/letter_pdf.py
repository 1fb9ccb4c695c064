"""The referral letter as a PDF (fpdf2, no Qt): lays out
:class:`c4console.core.referrals.letter.LetterContent` on A4.

The core fonts (Helvetica) print Latin-1 (central/pdf_text.py): anything else a name may
carry is replaced rather than failing the letter.
"""

from __future__ import annotations

from fpdf import FPDF

from c4console.central.pdf_text import open_document, write_lines, write_sections
from c4console.core.referrals.letter import LetterContent


def letter_pdf(content: LetterContent) -> bytes:
    """The PDF bytes of one referral letter."""
    pdf = FPDF(format="A4")
    width = open_document(pdf, content.title)
    pdf.set_font("Helvetica", "", 10)
    write_lines(pdf, width, [content.reference])
    pdf.ln(3)
    pdf.set_font("Helvetica", "", 11)
    write_lines(pdf, width, content.to)
    write_sections(pdf, width, content.sections)
    pdf.ln(8)
    write_lines(pdf, width, content.signed)
    return bytes(pdf.output())
