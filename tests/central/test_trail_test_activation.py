"""A device's test activation at delivery: armed by a supervisor, her next alarm opens an
incident marked TEST that is timed, never dispatched, and closed as a successful test."""

from __future__ import annotations

import asyncio
from dataclasses import replace

import sqlalchemy as sa

from c4console.central import schema
from c4console.central.gateways.kannel_client import KannelSettings
from c4console.central.gateways.sms import alarms_her_contacts
from c4console.core.domain_events import PanicActivated
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
from tests.central.kannel import free_port

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
            devices = {d["id"]: d for d in (await get_json(sup, f"{c.api_url}/api/v1/devices"))["devices"]}
            assert devices[PANIC_DEVICE]["test_armed_by"] == "supervisora1"

            params = {"id": PANIC_DEVICE, "lat": IN_S3[0], "lon": IN_S3[1], "timestamp": T0,
                      "alarm": "sos"}
            async with op.get(f"{c.osmand_url}/", params=params) as r:
                assert r.status == 200
            (inc,) = (await get_json(op, f"{c.api_url}/api/v1/incidents?status=open"))["incidents"]
            assert inc["test"] is True and inc["status"] == "new"
            devices = {d["id"]: d for d in (await get_json(sup, f"{c.api_url}/api/v1/devices"))["devices"]}
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


def test_a_test_activation_sends_no_sms_to_her_trusted_contacts(tmp_path):
    activation = PanicActivated("i1", "C4-1", "B0042", PANIC_DEVICE, 1.0, *IN_S3)
    assert alarms_her_contacts(activation)
    assert not alarms_her_contacts(replace(activation, test=True))
    assert not alarms_her_contacts(replace(activation, beneficiary_id=None))
    # End to end: the SMS gateway on (its Kannel is away: rows wait in the outbox).
    sms = KannelSettings(f"http://127.0.0.1:{free_port()}/cgi-bin/sendsms", "c4", "clave",
                         attempts=1000, backoff_s=60)

    async def main():
        async with running_central(tmp_path, sms=sms) as c, client(c.api_url, "supervisora1") as sup:
            contacts = [{"name": "Lucía Peña", "phone": "+526861112233", "relation": "hermana"}]
            (res,) = await post_commands(sup, c.api_url, {
                "key": key(), "type": "update_beneficiary", "beneficiary_id": "B0042",
                "trusted_contacts": contacts})
            assert res["outcome"] == "accepted", res
            (res,) = await post_commands(sup, c.api_url, {"key": key(), "type": "start_device_test",
                                                          "device_id": PANIC_DEVICE})
            assert res["outcome"] == "accepted", res
            announced: list[PanicActivated] = []
            c.service.on(PanicActivated, lambda tx, e: announced.append(e))
            params = {"id": PANIC_DEVICE, "lat": IN_S3[0], "lon": IN_S3[1], "timestamp": T0,
                      "alarm": "sos"}
            async with sup.get(f"{c.osmand_url}/", params=params) as r:
                assert r.status == 200
            (inc,) = (await get_json(sup, f"{c.api_url}/api/v1/incidents?status=open"))["incidents"]
            assert inc["test"] is True
            assert [(e.incident_id, e.test) for e in announced] == [(inc["id"], True)]
            assert await c.reader.run(_outbox_rows) == []
            (done,) = await post_commands(sup, c.api_url, {"key": key(), "type": "close",
                                                          "incident_id": inc["id"]})
            assert done["outcome"] == "accepted", done
            # Her next alarm is an emergency: her contact is texted.
            async with sup.get(f"{c.osmand_url}/", params={**params, "timestamp": T0 + 60}) as r:
                assert r.status == 200
            real = announced[-1]
            assert not real.test and real.incident_id != inc["id"]
            assert await c.reader.run(_outbox_rows) == [f"sms:{real.incident_id}:0"]
            kinds = [ch["data"]["kind"] for ch in await all_changes(sup, c.api_url)
                     if ch["entity"] == "event" and ch["data"]["incident_id"] == inc["id"]]
            assert not [k for k in kinds if k.startswith("sms_")], kinds

    asyncio.run(main())


def _outbox_rows(engine: sa.Engine) -> list[str]:
    with engine.connect() as conn:
        return list(conn.execute(sa.select(schema.gateway_outbox.c.id)).scalars())
