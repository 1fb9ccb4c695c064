"""Traccar Client 9's OsmAnd JSON body (its background-geolocation location object) at the
OsmAnd gateway, over real HTTP."""

from __future__ import annotations

import asyncio

from c4console.central.osmand import flatten_json, parse_report
from tests.central.helpers import IN_S1, IN_S3, PANIC_DEVICE, client, get_json, running_central


def client9_body(lat: float, lon: float, when: str, *, device_id: str = PANIC_DEVICE,
                 speed: float = -1, heading: float = -1, **extras) -> dict:
    """As Traccar Client 9 POSTs it (Content-Type: application/json)."""
    return {
        "location": {
            "event": "motionchange", "is_moving": speed > 0, "uuid": "5b7e7f4c-5d1f-4b8e-9a51-0c1b0d0e2c11",
            "timestamp": when, "odometer": 1520.3,
            "coords": {"latitude": lat, "longitude": lon, "accuracy": 8.2, "speed": speed,
                       "speed_accuracy": -1, "heading": heading, "heading_accuracy": -1,
                       "altitude": 12.4, "altitude_accuracy": 3.1, "ellipsoidal_altitude": 12.4},
            "activity": {"type": "still", "confidence": 100},
            "battery": {"level": 0.81, "is_charging": False},
            "extras": extras,
        },
        "device_id": device_id,
    }


def test_unknown_speed_and_heading_of_minus_one_are_left_out():
    r = parse_report(flatten_json(client9_body(32.6, -115.4, "2026-11-30T21:00:05.123Z")), 1.8e9)
    assert (r.speed, r.bearing, r.altitude, r.accuracy, r.battery) == (None, None, 12.4, 8.2, 81.0)
    assert r.at == 1796072405.123 and not r.is_sos
    moving = parse_report(flatten_json(client9_body(32.6, -115.4, "2026-11-30T21:00:05Z", speed=4.2,
                                                    heading=270.5)), 1.8e9)
    assert (moving.speed, moving.bearing) == (4.2, 270.5)


def test_client9_positions_and_sos_through_the_gateway(tmp_path, db_url):
    async def main():
        async with running_central(tmp_path, db_url) as c, client(c.api_url, "supervisora1") as s:
            body = client9_body(*IN_S1, "2026-11-30T21:00:05.000Z")
            async with s.post(f"{c.osmand_url}/", json=body) as r:
                assert r.status == 200, await r.text()
            devices = {d["id"]: d for d in (await get_json(s, f"{c.api_url}/api/v1/devices"))["devices"]}
            assert (devices[PANIC_DEVICE]["last_lat"], devices[PANIC_DEVICE]["last_lon"]) == IN_S1
            assert (await get_json(s, f"{c.api_url}/api/v1/incidents?status=open"))["incidents"] == []
            sos = client9_body(*IN_S3, "2026-11-30T21:00:35.000Z", speed=1.5, heading=90, alarm="sos")
            async with s.post(f"{c.osmand_url}/", json=sos) as r:
                assert r.status == 200, await r.text()
            (inc,) = (await get_json(s, f"{c.api_url}/api/v1/incidents?status=open"))["incidents"]
            assert (inc["lat"], inc["lon"], inc["device_id"]) == (*IN_S3, PANIC_DEVICE)
            assert inc["trail"] == [[*IN_S3, 1796072435.0]]
            unknown = client9_body(*IN_S3, "2026-11-30T21:00:35.000Z", device_id="app-unknown")
            async with s.post(f"{c.osmand_url}/", json=unknown) as r:
                assert r.status == 403

    asyncio.run(main())
