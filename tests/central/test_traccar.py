"""Traccar event forwarding at POST /api/v1/gateways/traccar, over real HTTP, with bodies
shaped as Traccar's JSON event forwarder sends them (event.forward.url)."""

from __future__ import annotations

import asyncio
import copy
from typing import Any

import aiohttp

from c4console.central import queries
from tests.central.helpers import IN_S1, IN_S3, PANIC_DEVICE, all_changes, client, get_json, running_central

SECRET = "traccar-shared-secret-1"
AUTH = {"Authorization": f"Bearer {SECRET}"}


def forwarded(kind: str, lat: float, lon: float, fix: str, *, alarm: str | None = None,
              unique_id: str = PANIC_DEVICE, position_id: int = 5550) -> dict[str, Any]:
    """One forwarded event as Traccar 6 posts it (EventForwarderJson)."""
    pos_attrs: dict[str, Any] = {"batteryLevel": 81.0, "distance": 0.0, "totalDistance": 1520.3,
                                 "motion": kind == "deviceMoving"}
    ev_attrs: dict[str, Any] = {}
    if alarm:
        pos_attrs["alarm"] = ev_attrs["alarm"] = alarm
    return {
        "event": {"id": position_id * 10, "attributes": ev_attrs, "deviceId": 7, "type": kind,
                  "eventTime": fix, "positionId": position_id, "geofenceId": 0, "maintenanceId": 0},
        "position": {"id": position_id, "attributes": pos_attrs, "deviceId": 7, "protocol": "gt06",
                     "serverTime": fix, "deviceTime": fix, "fixTime": fix, "outdated": False,
                     "valid": True, "latitude": lat, "longitude": lon, "altitude": 12.0,
                     "speed": 0.0, "course": 90.0, "address": None, "accuracy": 8.0,
                     "network": None, "geofenceIds": None},
        "device": {"id": 7, "attributes": {}, "groupId": 0, "calendarId": 0, "name": "Botón 0042",
                   "uniqueId": unique_id, "status": "online", "lastUpdate": fix,
                   "positionId": position_id, "phone": None, "model": "GT06", "contact": None,
                   "category": None, "disabled": False, "expirationTime": None},
    }


async def _post(url: str, body: Any, headers: dict[str, str] | None = AUTH, **kw: Any
                ) -> tuple[int, Any]:
    async with aiohttp.ClientSession() as s, s.post(f"{url}/api/v1/gateways/traccar", json=body,
                                                    headers=headers, **kw) as r:
        return r.status, await r.json()


async def _open(s: aiohttp.ClientSession, api: str) -> list[dict]:
    return (await get_json(s, f"{api}/api/v1/incidents?status=open"))["incidents"]


def test_not_configured_answers_503_naming_the_setting(tmp_path):
    async def main():
        async with running_central(tmp_path) as c:
            status, body = await _post(c.api_url, forwarded("alarm", *IN_S3, "2026-11-30T21:00:05.000+00:00",
                                                            alarm="sos"))
            assert status == 503
            assert "traccar_secret" in body["error"] and "C4_TRACCAR_SECRET" in body["error"]

    asyncio.run(main())


def test_wrong_or_missing_secret_is_401_with_a_security_event(tmp_path):
    async def main():
        async with running_central(tmp_path, traccar_secret=SECRET) as c:
            body = forwarded("alarm", *IN_S3, "2026-11-30T21:00:05.000+00:00", alarm="sos")
            for headers in ({"Authorization": "Bearer nope"}, None, {"Authorization": SECRET}):
                status, answer = await _post(c.api_url, body, headers)
                assert status == 401 and "event.forward.header" in answer["error"]
            assert c.reader is not None
            events = queries.security_events(c.reader.engine)
            # Repeats within a minute are one row with a count (issue 16 point 11).
            assert {e["kind"] for e in events} == {"traccar_bad_secret"}
            assert sum(e["count"] for e in events) == 3
            async with client(c.api_url) as s:
                assert await _open(s, c.api_url) == []

    asyncio.run(main())


def test_sos_alarm_opens_an_incident_positions_feed_the_trail(tmp_path, db_url):
    async def main():
        async with running_central(tmp_path, db_url, traccar_secret=SECRET) as c, \
                client(c.api_url) as s:
            t = "2026-11-30T21:00:{:02d}.000+00:00"
            # Traccar makes several events of one position: here deviceMoving first, then
            # the alarm with the same fix; the alarm is still applied (once).
            status, answer = await _post(c.api_url, forwarded("deviceMoving", *IN_S3, t.format(5)))
            assert status == 200 and answer["status"] == "stored"
            assert await _open(s, c.api_url) == []
            status, answer = await _post(c.api_url, forwarded("alarm", *IN_S3, t.format(5), alarm="sos"))
            assert status == 200 and answer["status"] == "stored", answer
            (inc,) = await _open(s, c.api_url)
            assert answer["incident_id"] == inc["id"]
            assert (inc["priority"], inc["channel"], inc["sector"]) == ("ALTA", "panic_button", "S3")
            assert (inc["device_id"], inc["caller"]) == (PANIC_DEVICE, "María López")
            # The alarm resent (Traccar retries when it got no answer): nothing new.
            head = (await get_json(s, f"{c.api_url}/api/v1/health"))["head"]
            status, _ = await _post(c.api_url, forwarded("alarm", *IN_S3, t.format(5), alarm="sos"))
            assert status == 200
            assert (await get_json(s, f"{c.api_url}/api/v1/health"))["head"] == head

            # She moves: live position and trail; the confirmed location stays.
            assert (await _post(c.api_url, forwarded("deviceMoving", *IN_S1, t.format(35),
                                                     position_id=5551)))[0] == 200
            # An older buffered fix: into the trail in time order, the live marker stays.
            assert (await _post(c.api_url, forwarded("deviceOnline", 32.6101, -115.4701,
                                                     t.format(20), position_id=5552)))[0] == 200
            now = await get_json(s, f"{c.api_url}/api/v1/incidents/{inc['id']}")
            assert (now["lat"], now["lon"]) == IN_S3
            assert (now["live_lat"], now["live_lon"]) == IN_S1
            assert [p[:2] for p in now["trail"]] == [list(IN_S3), [32.6101, -115.4701], list(IN_S1)]
            times = [p[2] for p in now["trail"]]
            assert times == sorted(times)
            # A duplicate (same device and fix time) is ignored.
            status, _ = await _post(c.api_url, forwarded("deviceMoving", 32.7, -115.3, t.format(20)))
            assert status == 200
            again = await get_json(s, f"{c.api_url}/api/v1/incidents/{inc['id']}")
            assert again["trail"] == now["trail"]
            kinds = [ch["data"]["kind"] for ch in await all_changes(s, c.api_url) if ch["entity"] == "event"]
            assert kinds.count("created") == 1 and "reactivated" not in kinds

    asyncio.run(main())


def test_unknown_device_malformed_and_positionless_events(tmp_path):
    async def main():
        async with running_central(tmp_path, traccar_secret=SECRET) as c, client(c.api_url) as s:
            fix = "2026-11-30T21:00:05.000+00:00"
            status, answer = await _post(c.api_url, forwarded("alarm", *IN_S3, fix, alarm="sos",
                                                              unique_id="999000111"))
            assert status == 403 and "999000111 not registered" in answer["error"]
            assert c.reader is not None
            (event,) = queries.security_events(c.reader.engine)
            assert event["kind"] == "unknown_device" and answer["security_event"] == event["id"]

            good = forwarded("deviceMoving", *IN_S3, fix)
            bad_cases = []
            no_event = copy.deepcopy(good)
            del no_event["event"]
            bad_cases.append((no_event, "'event' is missing"))
            no_id = copy.deepcopy(good)
            no_id["device"]["uniqueId"] = None
            bad_cases.append((no_id, "uniqueId"))
            bad_lat = copy.deepcopy(good)
            bad_lat["position"]["latitude"] = "north"
            bad_cases.append((bad_lat, "latitude='north' is not a number"))
            far = copy.deepcopy(good)
            far["position"]["latitude"] = 123.0
            bad_cases.append((far, "not a WGS84 position"))
            bad_time = copy.deepcopy(good)
            bad_time["position"]["fixTime"] = "yesterday"
            bad_cases.append((bad_time, "timestamp='yesterday'"))
            sos_nowhere = forwarded("alarm", *IN_S3, fix, alarm="sos")
            sos_nowhere["position"] = None
            bad_cases.append((sos_nowhere, "without a position"))
            bad_cases.append(([1, 2], "must be a JSON object"))
            for body, reason in bad_cases:
                status, answer = await _post(c.api_url, body)
                assert status == 400 and reason in answer["error"], (reason, answer)
            async with aiohttp.ClientSession() as raw, raw.post(
                    f"{c.api_url}/api/v1/gateways/traccar", data=b"{not json", headers=AUTH) as r:
                assert r.status == 400

            offline = forwarded("deviceOffline", *IN_S3, fix)
            offline["position"] = None
            status, answer = await _post(c.api_url, offline)
            # Kept as device health (issue 17): the board shows her device offline.
            assert status == 200 and answer["status"] == "stored", answer
            assert await _open(s, c.api_url) == []
            moving = forwarded("deviceMoving", *IN_S3, fix)
            moving["position"] = None
            status, answer = await _post(c.api_url, moving)
            assert status == 200 and answer["status"] == "ignored"

    asyncio.run(main())
