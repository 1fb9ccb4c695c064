"""A panic device's life through a real central (SQLite and PostgreSQL): requested for her,
approved by a supervisor with her risk from her case, delivered with training, her test call
(the TEST incident her alarm opened and its audio session) recorded, in use — each step a
command with its role, refusal, audit and feed record; the record reaches only the roles
that follow her devices."""

from __future__ import annotations

import asyncio
import datetime as dt

import sqlalchemy as sa

from c4console.central import schema
from c4console.central.audio.manager import AudioConfig
from tests.central.helpers import (
    PANIC_DEVICE,
    all_changes,
    c4_today,
    client,
    get_json,
    key,
    panic_alarm,
    post_commands,
    running_central,
)

HER = "B0042"
HER_CASE = "case-B0042"


async def _send(s, api: str, kind: str, **fields) -> dict:
    (res,) = await post_commands(s, api, {"key": key(), "type": kind, **fields})
    return res


def _lifecycle(changes: list[dict], device_id: str = PANIC_DEVICE) -> dict | None:
    """The device's last lifecycle change as a reader received it (None: never)."""
    mine = [c for c in changes if c["entity"] == "device_lifecycle" and c["id"] == device_id]
    return mine[-1] if mine else None


def test_a_device_is_requested_approved_delivered_tested_and_in_use(tmp_path, db_url):
    audio = AudioConfig(recordings=tmp_path / "recordings")

    async def main():
        async with running_central(tmp_path, db_url, audio=audio) as c, \
                client(c.api_url, "supervisora1") as sup, client(c.api_url, "admin1") as adm, \
                client(c.api_url, "operadora1") as op, client(c.api_url, "jefe1") as lead:
            api = c.api_url
            # Imported without a delivery date: in stock.
            assert _lifecycle(await all_changes(sup, api))["data"]["state"] == "in_stock"

            assert (await _send(op, api, "request_device", device_id=PANIC_DEVICE,
                                beneficiary_id=HER))["reason"] == "forbidden"
            assert (await _send(adm, api, "request_device", device_id="nope",
                                beneficiary_id=HER))["reason"] == "not_found"
            res = await _send(adm, api, "request_device", device_id=PANIC_DEVICE,
                              beneficiary_id=HER, note="solicitud de la fiscalía")
            assert res["outcome"] == "accepted", res
            assert (await _send(adm, api, "deliver_device", device_id=PANIC_DEVICE,
                                delivered_on=c4_today().isoformat(),
                                training_given=False))["reason"] == "out_of_order"

            # Approval: a supervisor's, after her case analysis, with her risk level.
            assert (await _send(adm, api, "approve_device", device_id=PANIC_DEVICE,
                                case_id=HER_CASE))["reason"] == "forbidden"
            assert (await _send(sup, api, "approve_device",
                                device_id=PANIC_DEVICE))["reason"] == "no_case"
            assert (await _send(sup, api, "approve_device", device_id=PANIC_DEVICE,
                                case_id=HER_CASE))["reason"] == "no_risk_level"
            assert (await _send(sup, api, "assess_risk", case_id=HER_CASE,
                                answers={"estrangulamiento": True}))["outcome"] == "accepted"
            res = await _send(sup, api, "approve_device", device_id=PANIC_DEVICE, case_id=HER_CASE)
            assert res["outcome"] == "accepted", res

            # Delivery: not before the request; training given and by whom.
            today = c4_today()
            yesterday = (today - dt.timedelta(days=1)).isoformat()
            res = await _send(adm, api, "deliver_device", device_id=PANIC_DEVICE,
                              delivered_on=yesterday, training_given=False)
            assert res["reason"] == "delivery_before_request", res
            assert yesterday in res["message"]
            res = await _send(adm, api, "deliver_device", device_id=PANIC_DEVICE,
                              delivered_on=today.isoformat(), delivered_by="Lic. Ruiz",
                              training_given=True, trained_by="Psic. Mora")
            assert res["outcome"] == "accepted", res

            # Her test call: armed, her alarm opens a TEST incident, its audio is recorded.
            assert (await _send(sup, api, "start_device_test",
                                device_id=PANIC_DEVICE))["outcome"] == "accepted"
            await panic_alarm(c.osmand_url)
            (inc,) = (await get_json(op, f"{api}/api/v1/incidents?status=open"))["incidents"]
            assert inc["test"] is True
            async with sup.post(f"{api}/api/v1/audio-sessions",
                                json={"device_id": PANIC_DEVICE, "codec": "PCMU"}) as r:
                sess = await r.json()
                assert r.status == 201, sess
            assert (await _send(sup, api, "put_device_in_use",
                                device_id=PANIC_DEVICE))["reason"] == "out_of_order"
            res = await _send(adm, api, "record_device_test", device_id=PANIC_DEVICE,
                              incident_id=inc["id"])
            assert res["outcome"] == "accepted", res
            res = await _send(sup, api, "put_device_in_use", device_id=PANIC_DEVICE)
            assert res["outcome"] == "accepted", res

            life = _lifecycle(await all_changes(sup, api))["data"]
            assert life["state"] == "in_use" and life["beneficiary_id"] == HER
            assert (life["case_id"], life["risk_level"]) == (HER_CASE, "alto")
            assert (life["delivered_on"], life["delivered_by"], life["training_given"],
                    life["trained_by"]) == (today.isoformat(), "Lic. Ruiz", True, "Psic. Mora")
            assert (life["test_incident_id"], life["test_folio"]) == (inc["id"], inc["folio"])
            assert life["test_audio_sessions"] == [sess["session_id"]]
            steps = [(s["state"], s["by"]) for s in life["steps"]]
            assert steps == [("in_stock", "registro"), ("requested", "admin1"),
                             ("approved", "supervisora1"), ("delivered", "admin1"),
                             ("tested", "admin1"), ("in_use", "supervisora1")]
            device = next(d for d in (await get_json(sup, f"{api}/api/v1/devices"))["devices"]
                          if d["id"] == PANIC_DEVICE)
            assert device["delivered_on"] == today.isoformat()

            # Need-to-know: the record names her; the admin receives it, operators and
            # shift leads get its withdrawal at the same seq.
            assert _lifecycle(await all_changes(adm, api))["data"]["state"] == "in_use"
            for reader in (op, lead):
                seen = _lifecycle(await all_changes(reader, api))
                assert seen["op"] == "delete" and seen["data"] == {}
            with sa.create_engine(db_url).connect() as conn:
                row = conn.execute(sa.select(schema.device_lifecycles)).one()
            assert (row.id, row.state, row.beneficiary_id) == (PANIC_DEVICE, "in_use", HER)

    asyncio.run(main())


def test_the_demo_seeds_a_believable_stock_and_starts_again_unchanged(tmp_path):
    from c4console.central.device_lifecycle_demo import APPROVED, REQUESTED
    from c4console.core.device_lifecycle import DeviceLifecycle, LifeState, stock_counts
    from c4console.resources import RESOURCES

    def counts(engine):
        with engine.connect() as conn:
            lives = [DeviceLifecycle.from_wire(d) for (d,) in
                     conn.execute(sa.select(schema.device_lifecycles.c.data))]
        return stock_counts(lives), lives

    async def main():
        db = f"sqlite:///{tmp_path / 'demo.sqlite'}"
        async with running_central(tmp_path, db, seed=False, demo_folder=RESOURCES / "demo") as c:
            stock, lives = counts(c.reader.engine)
            assert (stock.delivered, stock.total) == (144, 200)  # "144 of 200 delivered"
            assert stock[LifeState.IN_USE] == 144
            assert stock[LifeState.REQUESTED] == REQUESTED - APPROVED
            assert stock[LifeState.APPROVED] == APPROVED
            assert stock[LifeState.IN_STOCK] == 200 - 144 - REQUESTED
            approved = [life for life in lives if life.state == "approved"]
            assert all(life.risk_level and life.case_id for life in approved)
        async with running_central(tmp_path, db, seed=False, demo_folder=RESOURCES / "demo") as c:
            assert counts(c.reader.engine)[0] == stock  # started again: the same stock

    asyncio.run(main())
