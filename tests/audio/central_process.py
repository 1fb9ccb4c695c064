"""``c4central serve`` as a real subprocess with audio, for tests that kill it or talk to it
with real peers (ffmpeg). Demo data: its devices and accounts (password demo-c4)."""

from __future__ import annotations

import csv
import json
import os
import signal
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

from c4console.resources import RESOURCES

DEMO_PASSWORD = "demo-c4"
GATEWAY = "pasarela"  # the demo's audio_gateway service account


def demo_panic_device(n: int = 0) -> str:
    """The device id of the n-th demo beneficiary."""
    with (RESOURCES / "demo" / "beneficiaries.csv").open(encoding="utf-8") as f:
        return list(csv.DictReader(f))[n]["device_id"]


class CentralProcess:
    """A central subprocess on loopback; ``start()`` waits for its ready file."""

    def __init__(self, folder: Path, *extra: str) -> None:
        self.folder = folder
        self.db = folder / "central.sqlite"
        self.db_url = f"sqlite:///{self.db}"
        self.recordings = folder / "recordings"
        self.ready = folder / "ready.json"
        self.log = folder / "central.log"
        self.extra = list(extra)
        self.proc: subprocess.Popen | None = None
        self.api = ""
        self.osmand = ""
        self.token = ""
        self.gateway_token = ""

    def start(self, timeout: float = 120.0) -> CentralProcess:
        """Start and wait until it serves; RuntimeError with its log if it does not."""
        self.ready.unlink(missing_ok=True)
        with self.log.open("ab") as log:
            self.proc = subprocess.Popen(
                [sys.executable, "-m", "c4console.central", "serve", "--db", self.db_url,
                 "--listen", "127.0.0.1:0", "--osmand-listen", "127.0.0.1:0", "--ready-file",
                 str(self.ready), "--server-id", "audio-test", "--demo", *self.extra],
                stdout=log, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL)
        deadline = time.monotonic() + timeout
        while not self.ready.exists():
            if self.proc.poll() is not None or time.monotonic() > deadline:
                self.kill()
                raise RuntimeError(f"central did not start:\n{self.log_tail()}")
            time.sleep(0.05)
        ready = json.loads(self.ready.read_text())
        self.api, self.osmand = ready["api"], ready["osmand"]
        self.token = self.login()
        self.gateway_token = self.login(GATEWAY)
        return self

    def login(self, user: str = "operadora1") -> str:
        """A bearer token."""
        req = urllib.request.Request(f"{self.api}/api/v1/auth/login", method="POST",
                                     headers={"Content-Type": "application/json"},
                                     data=json.dumps({"username": user,
                                                      "password": DEMO_PASSWORD}).encode())
        with urllib.request.urlopen(req, timeout=10) as r:
            return json.load(r)["token"]

    def request(self, method: str, path: str, body: dict | None = None,
                token: str | None = None) -> tuple[int, dict]:
        """An authenticated JSON request (``token``: default the test's login): (status, answer)."""
        req = urllib.request.Request(f"{self.api}{path}", method=method,
                                     headers={"Content-Type": "application/json",
                                              "Authorization": f"Bearer {token or self.token}"},
                                     data=json.dumps(body).encode() if body is not None else None)
        try:
            with urllib.request.urlopen(req, timeout=15) as r:
                return r.status, json.load(r)
        except urllib.error.HTTPError as e:
            return e.code, json.loads(e.read() or b"{}")

    def panic_alarm(self, device: str) -> None:
        """Her panic alarm through the OsmAnd gateway (opens her incident)."""
        query = urllib.parse.urlencode({"id": device, "lat": 32.6245, "lon": -115.4523,
                                        "alarm": "sos", "timestamp": f"{time.time():.3f}"})
        with urllib.request.urlopen(f"{self.osmand.rstrip('/')}/?{query}", timeout=10) as r:
            assert r.status == 200

    def open_session(self, device: str, codec: str) -> dict:
        """What the gateway does: her alarm, then POST /audio-sessions as the gateway's
        service account (asserting 201)."""
        self.panic_alarm(device)
        status, body = self.request("POST", "/api/v1/audio-sessions", {"device_id": device,
                                                                        "codec": codec},
                                    token=self.gateway_token)
        assert status == 201, body
        return body

    def wait_taken_in(self, session_id: str, packets: int, timeout: float = 60.0) -> dict:
        """Wait until the live session has taken in ``packets`` packets (what a sender sent has
        left the socket's queue: ending it now records all of it); its live description."""
        deadline = time.monotonic() + timeout
        while True:
            status, live = self.request("GET", f"/api/v1/audio-sessions/{session_id}")
            assert status == 200 and live["status"] == "live", live
            if live["packets"] >= packets:
                return live
            assert time.monotonic() < deadline, f"{live['packets']} of {packets} packets: {live}"
            time.sleep(0.05)

    def end_session(self, session_id: str) -> tuple[int, dict]:
        """POST /audio-sessions/{id}/end as the gateway: (status, answer)."""
        return self.request("POST", f"/api/v1/audio-sessions/{session_id}/end",
                            token=self.gateway_token)

    def evidence(self, *args: str) -> subprocess.CompletedProcess:
        """``c4central evidence …`` against this central's database."""
        return subprocess.run([sys.executable, "-m", "c4console.central", "evidence", *args,
                               "--db", self.db_url], capture_output=True, text=True, timeout=60)

    def kill(self) -> None:
        """SIGKILL (no clean-up at all)."""
        if self.proc is not None and self.proc.poll() is None:
            os.kill(self.proc.pid, signal.SIGKILL)
            self.proc.wait(10)

    def stop(self) -> None:
        """SIGTERM, then SIGKILL."""
        if self.proc is not None and self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(10)
            except subprocess.TimeoutExpired:
                self.kill()

    def log_tail(self, n: int = 30) -> str:
        """The end of its log."""
        return "\n".join(self.log.read_text(errors="replace").splitlines()[-n:]) if self.log.exists() else ""
