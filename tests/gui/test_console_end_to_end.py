"""The console end to end on a real central: an OsmAnd alarm reaches the queue and
the map, and the operator dispatches the recommended unit with three keys."""

from __future__ import annotations

import time

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest

from c4console.core.enums import Channel, Priority
from c4console.core.models import Unit
from c4console.core.recommend import rank_units
from tests.gui.console_harness import (
    demo_devices,
    get_json,
    osmand,
    page_js,
    start_session,
    stop_session,
    until,
)

CLICK = ("document.querySelector('[data-c4-kind=\"{0}\"][data-c4-id=\"{1}\"]')"
         ".dispatchEvent(new MouseEvent('click', {{bubbles: true, cancelable: true}}))")


async def _alarm(central, row) -> None:
    status, body = await osmand(central.osmand, id=row["device_id"], lat=row["home_lat"],
                                lon=row["home_lon"], timestamp=int(time.time()), alarm="sos")
    assert status == 200, body


def _incident_of(state, device_id):
    return next((i for i in state.incidents.values() if i.device_id == device_id), None)


def test_osmand_alarm_appears_in_queue_and_on_map(qapp, qloop, demo_central, tmp_path):
    async def scenario():
        session = await start_session(qapp, demo_central.api, tmp_path / "console")
        win = session.window
        try:
            page = win.map_view.web_page()
            await until(win.map_view.is_ready, 30, "map page loaded")
            await until(lambda: len(win.state.units) >= 12, 15, "units synced")
            row = demo_devices()[0]
            await _alarm(demo_central, row)
            inc = await until(lambda: _incident_of(win.state, row["device_id"]), 10,
                              "incident in the console state")
            assert inc.channel is Channel.PANIC_BUTTON and inc.priority is Priority.ALTA
            assert inc.type_code != "70104"
            assert win.queue_model.row_of(inc.id) >= 0
            assert inc.sector and inc.colonia
            await until(lambda: _has_marker(page, "incidents", inc.id), 10, "incident marker")
            units_in_page = await page_js(page, "window.c4map.markerIds().units")
            assert set(units_in_page) == {u.id for u in win.state.units.values()
                                          if u.lat is not None}
            # clicking the marker in the page selects the incident in the queue
            await page_js(page, "(" + CLICK.format("incident", inc.id) + ", 1)")
            await until(lambda: win.queue.current_incident() == inc.id, 5, "queue selection")
            assert win.detail.incident_id == inc.id
        finally:
            await stop_session(session)

    qloop.run_until_complete(scenario())


async def _has_marker(page, kind: str, iid: str) -> bool:
    ids = await page_js(page, f"window.c4map.markerIds().{kind}")
    return iid in (ids or [])


def test_keyboard_path_from_alarm_to_recommended_unit(qapp, qloop, demo_central, tmp_path):
    async def scenario():
        session = await start_session(qapp, demo_central.api, tmp_path / "console")
        win = session.window
        try:
            win.activateWindow()
            await until(lambda: len(win.state.units) >= 12, 15, "units synced")
            row = demo_devices()[5]
            await _alarm(demo_central, row)
            inc = await until(lambda: _incident_of(win.state, row["device_id"]), 10, "alarm")
            units = [Unit.from_wire(u) for u in
                     (await get_json(f"{demo_central.api}/api/v1/units"))["units"]]
            expected = rank_units(units, inc.lat, inc.lon)[0].unit.id

            QTest.keyClick(win, Qt.Key.Key_F2)  # 1: the new alarm
            assert win.detail.incident_id == inc.id
            QTest.keyClick(win, Qt.Key.Key_F3)  # 2: acknowledge
            QTest.keyClick(win, Qt.Key.Key_F4)  # 3: dispatch the recommended unit

            async def at_central():
                doc = await get_json(f"{demo_central.api}/api/v1/incidents/{inc.id}")
                return doc if doc.get("status") == "dispatched" else None

            doc = await until(at_central, 10, "dispatched at the central")
            assert doc["unit_id"] == expected
            await until(lambda: win.state.pending_count() == 0, 10, "outbox drained")
            assert win.state.incidents[inc.id].unit_id == expected
            assert win.state.units[expected].status.value == "assigned"
            timeline = win.state.timeline(inc.id)
            assert [e.kind for e in timeline][:3] == ["created", "acknowledged", "dispatched"]
            assert all(e.actor == "operadora1" for e in timeline[1:3])
        finally:
            await stop_session(session)

    qloop.run_until_complete(scenario())
