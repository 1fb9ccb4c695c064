"""What a report is made of: tables, each with its Spanish title, columns, rows, and the
records it was counted from; and, optionally, the chart that draws it."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from c4console.core.statistics.period import ReportPeriod

Cell = str | int | float | None


@dataclass(frozen=True, slots=True)
class Table:
    """One table: ``key`` (stable, machine name: a CSV file, an XLSX sheet), ``title`` and
    ``columns`` in Spanish, ``rows``, ``source`` (which records it counts), ``note`` (what
    a reader must know, e.g. that groups overlap), ``chart``: ``bar`` to draw the first
    column against ``chart_column`` (an index), or "" for none."""

    key: str
    title: str
    columns: tuple[str, ...]
    rows: tuple[tuple[Cell, ...], ...]
    source: str
    note: str = ""
    chart: str = ""
    chart_column: int = 1

    def value(self, label: str, column: int = 1) -> Cell:
        """The cell of the row whose first cell is ``label`` (KeyError if none)."""
        for row in self.rows:
            if row[0] == label:
                return row[column]
        raise KeyError(f"{self.key}: no row {label!r}")

    def to_wire(self) -> dict[str, Any]:
        """Plain dict for JSON."""
        return {"key": self.key, "title": self.title, "columns": list(self.columns),
                "rows": [list(r) for r in self.rows], "source": self.source, "note": self.note}


@dataclass(frozen=True, slots=True)
class PeriodReport:
    """The period report: its period, when it was made, and its tables in order."""

    period: ReportPeriod
    generated_at: float
    tables: tuple[Table, ...] = field(default_factory=tuple)
    title: str = "Informe del periodo"

    def table(self, key: str) -> Table:
        """The table with this key (KeyError if none)."""
        for t in self.tables:
            if t.key == key:
                return t
        raise KeyError(key)

    def to_wire(self) -> dict[str, Any]:
        """Plain dict for JSON."""
        return {"title": self.title, "from": self.period.first.isoformat(),
                "to": self.period.last.isoformat(), "tz": self.period.tz,
                "starts_at": self.period.starts_at, "ends_at": self.period.ends_at,
                "generated_at": self.generated_at, "tables": [t.to_wire() for t in self.tables]}
