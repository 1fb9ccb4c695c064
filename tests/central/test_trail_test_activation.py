"""A device's test activation at delivery: armed by a supervisor, her next alarm opens an
incident marked TEST that is timed, never dispatched, and closed as a successful test."""

from __future__ import annotations

import asyncio

from c4console.central.gateways.sms import activations
from c4console.core.changes import Change
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

T0 = 1764530000


def test_armed_device_opens_a_test_incident_never_dispatched_closed_as_test(tmp_path, db_url):
    async def main():
        async with running_central(tmp_path, db_url) as c, client(c.api_url) as op, \
                client(c.api_url, "supervisora1") as sup:
            arm = {"key": key(), "type": "start_device_test", "device_id": PANIC_DEVICE}
            (refused,) = await post_commands(op, c.api_url, arm)
            assert (refused["outcome"], refused["reason"]) == ("rejected", "forbidden")
            (res,) = await post_commands(sup, c.api_url, {**arm, "key": key()})
            assert res["outcome"] == "accepted", res
            (bad,) = await post_commands(sup, c.api_url, {**arm, "key": key(), "device_id": "nope"})
            assert bad["reason"] == "not_found"
            (unit,) = await post_commands(sup, c.api_url, {**arm, "key": key(), "device_id": "TRK07"})
            assert unit["reason"] == "not_panic_device"
            devices = {d["id"]: d for d in (await get_json(op, f"{c.api_url}/api/v1/devices"))["devices"]}
            assert devices[PANIC_DEVICE]["test_armed_by"] == "supervisora1"

            params = {"id": PANIC_DEVICE, "lat": IN_S3[0], "lon": IN_S3[1], "timestamp": T0,
                      "alarm": "sos"}
            async with op.get(f"{c.osmand_url}/", params=params) as r:
                assert r.status == 200
            (inc,) = (await get_json(op, f"{c.api_url}/api/v1/incidents?status=open"))["incidents"]
            assert inc["test"] is True and inc["status"] == "new"
            devices = {d["id"]: d for d in (await get_json(op, f"{c.api_url}/api/v1/devices"))["devices"]}
            assert devices[PANIC_DEVICE]["test_armed_at"] is None  # one activation only

            iid = inc["id"]
            (ack,) = await post_commands(op, c.api_url, {"key": key(), "type": "acknowledge",
                                                        "incident_id": iid})
            assert ack["outcome"] == "accepted"
            (disp,) = await post_commands(op, c.api_url, {"key": key(), "type": "dispatch",
                                                         "incident_id": iid, "unit_id": "P07"})
            assert (disp["outcome"], disp["reason"]) == ("rejected", "test_activation")
            assert "never dispatched" in disp["message"]
            (closed,) = await post_commands(op, c.api_url, {"key": key(), "type": "close",
                                                           "incident_id": iid, "status": "closed",
                                                           "disposition": "atendido"})
            assert closed["reason"] == "test_activation"
            (done,) = await post_commands(op, c.api_url, {"key": key(), "type": "close",
                                                         "incident_id": iid})
            assert done["outcome"] == "accepted", done
            final = await get_json(op, f"{c.api_url}/api/v1/incidents/{iid}")
            assert final["status"] == "test" and final["disposition"] == "successful test activation"
            events = [ch["data"] for ch in await all_changes(op, c.api_url)
                      if ch["entity"] == "event" and ch["data"]["incident_id"] == iid]
            kinds = [e["kind"] for e in events]
            assert kinds == ["created", "test_activation", "acknowledged", "closed", "test_result"]
            result = events[-1]
            assert result["text"] == "successful" and result["data"]["seconds"] >= 0
            assert events[1]["data"]["armed_by"] == "supervisora1"

            # The next alarm is an emergency again.
            async with op.get(f"{c.osmand_url}/", params={**params, "timestamp": T0 + 60}) as r:
                assert r.status == 200
            (real,) = (await get_json(op, f"{c.api_url}/api/v1/incidents?status=open"))["incidents"]
            assert real["test"] is False and real["id"] != iid

    asyncio.run(main())


def test_a_test_activation_sends_no_sms_to_her_trusted_contacts():
    inc = {"id": "i1", "folio": "C4-1", "channel": "panic_button", "beneficiary_id": "B0042",
           "lat": IN_S3[0], "lon": IN_S3[1], "created_at": 1.0}
    created = Change(2, 1.0, "event", "e1", "upsert", {"kind": "created", "incident_id": "i1"})
    assert len(activations([Change(1, 1.0, "incident", "i1", "upsert", inc), created])) == 1
    assert activations([Change(1, 1.0, "incident", "i1", "upsert", {**inc, "test": True}), created]) == []
