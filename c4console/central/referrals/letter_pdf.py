"""The referral letter as a PDF (fpdf2, no Qt): lays out
:class:`c4console.core.referrals.letter.LetterContent` on A4.

The core fonts (Helvetica) print Latin-1 (central/pdf_text.py): anything else a name may
carry is replaced rather than failing the letter.
"""

from __future__ import annotations

from fpdf import FPDF

from c4console.central.pdf_text import latin1
from c4console.core.referrals.letter import LetterContent


def letter_pdf(content: LetterContent) -> bytes:
    """The PDF bytes of one referral letter."""
    pdf = FPDF(format="A4")
    pdf.set_auto_page_break(True, margin=18)
    pdf.set_title(latin1(content.title))
    pdf.add_page()
    width = pdf.w - pdf.l_margin - pdf.r_margin
    pdf.set_font("Helvetica", "B", 15)
    pdf.multi_cell(width, 8, latin1(content.title), new_x="LMARGIN", new_y="NEXT")
    pdf.set_font("Helvetica", "", 10)
    pdf.multi_cell(width, 6, latin1(content.reference), new_x="LMARGIN", new_y="NEXT")
    pdf.ln(3)
    pdf.set_font("Helvetica", "", 11)
    for line in content.to:
        pdf.multi_cell(width, 6, latin1(line), new_x="LMARGIN", new_y="NEXT")
    for section in content.sections:
        pdf.ln(3)
        pdf.set_font("Helvetica", "B", 11)
        pdf.multi_cell(width, 6, latin1(section.title), new_x="LMARGIN", new_y="NEXT")
        pdf.set_font("Helvetica", "", 11)
        for line in section.lines:
            pdf.multi_cell(width, 6, latin1(line), new_x="LMARGIN", new_y="NEXT")
    pdf.ln(8)
    for line in content.signed:
        pdf.multi_cell(width, 6, latin1(line), new_x="LMARGIN", new_y="NEXT")
    return bytes(pdf.output())
