"""An active alarm's trail on the map (a polyline the page draws), its confirmed location
and live position both shown, and a device's test activation marked TEST in the queue."""

from __future__ import annotations

import time

from PySide6.QtCore import Qt

from c4console.core.changes import Change
from c4console.core.enums import Channel, IncidentStatus, Priority
from c4console.core.models import Incident
from c4console.gui.incidents.queue_model import Col, IncidentQueueModel
from c4console.gui.map.payload import incident_payload
from c4console.resources import load_catalogue
from c4console.sync.state import ConsoleState
from tests.gui.console_harness import (
    demo_devices,
    get_json,
    osmand,
    page_js,
    start_session,
    stop_session,
    until,
)

LAT, LON = 32.63, -115.45


def _incident(**kw) -> Incident:
    return Incident(id="i1", folio="C4-i1", type_code="30903", priority=Priority.ALTA,
                    channel=Channel.PANIC_BUTTON, status=IncidentStatus.NEW, created_at=0.0,
                    lat=LAT, lon=LON, **kw)


def test_payload_sends_the_trail_and_the_test_mark():
    assert "trail" not in incident_payload(_incident(trail=((LAT, LON, 1.0),)))  # one point: no line
    p = incident_payload(_incident(trail=((LAT, LON, 1.0), (LAT + 0.001, LON, 2.0),
                                          (float("nan"), LON, 3.0))))
    assert p["trail"] == [[LAT, LON], [LAT + 0.001, LON]]  # unusable points left out
    assert "test" not in p and incident_payload(_incident(test=True))["test"] is True
    # Through the wire (JSON lists) the trail comes back the same.
    again = Incident.from_wire(_incident(trail=((LAT, LON, 1.0), (LAT, LON + 0.001, 2.0))).to_wire())
    assert again.trail == ((LAT, LON, 1.0), (LAT, LON + 0.001, 2.0))


def test_queue_marks_a_test_activation(qapp):
    cat = load_catalogue()
    state = ConsoleState(cat, "op")
    model = IncidentQueueModel(state, cat)
    data = {"id": "t1", "folio": "C4-t1", "type_code": "30903", "priority": "ALTA",
            "channel": "panic_button", "status": "new", "created_at": 1.0, "test": True}
    state.apply_changes([Change(1, 1.0, "incident", "t1", "upsert", data),
                         Change(2, 2.0, "incident", "r1", "upsert", {**data, "id": "r1", "folio": "C4-r1",
                                                                      "test": False})])
    model.reset_from_state()
    cells = {model.incident_id(r): model.data(model.index(r, Col.STATUS)) for r in range(2)}
    assert cells["t1"].startswith("PRUEBA") and not cells["r1"].startswith("PRUEBA")
    row = model.row_of("t1")
    assert "prueba" in model.data(model.index(row, Col.FOLIO), Qt.ItemDataRole.ToolTipRole)


def test_alarm_trail_is_drawn_and_the_live_position_stays_apart(qapp, qloop, demo_central, tmp_path):
    async def scenario():
        session = await start_session(qapp, demo_central.api, tmp_path / "console")
        win = session.window
        try:
            page = win.map_view.web_page()
            await until(win.map_view.is_ready, 30, "map page loaded")
            row = demo_devices()[7]
            dev, lat, lon = row["device_id"], float(row["home_lat"]), float(row["home_lon"])
            t0 = int(time.time()) - 120
            status, body = await osmand(demo_central.osmand, id=dev, lat=lat, lon=lon, timestamp=t0,
                                        alarm="sos")
            assert status == 200, body
            inc = await until(lambda: next((i for i in win.state.incidents.values()
                                            if i.device_id == dev), None), 10, "alarm in the console")
            # She moves ~100 m and ~200 m north; then an older buffered fix arrives.
            for n, ts in ((1, t0 + 20), (2, t0 + 40)):
                status, body = await osmand(demo_central.osmand, id=dev, lat=lat + n * 0.0009,
                                            lon=lon, timestamp=ts)
                assert status == 200, body
            status, _ = await osmand(demo_central.osmand, id=dev, lat=lat + 0.0004, lon=lon + 0.0004,
                                     timestamp=t0 + 10)
            assert status == 200

            async def drawn():
                info = await page_js(page, f"window.c4map.markerInfo('incident', '{inc.id}')")
                return info if info and len(info.get("trail") or []) == 4 else None

            info = await until(drawn, 10, "trail polyline with four points")
            expected = [[lat, lon], [lat + 0.0004, lon + 0.0004], [lat + 0.0009, lon],
                        [lat + 0.0018, lon]]
            assert all(abs(a - b) < 1e-9 for p, q in zip(info["trail"], expected, strict=True)
                       for a, b in zip(p, q, strict=True))
            # The confirmed location stays where the alarm was; the live marker is apart,
            # at her newest fix (not the older buffered one), joined by the dashed line.
            assert abs(info["lat"] - lat) < 1e-9 and abs(info["lon"] - lon) < 1e-9
            assert abs(info["live"]["lat"] - (lat + 0.0018)) < 1e-9 and info["line"] is True
            doc = await get_json(f"{demo_central.api}/api/v1/incidents/{inc.id}")
            assert (doc["lat"], doc["lon"]) == (lat, lon) and len(doc["trail"]) == 4
        finally:
            await stop_session(session)

    qloop.run_until_complete(scenario())
