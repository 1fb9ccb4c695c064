"""The minutes of a coordination meeting as a PDF (fpdf2, no Qt): lays out
:class:`c4console.core.coordination.minutes.MinutesContent` on A4; unsigned minutes carry a
BORRADOR watermark on every page."""

from __future__ import annotations

from fpdf import FPDF

from c4console.central.pdf_text import latin1
from c4console.core.coordination.minutes import MinutesContent


class _Minutes(FPDF):
    draft = False

    def header(self) -> None:
        """Every page of a draft: BORRADOR across it, light grey, behind the text."""
        if not self.draft:
            return
        self.set_font("Helvetica", "B", 80)
        self.set_text_color(225, 225, 225)
        with self.rotation(45, self.w / 2, self.h / 2):
            self.text(self.w / 2 - 75, self.h / 2 + 10, "BORRADOR")
        self.set_text_color(0, 0, 0)


def minutes_pdf(content: MinutesContent) -> bytes:
    """The PDF bytes of one meeting's minutes."""
    pdf = _Minutes(format="A4")
    pdf.draft = content.draft
    pdf.set_auto_page_break(True, margin=18)
    pdf.set_title(latin1(content.title))
    pdf.add_page()
    width = pdf.w - pdf.l_margin - pdf.r_margin
    pdf.set_font("Helvetica", "B", 15)
    pdf.multi_cell(width, 8, latin1(content.title), new_x="LMARGIN", new_y="NEXT")
    if content.draft:  # also as text: the rotated watermark does not read back as a word
        pdf.multi_cell(width, 6, "BORRADOR - sin firma de quien preside", new_x="LMARGIN",
                       new_y="NEXT")
    pdf.set_font("Helvetica", "", 11)
    for line in content.header:
        pdf.multi_cell(width, 6, latin1(line), new_x="LMARGIN", new_y="NEXT")
    for section in content.sections:
        pdf.ln(3)
        pdf.set_font("Helvetica", "B", 11)
        pdf.multi_cell(width, 6, latin1(section.title), new_x="LMARGIN", new_y="NEXT")
        pdf.set_font("Helvetica", "", 11)
        for line in section.lines:
            pdf.multi_cell(width, 6, latin1(line), new_x="LMARGIN", new_y="NEXT")
    pdf.ln(8)
    pdf.set_font("Helvetica", "B", 11)
    if content.signature:
        pdf.multi_cell(width, 6, latin1(content.signature), new_x="LMARGIN", new_y="NEXT")
    return bytes(pdf.output())
