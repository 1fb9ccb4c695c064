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
    js,
    osmand,
    start_session,
    stop_session,
    wait,
)


def _alarm(qloop, demo_central, row) -> None:
    status, body = qloop.run_until_complete(osmand(
        demo_central.osmand, id=row["device_id"], lat=row["home_lat"], lon=row["home_lon"],
        timestamp=int(time.time()), alarm="sos"))
    assert status == 200, body


def test_osmand_alarm_appears_in_queue_and_on_map(qapp, qloop, demo_central, tmp_path):
    session = start_session(qapp, qloop, demo_central.api, tmp_path / "console")
    win = session.window
    try:
        map_view = win.map_view
        wait(qloop, map_view.is_ready, 30, "map page loaded")
        wait(qloop, lambda: len(session.window.state.units) >= 12, 15, "units synced")
        row = demo_devices()[0]
        _alarm(qloop, demo_central, row)
        state = win.state
        wait(qloop, lambda: any(i.device_id == row["device_id"] for i in state.incidents.values()),
             10, "incident in the console state")
        inc = next(i for i in state.incidents.values() if i.device_id == row["device_id"])
        assert inc.channel is Channel.PANIC_BUTTON and inc.priority is Priority.ALTA
        assert inc.type_code != "70104"
        assert win.queue_model.row_of(inc.id) >= 0
        assert inc.sector and inc.colonia
        wait(qloop, lambda: inc.id in (js(qloop, map_view.web_page(),
                                          "window.c4map.markerIds().incidents") or []),
             10, "incident marker in the page")
        units_in_page = js(qloop, map_view.web_page(), "window.c4map.markerIds().units")
        assert set(units_in_page) == {u.id for u in state.units.values() if u.lat is not None}
        # clicking the marker in the page selects the incident in the queue
        js(qloop, map_view.web_page(),
           f"document.querySelector('[data-c4-kind=\"incident\"][data-c4-id=\"{inc.id}\"]')"
           ".dispatchEvent(new MouseEvent('click', {bubbles: true, cancelable: true}))")
        wait(qloop, lambda: win.queue.current_incident() == inc.id, 5, "queue selection")
        assert win.detail.incident_id == inc.id
    finally:
        stop_session(qloop, session)


def test_keyboard_path_from_alarm_to_recommended_unit(qapp, qloop, demo_central, tmp_path):
    session = start_session(qapp, qloop, demo_central.api, tmp_path / "console")
    win = session.window
    try:
        win.activateWindow()
        wait(qloop, lambda: len(win.state.units) >= 12, 15, "units synced")
        row = demo_devices()[5]
        _alarm(qloop, demo_central, row)
        wait(qloop, lambda: any(i.device_id == row["device_id"] for i in win.state.incidents.values()),
             10, "alarm in the queue")
        inc = next(i for i in win.state.incidents.values() if i.device_id == row["device_id"])
        units = [Unit.from_wire(u) for u in qloop.run_until_complete(
            get_json(f"{demo_central.api}/api/v1/units"))["units"]]
        expected = rank_units(units, inc.lat, inc.lon)[0].unit.id

        QTest.keyClick(win, Qt.Key.Key_F2)  # 1: the new alarm
        assert win.detail.incident_id == inc.id
        QTest.keyClick(win, Qt.Key.Key_F3)  # 2: acknowledge
        QTest.keyClick(win, Qt.Key.Key_F4)  # 3: dispatch the recommended unit

        def dispatched():
            doc = qloop.run_until_complete(get_json(f"{demo_central.api}/api/v1/incidents/{inc.id}"))
            return doc.get("status") == "dispatched" and doc

        wait(qloop, lambda: bool(dispatched()), 10, "dispatched at the central")
        assert dispatched()["unit_id"] == expected
        wait(qloop, lambda: win.state.pending_count() == 0, 10, "outbox drained")
        assert win.state.incidents[inc.id].unit_id == expected
        assert win.state.units[expected].status.value == "assigned"
        timeline = [e.kind for e in win.state.timeline(inc.id)]
        assert timeline[:3] == ["created", "acknowledged", "dispatched"]
        assert all(e.actor == "operadora1" for e in win.state.timeline(inc.id)[1:3])
    finally:
        stop_session(qloop, session)
