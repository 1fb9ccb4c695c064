"""The demo's ambient audio: a device's speech streamed as L16 RTP, recorded and listed."""

from __future__ import annotations

import subprocess
import sys

from tests.audio.central_process import CentralProcess, demo_panic_device


def test_demo_ambient_audio_is_recorded_and_listed(tmp_path):
    central = CentralProcess(tmp_path).start()
    try:
        device = demo_panic_device(3)
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
