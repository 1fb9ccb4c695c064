"""A device's test mode (issue 17): armed by a supervisor for her test call at delivery, it
applies to every path of that call — the data alarm, an audio session that arrives first
(it waits for her alarm, or opens her activation after the central's wait), the SMS to
her trusted contacts — expires after the central's window (default 30 min),
shows on her device record, and a supervisor can cancel it. A real alarm after the test
mode ended is an emergency.

Through a real central (SQLite and PostgreSQL), real RTP into its audio session, and a
real Kannel with fakesmsc as the SMSC: the test sends no SMS, the real alarm after it does.
"""

from __future__ import annotations

import asyncio
import time

import numpy as np
import pytest
import sqlalchemy as sa

from c4console.central import schema
from c4console.central.audio.manager import AudioConfig
from c4console.central.gateways.kannel_client import KannelSettings
from tests.audio import rtp_sender
from tests.central.helpers import (
    GATEWAY_ACCOUNT,
    IN_S3,
    PANIC_DEVICE,
    TEST_ACCOUNTS,
    all_changes,
    client,
    get_json,
    key,
    post_commands,
    running_central,
)
from tests.central.kannel import PASSWORD, USER, require_kannel, running_kannel

CONTACT = {"name": "Lucía Peña", "phone": "+526861112233", "relation": "hermana"}


@pytest.fixture(scope="module")
def kannel(tmp_path_factory):
    require_kannel()
    with running_kannel(tmp_path_factory.mktemp("kannel")) as k:
        yield k


def _tone(seconds: float, rate: int = 8000) -> np.ndarray:
    t = np.arange(int(seconds * rate)) / rate
    return (np.sin(2 * np.pi * 440.0 * t) * 8000).astype(np.int16)


def _outbox_rows(engine: sa.Engine) -> list[str]:
    with engine.connect() as conn:
        return list(conn.execute(sa.select(schema.gateway_outbox.c.id)).scalars())


async def _device(s, api: str) -> dict:
    devices = (await get_json(s, f"{api}/api/v1/devices"))["devices"]
    return next(d for d in devices if d["id"] == PANIC_DEVICE)


async def _arm_with_contact(sup, api: str) -> None:
    (res,) = await post_commands(sup, api, {"key": key(), "type": "update_beneficiary",
                                            "beneficiary_id": "B0042", "trusted_contacts": [CONTACT]})
    assert res["outcome"] == "accepted", res
    (res,) = await post_commands(sup, api, {"key": key(), "type": "start_device_test",
                                            "device_id": PANIC_DEVICE})
    assert res["outcome"] == "accepted", res


async def _gateway_session(api: str) -> dict:
    """Her call reaches the gateway before her alarm: it opens her session (201, waiting)."""
    async with client(api, GATEWAY_ACCOUNT.name) as gw, gw.post(
            f"{api}/api/v1/audio-sessions", json={"device_id": PANIC_DEVICE, "codec": "PCMU"}) as r:
        sess = await r.json()
        assert r.status == 201, sess
    assert sess["incident_id"] is None and sess["waiting_for_alarm"] is True
    return sess


async def _until(condition, what: str, timeout: float = 20.0):
    deadline = time.monotonic() + timeout
    while not (found := await condition()):
        assert time.monotonic() < deadline, f"timed out waiting for {what}"
        await asyncio.sleep(0.05)
    return found


async def _alarm(s, osmand: str, at: float) -> None:
    params = {"id": PANIC_DEVICE, "lat": IN_S3[0], "lon": IN_S3[1], "timestamp": int(at),
              "alarm": "sos"}
    async with s.get(f"{osmand}/", params=params) as r:
        assert r.status == 200, await r.text()


def test_test_call_with_audio_first_stays_a_test_and_texts_no_one(tmp_path, db_url, kannel):
    sms = KannelSettings(kannel.sendsms_url, USER, PASSWORD)
    # Her alarm comes well within the wait (the wait passing is tests/central/test_audio_first.py's).
    audio = AudioConfig(recordings=tmp_path / "recordings", alarm_wait_s=30.0)

    async def main():
        async with running_central(tmp_path, db_url, sms=sms, audio=audio,
                                   accounts=[*TEST_ACCOUNTS, GATEWAY_ACCOUNT]) as c, \
                client(c.api_url) as op, client(c.api_url, "supervisora1") as sup, \
                client(c.api_url, "jefe1") as lead:
            await _arm_with_contact(sup, c.api_url)
            before = len(kannel.received())
            # Her test call: the audio reaches the central before the data alarm. It is
            # recorded, and waits for her alarm: it opens nothing on its own.
            sess = await _gateway_session(c.api_url)
            sent = await asyncio.to_thread(rtp_sender.send, _tone(1.0), sess["udp_port"], "PCMU")
            assert sent == 50
            assert (await get_json(op, f"{c.api_url}/api/v1/incidents?status=open"))["incidents"] == []
            device = await _device(sup, c.api_url)
            assert device["test_armed_at"] is not None  # still armed: her call is not in yet

            # Her data alarm follows: her test call, with the audio that came first.
            await _alarm(op, c.osmand_url, time.time())
            (inc,) = (await get_json(op, f"{c.api_url}/api/v1/incidents?status=open"))["incidents"]
            assert inc["test"] is True, "the test call with audio first opened a real emergency"
            device = await _device(sup, c.api_url)
            assert device["test_armed_at"] is None  # the test call has come: the mode is spent
            sid = sess["session_id"]
            live = await _until(lambda: _session_of(lead, c.api_url, sid, inc["id"]),
                                "her audio on her test incident")
            assert live["packets"] == 50 and live["waiting_for_alarm"] is False
            # Her alarm again: it joins the test, it opens nothing else.
            await _alarm(op, c.osmand_url, time.time() + 1)
            (same,) = (await get_json(op, f"{c.api_url}/api/v1/incidents?status=open"))["incidents"]
            assert same["id"] == inc["id"] and same["test"] is True
            async with lead.post(f"{c.api_url}/api/v1/audio-sessions/{sid}/end") as r:
                assert r.status == 200
            (disp,) = await post_commands(op, c.api_url, {"key": key(), "type": "dispatch",
                                                         "incident_id": inc["id"], "unit_id": "P07"})
            assert disp["reason"] == "test_activation"
            (done,) = await post_commands(op, c.api_url, {"key": key(), "type": "close",
                                                         "incident_id": inc["id"]})
            assert done["outcome"] == "accepted", done
            assert await c.reader.run(_outbox_rows) == []  # no SMS queued for the test

            # Her next alarm is real: an emergency, dispatchable, and her contact is texted.
            await _alarm(op, c.osmand_url, time.time() + 2)
            (real,) = (await get_json(op, f"{c.api_url}/api/v1/incidents?status=open"))["incidents"]
            assert real["test"] is False and real["id"] != inc["id"]
            (message,) = (await asyncio.to_thread(kannel.wait_received, before + 1))[before:]
            assert message.to == CONTACT["phone"]
            assert await c.reader.run(_outbox_rows) == [f"sms:{real['id']}:0"]
            kinds = [ch["data"]["kind"] for ch in await all_changes(op, c.api_url)
                     if ch["entity"] == "event" and ch["data"]["incident_id"] == inc["id"]]
            assert "test_activation" in kinds and not [k for k in kinds if k.startswith("sms_")]
            assert len(kannel.received()) == before + 1  # the test's SMS never went

    asyncio.run(main())


def test_real_audio_first_alarms_her_contacts(tmp_path):
    """Without a test mode, audio arriving first is her emergency, SMS included: if her
    data alarm does not follow within the central's wait, her audio opens it."""
    async def main():
        outbox_sms = KannelSettings("http://127.0.0.1:9/cgi-bin/sendsms", "c4", "clave",
                                    attempts=1000, backoff_s=60)
        audio = AudioConfig(recordings=tmp_path / "recordings", alarm_wait_s=0.3)
        async with running_central(tmp_path, sms=outbox_sms, audio=audio,
                                   accounts=[*TEST_ACCOUNTS, GATEWAY_ACCOUNT]) as c, \
                client(c.api_url) as op, client(c.api_url, "supervisora1") as sup:
            (res,) = await post_commands(sup, c.api_url, {
                "key": key(), "type": "update_beneficiary", "beneficiary_id": "B0042",
                "trusted_contacts": [CONTACT]})
            assert res["outcome"] == "accepted", res
            sess = await _gateway_session(c.api_url)
            row = await _until(lambda: _bound_row(c, sess["session_id"]), "her activation")
            inc = await get_json(op, f"{c.api_url}/api/v1/incidents/{row['incident_id']}")
            assert inc["test"] is False and inc["priority"] == "ALTA"
            assert await c.reader.run(_outbox_rows) == [f"sms:{inc['id']}:0"]

    asyncio.run(main())


async def _session_of(s, api: str, session_id: str, incident_id: str) -> dict | None:
    """The live session as listed for ``incident_id`` (None until it is bound there)."""
    listed = await get_json(s, f"{api}/api/v1/audio-sessions?incident_id={incident_id}")
    return next((x for x in listed["sessions"] if x["session_id"] == session_id), None)


async def _bound_row(c, session_id: str) -> dict | None:
    row = await c.audio.row(session_id)
    return row if row["incident_id"] else None


def test_test_mode_expires_and_the_next_alarm_is_real(tmp_path):
    async def main():
        async with running_central(tmp_path, device_test_minutes=30.0) as c, \
                client(c.api_url) as op, client(c.api_url, "supervisora1") as sup:
            shift = [0.0]
            wall = c.service.clock
            c.service.clock = lambda: wall() + shift[0]
            (res,) = await post_commands(sup, c.api_url, {"key": key(), "type": "start_device_test",
                                                          "device_id": PANIC_DEVICE})
            assert res["outcome"] == "accepted", res
            device = await _device(sup, c.api_url)
            assert device["test_expires_at"] == pytest.approx(device["test_armed_at"] + 1800)
            shift[0] = 31 * 60  # she never made the call; the mode has ended
            await _alarm(op, c.osmand_url, time.time())
            (inc,) = (await get_json(op, f"{c.api_url}/api/v1/incidents?status=open"))["incidents"]
            assert inc["test"] is False
            (ack,) = await post_commands(op, c.api_url, {"key": key(), "type": "acknowledge",
                                                        "incident_id": inc["id"]})
            (disp,) = await post_commands(op, c.api_url, {"key": key(), "type": "dispatch",
                                                         "incident_id": inc["id"], "unit_id": "P07"})
            assert (ack["outcome"], disp["outcome"]) == ("accepted", "accepted"), disp
            device = await _device(sup, c.api_url)
            assert device["test_armed_at"] is None and device["test_expires_at"] is None

    asyncio.run(main())


def test_a_supervisor_cancels_the_test_mode_through_a_command(tmp_path):
    async def main():
        async with running_central(tmp_path) as c, client(c.api_url) as op, \
                client(c.api_url, "supervisora1") as sup:
            (res,) = await post_commands(sup, c.api_url, {"key": key(), "type": "start_device_test",
                                                          "device_id": PANIC_DEVICE})
            assert res["outcome"] == "accepted", res
            cancel = {"key": key(), "type": "cancel_device_test", "device_id": PANIC_DEVICE}
            (refused,) = await post_commands(op, c.api_url, cancel)
            assert (refused["outcome"], refused["reason"]) == ("rejected", "forbidden")
            (done,) = await post_commands(sup, c.api_url, {**cancel, "key": key()})
            assert done["outcome"] == "accepted", done
            device = await _device(sup, c.api_url)
            assert device["test_armed_at"] is None and device["test_expires_at"] is None
            assert device["test_cancelled_by"] == "supervisora1"
            (again,) = await post_commands(sup, c.api_url, {**cancel, "key": key()})
            assert again["reason"] == "not_in_test_mode"
            audit = await get_json(sup, f"{c.api_url}/api/v1/audit?limit=50")
            entries = audit.get("entries", audit.get("items", []))
            assert any("cancel_device_test" in str(e) for e in entries), entries
            await _alarm(op, c.osmand_url, time.time())
            (inc,) = (await get_json(op, f"{c.api_url}/api/v1/incidents?status=open"))["incidents"]
            assert inc["test"] is False

    asyncio.run(main())
