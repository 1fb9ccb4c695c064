"""The registry form in a real console on a real central, with the real map page: her
device's identifier (read-only), model and delivery date are shown and saved; "Elegir en
el mapa" puts the map in pick mode, a click in the page (through the page's own bridge)
becomes her home with the colonia of the jurisdiction there, her home marker follows,
Esc cancels, and saving sends it all to the central."""

from __future__ import annotations

import csv

from PySide6.QtCore import QDate

from c4console.resources import RESOURCES, load_jurisdiction
from tests.gui.console_harness import get_json, page_js, start_session, stop_session, until


def _roster() -> dict[str, dict[str, str]]:
    with open(RESOURCES / "demo" / "beneficiaries.csv", encoding="utf-8") as f:
        return {r["beneficiary_id"]: r for r in csv.DictReader(f)}


async def click_map(page, lat: float, lon: float) -> str:
    """A DOM click where (lat, lon) is drawn, on the element there (as a mouse would)."""
    return await page_js(page, f"""(function () {{
        var box = document.querySelector('.leaflet-container').getBoundingClientRect();
        var p = window.c4map.containerPoint({lat}, {lon});
        var at = {{bubbles: true, cancelable: true, view: window, button: 0,
                  clientX: box.left + p.x, clientY: box.top + p.y}};
        var target = document.elementFromPoint(at.clientX, at.clientY);
        if (!target) {{ return 'outside'; }}
        target.dispatchEvent(new MouseEvent('click', at));
        return target.tagName;
    }}())""")


def test_device_fields_and_home_picked_on_the_map_are_saved(qapp, qloop, demo_central, tmp_path):
    roster = _roster()
    her, other = roster["B0001"], roster["B0002"]
    assert her["colonia"] != other["colonia"] and her["delivered_on"]

    async def scenario():
        sup = await start_session(qapp, demo_central.api, tmp_path / "sup", user="supervisora1")
        api = demo_central.api
        try:
            win = sup.window
            await until(lambda: sup.engine.client is not None
                        and sup.engine.client.info is not None, 15, "supervisor logged in")
            await until(win.map_view.is_ready, 30, "map page loaded")
            page = win.map_view.web_page()
            tools = win.registry
            tools.action.trigger()
            panel = tools.panel
            await until(lambda: "B0001" in panel.visible_ids()
                        and her["device_id"] in sup.window.state.devices, 15, "her record and device")
            panel.select("B0001")

            dev = panel.device
            assert dev.device_id.text() == her["device_id"] and dev.device_id.isReadOnly()
            assert dev.model.text() == her["device_model"]
            assert dev.delivered_on() == her["delivered_on"]
            home = await page_js(page, "window.c4map.homeInfo()")
            assert (home["lat"], home["lon"]) == (float(her["home_lat"]), float(her["home_lon"]))
            assert "Martha Leyva Rivera" in home["label"]
            assert panel.place.text().endswith(her["colonia"])

            dev.model.setText("EV-07B Plus")
            dev.delivered.setDate(QDate(2026, 5, 2))

            # Pick mode: banner and crosshair on the map; Esc in the page cancels.
            panel.pick_button.click()
            assert win.map_view.is_picking()
            await until(lambda: page_js(page, "window.c4map.picking()"), 5, "page in pick mode")
            banner = await page_js(page, "document.querySelector('.c4-pick-banner').textContent")
            assert "Martha Leyva Rivera" in banner
            await page_js(page, "document.dispatchEvent(new KeyboardEvent('keydown', "
                                "{key: 'Escape', bubbles: true})) && true")
            await until(lambda: not win.map_view.is_picking(), 5, "Esc cancelled the pick")
            assert panel.pick_button.text() == "Elegir en el mapa"

            # Pick again and click where B0002 lives (another colonia).
            panel.pick_button.click()
            await until(lambda: page_js(page, "window.c4map.picking()"), 5, "page in pick mode")
            lat, lon = float(other["home_lat"]), float(other["home_lon"])
            assert await click_map(page, lat, lon) != "outside"
            await until(lambda: panel.home.text() != f"{her['home_lat']}, {her['home_lon']}"
                        and not win.map_view.is_picking(), 5, "the click came back to the form")
            got_lat, got_lon = (float(x) for x in panel.home.text().split(","))
            assert abs(got_lat - lat) < 5e-4 and abs(got_lon - lon) < 5e-4
            place = load_jurisdiction().locate(got_lat, got_lon)
            assert place is not None and panel.fields["colonia"].text() == place.colonia
            assert panel.place.text() == (f"Sector {place.sector} · Cuadrante {place.cuadrante} "
                                          f"· Colonia {place.colonia}")
            await until(lambda: page_js(page, f"window.c4map.homeInfo().lat === {got_lat}"), 5,
                        "her home marker moved to the picked point")

            since = win.state.cursor
            panel.save.click()

            async def saved():
                changes = (await get_json(f"{api}/api/v1/changes?since={since}&limit=5000",
                                          user="supervisora1"))["changes"]
                ben = [c["data"] for c in changes if c["entity"] == "beneficiary"
                       and c["data"]["id"] == "B0001"]
                device = [c["data"] for c in changes if c["entity"] == "device"
                          and c["data"]["id"] == her["device_id"]]
                return (ben[-1], device[-1]) if ben and device else None
            ben, device = await until(saved, 15, "the central has her home and device")
            assert (ben["home_lat"], ben["home_lon"]) == (got_lat, got_lon)
            assert ben["colonia"] == place.colonia
            assert (device["model"], device["delivered_on"]) == ("EV-07B Plus", "2026-05-02")

            # "Sin fecha" clears the delivery date.
            await until(lambda: win.state.devices[her["device_id"]].model == "EV-07B Plus", 15,
                        "the device back in the console")
            dev.no_date.click()
            assert dev.delivered_on() == "" and dev.fields()["device_delivered_on"] == ""

            # The form closed: no home marker on the map.
            tools.dock.hide()
            await until(lambda: page_js(page, "window.c4map.homeInfo() === null"), 5,
                        "home marker gone with the form")
        finally:
            await stop_session(sup)

    qloop.run_until_complete(scenario())
