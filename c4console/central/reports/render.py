"""The period report as bytes: JSON, CSV (a zip of one CSV per table), XLSX (one sheet per
table). The PDF is in ``render_pdf`` (it draws charts). :func:`render` picks by format."""

from __future__ import annotations

import csv
import io
import json
import zipfile

from c4console.core.csv_cells import safe_cell
from c4console.core.statistics.tables import PeriodReport, Table

MEDIA_TYPES = {"json": "application/json", "csv": "application/zip",
               "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
               "pdf": "application/pdf"}
EXTENSIONS = {"json": "json", "csv": "zip", "xlsx": "xlsx", "pdf": "pdf"}


def to_json(report: PeriodReport) -> bytes:
    """The report as UTF-8 JSON (``PeriodReport.to_wire``)."""
    return json.dumps(report.to_wire(), ensure_ascii=False, indent=1).encode("utf-8")


def _csv_text(table: Table) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow([safe_cell(c) for c in table.columns])
    writer.writerows([["" if v is None else safe_cell(v) for v in row] for row in table.rows])
    return out.getvalue()


def _about(report: PeriodReport) -> str:
    lines = [report.title, f"Periodo: {report.period.label()}", ""]
    for n, table in enumerate(report.tables, start=1):
        lines += [f"{n:02d}_{table.key}.csv: {table.title}", f"  Fuente: {table.source}"]
        if table.note:
            lines.append(f"  Nota: {table.note}")
    return "\r\n".join(lines) + "\r\n"


def to_csv_zip(report: PeriodReport) -> bytes:
    """A zip of one CSV per table (``01_personas.csv`` …, UTF-8 with BOM so spreadsheets
    read the accents; a header row, then the rows) and ``LEEME.txt`` naming each file's
    title, source and note. One file per table because the tables have different columns."""
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("LEEME.txt", _about(report).encode("utf-8-sig"))
        for n, table in enumerate(report.tables, start=1):
            z.writestr(f"{n:02d}_{table.key}.csv", _csv_text(table).encode("utf-8-sig"))
    return buf.getvalue()


def to_xlsx(report: PeriodReport) -> bytes:
    """An XLSX workbook: a sheet ``informe`` (title, period, sources) then one sheet per
    table, named by its key, with the title, the header row, the rows and the source."""
    from openpyxl import Workbook
    from openpyxl.styles import Font

    book = Workbook()
    about = book.active
    about.title = "informe"
    about.append([report.title])
    about["A1"].font = Font(bold=True, size=14)
    about.append([f"Periodo: {report.period.label()}"])
    about.append([])
    about.append(["Hoja", "Tabla", "Fuente"])
    for table in report.tables:
        about.append([table.key, table.title, table.source])
    for table in report.tables:
        sheet = book.create_sheet(table.key[:31])
        sheet.append([table.title])
        sheet["A1"].font = Font(bold=True)
        sheet.append([safe_cell(c) for c in table.columns])
        for cell in sheet[2]:
            cell.font = Font(bold=True)
        for row in table.rows:
            sheet.append([safe_cell(v) for v in row])
        sheet.append([])
        sheet.append([f"Fuente: {table.source}"])
        if table.note:
            sheet.append([f"Nota: {table.note}"])
        sheet.column_dimensions["A"].width = 48
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def render(report: PeriodReport, fmt: str) -> bytes:
    """The report in ``fmt`` (json, csv, xlsx, pdf; checked by core/statistics/period.py)."""
    if fmt == "json":
        return to_json(report)
    if fmt == "csv":
        return to_csv_zip(report)
    if fmt == "xlsx":
        return to_xlsx(report)
    from c4console.central.reports.render_pdf import to_pdf

    return to_pdf(report)
