"""The minutes of a coordination meeting as a PDF (fpdf2, no Qt): lays out
:class:`c4console.core.coordination.minutes.MinutesContent` on A4; unsigned minutes carry a
BORRADOR watermark on every page."""

from __future__ import annotations

from fpdf import FPDF

from c4console.central.pdf_text import open_document, write_lines, write_sections
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
    width = open_document(pdf, content.title)
    if content.draft:  # also as text: the rotated watermark does not read back as a word
        write_lines(pdf, width, ["BORRADOR - sin firma de quien preside"])
    pdf.set_font("Helvetica", "", 11)
    write_lines(pdf, width, content.header)
    write_sections(pdf, width, content.sections)
    pdf.ln(8)
    pdf.set_font("Helvetica", "B", 11)
    if content.signature:
        write_lines(pdf, width, [content.signature])
    return bytes(pdf.output())
