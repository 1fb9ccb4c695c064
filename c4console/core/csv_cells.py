"""One way to write CSV the project hands to people: no cell runs as a formula (pure).

A spreadsheet opening a CSV runs a cell that starts with ``=``, ``+``, ``-``, ``@``
(and, in some, a tab or carriage return, or the full-width ``＝ ＋ － ＠``) as a
formula: ``=HYPERLINK("http://…", "abrir")`` in an incident id an attacker chose came
out as a live link in the audit export (issue 16 point 15). Every text cell goes
through :func:`safe_cell`, which prefixes such a cell with an apostrophe (OWASP's CSV
injection advice): the spreadsheet shows the text, nothing runs. Numbers stay numbers.
Every CSV writer of the project uses :func:`csv_writer` (grep for ``csv.writer``).
"""

from __future__ import annotations

import csv
from collections.abc import Iterable
from typing import IO, Any

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r", "\n", "\uff1d", "\uff0b", "\uff0d", "\uff20")


def safe_cell(value: Any) -> Any:
    """``value`` as a CSV cell: text a spreadsheet would run as a formula gets a leading ``'``.

    Leading blanks do not hide a formula (``" =1+1"`` is escaped too).
    """
    if isinstance(value, str) and value.lstrip(" ").startswith(FORMULA_STARTS):
        return "'" + value
    return value


class SafeWriter:
    """A ``csv.writer`` whose every text cell passes through :func:`safe_cell`."""

    def __init__(self, out: IO[str], **options: Any) -> None:
        self._writer = csv.writer(out, **options)

    def writerow(self, row: Iterable[Any]) -> None:
        """Write one row, its text cells escaped."""
        self._writer.writerow([safe_cell(v) for v in row])

    def writerows(self, rows: Iterable[Iterable[Any]]) -> None:
        """Write rows, their text cells escaped."""
        for row in rows:
            self.writerow(row)


def csv_writer(out: IO[str], **options: Any) -> SafeWriter:
    """The project's CSV writer: like ``csv.writer(out, **options)``, formulas escaped."""
    return SafeWriter(out, **options)
