"""Audio sessions at an in-process central over real UDP and HTTP: binding to her incident,
bad RTP counted and dropped, loss and reordering, ending by command and by silence."""

from __future__ import annotations

import asyncio
import socket

import numpy as np

from c4console.central.audio import evidence
from c4console.central.audio.codecs import codec_for
from c4console.central.audio.rtp import build_rtp
from tests.audio import rtp_sender
from tests.audio.harness import (
    audio_central,
    client,
    end_session,
    open_session,
    until,
    until_taken_in,
)
from tests.central.helpers import PANIC_DEVICE


def _tone(seconds: float, rate: int = 8000, hz: float = 440.0) -> np.ndarray:
    t = np.arange(int(seconds * rate)) / rate
    return (np.sin(2 * np.pi * hz * t) * 9000).astype(np.int16)


async def _get(s, url):
    async with s.get(url) as r:
        return r.status, await r.json()


def test_session_records_through_bad_input_and_binds_to_her_incident(tmp_path):
    hostile = {
        3: [b"\x80\x00"],  # short
        6: [b"\x40" + b"\x00" * 40],  # wrong version
        9: [build_rtp(b"\x00" * 160, payload_type=8, seq=1009, timestamp=0, ssrc=0x1234ABCD)],  # PT 8
        12: [build_rtp(b"\x00" * 160, payload_type=0, seq=5, timestamp=0, ssrc=0xBAD)],  # other SSRC
        15: [build_rtp(b"\x00" * 160, payload_type=0, seq=40000, timestamp=0, ssrc=0x1234ABCD)],  # jump
    }

    async def main():
        async with audio_central(tmp_path) as c, client(c.api) as s:
            sess = await open_session(s, c.audio_api, PANIC_DEVICE, "PCMU")
            assert sess["udp_port"] > 0 and sess["folio"].startswith("C4-")
            status, inc = await _get(s, f"{c.api}/api/v1/incidents/{sess['incident_id']}")
            assert (inc["priority"], inc["channel"], inc["device_id"]) == ("ALTA", "panic_button",
                                                                          PANIC_DEVICE)
            sent = await asyncio.to_thread(rtp_sender.send, _tone(2.0), sess["udp_port"], "PCMU",
                                           drop={20}, swap={30}, extra=hostile)
            assert sent == 99
            await until_taken_in(c, sess["session_id"], sent, dropped=len(hostile))
            status, live = await _get(s, f"{c.audio_api}/api/v1/audio-sessions/{sess['session_id']}")
            assert status == 200 and live["status"] == "live"
            assert live["dropped"] == {"short": 1, "version": 1, "payload_type": 1, "ssrc": 1,
                                       "seq_jump": 1}
            assert live["packets"] == 99 and live["lost"] == 1
            ended = await end_session(c.audio_api, sess["session_id"])
            assert ended["status"] == "ended", ended
            assert abs(ended["duration_s"] - 2.0) < 0.03
            # A packet to the ended session's port is counted, not recorded.
            with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as u:
                u.sendto(build_rtp(b"\xff" * 160, payload_type=0, seq=1, timestamp=1, ssrc=1),
                         ("127.0.0.1", sess["udp_port"]))
            await until(lambda: c.manager.stats()["no_session"], "the late packet counted")
            assert c.manager.stats()["no_session"] == 1
            await end_session(c.audio_api, sess["session_id"], status=409)
            status, events = await _get(s, f"{c.api}/api/v1/changes?since=0")
            kinds = [ch["data"]["kind"] for ch in events["changes"] if ch["entity"] == "event"]
            assert kinds == ["created", "audio_started", "audio_ended"]
            row = await c.manager.row(sess["session_id"])
            report = evidence.verify_folder(c.recordings / row["folder"], row,
                                            keys=c.manager.keys)
            assert report.ok and report.closed, report.text()
            assert report.segments_verified == 4 and row["chain_head"] == report.chain_head
            assert report.metadata["beneficiary_id"] == "B0042"

    asyncio.run(main())


def test_refusals_say_what_was_wrong(tmp_path):
    async def main():
        async with audio_central(tmp_path) as c, client(c.api) as s:
            body = await open_session(s, c.audio_api, "999", "PCMU", status=404)
            assert "not registered" in body["error"] and "security event" in body["error"]
            body = await open_session(s, c.audio_api, PANIC_DEVICE, "G729", status=400)
            assert "G729" in body["error"]
            body = await open_session(s, c.audio_api, "TRK07", "PCMA", status=409)
            assert "not a panic device" in body["error"]
            async with s.get(f"{c.audio_api}/api/v1/recordings") as r:
                assert r.status == 403  # an operator may not list recordings
        async with audio_central(tmp_path / "again") as c, client(c.api, "supervisora1") as s:
            status, body = await _get(s, f"{c.audio_api}/api/v1/recordings")
            assert status == 200 and body["recordings"] == []

    asyncio.run(main())


def test_l16_16k_session_ends_after_silence(tmp_path):
    async def main():
        async with audio_central(tmp_path, silence_timeout_s=0.6) as c, client(c.api) as s:
            sess = await open_session(s, c.audio_api, PANIC_DEVICE, "L16/16000")
            assert (sess["sample_rate"], sess["payload_type"]) == (16000, 96)
            tone = _tone(1.0, 16000)
            codec = codec_for("L16/16000")
            with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as u:
                for _, pkt in rtp_sender.packets(tone, codec):
                    u.sendto(pkt, ("127.0.0.1", sess["udp_port"]))
            deadline = asyncio.get_running_loop().time() + 60
            while (row := await c.manager.row(sess["session_id"]))["status"] != "ended" \
                    and asyncio.get_running_loop().time() < deadline:
                await asyncio.sleep(0.1)
            assert row["status"] == "ended" and row["end_reason"].startswith("silence")
            report = evidence.verify_folder(c.recordings / row["folder"], row,
                                            keys=c.manager.keys)
            assert report.ok and abs(report.duration_s - 1.0) < 0.02, report.text()

    asyncio.run(main())
