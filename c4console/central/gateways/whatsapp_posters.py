"""QR posters for the WhatsApp channel: one PDF per sector of the jurisdiction.

Each poster carries a QR code (segno) for ``https://wa.me/<phone>?text=<prefilled text>``
whose text ends with the sector code (``Hola C4 [S3]``): a chat started from it opens
its incident already in that sector (see gateways/whatsapp.py). PDF by fpdf2, no Qt.
"""

from __future__ import annotations

import io
from pathlib import Path
from urllib.parse import quote

import segno
from fpdf import FPDF

PREFILL = "Hola C4, necesito ayuda [{sector}]"


def wa_link(phone: str, sector: str) -> str:
    """The wa.me link of a sector's poster (``phone`` in E.164, with or without +)."""
    digits = phone.strip().lstrip("+").replace(" ", "")
    if not digits.isdigit() or not 7 <= len(digits) <= 15:
        raise ValueError(f"{phone!r} is not an E.164 phone number")
    return f"https://wa.me/{digits}?text={quote(PREFILL.format(sector=sector))}"


def _draw(pdf: FPDF, sector: str, link: str) -> None:
    """One A4 page of ``pdf``: the poster of ``sector`` with the QR code of ``link``."""
    png = io.BytesIO()
    segno.make(link, error="m").save(png, kind="png", scale=20, border=4)
    png.seek(0)
    pdf.add_page()
    pdf.set_font("Helvetica", "B", 30)
    pdf.set_y(20)
    pdf.cell(0, 14, "C4 Mexicali", align="C", new_x="LMARGIN", new_y="NEXT")
    pdf.set_font("Helvetica", "B", 20)
    pdf.multi_cell(0, 10, "Si vives violencia, escríbenos por WhatsApp", align="C")
    pdf.image(png, x=45, y=62, w=120, h=120)
    pdf.set_y(188)
    pdf.set_font("Helvetica", "", 15)
    pdf.multi_cell(0, 8, "Escanea el código con tu teléfono, envía el mensaje y comparte tu "
                         "ubicación. Una operadora te atiende y una patrulla va en camino.",
                   align="C")
    pdf.ln(6)
    pdf.set_font("Helvetica", "B", 16)
    pdf.cell(0, 10, f"Sector {sector}  ·  En emergencia llama al 911", align="C")


def _document() -> FPDF:
    pdf = FPDF(format="A4")
    pdf.set_auto_page_break(False)
    return pdf


def poster(path: Path, sector: str, link: str) -> Path:
    """Write one A4 poster with the QR code of ``link``."""
    pdf = _document()
    _draw(pdf, sector, link)
    path.parent.mkdir(parents=True, exist_ok=True)
    pdf.output(str(path))
    return path


def posters_pdf(phone: str, sectors: list[str]) -> bytes:
    """One PDF with a poster page per sector, in the order given (the observatory's
    *Carteles QR*: the sectors of the colonias chosen)."""
    pdf = _document()
    for sector in sectors:
        _draw(pdf, sector, wa_link(phone, sector))
    return bytes(pdf.output())


def write_posters(out: Path, phone: str, sectors: list[str]) -> list[Path]:
    """One poster per sector in ``out`` (``poster-S1.pdf`` …)."""
    return [poster(out / f"poster-{s}.pdf", s, wa_link(phone, s)) for s in sectors]
