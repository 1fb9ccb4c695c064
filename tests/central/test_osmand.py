"""The OsmAnd gateway over real HTTP: alarms, positions, malformed and unknown devices."""

from __future__ import annotations

import asyncio
import time

import aiohttp
from sqlalchemy import func, select

from c4console.central import queries
from c4console.central import schema as t
from tests.central.helpers import (
    IN_S1,
    IN_S3,
    PANIC_DEVICE,
    all_changes,
    client,
    get_json,
    key,
    post_commands,
    running_central,
)

T0 = 1763800000


async def _open_incidents(s: aiohttp.ClientSession, api: str) -> list[dict]:
    return (await get_json(s, f"{api}/api/v1/incidents?status=open"))["incidents"]


def test_get_alarm_opens_alta_panic_incident_with_sector_then_positions_move_live_only(tmp_path, db_url):
    async def main():
        async with running_central(tmp_path, db_url) as c, client(c.api_url, "supervisora1") as s:
            params = {"id": PANIC_DEVICE, "lat": IN_S3[0], "lon": IN_S3[1], "timestamp": T0,
                      "alarm": "sos", "batt": 81, "speed": 0}
            async with s.get(f"{c.osmand_url}/", params=params) as r:
                assert r.status == 200 and await r.text() == ""
            (inc,) = await _open_incidents(s, c.api_url)
            assert (inc["priority"], inc["channel"], inc["status"]) == ("ALTA", "panic_button", "new")
            assert inc["type_code"] != "70104"
            assert (inc["sector"], inc["cuadrante"], inc["colonia"]) == ("S3", "S3-2", "Pueblo Nuevo")
            assert (inc["beneficiary_id"], inc["device_id"]) == ("B0042", PANIC_DEVICE)
            assert inc["caller"] == "María López" and inc["folio"].startswith("C4-")

            # The same report again (the tracker did not get our answer): nothing new.
            head = (await get_json(s, f"{c.api_url}/api/v1/health"))["head"]
            async with s.get(f"{c.osmand_url}/", params=params) as r:
                assert r.status == 200
            assert (await get_json(s, f"{c.api_url}/api/v1/health"))["head"] == head

            # She moves: only the live position follows; the confirmed location stays.
            async with s.get(f"{c.osmand_url}/", params={"id": PANIC_DEVICE, "lat": IN_S1[0],
                                                         "lon": IN_S1[1], "timestamp": T0 + 30}) as r:
                assert r.status == 200
            now = await get_json(s, f"{c.api_url}/api/v1/incidents/{inc['id']}")
            assert (now["lat"], now["lon"]) == IN_S3
            assert (now["live_lat"], now["live_lon"], now["live_at"]) == (*IN_S1, T0 + 30)
            # An older buffered fix does not move her marker back.
            async with s.get(f"{c.osmand_url}/", params={"id": PANIC_DEVICE, "lat": 32.0,
                                                         "lon": -115.0, "timestamp": T0 + 10}) as r:
                assert r.status == 200
            again = await get_json(s, f"{c.api_url}/api/v1/incidents/{inc['id']}")
            assert (again["live_lat"], again["live_lon"]) == IN_S1

            # A second activation while open: a "reactivated" event, no second incident.
            async with s.get(f"{c.osmand_url}/", params={**params, "timestamp": T0 + 60}) as r:
                assert r.status == 200
            assert len(await _open_incidents(s, c.api_url)) == 1
            kinds = [ch["data"]["kind"] for ch in await all_changes(s, c.api_url)
                     if ch["entity"] == "event"]
            assert kinds == ["created", "reactivated"]
            devices = [ch["data"] for ch in await all_changes(s, c.api_url)
                       if ch["entity"] == "device" and ch["id"] == PANIC_DEVICE]
            assert (devices[-1]["last_lat"], devices[-1]["last_at"]) == (IN_S3[0], T0 + 60)

    asyncio.run(main())


def test_post_form_and_json_alarms(tmp_path, db_url):
    async def main():
        async with running_central(tmp_path, db_url) as c, client(c.api_url) as s:
            form = {"deviceid": PANIC_DEVICE, "lat": str(IN_S1[0]), "lon": str(IN_S1[1]),
                    "timestamp": "2025-11-22T08:30:00Z", "alarm": "sos"}
            async with s.post(f"{c.osmand_url}/", data=form) as r:
                assert r.status == 200, await r.text()
            (inc,) = await _open_incidents(s, c.api_url)
            assert (inc["priority"], inc["sector"], inc["cuadrante"]) == ("ALTA", "S1", "S1-1")
            # Close it, then a Traccar Client style JSON alarm opens a new one.
            (res,) = await post_commands(s, c.api_url, {"key": key(), "type": "close",
                                                        "incident_id": inc["id"], "status": "test"})
            assert res["outcome"] == "accepted"
            body = {"device_id": PANIC_DEVICE, "alarm": "sos",
                    "location": {"timestamp": "2025-11-22T08:40:00.000Z",
                                 "coords": {"latitude": IN_S3[0], "longitude": IN_S3[1],
                                            "accuracy": 8, "speed": 0, "heading": 90},
                                 "battery": {"level": 0.5, "is_charging": False}}}
            async with s.post(f"{c.osmand_url}/", json=body) as r:
                assert r.status == 200, await r.text()
            (inc2,) = await _open_incidents(s, c.api_url)
            assert inc2["id"] != inc["id"] and inc2["sector"] == "S3"
            # A patrol's tracker (no timestamp: the fix is taken as current) moves the unit.
            async with s.post(f"{c.osmand_url}/", json={"id": "TRK08", "lat": 32.605,
                                                        "lon": -115.475}) as r:
                assert r.status == 200, await r.text()
            units = {u["id"]: u for u in (await get_json(s, f"{c.api_url}/api/v1/units"))["units"]}
            assert (units["P08"]["lat"], units["P08"]["lon"]) == (32.605, -115.475)
            assert abs(units["P08"]["position_at"] - time.time()) < 60

    asyncio.run(main())


def _row_counts(engine) -> dict[str, int]:
    with engine.connect() as conn:
        return {name: conn.execute(select(func.count()).select_from(table)).scalar_one()
                for name, table in [*t.ENTITY_TABLES.items(), ("changes", t.changes),
                                    ("security_events", t.security_events)]}


def test_malformed_reports_get_400_with_reason_and_store_nothing(tmp_path, db_url):
    async def main():
        async with running_central(tmp_path, db_url) as c, client(c.api_url) as s:
            assert c.reader is not None
            before = _row_counts(c.reader.engine)
            cases = [
                ({"lat": "32.6", "lon": "-115.4", "alarm": "sos"}, "missing id"),
                ({"id": PANIC_DEVICE, "lon": "-115.4", "alarm": "sos"}, "missing lat"),
                ({"id": PANIC_DEVICE, "lat": "abc", "lon": "-115.4"}, "lat='abc' is not a number"),
                ({"id": PANIC_DEVICE, "lat": "95", "lon": "-115.4"}, "not a WGS84 position"),
                ({"id": PANIC_DEVICE, "lat": "nan", "lon": "-115.4"}, "not a finite number"),
                ({"id": PANIC_DEVICE, "lat": "32.6", "lon": "-115.4", "timestamp": "ayer"},
                 "neither epoch seconds nor ISO 8601"),
                ({"id": PANIC_DEVICE, "lat": "32.6", "lon": "-115.4", "speed": "fast"},
                 "speed='fast' is not a number"),
            ]
            for params, reason in cases:
                async with s.get(f"{c.osmand_url}/", params=params) as r:
                    text = await r.text()
                    assert r.status == 400 and reason in text and "nothing stored" in text, text
            async with s.post(f"{c.osmand_url}/", data=b"{broken", headers={
                    "Content-Type": "application/json"}) as r:
                assert r.status == 400 and "not UTF-8 JSON" in await r.text()
            async with s.post(f"{c.osmand_url}/", data=b"<x/>", headers={
                    "Content-Type": "application/xml"}) as r:
                assert r.status == 400 and "content type" in await r.text()
            assert _row_counts(c.reader.engine) == before

    asyncio.run(main())


def test_unknown_device_gets_403_and_a_security_event(tmp_path, db_url):
    async def main():
        async with running_central(tmp_path, db_url) as c, client(c.api_url) as s:
            assert c.reader is not None
            head = (await get_json(s, f"{c.api_url}/api/v1/health"))["head"]
            async with s.get(f"{c.osmand_url}/", params={"id": "8612", "lat": IN_S3[0],
                                                         "lon": IN_S3[1], "alarm": "sos"}) as r:
                text = await r.text()
                assert r.status == 403
            (event,) = queries.security_events(c.reader.engine)
            assert text.strip() == f"device 8612 not registered: refused, security event {event['id']}"
            assert event["kind"] == "unknown_device" and "8612" in event["detail"]
            assert event["source"] == "127.0.0.1"
            # Nothing reached the feed or the incidents.
            assert (await get_json(s, f"{c.api_url}/api/v1/health"))["head"] == head
            assert await _open_incidents(s, c.api_url) == []

    asyncio.run(main())
