"""The console as an operator's workstation runs it, stopped by the system (SIGTERM at
logout or shutdown): it ends its session, stops its embedded central gracefully — the
central sees SIGTERM, closes its database, removes its ready file — and exits 0.

This is the Linux branch of c4console.platform_support for real (loop signal handlers in the
console, SIGTERM to the child); tests/platform runs the Windows branches by simulation."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time


def _wait_for(what: str, condition, proc: subprocess.Popen, log, timeout: float = 90) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        assert proc.poll() is None, f"console exited ({proc.returncode}) before {what}:\n" \
                                    f"{log.read_text()[-3000:]}"
        assert time.monotonic() < deadline, f"no {what}:\n{log.read_text()[-3000:]}"
        time.sleep(0.1)


def test_sigterm_ends_the_console_and_stops_its_embedded_central_gracefully(qapp, tmp_path):
    data, log = tmp_path / "data", tmp_path / "console.log"
    with log.open("wb") as out:
        proc = subprocess.Popen(
            [sys.executable, "-m", "c4console", "--demo", "--data-dir", str(data),
             "--alarm-every", "600"],
            env={**os.environ, "QT_QPA_PLATFORM": "offscreen"}, stdout=out, stderr=subprocess.STDOUT,
            stdin=subprocess.DEVNULL)
    try:
        _wait_for("map page", lambda: "map page ready" in log.read_text(), proc, log)
        assert (data / "central.ready.json").exists()
        proc.send_signal(signal.SIGTERM)
        assert proc.wait(60) == 0, log.read_text()[-3000:]
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
    central_log = (data / "logs" / "central.log").read_text()
    assert "SIGTERM received" in central_log and "stopped" in central_log, central_log[-3000:]
    assert not (data / "central.ready.json").exists()
    assert "Traceback" not in log.read_text(), log.read_text()[-3000:]
