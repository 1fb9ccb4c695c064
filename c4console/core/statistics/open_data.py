"""Open data (issue 14, pure): incidents per colonia and month for the public observatory,
with no personal data and small counts suppressed so no woman can be identified.

The rule (docs/open_data.md says why):

- **whole months**: a period is widened to whole calendar months (no day is published,
  and two exports of overlapping periods cannot be subtracted to isolate a day);
- **every colonia of the jurisdiction** is a row, with or without incidents (a row that
  exists only because someone called would itself say so);
- **primary suppression**: every cell under :data:`THRESHOLD` — zero included — reads
  ``"<5"``: "<5" then means 0 to 4, so it never confirms that anyone called;
- **no totals** are published; and because a C4's monthly totals are published
  elsewhere (the period report, the national statistics), **complementary suppression**:
  every row and every column of more than one cell that holds a suppressed cell holds at
  least two, so no published total minus the published cells recovers one of them.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, timedelta

from c4console.core.statistics.period import ReportPeriod, ReportRefused, report_period

THRESHOLD = 5
SUPPRESSED = "<5"
NO_COLONIA = "(sin colonia)"
COLUMNS = ("mes", "colonia", "incidentes")


def open_data_period(first: str | date, last: str | date, tz: str) -> ReportPeriod:
    """The period from the month of ``first`` to the month of ``last``, whole months
    (``YYYY-MM`` or ``YYYY-MM-DD``); refused like a report's period (``bad_period``): not
    a month, the end before the start, over 5 years."""
    d0 = _month_start(first, "from")
    d1 = _month_start(last, "to")
    if d1.year >= 9999:
        raise ReportRefused("bad_period", f"to={d1.isoformat()[:7]!r} is too far away")
    nxt = date(d1.year + (d1.month == 12), d1.month % 12 + 1, 1)
    return report_period(d0, nxt - timedelta(days=1), tz)


def _month_start(value: str | date, name: str) -> date:
    """The first day of the month of ``value``; refused ``bad_period`` if it is none."""
    if isinstance(value, date):
        return value.replace(day=1)
    text = (value or "").strip() if isinstance(value, str) else ""
    try:
        if len(text) == 7:
            return date.fromisoformat(text + "-01")
        return date.fromisoformat(text).replace(day=1)
    except ValueError:
        raise ReportRefused("bad_period", f"{name}={str(value)[:40]!r} is not a date "
                                          "(YYYY-MM or YYYY-MM-DD)") from None


def months_of(period: ReportPeriod) -> tuple[str, ...]:
    """The months of a period as ``YYYY-MM``, in order."""
    out, day = [], period.first.replace(day=1)
    while day <= period.last:
        out.append(f"{day.year:04d}-{day.month:02d}")
        day = date(day.year + (day.month == 12), day.month % 12 + 1, 1)
    return tuple(out)


@dataclass(frozen=True, slots=True)
class OpenDataTable:
    """Counts per colonia (rows) and month (columns). ``counts[r][c]`` is the true count
    (never published as such); ``suppressed`` the (row, column) cells shown as "<5"."""

    months: tuple[str, ...]
    colonias: tuple[str, ...]
    counts: tuple[tuple[int, ...], ...]
    suppressed: frozenset[tuple[int, int]]

    def shown(self, r: int, c: int) -> str | int:
        """The published value of a cell: its count, or "<5"."""
        return SUPPRESSED if (r, c) in self.suppressed else self.counts[r][c]

    def cells(self) -> list[tuple[str, str, str | int]]:
        """The published cells, one per (month, colonia), months in order then colonias:
        the rows of the CSV (:data:`COLUMNS`)."""
        return [(m, col, self.shown(r, c)) for c, m in enumerate(self.months)
                for r, col in enumerate(self.colonias)]


def _lines(n_rows: int, n_cols: int) -> list[list[tuple[int, int]]]:
    """Every row and column of more than one cell, as lists of cells."""
    rows = [[(r, c) for c in range(n_cols)] for r in range(n_rows)] if n_cols > 1 else []
    cols = [[(r, c) for r in range(n_rows)] for c in range(n_cols)] if n_rows > 1 else []
    return rows + cols


def suppress(counts: Sequence[Sequence[int]]) -> frozenset[tuple[int, int]]:
    """The cells to suppress: every count under :data:`THRESHOLD`, then, until none is
    left, in any row or column holding exactly one suppressed cell also its smallest other
    cell (first in order on a tie) — so a total of that row or column, published anywhere,
    minus the published cells leaves at least two unknowns."""
    n_rows = len(counts)
    n_cols = len(counts[0]) if n_rows else 0
    hidden = {(r, c) for r in range(n_rows) for c in range(n_cols) if counts[r][c] < THRESHOLD}
    lines = _lines(n_rows, n_cols)
    changed = True
    while changed:
        changed = False
        for line in lines:
            inside = [cell for cell in line if cell in hidden]
            if len(inside) == 1:
                partner = min((cell for cell in line if cell not in hidden),
                              key=lambda cell: counts[cell[0]][cell[1]])
                hidden.add(partner)
                changed = True
    return frozenset(hidden)


def open_data_table(counts: Mapping[tuple[str, str], int], colonias: Iterable[str],
                    period: ReportPeriod) -> OpenDataTable:
    """The open-data table of a period from ``counts`` per (``YYYY-MM``, colonia): rows are
    ``colonias`` (every colonia of the jurisdiction) and any other colonia counted (an
    incident without one under :data:`NO_COLONIA`), sorted; columns the period's months."""
    months = months_of(period)
    merged: dict[tuple[str, str], int] = {}
    for (month, colonia), n in counts.items():
        key = (month, colonia or NO_COLONIA)
        merged[key] = merged.get(key, 0) + n
    names = {c for c in colonias if c} | {c for (_m, c) in merged}
    rows = tuple(sorted(names, key=lambda n: (n == NO_COLONIA, n.casefold(), n)))
    grid = tuple(tuple(merged.get((m, name), 0) for m in months) for name in rows)
    return OpenDataTable(months, rows, grid, suppress(grid))
