"""The attacker of the open-data export (issue 14): she reads only the published cells
(``mes, colonia, incidentes`` rows) and tries to recover a suppressed one. Used by the
pure and the central tests."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Sequence


def published_grid(rows: Iterable[Sequence[object]]) -> dict[tuple[str, str], object]:
    """The published cells by (month, colonia)."""
    return {(str(m), str(c)): v for m, c, v in rows}


def csv_rows(data: bytes) -> list[list[str]]:
    """The data rows of an open-data CSV (header checked and dropped)."""
    rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig"))))
    assert rows[0] == ["mes", "colonia", "incidentes"], rows[0]
    return rows[1:]


def unrecoverable(grid: dict[tuple[str, str], object]) -> list[str]:
    """What an attacker with every row and column total (published anywhere) could recover:
    a row or column of more than one cell holding exactly one "<5" gives it away as the
    total minus the published cells. Returns those lines (empty: nothing recoverable)."""
    months = sorted({m for m, _ in grid})
    colonias = sorted({c for _, c in grid})
    leaks = []
    lines = ([("colonia", c, [(m, c) for m in months]) for c in colonias] if len(months) > 1 else [])
    lines += ([("mes", m, [(m, c) for c in colonias]) for m in months] if len(colonias) > 1 else [])
    for kind, name, cells in lines:
        hidden = [cell for cell in cells if grid[cell] == "<5"]
        if len(hidden) == 1:
            leaks.append(f"{kind} {name}: only {hidden[0]} suppressed")
    return leaks
