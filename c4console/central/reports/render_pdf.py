"""The period report as a PDF for print (fpdf2, like the WhatsApp posters): a cover with
the period, then each table (title, rows, source, note) followed by its chart — one
matplotlib figure per chart, drawn with the Agg backend (no display, no Qt), in grey
tones that survive a black-and-white printer. DejaVu Sans (shipped with matplotlib) so
every accent prints."""

from __future__ import annotations

import io
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

from fpdf import FPDF

from c4console.core.statistics.tables import PeriodReport, Table

FONT = "DejaVu"


def _font_dir() -> Path:
    import matplotlib

    return Path(matplotlib.get_data_path()) / "fonts" / "ttf"


def _cell(value: object) -> str:
    if value is None:
        return "—"
    if isinstance(value, float):
        return f"{value:,.1f}"
    if isinstance(value, int):
        return f"{value:,}"
    return str(value)


def chart_png(table: Table) -> bytes | None:
    """A horizontal bar chart of the table's labelled rows (the Total row left out), as
    PNG; None when there is nothing to draw (every value zero or empty)."""
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure

    rows = [r for r in table.rows if r[0] != "Total" and isinstance(r[table.chart_column], int | float)]
    if not rows or not any(r[table.chart_column] for r in rows):
        return None
    labels = [str(r[0])[:40] for r in rows][::-1]
    values = [float(r[table.chart_column] or 0) for r in rows][::-1]
    fig = Figure(figsize=(7.0, 0.45 * len(rows) + 1.2), dpi=150)
    FigureCanvasAgg(fig)
    ax = fig.add_subplot()
    bars = ax.barh(labels, values, color="#555555")
    ax.bar_label(bars, labels=[_cell(int(v) if v.is_integer() else v) for v in values], padding=3,
                 fontsize=8)
    ax.set_title(table.title, fontsize=11)
    ax.set_xlabel(table.columns[table.chart_column], fontsize=9)
    ax.tick_params(labelsize=8)
    ax.spines[["top", "right"]].set_visible(False)
    ax.margins(x=0.15)
    if str(table.columns[table.chart_column]).startswith("%"):
        ax.set_xlim(0, 110)  # a share: the whole scale, room for the labels
    fig.tight_layout()
    out = io.BytesIO()
    fig.savefig(out, format="png")
    return out.getvalue()


def _table(pdf: FPDF, table: Table) -> None:
    pdf.set_font(FONT, "B", 12)
    pdf.multi_cell(0, 7, table.title, new_x="LMARGIN", new_y="NEXT")
    pdf.set_font(FONT, "", 9)
    first = 70 if len(table.columns) > 2 else 110
    rest = (pdf.epw - first) / max(1, len(table.columns) - 1)
    with pdf.table(col_widths=(first, *([rest] * (len(table.columns) - 1))),
                   text_align=("LEFT", *(["RIGHT"] * (len(table.columns) - 1))),
                   line_height=5.5, first_row_as_headings=True) as grid:
        grid.row([str(c) for c in table.columns])
        for row in table.rows:
            grid.row([_cell(v) for v in row])
    pdf.set_font(FONT, "", 8)
    pdf.multi_cell(0, 4.5, f"Fuente: {table.source}", new_x="LMARGIN", new_y="NEXT")
    if table.note:
        pdf.multi_cell(0, 4.5, f"Nota: {table.note}", new_x="LMARGIN", new_y="NEXT")
    pdf.ln(3)


def to_pdf(report: PeriodReport, c4_name: str = "C4") -> bytes:
    """The report as A4 PDF bytes."""
    fonts = _font_dir()
    pdf = FPDF(format="A4")
    pdf.add_font(FONT, "", str(fonts / "DejaVuSans.ttf"))
    pdf.add_font(FONT, "B", str(fonts / "DejaVuSans-Bold.ttf"))
    pdf.set_auto_page_break(True, margin=15)
    period = report.period
    made = datetime.fromtimestamp(report.generated_at, ZoneInfo(period.tz)).strftime("%Y-%m-%d %H:%M")
    pdf.add_page()
    pdf.set_font(FONT, "B", 18)
    pdf.multi_cell(0, 10, f"{c4_name}: {report.title}", new_x="LMARGIN", new_y="NEXT")
    pdf.set_font(FONT, "", 11)
    pdf.multi_cell(0, 6, f"Periodo: {period.label()}", new_x="LMARGIN", new_y="NEXT")
    pdf.multi_cell(0, 6, f"Generado el {made}, de los registros del propio C4 (base de datos de "
                         "la central). Cada tabla indica su fuente.", new_x="LMARGIN", new_y="NEXT")
    pdf.ln(4)
    for table in report.tables:
        if pdf.will_page_break(20 + 6 * len(table.rows)):
            pdf.add_page()
        _table(pdf, table)
        png = chart_png(table) if table.chart else None
        if png is not None:
            # The figure is 7 in wide, drawn 170 mm wide: its height keeps the ratio.
            bars = sum(1 for r in table.rows if r[0] != "Total")
            height = min(120.0, (0.45 * bars + 1.2) * 170 / 7.0)
            if pdf.will_page_break(height + 4):
                pdf.add_page()
            pdf.image(io.BytesIO(png), x=pdf.l_margin + (pdf.epw - 170) / 2, w=170, h=height)
            pdf.ln(4)
    return bytes(pdf.output())
