"""What the open-data export reads: each incident of the period's colonia and month —
nothing else (no id, no place, no time finer than the month) — counted per (month,
colonia), test activations left out; then the pure table (core/statistics/open_data.py)."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from datetime import datetime
from zoneinfo import ZoneInfo

from sqlalchemy import Engine, select

from c4console.central import schema as t
from c4console.central.reports.reads import created_in
from c4console.core.geo import Jurisdiction
from c4console.core.statistics.open_data import OpenDataTable, open_data_table
from c4console.core.statistics.period import ReportPeriod


def count_cells(engine: Engine, period: ReportPeriod) -> Counter[tuple[str, str]]:
    """Incidents created in the period (test activations left out) per (``YYYY-MM`` in the
    C4's time zone, colonia); a narrow read on the indexed ``incidents.created_at``."""
    c = t.incidents.c
    stmt = created_in(select(c.created_at, c.data["colonia"].as_string(),
                             c.data["test"].as_boolean()), period.starts_at, period.ends_at)
    zone = ZoneInfo(period.tz)
    counts: Counter[tuple[str, str]] = Counter()
    with engine.connect() as conn:
        for created, colonia, test in conn.execute(stmt):
            if not test:
                counts[(datetime.fromtimestamp(float(created), zone).strftime("%Y-%m"),
                        (colonia or "").strip())] += 1
    return counts


def colonias_of(jurisdiction: Jurisdiction | None) -> Iterable[str]:
    """Every colonia of the jurisdiction (the export's rows, with or without incidents)."""
    return {c.colonia for c in jurisdiction.cuadrantes} if jurisdiction else ()


def build_open_data(engine: Engine, period: ReportPeriod,
                    jurisdiction: Jurisdiction | None = None) -> OpenDataTable:
    """The open-data table of a period (run on a reader thread)."""
    return open_data_table(count_cells(engine, period), colonias_of(jurisdiction), period)
