"""The observatory window (issue 14) on a real console against the real demo central: a
supervisor opens *Estadística → Observatorio…*, the map page draws the choropleth of
the 24 cuadrantes (counted in the page itself), the ranking shows the colonias where
the incidents were created, and *Carteles QR para las seleccionadas* saves one PDF with
the posters of the top three colonias' sectors (its pages read back with pdfinfo and
pdftotext). An operator's console does not offer the entry."""

from __future__ import annotations

import shutil
import subprocess

from PySide6.QtGui import QAction

from tests.central.helpers import client, key, post_commands
from tests.gui.console_harness import DEMO_PASSWORD, page_js, start_session, stop_session, until

# Points inside four cuadrantes of the demo (Mexicali) jurisdiction, and how many
# incidents each gets: the ranking is Santa Isabel (S6), Centro (S1), Libertad (S3)…
PLACES = [((32.5948, -115.4157), 4), ((32.6547, -115.4897), 3), ((32.6350, -115.4150), 2),
          ((32.6146, -115.5148), 1)]
TOP = [("Santa Isabel", "S6", 4), ("Centro", "S1", 3), ("Libertad", "S3", 2)]


async def create_incidents(api: str) -> None:
    async with client(api, "operadora1", DEMO_PASSWORD) as s:
        for (lat, lon), n in PLACES:
            for _ in range(n):
                (res,) = await post_commands(s, api, {
                    "key": key(), "type": "create_incident", "incident_id": key(),
                    "channel": "call_911", "type_code": "30502", "lat": lat, "lon": lon})
                assert res["outcome"] == "accepted", res


def test_a_supervisor_sees_the_ranking_and_prints_posters_for_the_top_three(
        qapp, qloop, demo_central, tmp_path):
    api = demo_central.api
    saved = tmp_path / "carteles" / "top3.pdf"

    async def scenario():
        await create_incidents(api)
        operator = await start_session(qapp, api, tmp_path / "op", user="operadora1")
        try:
            await until(lambda: operator.window.role == "operator", what="operator's role")
            entry = operator.window.findChild(QAction, "observatoryAction")
            assert entry is not None and not entry.isVisible()
        finally:
            await stop_session(operator)
        session = await start_session(qapp, api, tmp_path / "sup", user="supervisora1")
        try:
            window = session.window
            entry = await until(lambda: (a := window.findChild(QAction, "observatoryAction"))
                                and a.isVisible() and a, what="the Observatorio entry")
            menu = window.observatory_actions.menu
            assert menu.objectName() == "statsMenu" and entry in menu.actions()
            entry.trigger()
            obs = window.observatory_actions.observatory
            assert obs is not None and obs.isVisible()
            data = await until(lambda: obs.last, timeout=30, what="the central's answer")
            assert data["total"] == 10
            page = obs.map.web_page()
            drawn = await until(lambda: page_js(page, "window.c4obs && window.c4obs.polygonCount()"),
                                timeout=30, what="the choropleth drawn")
            assert drawn == 24
            assert await page_js(page, "window.c4obs.heatKind()") == "leaflet.heat"
            ranking = [(obs.ranking.item(r, 1).text(), obs.ranking.item(r, 2).text(),
                        int(obs.ranking.item(r, 3).text())) for r in range(obs.ranking.rowCount())]
            assert ranking[:3] == TOP and len(ranking) == 4
            assert sum(map(sum, obs.hours.grid)) == 10
            assert [m["count"] for m in obs.months.months][-1] == 10
            # The top three colonias selected, the C4's number, a place to save.
            chosen = obs.ranking.selectionModel()
            for row in range(3):
                chosen.select(obs.ranking.model().index(row, 0),
                              chosen.SelectionFlag.Select | chosen.SelectionFlag.Rows)
            assert obs.selected_sectors() == ["S6", "S1", "S3"]
            obs.phone.setText("+526861234567")
            obs.choose_path = lambda _parent, suggested: (
                saved if suggested.name == "carteles-qr-S6-S1-S3.pdf" else None)
            obs.posters_button.click()
            await until(lambda: saved.is_file() and saved.stat().st_size > 0, timeout=30,
                        what="the posters saved")
            assert "S6, S1, S3" in obs.status.text()
        finally:
            await stop_session(session)

    qloop.run_until_complete(scenario())
    assert shutil.which("pdfinfo") and shutil.which("pdftotext")
    info = subprocess.run(["pdfinfo", str(saved)], check=True, capture_output=True, text=True).stdout
    assert next(ln for ln in info.splitlines() if ln.startswith("Pages:")).split()[1] == "3"
    text = subprocess.run(["pdftotext", str(saved), "-"], check=True, capture_output=True,
                          text=True).stdout
    assert [ln.split()[1] for ln in text.splitlines() if ln.startswith("Sector ")] == ["S6", "S1", "S3"]
