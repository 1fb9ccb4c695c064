"""SRTP for gateways that support it (issue 16 point 1): ``"srtp": true`` gives the session
its own AES_CM_128_HMAC_SHA1_80 master key (to its creator only); ffmpeg's real SRTP is
recorded and verifies; a plain RTP packet from the gateway's own address and port is
refused undecoded and is a security event; the key is in no log, row, manifest or other
answer."""

from __future__ import annotations

import asyncio
import base64
import json
import logging
import socket
import subprocess
import time
from collections.abc import Callable
from pathlib import Path

import numpy as np

from c4console.central import queries
from c4console.central.audio import evidence
from c4console.central.audio.codecs import codec_for
from c4console.central.audio.manifest import MANIFEST
from c4console.central.audio.rtp import build_rtp
from tests.audio.harness import audio_central, end_session, open_session
from tests.central.helpers import PANIC_DEVICE, client
from tests.system_tools import require_tools


async def _until(condition: Callable[[], bool], what: str, timeout: float = 15.0) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        assert time.monotonic() < deadline, f"timed out waiting for {what}"
        await asyncio.sleep(0.02)


def _tone_wav(path: Path, seconds: float) -> Path:
    subprocess.run(["sox", "-n", "-r", "8000", "-c", "1", "-b", "16", str(path), "synth",
                    str(seconds), "sine", "440", "vol", "0.3"], check=True, capture_output=True,
                   timeout=30)
    return path


def _free_udp_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def test_ffmpeg_srtp_records_and_verifies_while_plain_rtp_is_refused_and_the_key_stays_secret(
        tmp_path, caplog):
    require_tools("ffmpeg", "sox", package="ffmpeg sox")
    caplog.set_level(logging.DEBUG)
    wav = _tone_wav(tmp_path / "tone.wav", 2.0)
    gateway_port = _free_udp_port()  # the gateway's RTP port: given when it opens the session

    async def main() -> None:
        async with audio_central(tmp_path) as c, client(c.api, "supervisora1") as sup:
            sess = await open_session(None, c.audio_api, PANIC_DEVICE, "PCMU", srtp=True,
                                      source_host="127.0.0.1", source_port=gateway_port)
            sid, to = sess["session_id"], ("127.0.0.1", sess["udp_port"])
            assert sess["srtp"]["suite"] == "AES_CM_128_HMAC_SHA1_80"
            key = sess["srtp"]["key"]
            assert len(base64.b64decode(key)) == 30  # 16-byte master key + 14-byte salt

            # Plain RTP from the gateway's very address and port: not the holder of the key.
            with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as plain:
                plain.bind(("127.0.0.1", gateway_port))
                for n in range(3):
                    plain.sendto(build_rtp(codec_for("PCMU").encode(np.zeros(160, np.int16)),
                                           payload_type=0, seq=n, timestamp=160 * n, ssrc=0x1234),
                                 to)
                await _until(lambda: c.manager.describe_id(sid)["srtp_refused"] == 3,
                             "the 3 plain packets refused")
            live = c.manager.describe_id(sid)
            assert live["packets"] == 0 and live["dropped"] == {"srtp_auth": 3}, live
            assert f"audio session {sid}" in caplog.text and "(srtp_auth)" in caplog.text
            await _until(lambda: any(e["kind"] == "audio_srtp_refused" for e in
                                     queries.security_events(c.manager.reader.engine)),
                         "the security event")
            events = [e for e in queries.security_events(c.manager.reader.engine)
                      if e["kind"] == "audio_srtp_refused"]
            assert len(events) == 1 and sid in events[0]["detail"], events

            # The gateway's real SRTP (ffmpeg) from that port.
            log = tmp_path / "ffmpeg.log"
            done = await asyncio.to_thread(subprocess.run, [
                "ffmpeg", "-hide_banner", "-nostdin", "-loglevel", "error", "-re", "-i", str(wav),
                "-ar", "8000", "-ac", "1", "-c:a", "pcm_mulaw", "-f", "rtp", "-packetsize", "172",
                "-srtp_out_suite", "AES_CM_128_HMAC_SHA1_80", "-srtp_out_params", key,
                f"srtp://127.0.0.1:{sess['udp_port']}?localrtpport={gateway_port}"],
                stdout=subprocess.DEVNULL, stderr=log.open("wb"), timeout=60)
            assert done.returncode == 0, log.read_text()
            await _until(lambda: c.manager.describe_id(sid)["packets"] >= 100,
                         "ffmpeg's 100 packets recorded")
            # Only its creator ever saw the key: not a supervisor's view, nor the list.
            for url in (f"{c.audio_api}/api/v1/audio-sessions/{sid}",
                        f"{c.audio_api}/api/v1/audio-sessions?status=all"):
                async with sup.get(url) as r:
                    text = await r.text()
                    assert r.status == 200 and key not in text and '"srtp"' not in text, text
            ended = await end_session(c.audio_api, sid)
            assert ended["dropped"] == {"srtp_auth": 3} and "srtp" not in ended, ended
            row = await c.manager.row(sid)
            folder = c.recordings / row["folder"]
            report = evidence.verify_folder(folder, row, keys=c.manager.keys)
            assert report.ok and report.closed, report.text()
            assert abs(report.duration_s - 2.0) < 0.1, report.text()
            lines = [json.loads(x) for x in (folder / MANIFEST).read_text().splitlines()]
            assert lines[0]["srtp_suite"] == "AES_CM_128_HMAC_SHA1_80"
            assert lines[-1]["srtp_refused"] == 3
            stored = json.dumps(row, default=str) + (folder / MANIFEST).read_text()
            raw = base64.b64decode(key)
            assert key not in stored and raw.hex() not in stored
            assert key not in caplog.text and raw.hex() not in caplog.text

    asyncio.run(main())


def test_srtp_must_be_a_boolean(tmp_path):
    async def main() -> None:
        async with audio_central(tmp_path) as c:
            body = await open_session(None, c.audio_api, PANIC_DEVICE, "PCMU", status=400,
                                      srtp="yes")
            assert "srtp" in body["error"]
            plain = await open_session(None, c.audio_api, PANIC_DEVICE, "PCMU")
            assert "srtp" not in plain and plain["srtp_suite"] is None

    asyncio.run(main())
