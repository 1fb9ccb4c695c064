"""Device health through a real central (SQLite and PostgreSQL): battery, charging, signal
and tamper events kept from OsmAnd and Traccar; a bad battery refused with its reason while
the position is kept; a device in use going low, silent or tampered opens a call task
(highest risk first), closed when it reports again or the call is recorded; who receives
which health record on the change feed."""

from __future__ import annotations

import asyncio
import time
from datetime import UTC, datetime

import aiohttp

from tests.central.helpers import (
    IN_S3,
    PANIC_DEVICE,
    all_changes,
    client,
    get_json,
    key,
    post_commands,
    running_central,
)
from tests.central.test_traccar import AUTH, SECRET, forwarded


def _latest(changes: list[dict], entity: str, record_id: str | None = None) -> list[dict]:
    """The last change of each record of ``entity`` (all ops), in feed order."""
    last: dict[str, dict] = {}
    for ch in changes:
        if ch["entity"] == entity and (record_id is None or ch["id"] == record_id):
            last[ch["id"]] = ch
    return list(last.values())


async def _report(s: aiohttp.ClientSession, osmand: str, **params) -> tuple[int, str]:
    query = {"id": PANIC_DEVICE, "lat": IN_S3[0], "lon": IN_S3[1],
             "timestamp": int(time.time()), **params}
    async with s.get(f"{osmand}/", params=query) as r:
        return r.status, await r.text()


def test_battery_tasks_and_need_to_know(tmp_path, db_url):
    async def main():
        async with running_central(tmp_path, db_url, traccar_secret=SECRET) as c, \
                client(c.api_url) as op, client(c.api_url, "supervisora1") as sup, \
                client(c.api_url, "jefe1") as lead:
            # Bad input: the battery is refused with its reason, the position is kept.
            status, text = await _report(op, c.osmand_url, batt="150")
            assert status == 200 and "outside 0–100" in text and "position kept" in text, text
            devices = (await get_json(sup, f"{c.api_url}/api/v1/devices"))["devices"]
            hers = next(d for d in devices if d["id"] == PANIC_DEVICE)
            assert hers["last_lat"] == IN_S3[0]
            (health,) = _latest(await all_changes(sup, c.api_url), "device_health", PANIC_DEVICE)
            assert health["data"]["battery"] is None and health["data"]["last_report_at"]

            # Low battery: a call task, not an emergency.
            status, _ = await _report(op, c.osmand_url, batt="12", charge="false", rssi="-71",
                                      timestamp=int(time.time()) + 1)
            assert status == 200
            assert (await get_json(op, f"{c.api_url}/api/v1/incidents?status=open"))["incidents"] == []
            changes = await all_changes(sup, c.api_url)
            (health,) = _latest(changes, "device_health", PANIC_DEVICE)
            h = health["data"]
            assert (h["battery"], h["charging"], h["signal"]) == (12.0, False, -71.0)
            (task,) = _latest(changes, "health_task")
            t = task["data"]
            assert (t["reason"], t["status"], t["device_id"], t["name"]) == (
                "low_battery", "open", PANIC_DEVICE, "María López")
            assert h["open_task_id"] == t["id"]

            # Need-to-know: an operator gets the open task's call fields and no health record;
            # a shift lead gets both whole.
            op_changes = await all_changes(op, c.api_url)
            (op_task,) = _latest(op_changes, "health_task")
            assert set(op_task["data"]) == {"id", "device_id", "reason", "opened_at", "risk_rank",
                                            "risk_level", "status", "name", "phone", "updated_at"}
            assert all(ch["op"] == "delete" for ch in _latest(op_changes, "device_health", PANIC_DEVICE))
            lead_changes = await all_changes(lead, c.api_url)
            assert _latest(lead_changes, "device_health", PANIC_DEVICE)[0]["data"]["battery"] == 12.0
            assert _latest(lead_changes, "health_task")[0]["data"]["beneficiary_id"] == "B0042"

            # Charged again: the task closes by itself; the operator loses it.
            await _report(op, c.osmand_url, batt="85", timestamp=int(time.time()) + 2)
            changes = await all_changes(sup, c.api_url)
            (task,) = _latest(changes, "health_task")
            assert (task["data"]["status"], task["data"]["close_reason"]) == ("closed", "battery_recovered")
            (op_task,) = _latest(await all_changes(op, c.api_url), "health_task")
            assert op_task["op"] == "delete"

            # Silence: the watch opens a task for a device quiet for 3 × its interval...
            wall = c.service.clock
            c.service.clock = lambda: wall() + 16 * 60
            assert await c.silence.check_now() == 1
            assert await c.silence.check_now() == 0  # one task per silence
            (silent,) = [ch for ch in _latest(await all_changes(sup, c.api_url), "health_task")
                         if ch["data"]["reason"] == "silent"]
            assert silent["data"]["status"] == "open"
            # ...and it closes when the device reports again.
            await _report(op, c.osmand_url, timestamp=int(time.time()) + 3)
            (silent,) = _latest(await all_changes(sup, c.api_url), "health_task", silent["id"])
            assert (silent["data"]["status"], silent["data"]["close_reason"]) == ("closed", "reported")
            c.service.clock = wall

            # Traccar: a tamper alarm marks the device and opens a task the call closes.
            fix = datetime.fromtimestamp(time.time() + 4, UTC).isoformat()
            async with aiohttp.ClientSession() as raw, raw.post(
                    f"{c.api_url}/api/v1/gateways/traccar", headers=AUTH,
                    json=forwarded("alarm", *IN_S3, fix, alarm="tampering")) as r:
                assert r.status == 200, await r.text()
            changes = await all_changes(sup, c.api_url)
            (health,) = _latest(changes, "device_health", PANIC_DEVICE)
            assert health["data"]["tamper_event"] == "tampering"
            tamper = next(ch["data"] for ch in _latest(changes, "health_task")
                          if ch["data"]["reason"] == "tampered")
            assert (await get_json(op, f"{c.api_url}/api/v1/incidents?status=open"))["incidents"] == []
            call = {"key": key(), "type": "record_health_call", "task_id": tamper["id"],
                    "note": "Dice que se le cayó; lo revisa mañana"}
            (res,) = await post_commands(op, c.api_url, call)
            assert res["outcome"] == "accepted", res
            (again,) = await post_commands(op, c.api_url, {**call, "key": key()})
            assert again["reason"] == "task_closed"
            changes = await all_changes(sup, c.api_url)
            (done,) = _latest(changes, "health_task", tamper["id"])
            assert (done["data"]["close_reason"], done["data"]["closed_by"]) == ("call_recorded",
                                                                               "operadora1")
            (health,) = _latest(changes, "device_health", PANIC_DEVICE)
            assert health["data"]["tampered_at"] is None and health["data"]["open_task_id"] == ""

            # Traccar's deviceOffline (no position) is kept too.
            offline = forwarded("deviceOffline", *IN_S3, fix)
            offline["position"] = None
            async with aiohttp.ClientSession() as raw, raw.post(
                    f"{c.api_url}/api/v1/gateways/traccar", headers=AUTH, json=offline) as r:
                assert (await r.json())["status"] == "stored"
            (health,) = _latest(await all_changes(sup, c.api_url), "device_health", PANIC_DEVICE)
            assert health["data"]["offline_at"] is not None

            # Traccar: a battery outside 0–100 is refused by name, the position stored.
            bad = forwarded("deviceMoving", *IN_S3, datetime.fromtimestamp(time.time() + 5, UTC)
                            .isoformat())
            bad["position"]["attributes"]["batteryLevel"] = -3
            async with aiohttp.ClientSession() as raw, raw.post(
                    f"{c.api_url}/api/v1/gateways/traccar", headers=AUTH, json=bad) as r:
                answer = await r.json()
            assert answer["status"] == "stored" and "batteryLevel=-3" in answer["refused"]["battery"]

            # A recorded call settles a low battery: her next low reports open no new task
            # until the device is fine again.
            async def low_tasks() -> list[dict]:
                return [ch["data"] for ch in _latest(await all_changes(sup, c.api_url), "health_task")
                        if ch["data"]["reason"] == "low_battery"]
            await _report(op, c.osmand_url, batt="10", timestamp=int(time.time()) + 6)
            (low,) = [t for t in await low_tasks() if t["status"] == "open"]
            (res,) = await post_commands(op, c.api_url, {"key": key(), "type": "record_health_call",
                                                         "task_id": low["id"]})
            assert res["outcome"] == "accepted", res
            await _report(op, c.osmand_url, batt="9", timestamp=int(time.time()) + 7)
            assert [t for t in await low_tasks() if t["status"] == "open"] == []
            await _report(op, c.osmand_url, batt="90", timestamp=int(time.time()) + 8)
            await _report(op, c.osmand_url, batt="8", timestamp=int(time.time()) + 9)
            assert len([t for t in await low_tasks() if t["status"] == "open"]) == 1

    asyncio.run(main())
