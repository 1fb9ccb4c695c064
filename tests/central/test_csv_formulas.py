"""No CSV the project writes lets a cell run as a spreadsheet formula (issue 16 point 15):
the audit export of a real central, with an incident id, a workstation and a unit id
an attacker chose. (The registry import report: tests/gui/test_registry_report_csv.py;
the helper itself: tests/core/test_csv_cells.py.)"""

from __future__ import annotations

import asyncio
import csv
import io

from tests.central.helpers import client, key, post_commands, running_central

# What spreadsheets run as a formula (c4console/core/csv_cells.py: FORMULA_STARTS).
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r", "\n", "\uff1d", "\uff0b", "\uff0d", "\uff20")
LINK = '=HYPERLINK("http://attacker.example/x","abrir")'


def _live(cell: str) -> bool:
    """True if a spreadsheet would run ``cell`` as a formula."""
    return cell.lstrip(" ").startswith(FORMULA_STARTS)


def test_the_audit_csv_escapes_every_text_column(tmp_path):
    async def main():
        async with running_central(tmp_path) as c:
            api = c.api_url
            async with client(api, "operadora1") as s:
                async with s.post(f"{api}/api/v1/commands", json={
                        "workstation": "@SUM(1+1)", "commands": [
                            {"key": key(), "type": "add_note", "incident_id": LINK, "text": "x"}]},
                        ) as r:
                    assert r.status == 200 and (await r.json())["results"][0]["outcome"] == "rejected"
                await post_commands(s, api, {"key": "-2+3", "type": "unit_status",
                                             "unit_id": " =1+1", "status": "available"})
            async with client(api, "admin1") as s, s.get(
                    f"{api}/api/v1/audit", params={"actor": "operadora1", "format": "csv"}) as r:
                assert r.status == 200
                rows = list(csv.reader(io.StringIO(await r.text())))
            cells = [cell for row in rows[1:] for cell in row]
            assert [cell for cell in cells if _live(cell)] == []
            by_action = {row[6]: row for row in rows[1:]}
            note = by_action["command.add_note"]
            assert note[7] == "'" + LINK  # the text is kept, behind an apostrophe
            assert note[4] == "'@SUM(1+1)"
            assert by_action["command.unit_status"][8] == "' =1+1"

    asyncio.run(main())
