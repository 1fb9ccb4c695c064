"""A console draws the jurisdiction its central uses, not the file shipped with it.

A real central started with ``--jurisdiction`` on a tiny two-sector file; a real console
logged in as an administrator (map, roster, sector drop targets and registry): its map
page holds those outlines and fits them, the roster and the drop targets offer those
sectors, the registry's home picker places a point in those colonias. Restarted with the
central stopped, the console uses the copy it kept; a console that never reached a central
falls back to the shipped jurisdiction and says so in the status bar.
"""

from __future__ import annotations

from c4console.resources import load_jurisdiction
from c4console.sync.processes import EmbeddedCentral
from tests.gui.console_harness import page_js, start_session, stop_session, until
from tests.jurisdiction_sample import COLONIAS, CUADRANTES, INSIDE, SECTORS, write_sample

# The cuadrantes of every GeoJSON layer folium put on the page (its layers are page globals).
OUTLINES = ("Object.keys(window).filter(function (k) { return k.indexOf('geo_json_') === 0 "
            "&& window[k] && window[k].getLayers; }).reduce(function (all, k) { return "
            "all.concat(window[k].getLayers().map(function (l) { "
            "return l.feature.properties.cuadrante; })); }, []).sort()")


async def _drawn(window) -> dict:
    """What the console shows of its jurisdiction: map outlines and centre, sectors offered."""
    await until(window.map_view.is_ready, 30, "map page loaded")
    page = window.map_view.web_page()
    await until(lambda: not window.units.sector_targets.isHidden(), 10, "sector drop targets")
    return {"outlines": await page_js(page, OUTLINES),
            "centre": await page_js(page, "window.c4map.view()"),
            "roster": list(window.roster.sectors),
            "targets": window.units.sector_targets.sectors(),
            "home picker": window.registry.panel.home_picker.jurisdiction.sectors()}


def _inside_sample(centre: dict) -> bool:
    return 19.405 <= centre["lat"] <= 19.445 and -99.15 <= centre["lon"] <= -99.13


def test_console_draws_the_centrals_jurisdiction_and_keeps_it_for_offline_starts(
        qapp, qloop, tmp_path):
    sample = write_sample(tmp_path / "maps" / "sample.geojson")
    central = EmbeddedCentral(tmp_path / "central-data", demo=True,
                              extra_args=["--jurisdiction", str(sample)])

    async def scenario():
        endpoints = await central.start_and_wait()
        session = await start_session(qapp, endpoints.api, tmp_path / "console", user="admin1")
        try:
            win = session.window
            assert win.state.jurisdiction.source == "central"
            drawn = await _drawn(win)
            assert drawn["outlines"] == CUADRANTES
            assert _inside_sample(drawn["centre"]), drawn["centre"]  # fitted to them, not Mexicali
            assert drawn["roster"] == drawn["targets"] == drawn["home picker"] == SECTORS
            picker = win.registry.panel.home_picker
            picker.load(*INSIDE[0], "Beneficiaria de prueba")
            assert COLONIAS[0] in picker.place.text() and CUADRANTES[0] in picker.place.text()
        finally:
            await stop_session(session)
        central.stop()

        # The central is gone: the console starts offline with the copy it kept.
        offline = await start_session(qapp, endpoints.api, tmp_path / "console", user="admin1")
        try:
            win = offline.window
            assert win.state.jurisdiction.source == "cache"
            win.apply_role("admin1", "admin")  # offline the role is unconfirmed: show all tools
            drawn = await _drawn(win)
            assert drawn["outlines"] == CUADRANTES and _inside_sample(drawn["centre"])
            assert drawn["roster"] == drawn["targets"] == drawn["home picker"] == SECTORS
        finally:
            await stop_session(offline)

        # Never reached a central and nothing kept: the shipped jurisdiction, and it says so.
        first = await start_session(qapp, endpoints.api, tmp_path / "fresh", user="admin1")
        try:
            win = first.window
            assert win.state.jurisdiction.source == "default"
            assert win.state.jurisdiction.sectors() == load_jurisdiction().sectors()
            assert "jurisdicción de ejemplo" in win.status.currentMessage()
        finally:
            await stop_session(first)

    try:
        qloop.run_until_complete(scenario())
    finally:
        central.stop()
