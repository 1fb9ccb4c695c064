"""The open-data table as bytes: CSV (one row per month and colonia, the project's
formula-escaping writer) or JSON. Neither carries when it was made, who asked, or
anything but the published cells: two exports of the same months are the same bytes."""

from __future__ import annotations

import io
import json

from c4console.core.csv_cells import csv_writer
from c4console.core.statistics.open_data import COLUMNS, SUPPRESSED, THRESHOLD, OpenDataTable
from c4console.core.statistics.period import ReportRefused

OPEN_DATA_FORMATS = ("csv", "json")
MEDIA_TYPES = {"csv": "text/csv; charset=utf-8", "json": "application/json"}
TITLE = "Incidentes de violencia de género atendidos por el C4, por colonia y mes"
RULE = (f"Celdas con menos de {THRESHOLD} incidentes (cero incluido) se publican como "
        f"\"{SUPPRESSED}\"; se suprime además una segunda celda en cada fila o columna que "
        "tendría una sola, y no se publican totales. Sin datos personales, sin fechas más "
        "finas que el mes, sin coordenadas ni identificadores. Sin activaciones de prueba.")


def to_csv(table: OpenDataTable) -> bytes:
    """UTF-8 CSV with BOM (spreadsheets read the accents): ``mes,colonia,incidentes``."""
    out = io.StringIO()
    writer = csv_writer(out, lineterminator="\r\n")
    writer.writerow(COLUMNS)
    writer.writerows(table.cells())
    return out.getvalue().encode("utf-8-sig")


def to_json(table: OpenDataTable) -> bytes:
    """UTF-8 JSON: title, months, the rule, columns and the published rows."""
    doc = {"title": TITLE, "from": table.months[0] if table.months else "",
           "to": table.months[-1] if table.months else "", "threshold": THRESHOLD,
           "suppressed": SUPPRESSED, "rule": RULE, "columns": list(COLUMNS),
           "rows": [list(cell) for cell in table.cells()]}
    return json.dumps(doc, ensure_ascii=False, indent=1).encode("utf-8")


def check_open_data_format(fmt: str) -> str:
    """The format, lower case; refused ``bad_format`` unless csv or json."""
    f = (fmt or "").strip().lower()
    if f not in OPEN_DATA_FORMATS:
        raise ReportRefused("bad_format", f"unknown format {str(fmt)[:20]!r} (known: "
                                          f"{', '.join(OPEN_DATA_FORMATS)})")
    return f


def render_open_data(table: OpenDataTable, fmt: str) -> bytes:
    """The table in ``fmt`` (checked by :func:`check_open_data_format`)."""
    return to_json(table) if fmt == "json" else to_csv(table)
