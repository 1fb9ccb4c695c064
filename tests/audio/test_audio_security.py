"""Live audio against an attacker (issue 16 points 1-3), over real UDP and HTTP: a session
takes RTP only from the gateway it was opened for, only the gateway's service account
(and supervisors for a test activation) opens sessions, only the incident's owner, shift
leads and the gateway end them, and a flood on one session's port leaves the others whole."""

from __future__ import annotations

import asyncio
import json
import socket
import threading
import time
from collections.abc import Callable

import numpy as np

from c4console.central import queries
from c4console.central.audio import evidence
from c4console.central.audio.codecs import codec_for
from c4console.central.audio.manifest import MANIFEST
from c4console.central.audio.rtp import build_rtp
from tests.audio import rtp_sender
from tests.audio.harness import audio_central, client, end_session, open_session
from tests.central.helpers import PANIC_DEVICE, get_json, key, panic_alarm, post_commands


def _tone(seconds: float, rate: int = 8000, hz: float = 440.0) -> np.ndarray:
    t = np.arange(int(seconds * rate)) / rate
    return (np.sin(2 * np.pi * hz * t) * 9000).astype(np.int16)


async def _until(condition: Callable[[], bool], what: str, timeout: float = 60.0) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        assert time.monotonic() < deadline, f"timed out waiting for {what}"
        await asyncio.sleep(0.02)


def _udp() -> socket.socket:
    sock = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    sock.bind(("127.0.0.1", 0))
    return sock


def test_an_attackers_first_packet_is_refused_and_logged_while_the_real_stream_records(tmp_path):
    async def main():
        async with audio_central(tmp_path) as c:
            with _udp() as gateway, _udp() as attacker:
                gateway_port = gateway.getsockname()[1]
                sess = await open_session(None, c.audio_api, PANIC_DEVICE, "PCMU",
                                          source_host="127.0.0.1", source_port=gateway_port)
                sid, to = sess["session_id"], ("127.0.0.1", sess["udp_port"])
                # The attacker is first, from the same host but another port.
                for n in range(5):
                    attacker.sendto(build_rtp(b"\x7f" * 160, payload_type=0, seq=n, timestamp=160 * n,
                                              ssrc=0xBAD), to)
                await _until(lambda: (c.manager.describe_id(sid) or {}).get("dropped", {})
                             .get("source") == 5, "the attacker's 5 packets refused")
                for _, pkt in rtp_sender.packets(_tone(2.0), codec_for("PCMU")):
                    gateway.sendto(pkt, to)
                await _until(lambda: c.manager.describe_id(sid)["packets"] == 100,
                             "the gateway's 100 packets recorded")
            live = c.manager.describe_id(sid)
            assert live["dropped"] == {"source": 5} and live["foreign_packets"] == 5
            assert (live["source_host"], live["source_port"]) == ("127.0.0.1", gateway_port)
            await end_session(c.audio_api, sid)
            row = await c.manager.row(sid)
            folder = c.recordings / row["folder"]
            report = evidence.verify_folder(folder, row, keys=c.manager.keys)
            assert report.ok and report.closed and abs(report.duration_s - 2.0) < 0.03, report.text()
            lines = [json.loads(x) for x in (folder / MANIFEST).read_text().splitlines()]
            assert lines[0]["rtp_source"] == {"host": "127.0.0.1", "port": gateway_port}
            assert lines[-1]["foreign_packets"] == 5 and lines[-1]["ssrc"] == 0x1234ABCD
            # One security event for the attacker's address (not one per packet).
            engine = c.central.reader.engine
            await _until(lambda: any(e["kind"] == "audio_foreign_source"
                                     for e in queries.security_events(engine)),
                         "the security event")
            events = [e for e in queries.security_events(engine) if e["kind"] == "audio_foreign_source"]
            assert len(events) == 1 and sid in events[0]["detail"]

    asyncio.run(main())


def test_only_the_gateway_opens_sessions_and_only_owner_leads_and_gateway_end_them(tmp_path):
    async def main():
        async with audio_central(tmp_path) as c, client(c.api, "operadora1") as op, \
                client(c.api, "supervisora1") as sup, client(c.api, "jefe1") as lead, \
                client(c.api, "operadora2") as other:
            body = {"device_id": PANIC_DEVICE, "codec": "PCMU"}
            url = f"{c.audio_api}/api/v1/audio-sessions"
            # No open incident: nobody but the gateway opens a session …
            for who in (op, sup, lead):
                async with who.post(url, json=body) as r:
                    answer = await r.json()
                    assert r.status == 403 and "security event" in answer["error"], answer
            # … and the gateway's session waits for her alarm: it opens no incident.
            waiting = await open_session(None, c.audio_api, PANIC_DEVICE, "PCMU", alarm=False)
            assert waiting["incident_id"] is None and waiting["waiting_for_alarm"] is True
            assert (await get_json(op, f"{c.api}/api/v1/incidents?status=open"))["incidents"] == []
            await panic_alarm(c.osmand)
            (inc,) = (await get_json(op, f"{c.api}/api/v1/incidents?status=open"))["incidents"]
            assert (await c.manager.row(waiting["session_id"]))["incident_id"] == inc["id"]
            await end_session(c.audio_api, waiting["session_id"])
            for who in (op, sup, lead):
                async with who.post(url, json=body) as r:
                    answer = await r.json()
                    assert r.status == 403 and "security event" in answer["error"], answer
            first = await open_session(None, c.audio_api, PANIC_DEVICE, "PCMU")
            second = await open_session(None, c.audio_api, PANIC_DEVICE, "PCMU")
            # Neither a supervisor nor an operator who does not own the incident ends it …
            for who in (sup, other, op):
                async with who.post(f"{url}/{first['session_id']}/end") as r:
                    assert r.status == 403, await r.json()
            # … its owner does (she acknowledged it), and a shift lead does.
            (ack,) = await post_commands(op, c.api, {"key": key(), "type": "acknowledge",
                                                     "incident_id": first["incident_id"]})
            assert ack["outcome"] == "accepted", ack
            async with op.post(f"{url}/{first['session_id']}/end") as r:
                assert r.status == 200, await r.json()
            async with lead.post(f"{url}/{second['session_id']}/end") as r:
                assert r.status == 200, await r.json()

    asyncio.run(main())


def test_a_flood_on_one_session_does_not_drop_packets_of_another(tmp_path):
    async def main():
        async with audio_central(tmp_path) as c:
            flooded = await open_session(None, c.audio_api, PANIC_DEVICE, "PCMU")
            calm = await open_session(None, c.audio_api, PANIC_DEVICE, "PCMA")
            # Hold the audio worker (as a slow disk or a busy CPU would) while the flood comes.
            release = threading.Event()
            c.manager.worker.call(lambda: release.wait(60))
            flood_to = ("127.0.0.1", flooded["udp_port"])
            stop = threading.Event()

            def flood() -> None:
                pkt = build_rtp(b"\xff" * 160, payload_type=0, seq=1, timestamp=1, ssrc=7)
                with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as u:
                    while not stop.is_set():
                        for _ in range(200):
                            u.sendto(pkt, flood_to)

            flooder = threading.Thread(target=flood, daemon=True)
            flooder.start()
            try:
                await _until(lambda: c.manager.describe_id(flooded["session_id"])["dropped"]
                             .get("overload", 0) > 1000, "the flood to overflow", timeout=60)
            finally:
                stop.set()
                flooder.join(10)
            calm_live = c.manager._live[calm["session_id"]].session
            sent = await asyncio.to_thread(rtp_sender.send, _tone(2.0), calm["udp_port"], "PCMA",
                                           pace=0)
            assert sent == 100
            # Every packet of the calm session has reached the central (queued or refused).
            await _until(lambda: calm_live.dropped.get("overload", 0)
                         + getattr(calm_live, "offered", 0) >= 100, "the calm packets offered")
            release.set()
            await _until(lambda: calm_live.packets + calm_live.dropped.get("overload", 0) >= 100,
                         "the calm packets handled")
            assert calm_live.packets == 100 and "overload" not in calm_live.dropped

    asyncio.run(main())
