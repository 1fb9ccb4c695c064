"""Take personal data out of log lines: coordinates and phone numbers (pure).

Issue 16 point 19: an SOS logged where she was (to the metre) and SMS and WhatsApp
lines logged her and her contacts' numbers; logs travel to places the case file never
goes (support tickets, log shippers). Device ids (15-digit IMEIs), incident folios
(``C4-YYYYMMDD-NNNNN``), session ids and times stay readable: they are what an
operator of the system needs, and they say nothing about her without the database.

:func:`redact` is the safety net the central's log handlers run every line through;
the log calls themselves leave the data out in the first place.
"""

from __future__ import annotations

import re

COORDINATE = "[coord]"
PHONE = "[tel]"

# A decimal degree with 4 or more decimals (~11 m): what a position is written as.
_COORDINATE = re.compile(r"(?<![\w.])-?\d{1,3}\.\d{4,}(?![\d.])")
# +52 686 555 0100, +5216865550123, 686-555-0100, 686 555 0100, (686) 555-0100, 6865550100,
# 5216865550123.
# Not 15 digits (a device's IMEI) nor 8 (a folio's date) nor a date or a time.
_PHONE = re.compile(
    r"\+\d{1,3}(?:[ \-]?\d){7,12}(?!\d)"
    r"|(?<![\w\-+])\d{3}[ \-]\d{3}[ \-]\d{4}(?![\w\-])"
    r"|\(\d{2,3}\) ?\d{3,4}[ \-]?\d{4}(?!\d)"
    r"|(?<![\w\-+])(?:\d{10}|\d{12}|\d{13})(?![\w\-])")


def redact(text: str) -> str:
    """``text`` with coordinates and phone numbers replaced by ``[coord]`` and ``[tel]``."""
    return _PHONE.sub(PHONE, _COORDINATE.sub(COORDINATE, text))
