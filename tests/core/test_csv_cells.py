"""The one CSV helper: formula cells escaped, numbers kept (issue 16 point 15)."""

from __future__ import annotations

import csv
import io

from c4console.core.csv_cells import csv_writer, safe_cell


def test_the_one_helper_escapes_text_and_keeps_numbers():
    assert safe_cell("+52 686 555 0100") == "'+52 686 555 0100"
    assert safe_cell("\uff1dcmd|' /C calc'!A0") == "'\uff1dcmd|' /C calc'!A0"
    assert safe_cell("ordinario") == "ordinario" and safe_cell(-3) == -3 and safe_cell(1.5) == 1.5
    out = io.StringIO()
    csv_writer(out).writerows([["line", "device_id"], [4, "=1+1"]])
    assert list(csv.reader(io.StringIO(out.getvalue()))) == [["line", "device_id"], ["4", "'=1+1"]]
