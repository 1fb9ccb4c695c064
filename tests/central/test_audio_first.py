"""Her call's audio before her data alarm (issues 16 and 17): the gateway's session for a
device with no open incident is recorded from its first packet but *waits for her alarm*
— it opens nothing on its own. Her data alarm binds it (a test call stays a TEST incident
that texts no one, a real one an ALTA whose SMS go out once); with no alarm within the
central's wait, her activation is opened from the audio, classified like a data alarm.

Through a real central (SQLite and PostgreSQL), real RTP into its audio session, the
recording verified with ``evidence verify``, and a real Kannel with fakesmsc as the SMSC.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import time
from collections.abc import AsyncIterator, Awaitable, Callable
from pathlib import Path
from typing import Any

import numpy as np
import pytest
import sqlalchemy as sa

from c4console.central import schema
from c4console.central.audio import evidence_cli
from c4console.central.audio.manager import AudioConfig
from c4console.central.audio.manifest import MANIFEST
from c4console.central.gateways.kannel_client import KannelSettings
from c4console.central.server import Central
from tests.audio import rtp_sender
from tests.central.helpers import (
    GATEWAY_ACCOUNT,
    IN_S3,
    PANIC_DEVICE,
    TEST_ACCOUNTS,
    client,
    get_json,
    key,
    post_commands,
    running_central,
)
from tests.central.kannel import PASSWORD, USER, require_kannel, running_kannel

CONTACT = {"name": "Lucía Peña", "phone": "+526861112233", "relation": "hermana"}
WAIT_S = 0.6  # the central's wait for her alarm, small for the tests that let it pass
LONG_WAIT_S = 30.0  # … and long where her alarm comes (the clock is moved past it after)


@pytest.fixture(scope="module")
def kannel(tmp_path_factory):
    require_kannel()
    with running_kannel(tmp_path_factory.mktemp("kannel")) as k:
        yield k


@contextlib.asynccontextmanager
async def _central(tmp_path: Path, db_url: str | None, kannel: Any, *,
                   wait_s: float = WAIT_S) -> AsyncIterator[Central]:
    sms = KannelSettings(kannel.sendsms_url, USER, PASSWORD)
    audio = AudioConfig(recordings=tmp_path / "recordings", alarm_wait_s=wait_s)
    async with running_central(tmp_path, db_url, sms=sms, audio=audio,
                               accounts=[*TEST_ACCOUNTS, GATEWAY_ACCOUNT]) as c:
        yield c


async def _until(condition: Callable[[], Awaitable[Any]], what: str, timeout: float = 20.0) -> Any:
    deadline = time.monotonic() + timeout
    while True:
        found = await condition()
        if found:
            return found
        assert time.monotonic() < deadline, f"timed out waiting for {what}"
        await asyncio.sleep(0.05)


def _tone(seconds: float, rate: int = 8000) -> np.ndarray:
    t = np.arange(int(seconds * rate)) / rate
    return (np.sin(2 * np.pi * 440.0 * t) * 8000).astype(np.int16)


def _outbox_rows(engine: sa.Engine) -> list[str]:
    with engine.connect() as conn:
        return list(conn.execute(sa.select(schema.gateway_outbox.c.id)).scalars())


async def _with_contact(sup, api: str, *, arm: bool) -> None:
    (res,) = await post_commands(sup, api, {"key": key(), "type": "update_beneficiary",
                                            "beneficiary_id": "B0042", "trusted_contacts": [CONTACT]})
    assert res["outcome"] == "accepted", res
    if arm:
        (res,) = await post_commands(sup, api, {"key": key(), "type": "start_device_test",
                                                "device_id": PANIC_DEVICE})
        assert res["outcome"] == "accepted", res


async def _her_call(gw, c: Central, seconds: float = 1.0) -> dict:
    """The gateway opens her session before any alarm and sends her audio; the session."""
    async with gw.post(f"{c.api_url}/api/v1/audio-sessions",
                       json={"device_id": PANIC_DEVICE, "codec": "PCMU"}) as r:
        sess = await r.json()
        assert r.status == 201, sess
    assert sess["incident_id"] is None and sess["waiting_for_alarm"] is True
    packets = int(seconds * 50)
    sent = await asyncio.to_thread(rtp_sender.send, _tone(seconds), sess["udp_port"], "PCMU")
    assert sent == packets
    await _until(lambda: _recorded(c, sess["session_id"], packets), f"{packets} packets recorded")
    return sess


async def _recorded(c: Central, sid: str, packets: int) -> bool:
    return (c.audio.describe_id(sid) or {}).get("packets") == packets


async def _open_incidents(s, api: str) -> list[dict]:
    return (await get_json(s, f"{api}/api/v1/incidents?status=open"))["incidents"]


async def _alarm(osmand: str, s) -> None:
    params = {"id": PANIC_DEVICE, "lat": IN_S3[0], "lon": IN_S3[1], "timestamp": int(time.time()),
              "alarm": "sos"}
    async with s.get(f"{osmand}/", params=params) as r:
        assert r.status == 200, await r.text()


async def _timeline(s, api: str, incident_id: str) -> list[dict]:
    body = await get_json(s, f"{api}/api/v1/changes?since=0&limit=5000")
    return [ch["data"] for ch in body["changes"]
            if ch["entity"] == "event" and ch["data"]["incident_id"] == incident_id]


async def _end_and_verify(gw, c: Central, db_url: str, sid: str, incident_id: str) -> list[dict]:
    """End the session (if live), run ``evidence verify`` on it; the manifest's lines."""
    if c.audio.describe_id(sid) is not None:
        async with gw.post(f"{c.api_url}/api/v1/audio-sessions/{sid}/end") as r:
            assert r.status == 200, await r.json()
    row = await c.audio.row(sid)
    assert row["incident_id"] == incident_id
    status = await asyncio.to_thread(evidence_cli.main, [
        "evidence", "verify", sid, "--db", db_url, "--recordings", str(c.audio.config.recordings)])
    assert status == 0, "the recording does not verify"
    folder = c.audio.config.recordings / row["folder"]
    return [json.loads(line) for line in (folder / MANIFEST).read_text().splitlines()]


async def _bound(c: Central, sid: str, incident_id: str) -> bool:
    """The session's row and its live description (or its manifest) name the incident."""
    row = await c.audio.row(sid)
    live = c.audio.describe_id(sid)
    return row["incident_id"] == incident_id and (live is None or live["incident_id"] == incident_id)


def _db(tmp_path: Path, db_url: str | None) -> str:
    return db_url or f"sqlite:///{tmp_path / 'central.sqlite'}"


def test_her_test_call_with_audio_first_then_its_alarm_stays_a_test(tmp_path, db_url, kannel):
    async def main():
        async with _central(tmp_path, db_url, kannel, wait_s=LONG_WAIT_S) as c, \
                client(c.api_url) as op, client(c.api_url, "supervisora1") as sup, \
                client(c.api_url, "jefe1") as lead, \
                client(c.api_url, GATEWAY_ACCOUNT.name) as gw:
            await _with_contact(sup, c.api_url, arm=True)
            before = len(kannel.received())
            sess = await _her_call(gw, c)
            sid = sess["session_id"]
            assert await _open_incidents(op, c.api_url) == []  # her audio opened nothing
            # Waiting for her alarm: the shift's leads and supervisors see it live, operators
            # meet it on her incident.
            for who in (sup, lead):
                live = (await get_json(who, f"{c.api_url}/api/v1/audio-sessions"))["sessions"]
                assert [s["session_id"] for s in live if s["waiting_for_alarm"]] == [sid]
            assert (await get_json(op, f"{c.api_url}/api/v1/audio-sessions"))["sessions"] == []
            await get_json(op, f"{c.api_url}/api/v1/audio-sessions/{sid}", status=403)

            await _alarm(c.osmand_url, op)  # her test call's data alarm follows
            (inc,) = await _open_incidents(op, c.api_url)
            assert inc["test"] is True, "the test call's alarm after its audio opened an emergency"
            await _until(lambda: _bound(c, sid, inc["id"]), "the session bound to her test")
            events = await _timeline(op, c.api_url, inc["id"])
            started = next(e for e in events if e["kind"] == "audio_started")
            assert started["data"]["session_id"] == sid
            assert started["at"] == pytest.approx(sess["started_at"])
            assert started["at"] < inc["created_at"]
            assert "test_activation" in [e["kind"] for e in events]
            device = next(d for d in (await get_json(sup, f"{c.api_url}/api/v1/devices"))["devices"]
                          if d["id"] == PANIC_DEVICE)
            assert device["test_armed_at"] is None  # the test call has come: the mode is spent

            lines = await _end_and_verify(gw, c, _db(tmp_path, db_url), sid, inc["id"])
            assert lines[0]["waiting_for_alarm"] is True and lines[0]["incident_id"] is None
            (bound,) = [x for x in lines if x["type"] == "incident"]
            assert (bound["incident_id"], bound["folio"]) == (inc["id"], inc["folio"])
            assert lines[-1]["type"] == "end"
            # The wait passes: nothing waits any more, nothing else opens, no one was texted.
            wall = c.service.clock
            c.service.clock = lambda: wall() + LONG_WAIT_S
            assert await c.audio.alarm_wait.check_now() == []
            assert [i["id"] for i in await _open_incidents(op, c.api_url)] == [inc["id"]]
            assert await c.reader.run(_outbox_rows) == []
            assert len(kannel.received()) == before

    asyncio.run(main())


def test_her_real_call_with_audio_first_then_her_alarm_texts_her_contacts_once(tmp_path, db_url,
                                                                              kannel):
    async def main():
        async with _central(tmp_path, db_url, kannel, wait_s=LONG_WAIT_S) as c, \
                client(c.api_url) as op, client(c.api_url, "supervisora1") as sup, \
                client(c.api_url, GATEWAY_ACCOUNT.name) as gw:
            await _with_contact(sup, c.api_url, arm=False)
            before = len(kannel.received())
            sess = await _her_call(gw, c)
            sid = sess["session_id"]
            await _alarm(c.osmand_url, op)
            (inc,) = await _open_incidents(op, c.api_url)
            assert inc["test"] is False and inc["priority"] == "ALTA"
            await _until(lambda: _bound(c, sid, inc["id"]), "the session bound to her incident")
            (message,) = (await asyncio.to_thread(kannel.wait_received, before + 1))[before:]
            assert message.to == CONTACT["phone"]
            assert await c.reader.run(_outbox_rows) == [f"sms:{inc['id']}:0"]
            # The recording is attached, its start before the incident's.
            (started,) = [e for e in await _timeline(op, c.api_url, inc["id"])
                          if e["kind"] == "audio_started"]
            assert started["data"]["session_id"] == sid and started["data"]["waited_for_alarm"]
            assert started["at"] == pytest.approx(sess["started_at"])
            assert started["at"] < inc["created_at"]
            listed = (await get_json(op, f"{c.api_url}/api/v1/audio-sessions"))["sessions"]
            assert [(s["session_id"], s["incident_id"]) for s in listed] == [(sid, inc["id"])]
            await _end_and_verify(gw, c, _db(tmp_path, db_url), sid, inc["id"])
            # Her alarm again, and the wait passing: the same incident, no second SMS.
            await _alarm(c.osmand_url, op)
            wall = c.service.clock
            c.service.clock = lambda: wall() + LONG_WAIT_S
            assert await c.audio.alarm_wait.check_now() == []
            assert [i["id"] for i in await _open_incidents(op, c.api_url)] == [inc["id"]]
            assert await c.reader.run(_outbox_rows) == [f"sms:{inc['id']}:0"]

    asyncio.run(main())


@pytest.mark.parametrize("armed", [False, True], ids=["real", "test_mode"])
def test_her_audio_with_no_alarm_opens_her_activation_after_the_wait(tmp_path, kannel, armed):
    async def main():
        async with _central(tmp_path, None, kannel) as c, client(c.api_url) as op, \
                client(c.api_url, "supervisora1") as sup, \
                client(c.api_url, GATEWAY_ACCOUNT.name) as gw:
            await _with_contact(sup, c.api_url, arm=armed)
            before = len(kannel.received())
            sess = await _her_call(gw, c)
            sid = sess["session_id"]
            # No alarm comes: after the wait the central opens her activation from the audio.
            (inc,) = await _until(lambda: _open_incidents(op, c.api_url), "her activation")
            assert inc["created_at"] - sess["started_at"] >= WAIT_S
            assert inc["test"] is armed and inc["priority"] == "ALTA"
            assert inc["device_id"] == PANIC_DEVICE and inc["beneficiary_id"] == "B0042"
            await _until(lambda: _bound(c, sid, inc["id"]), "the session bound to her incident")
            events = await _timeline(op, c.api_url, inc["id"])
            created = next(e for e in events if e["kind"] == "created")
            assert created["data"]["opened_by"] == "audio"
            assert ("test_activation" in [e["kind"] for e in events]) is armed
            if armed:  # her test call: texts no one, the mode is spent
                assert await c.reader.run(_outbox_rows) == []
                device = next(d for d in (await get_json(sup, f"{c.api_url}/api/v1/devices"))
                              ["devices"] if d["id"] == PANIC_DEVICE)
                assert device["test_armed_at"] is None
            else:  # her audio alone is her calling: her contacts are texted, once
                (message,) = (await asyncio.to_thread(kannel.wait_received, before + 1))[before:]
                assert message.to == CONTACT["phone"]
                assert await c.reader.run(_outbox_rows) == [f"sms:{inc['id']}:0"]
            lines = await _end_and_verify(gw, c, _db(tmp_path, None), sid, inc["id"])
            assert [x["incident_id"] for x in lines if x["type"] == "incident"] == [inc["id"]]
            assert len(kannel.received()) == before + (0 if armed else 1)

    asyncio.run(main())


def test_a_call_that_ended_before_any_alarm_opens_her_activation_at_the_wait(tmp_path, kannel):
    """The wait counts from the call's start, ended or not: her alarm may still follow a
    short call within it, and her audio reaches an operator either way."""
    async def main():
        async with _central(tmp_path, None, kannel, wait_s=LONG_WAIT_S) as c, \
                client(c.api_url) as op, client(c.api_url, "supervisora1") as sup, \
                client(c.api_url, GATEWAY_ACCOUNT.name) as gw:
            await _with_contact(sup, c.api_url, arm=False)
            sess = await _her_call(gw, c, seconds=0.4)
            sid = sess["session_id"]
            async with gw.post(f"{c.api_url}/api/v1/audio-sessions/{sid}/end") as r:
                assert r.status == 200, await r.json()
            assert await c.audio.alarm_wait.check_now() == []  # within the wait: it waits
            assert await _open_incidents(op, c.api_url) == []
            ended = await get_json(sup, f"{c.api_url}/api/v1/audio-sessions/{sid}")
            assert ended["status"] == "ended" and ended["incident_id"] is None
            wall = c.service.clock
            c.service.clock = lambda: wall() + LONG_WAIT_S  # the wait has passed
            (inc,) = await _until(lambda: _open_incidents(op, c.api_url), "her activation")
            assert inc["test"] is False and inc["priority"] == "ALTA"
            kinds = {e["kind"]: e for e in await _timeline(op, c.api_url, inc["id"])}
            assert kinds["audio_started"]["at"] == pytest.approx(sess["started_at"])
            assert kinds["audio_ended"]["data"]["session_id"] == sid
            await _until(lambda: _manifest_names(c, sid, inc["id"]), "the manifest's incident line")
            lines = await _end_and_verify(gw, c, _db(tmp_path, None), sid, inc["id"])
            assert [x["type"] for x in lines[-2:]] == ["end", "incident"]

    asyncio.run(main())


async def _manifest_names(c: Central, sid: str, incident_id: str) -> bool:
    row = await c.audio.row(sid)
    manifest = c.audio.config.recordings / row["folder"] / MANIFEST
    return any(json.loads(x).get("incident_id") == incident_id
               for x in manifest.read_text().splitlines()[1:])


def test_her_alarm_at_another_node_binds_the_session_this_node_records(tmp_path, db_url, kannel):
    """Several nodes on one database: her alarm reaches node B, her audio is recorded at node
    A; A learns of the binding at its next check and its manifest records the incident."""
    async def main():
        async with _central(tmp_path / "a", db_url or _db(tmp_path / "a", None), kannel,
                            wait_s=LONG_WAIT_S) as a, \
                running_central(tmp_path / "b", db_url or _db(tmp_path / "a", None),
                                seed=False) as b, \
                client(a.api_url, GATEWAY_ACCOUNT.name) as gw, client(b.api_url) as op_b:
            sess = await _her_call(gw, a)
            sid = sess["session_id"]
            await _alarm(b.osmand_url, op_b)
            (inc,) = await _open_incidents(op_b, b.api_url)
            assert (await a.audio.row(sid))["incident_id"] == inc["id"]
            await _until(lambda: _bound(a, sid, inc["id"]), "node A adopting the binding")
            lines = await _end_and_verify(gw, a, db_url or _db(tmp_path / "a", None), sid, inc["id"])
            assert [x["incident_id"] for x in lines if x["type"] == "incident"] == [inc["id"]]

    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    asyncio.run(main())
