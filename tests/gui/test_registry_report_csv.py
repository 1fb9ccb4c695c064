"""The registry import report saved as CSV escapes formula cells (issue 16 point 15): a
device id or a reason taken from the imported file never runs in a spreadsheet."""

from __future__ import annotations

import csv

from c4console.gui.registry.registry_import import ImportReportDialog
from c4console.sync.devices_import import ImportReport, ImportRow


def test_the_saved_report_escapes_formula_cells(qapp, tmp_path):
    report = ImportReport("entregas.csv", {"refused": 2}, (
        ImportRow(2, '=HYPERLINK("http://x.example","y")', "refused", "+device id not numeric"),
        ImportRow(3, "861234990000001", "refused", "@bad date")))
    dialog = ImportReportDialog(report)
    try:
        dialog.save(tmp_path / "reporte.csv")
        with (tmp_path / "reporte.csv").open(encoding="utf-8", newline="") as f:
            rows = list(csv.reader(f))
    finally:
        dialog.deleteLater()
    assert rows == [["line", "device_id", "outcome", "reason"],
                    ["2", '\'=HYPERLINK("http://x.example","y")', "refused",
                     "'+device id not numeric"],
                    ["3", "861234990000001", "refused", "'@bad date"]]
