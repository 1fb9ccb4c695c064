"""The demo's ambient audio: a device's speech streamed as L16 RTP, recorded and listed."""

from __future__ import annotations

import asyncio
import json
import logging
import shutil
import signal
import subprocess
import sys
import time
import urllib.request
from pathlib import Path
from typing import Any

import numpy as np
import pytest

from c4console.demo import ambient
from tests.audio.central_process import CentralProcess, demo_panic_device
from tests.system_tools import require_tools


def test_demo_ambient_audio_is_recorded_and_listed(tmp_path):
    central = CentralProcess(tmp_path).start()
    try:
        device = demo_panic_device(3)
        central.panic_alarm(device)  # the gateway opens a session after her activation
        done = subprocess.run([sys.executable, "-m", "c4console.demo.ambient", "--api", central.api,
                               "--seconds", "1.5", device], capture_output=True, text=True, timeout=60)
        assert done.returncode == 0, done.stderr
        central.token = central.login("supervisora1")
        status, body = central.request("GET", "/api/v1/recordings")
        assert status == 200, body
        (rec,) = body["recordings"]
        assert (rec["device_id"], rec["status"], rec["codec"]) == (device, "ended", "L16")
        assert abs(rec["duration_s"] - 1.5) < 0.05 and rec["segments"] == 3
        verify = central.evidence("verify", rec["session_id"])
        assert verify.returncode == 0, verify.stdout
    finally:
        central.stop()


def _get(central, path: str, user: str | None = None) -> Any:
    req = urllib.request.Request(f"{central.api}{path}", headers=central.headers(user))
    with urllib.request.urlopen(req, timeout=10) as resp:
        return json.load(resp)


@pytest.mark.slow
def test_a_simulated_activation_streams_ambient_audio(demo_central, tmp_path):
    """The real simulator against a real central: a panic activation opens an audio session for
    her device, bound to her panic incident, recorded in closed segments that verify."""
    require_tools("espeak-ng", package="espeak-ng")
    log = tmp_path / "simulator.log"
    with log.open("wb") as out:
        proc = subprocess.Popen(
            [sys.executable, "-m", "c4console.demo", "--api", demo_central.api,
             "--osmand", demo_central.osmand, "--alarm-every", "1", "--speedup", "50",
             "--tick", "0.3", "--seed", "7", "--ambient-seconds", "2"],
            stdout=out, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL)
    try:
        deadline = time.monotonic() + 90
        ended: list[dict] = []
        while time.monotonic() < deadline and not ended:
            time.sleep(0.5)
            body = _get(demo_central, "/api/v1/recordings", "supervisora1")
            ended = [r for r in body["recordings"] if r["status"] == "ended" and r["segments"] >= 3]
        assert ended, f"no recorded ambient audio; simulator log:\n{log.read_text()[-3000:]}"
        rec = ended[-1]  # the oldest
        assert rec["codec"] == "L16" and abs(rec["duration_s"] - 2.0) < 0.1, rec
        incident = _get(demo_central, f"/api/v1/incidents/{rec['incident_id']}")
        assert incident["channel"] == "panic_button" and incident["device_id"] == rec["device_id"]
        assert f"ambient audio for {rec['device_id']}: session {rec['session_id']}" in log.read_text()
        db = f"sqlite:///{tmp_path / 'central-data' / 'central.sqlite'}"

        def verify(recordings: str) -> subprocess.CompletedProcess:
            return subprocess.run(
                [sys.executable, "-m", "c4console.central", "evidence", "verify", rec["session_id"],
                 "--db", db, "--recordings", recordings], capture_output=True, text=True, timeout=60)

        done = verify(body["recordings_folder"])
        assert done.returncode == 0 and "VERIFIED" in done.stdout, done.stdout + done.stderr
        # A tampered copy of the same recording fails, naming the edited segment.
        copy = tmp_path / "tampered"
        # Only this (ended) session's folder: others may still be written to.
        shutil.copytree(Path(body["recordings_folder"]) / rec["folder"], copy / rec["folder"])
        seg = copy / rec["folder"] / "seg-000002.wav"
        data = bytearray(seg.read_bytes())
        data[-100] ^= 0x01
        seg.write_bytes(bytes(data))
        done = verify(str(copy))
        assert done.returncode == 1 and "seg-000002.wav" in done.stdout, done.stdout + done.stderr
    finally:
        proc.send_signal(signal.SIGTERM)
        assert proc.wait(15) == 0
    text = log.read_text()
    assert "Traceback" not in text and " ERROR " not in text, text[-3000:]


async def _until(condition, timeout: float = 30.0) -> None:
    """Wait until ``condition()`` holds: the stream task has ended by itself."""
    deadline = time.monotonic() + timeout
    while not condition():
        assert time.monotonic() < deadline, "the stream task did not end"
        await asyncio.sleep(0.02)


def test_without_espeak_ng_an_activation_has_no_audio_and_says_so(monkeypatch, caplog):
    """No espeak-ng: one warning, no audio session asked for, nothing raised."""
    monkeypatch.setattr(ambient.shutil, "which", lambda _name: None)

    class NoHttp:
        def post(self, *a, **k):
            raise AssertionError("no session may be opened without speech")

    async def headers() -> dict[str, str]:
        return {}

    async def scenario() -> None:
        audio = ambient.AmbientAudio(NoHttp(), "http://127.0.0.1:9/api/v1", headers, seconds=1)
        assert audio.start("DEV-1") and audio.start("DEV-2")
        assert not audio.start("DEV-1")  # one call per device at a time
        audio.max_streams = 2
        assert not audio.start("DEV-3")  # and only so many at once
        await _until(lambda: not audio.streaming("DEV-1") and not audio.streaming("DEV-2"))
        await audio.close()

    with caplog.at_level(logging.WARNING, logger=ambient.__name__):
        asyncio.run(scenario())
    assert [r.getMessage() for r in caplog.records if "espeak-ng" in r.getMessage()] == [
        "no ambient speech (espeak-ng missing or failed): the demo's activations carry no ambient audio"]


def test_a_failing_central_never_breaks_the_stream_task(monkeypatch, caplog):
    """A central that cannot be reached: a warning, the task ends, nothing escapes."""
    monkeypatch.setattr(ambient, "speech", lambda rate=ambient.RATE: np.zeros(800, dtype=np.int16))

    async def headers() -> dict[str, str]:
        raise ConnectionError("central away")

    async def scenario() -> None:
        import aiohttp

        async with aiohttp.ClientSession() as http:
            audio = ambient.AmbientAudio(http, "http://127.0.0.1:9/api/v1", headers, seconds=1)
            audio.start("DEV-1")
            await _until(lambda: not audio.streaming("DEV-1"))
            await audio.close()

    with caplog.at_level(logging.WARNING, logger=ambient.__name__):
        asyncio.run(scenario())
    assert any("audio session for DEV-1 not opened: central away" in r.getMessage()
               for r in caplog.records)
