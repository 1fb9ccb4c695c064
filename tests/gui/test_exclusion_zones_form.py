"""The exclusion zones form through a real central (issue 17): a supervisor opens her case
in Expedientes, adds a 300 m circle at her home and a polygon drawn by clicks on the live
map, saves, and the central's exclusion_order record holds both; a polygon that crosses
itself is refused — by the form's own check and by the central — with the reason shown,
and the form keeps every zone."""

from __future__ import annotations

import pytest

from c4console.core.zones.geometry import self_crossing
from c4console.gui.cases.zone_actions import ZoneActions
from tests.central.helpers import client
from tests.gui.console_harness import DEMO_PASSWORD, demo_devices, page_js, start_session, stop_session, until

ROW = 63  # a woman with an order in force no other GUI test touches
HIS_TRACKER = "TOBILLERA-ZF-1"

_AT = """(function () {{
    var box = document.querySelector('.leaflet-container').getBoundingClientRect();
    var p = window.c4map.containerPoint({lat}, {lon});
    if (p.x < 0 || p.y < 0 || p.x > box.width || p.y > box.height) {{ return null; }}
    var at = {{bubbles: true, cancelable: true, view: window, button: 0,
              clientX: box.left + p.x, clientY: box.top + p.y}};
    var target = document.elementFromPoint(at.clientX, at.clientY);
    {events}.forEach(function (name) {{ target.dispatchEvent(new MouseEvent(name, at)); }});
    return true;
}}())"""


async def click_map(page, lat: float, lon: float, events=("click",)) -> None:
    """A mouse click (or double click) where (lat, lon) is drawn on the live map."""
    done = await page_js(page, _AT.format(lat=lat, lon=lon, events=list(events)))
    assert done is True, f"({lat}, {lon}) is not in the map's view"


async def draw_polygon(page, corners) -> None:
    """Click each corner; the last one is a double click (closes the outline)."""
    await until(lambda: page_js(page, "window.c4map.polygonPicking() !== null"), 10, "polygon pick on")
    for lat, lon in corners[:-1]:
        await click_map(page, lat, lon)
    await click_map(page, *corners[-1], events=("click", "click", "dblclick"))


async def central_order(api: str, record_id: str) -> dict | None:
    """The exclusion_order record as the central publishes it (read as the supervisor)."""
    found, since = None, 0
    async with client(api, "supervisora1", DEMO_PASSWORD) as sup:
        while True:
            async with sup.get(f"{api}/api/v1/changes?since={since}&limit=5000") as r:
                body = await r.json()
            for ch in body["changes"]:
                if ch["entity"] == "exclusion_order" and ch["id"] == record_id:
                    found = ch["data"]
            if not body["changes"] or body["last_seq"] >= body["head"]:
                return found
            since = body["last_seq"]


def test_supervisor_sets_a_circle_at_her_home_and_a_drawn_polygon(qapp, qloop, demo_central, tmp_path):
    row = demo_devices()[ROW]
    case_id, number = f"case-{row['beneficiary_id']}", row["order_number"]
    home = (float(row["home_lat"]), float(row["home_lon"]))
    assert ZoneActions.allowed("supervisor") and not ZoneActions.allowed("operator")

    async def scenario():
        s = await start_session(qapp, demo_central.api, tmp_path / "sup", "--operator", "supervisora1")
        w = s.window
        try:
            page = w.map_view.web_page()
            await until(w.map_view.is_ready, 30, "map page loaded")
            # Her children's school: a square around the middle of the map (its panel is narrow).
            mid = await page_js(page, "window.c4map.view()")
            square = [(mid["lat"] - 0.02, mid["lon"] - 0.02), (mid["lat"] - 0.02, mid["lon"] + 0.02),
                      (mid["lat"] + 0.02, mid["lon"] + 0.02), (mid["lat"] + 0.02, mid["lon"] - 0.02)]
            bow_tie = [square[0], square[2], square[1], square[3]]  # sides 1 and 3 cross
            assert self_crossing(bow_tie) is not None and self_crossing(square) is None
            await until(lambda: case_id in w.state.cases and row["beneficiary_id"] in w.state.beneficiaries,
                        15, "her case and record at the supervisor")
            w.cases_tool.open()
            panel = w.case_actions.panel
            panel.select_case(case_id)
            assert panel.zones.isVisibleTo(panel) and panel.order_choice.currentData() == number
            panel.zones.click()
            dialog = w.case_actions.zones.dialog
            assert dialog is not None and dialog.objectName() == "exclusionZonesDialog"
            assert dialog.list.count() == 0 and dialog.radius.value() == 500  # the default

            # A 300 m circle at her home.
            dialog.place.setCurrentIndex(dialog.place.findData("home"))
            dialog.radius.setValue(300)
            dialog.label.setText("Casa")
            dialog.ui.zonesAtAddress.click()
            assert dialog.list.count() == 1 and "300 m" in dialog.list.item(0).text()
            # A polygon drawn with clicks on the map (the last one a double click).
            dialog.place.setCurrentIndex(dialog.place.findData("school"))
            dialog.label.setText("Escuela de sus hijos")
            dialog.ui.zonesPolygon.click()
            await draw_polygon(page, square)
            await until(lambda: dialog.list.count() == 2, 10, "the polygon in the form")
            assert "4 esquinas" in dialog.list.item(1).text()
            await until(lambda: page_js(page, "window.c4map.draftZoneCount()"), 5, "zones drawn")
            dialog.keep_away.setValue(200)
            dialog.aggressor.setText(HIS_TRACKER)
            dialog.model.setText("tobillera")
            dialog.save_button.click()
            await until(lambda: w.case_actions.zones.dialog is None, 20, "saved and closed")

            held = await central_order(demo_central.api, f"zones-{case_id}-{number}")
            assert held is not None and held["case_id"] == case_id and held["order_number"] == number
            circle, polygon = held["zones"]
            assert (circle["kind"], circle["radius_m"], circle["place"], circle["label"]) == \
                ("circle", 300.0, "home", "Casa")
            assert (circle["lat"], circle["lon"]) == pytest.approx(home)
            assert polygon["kind"] == "polygon" and polygon["place"] == "school"
            assert [tuple(p) for p in polygon["points"]] == [pytest.approx(c, abs=2e-3) for c in square]
            assert held["keep_away_m"] == 200.0 and held["aggressor_device_ids"] == [HIS_TRACKER]
            await until(lambda: page_js(page, "window.c4map.draftZoneCount() === 0"), 5, "draft gone")

            # Again: the form shows what the order holds; a bow tie is refused at once.
            await until(lambda: f"zones-{case_id}-{number}" in w.state.exclusion_orders, 10, "held")
            panel.zones.click()
            dialog = w.case_actions.zones.dialog
            assert dialog.list.count() == 2 and dialog.aggressor.text() == HIS_TRACKER
            dialog.ui.zonesPolygon.click()
            await draw_polygon(page, bow_tie)
            await until(lambda: dialog.list.count() == 3, 10, "the bow tie in the form")
            dialog.save_button.click()
            assert "se cruza" in dialog.problem.text() and dialog.isVisible()
            assert dialog.list.count() == 3 and dialog.aggressor.text() == HIS_TRACKER
            # The central refuses it too (the form's check bypassed), shown in the form.
            fields = dialog.fields()
            dialog.save_button.setEnabled(False)
            dialog.problem.clear()
            dialog.submitted.emit(fields)
            await until(lambda: "La central rechazó" in dialog.problem.text(), 20, "central's refusal")
            assert "se cruza" in dialog.problem.text() and "crosses itself" in dialog.problem.text()
            assert dialog.save_button.isEnabled() and dialog.isVisible()
            assert dialog.list.count() == 3 and dialog.fields()["zones"] == fields["zones"]
            held = await central_order(demo_central.api, f"zones-{case_id}-{number}")
            assert len(held["zones"]) == 2  # unchanged
            dialog.reject()
        finally:
            await stop_session(s)

    qloop.run_until_complete(scenario())
