"""Exclusion zones and the aggressor's proximity alarm through a real central (SQLite and
PostgreSQL): a supervisor sets her order's zones with his tracker (bad input refused with
its reason, an operator refused); his positions through OsmAnd open one ALTA incident when
he enters her home's zone — both positions on it, her contacts texted, the specialist desk
noted — and leaving and coming back records the re-entry on it; the distance to her counts
only with her fresh position; Traccar's geofence events count; operators hold the zones and
his position only while the incident is open."""

from __future__ import annotations

import asyncio
import time
from pathlib import Path

import aiohttp

from c4console.central.gateways.kannel_client import KannelSettings
from c4console.central.seed import BENEFICIARY_COLUMNS, UNIT_COLUMNS, seed_file
from tests.central.helpers import (
    BENEFICIARIES,
    IN_S1,
    PANIC_DEVICE,
    UNITS,
    all_changes,
    client,
    get_json,
    key,
    post_commands,
    running_central,
    write_csv,
)
from tests.central.test_sms_kannel import USER, _smsbox
from tests.central.test_traccar import AUTH, SECRET, forwarded

HER_CASE = "case-B0042"
HOME = (32.6245, -115.4523)
HIS = "AGR-0042"
ZONES_ID = "zones-B0042-OP1"
FAR = (32.6245, -115.4300)   # ≈ 2 km east of her home
NEAR = (32.6245, -115.4480)  # ≈ 400 m from her home: inside its 500 m zone
SCHOOL = [[32.640, -115.470], [32.640, -115.466], [32.644, -115.466], [32.644, -115.470]]


def _seed_folder(folder: Path) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    write_csv(folder / "units.csv", UNIT_COLUMNS, UNITS)
    rows = [{**BENEFICIARIES[0], "trusted_contacts": "Lucía López|6861112233|hermana"}]
    write_csv(folder / "beneficiaries.csv", (*BENEFICIARY_COLUMNS, "trusted_contacts"), rows)
    return folder


def _zones_cmd(**kw) -> dict:
    return {"key": key(), "type": "set_exclusion_zones", "id": ZONES_ID, "case_id": HER_CASE,
            "order_number": "OP-1/2026", "aggressor_device_id": HIS, "aggressor_model": "tobillera",
            "keep_away_m": 300,
            "zones": [{"id": "casa", "place": "home", "label": "Casa"},
                      {"id": "escuela", "kind": "polygon", "points": SCHOOL, "label": "Escuela",
                       "traccar_geofence_id": 31}], **kw}


async def _his(s: aiohttp.ClientSession, osmand: str, lat: float, lon: float, at: float,
               device: str = HIS) -> str:
    async with s.get(f"{osmand}/", params={"id": device, "lat": lat, "lon": lon,
                                           "timestamp": f"{at:.3f}"}) as r:
        text = await r.text()
        assert r.status == 200, text
        return text


def _last(changes: list[dict], entity: str, rid: str) -> dict:
    return [ch for ch in changes if ch["entity"] == entity and ch["id"] == rid][-1]


async def _events(s, api: str, incident_id: str) -> list[dict]:
    """The incident's timeline events, from the change feed, in order."""
    return [ch["data"] for ch in await all_changes(s, api)
            if ch["entity"] == "event" and ch["op"] == "upsert" and ch["data"]["incident_id"] == incident_id]


def test_proximity_alarm_end_to_end(tmp_path, db_url):
    async def main():
        async with _smsbox() as (sms_url, sms_requests):
            settings = KannelSettings(sms_url, USER, "clave-kannel-1")
            async with running_central(tmp_path, db_url, seed=False, sms=settings,
                                       traccar_secret=SECRET) as c:
                folder = _seed_folder(tmp_path / "seed")
                await seed_file(c.service, folder / "units.csv", "units")
                await seed_file(c.service, folder / "beneficiaries.csv", "beneficiaries")
                await _run(c, sms_requests)

    async def _run(c, sms_requests):
        api = c.api_url
        async with client(api) as op, client(api, "supervisora1") as sup:
            # Who may set zones: not an operator (a security event), a supervisor yes.
            (res,) = await post_commands(op, api, _zones_cmd())
            assert (res["outcome"], res["reason"]) == ("rejected", "forbidden"), res
            bad = {"radius_out_of_range": {"zones": [{"place": "home", "radius_m": 30}]},
                   "polygon_self_intersects": {"zones": [{"kind": "polygon", "points": [
                       [32.60, -115.40], [32.61, -115.39], [32.61, -115.40], [32.60, -115.39]]}]},
                   "aggressor_device_is_hers": {"aggressor_device_id": PANIC_DEVICE}}
            for reason, fields in bad.items():
                (res,) = await post_commands(sup, api, _zones_cmd(**fields))
                assert (res["outcome"], res["reason"]) == ("rejected", reason), res
            (res,) = await post_commands(sup, api, _zones_cmd())
            assert res["outcome"] == "accepted", res
            devices = (await get_json(sup, f"{api}/api/v1/devices"))["devices"]
            his = next(d for d in devices if d["id"] == HIS)
            assert (his["kind"], his["order_id"]) == ("aggressor", ZONES_ID)
            # An operator holds neither the zones nor his tracker while nothing is open.
            op_changes = await all_changes(op, api)
            assert _last(op_changes, "exclusion_order", ZONES_ID)["op"] == "delete"
            assert _last(op_changes, "device", HIS)["op"] == "delete"

            # He walks towards her home: far, then inside the 500 m circle.
            t0 = time.time()
            await _his(op, c.osmand_url, *FAR, t0)
            assert (await get_json(op, f"{api}/api/v1/incidents?status=open"))["incidents"] == []
            await _his(op, c.osmand_url, *NEAR, t0 + 1)
            (inc,) = (await get_json(op, f"{api}/api/v1/incidents?status=open"))["incidents"]
            assert (inc["channel"], inc["priority"], inc["type_code"]) == (
                "aggressor_tracker", "ALTA", "30908")
            assert (inc["lat"], inc["lon"]) == HOME  # her home (her position is not fresh)
            assert (inc["live_lat"], inc["live_lon"]) == NEAR  # his
            assert inc["beneficiary_id"] == "B0042" and inc["device_id"] == HIS
            assert inc["proximity"]["inside"] == ["casa"] and len(inc["proximity"]["zones"]) == 2
            kinds = [e["kind"] for e in await _events(op, api, inc["id"])]
            assert kinds[:3] == ["created", "proximity_breach", "specialist_desk"], kinds
            # Her trusted contact is texted through the outbox and the SMS gateway.
            for _ in range(200):
                if sms_requests:
                    break
                await asyncio.sleep(0.05)
            (sms,) = sms_requests
            assert sms["to"] == "6861112233" and "agresor" in sms["text"] and "Casa" in sms["text"]
            # While it is open an operator holds the zones and his tracker.
            op_changes = await all_changes(op, api)
            assert _last(op_changes, "exclusion_order", ZONES_ID)["op"] == "upsert"
            assert _last(op_changes, "device", HIS)["data"]["last_lat"] == NEAR[0]

            # He leaves and comes back a minute later: the same incident records it.
            await _his(op, c.osmand_url, *FAR, t0 + 2)
            await _his(op, c.osmand_url, *NEAR, t0 + 60)
            (again,) = (await get_json(op, f"{api}/api/v1/incidents?status=open"))["incidents"]
            assert again["id"] == inc["id"] and len(again["trail"]) == 3
            kinds = [e["kind"] for e in await _events(op, api, inc["id"])]
            assert kinds.count("proximity_left") == 1 and kinds.count("proximity_reentered") == 1
            assert len(sms_requests) == 1  # no second alarm, no second SMS

            # Traccar's geofence event for the school counts as being in it.
            async with aiohttp.ClientSession() as s:
                fix = time.strftime("%Y-%m-%dT%H:%M:%S.000+00:00", time.gmtime(t0 + 70))
                body = forwarded("geofenceEnter", *IN_S1, fix, unique_id=HIS)
                body["event"]["geofenceId"] = 31
                async with s.post(f"{api}/api/v1/gateways/traccar", json=body, headers=AUTH) as r:
                    assert r.status == 200, await r.text()
            *_, entered, left = await _events(op, api, inc["id"])
            assert (entered["kind"], entered["text"], entered["data"]["zones"]) == (
                "proximity_entered", "Escuela", ["escuela"]), entered
            assert (left["kind"], left["data"]["zones"]) == ("proximity_left", ["casa"]), left

            # Closed: operators lose the zones, his tracker and his positions on the incident.
            for cmd in ({"type": "acknowledge"}, {"type": "close", "disposition": "detenido"}):
                (res,) = await post_commands(op, api, {"key": key(), "incident_id": inc["id"], **cmd})
                assert res["outcome"] == "accepted", res
            op_changes = await all_changes(op, api)
            assert _last(op_changes, "exclusion_order", ZONES_ID)["op"] == "delete"
            assert _last(op_changes, "device", HIS)["op"] == "delete"
            closed = _last(op_changes, "incident", inc["id"])["data"]
            assert closed["status"] == "closed" and closed["live_lat"] is None and closed["trail"] is None
            assert "zones" not in closed["proximity"]
            read = await get_json(op, f"{api}/api/v1/incidents/{inc['id']}")  # the snapshot reads too
            assert read["live_lat"] is None and read["trail"] is None and "zones" not in read["proximity"]
            (listed,) = [i for i in (await get_json(op, f"{api}/api/v1/incidents?status=all"))["incidents"]
                         if i["id"] == inc["id"]]
            assert listed["live_lat"] is None
            assert (await get_json(sup, f"{api}/api/v1/incidents/{inc['id']}"))["live_lat"] is not None
            sup_closed = _last(await all_changes(sup, api), "incident", inc["id"])["data"]
            assert sup_closed["live_lat"] is not None and sup_closed["proximity"]["zones"]

    asyncio.run(main())


def test_distance_to_her_needs_her_fresh_position(tmp_path, db_url):
    async def main():
        async with running_central(tmp_path, db_url) as c, client(c.api_url, "supervisora1") as sup:
            api = c.api_url
            (res,) = await post_commands(sup, api, _zones_cmd(zones=[], keep_away_m=300))
            assert res["outcome"] == "accepted", res
            # His tracker can never be registered as a woman's panic device.
            path = write_csv(tmp_path / "b.csv", BENEFICIARY_COLUMNS, [
                {"beneficiary_id": "B0099", "name": "Ana Ruiz", "device_id": HIS}])
            (row,) = (await seed_file(c.service, path, "beneficiaries")).refused()
            assert "aggressor's tracker" in row.reason, row
            her_spot = (32.6100, -115.4700)
            near_her = (32.6120, -115.4700)  # ≈ 220 m
            now = time.time()
            # Her last position is 10 minutes old: he may be near it, nothing opens.
            await _his(sup, c.osmand_url, *her_spot, now - 600, device=PANIC_DEVICE)
            await _his(sup, c.osmand_url, *near_her, now)
            assert (await get_json(sup, f"{api}/api/v1/incidents?status=open"))["incidents"] == []
            await _his(sup, c.osmand_url, 32.65, -115.40, now + 1)  # away again
            # Fresh: the same approach is a proximity alarm at her position.
            await _his(sup, c.osmand_url, *her_spot, now + 2, device=PANIC_DEVICE)
            await _his(sup, c.osmand_url, *near_her, now + 3)
            (inc,) = (await get_json(sup, f"{api}/api/v1/incidents?status=open"))["incidents"]
            assert (inc["lat"], inc["lon"]) == her_spot and (inc["live_lat"], inc["live_lon"]) == near_her
            assert inc["proximity"]["breach"] == "distance"

    asyncio.run(main())
