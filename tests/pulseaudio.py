"""A private PulseAudio daemon with a null sink, for tests that play real sound.

Use the session fixture from any test folder's conftest.py::

    from tests.pulseaudio import pulse_null_sink  # noqa: F401

Then a test takes ``pulse_null_sink`` (a ``PulseServer``) and records what
reaches the sink::

    with pulse_null_sink.record() as rec:
        ...play something...
    samples = rec.samples          # int16, mono, rec.rate Hz

The daemon runs from a temporary folder (its own socket, runtime and state
dirs, no autospawn, anonymous auth), so it never touches a user's audio
session. While it runs, ``os.environ`` points libpulse (and so PortAudio's ALSA
"default"/"pulse" devices) at it, and PortAudio is re-scanned: sounddevice
only sees devices that existed when it initialised. One daemon serves the whole
session however many conftests import the fixture.
"""

from __future__ import annotations

import ctypes
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
import wave
from collections.abc import Iterator
from pathlib import Path

import numpy as np
import pytest

from tests.system_tools import require_tools

SINK = "c4test"


def rescan_portaudio() -> None:
    """Make an already-initialised sounddevice see the current audio server (closes its streams)."""
    sd = sys.modules.get("sounddevice")
    if sd is not None:
        sd._terminate()
        sd._initialize()


def _load_prctl():
    try:
        return ctypes.CDLL("libc.so.6", use_errno=True).prctl
    except (OSError, AttributeError):  # not Linux / not glibc
        return None


_PRCTL = _load_prctl()  # looked up here, not in the child: after fork only the bare call is safe


def _die_with_parent() -> None:
    """In the child, before exec: get SIGTERM when the test process dies (even by SIGKILL), so a
    crashed test run leaves no daemon behind. Linux only; elsewhere a no-op."""
    if _PRCTL is not None:
        _PRCTL(1, signal.SIGTERM)  # PR_SET_PDEATHSIG


def _terminate(proc: subprocess.Popen | None) -> None:
    if proc is None:
        return
    proc.terminate()
    try:
        proc.wait(5)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait()


class Recording:
    """``parec`` on the sink's monitor: mono int16 at ``rate``; ``samples`` once stopped."""

    def __init__(self, server: PulseServer, rate: int = 16000) -> None:
        self.server = server
        self.rate = rate
        self.samples = np.zeros(0, dtype=np.int16)
        self._client = f"c4-test-recorder-{time.monotonic_ns()}"
        self._raw = server.root / f"{self._client}.raw"
        self._proc: subprocess.Popen | None = None

    def start(self, timeout: float = 30.0) -> Recording:
        """Start recording; returns once the recording stream is connected to the monitor."""
        with open(self._raw, "wb") as out:
            self._proc = subprocess.Popen(
                ["parec", f"--device={self.server.sink}.monitor", f"--rate={self.rate}", "--channels=1",
                 "--format=s16le", "--raw", "--latency-msec=20", f"--client-name={self._client}"],
                stdout=out, stderr=subprocess.DEVNULL, env=self.server.env(), preexec_fn=_die_with_parent)
        # The null sink's monitor sends nothing while the sink is idle, so "connected" is the
        # only sign of readiness: wait for parec's stream to appear on the server.
        if not self.server.wait_for_reader(self._client, self._proc, timeout):
            self.stop()
            raise RuntimeError("parec did not connect to the PulseAudio monitor")
        return self

    def wait_for_sound(self, level: float = 0.02, timeout: float = 30.0) -> bool:
        """Wait until a sample louder than ``level`` (full scale 1.0) has reached the sink's
        monitor: a positive sign that something is playing now; False if nothing did."""
        threshold = int(level * 32768)
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self._raw.exists():
                data = self._raw.read_bytes()
                heard = np.frombuffer(data[: len(data) // 2 * 2], dtype="<i2")
                if heard.size and int(np.abs(heard.astype(np.int32)).max()) > threshold:
                    return True
            time.sleep(0.02)
        return False

    def wait_for_quiet(self, seconds: float = 0.2, level: float = 0.02, timeout: float = 30.0) -> bool:
        """Wait until, after some sound, the monitor has recorded ``seconds`` of quiet (nothing
        above ``level``): what was played has come all the way through the server (its latency
        grows on a loaded machine); False if not."""
        threshold, quiet = int(level * 32768), int(seconds * self.rate)
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self._raw.exists():
                data = self._raw.read_bytes()
                heard = np.frombuffer(data[: len(data) // 2 * 2], dtype="<i2").astype(np.int32)
                loud = np.flatnonzero(np.abs(heard) > threshold)
                if loud.size and heard.size - 1 - loud[-1] >= quiet:
                    return True
            time.sleep(0.02)
        return False

    @property
    def recorded_s(self) -> float:
        """Seconds of audio ``parec`` has written so far (silence included: the null sink's
        monitor runs on its own clock)."""
        return self._raw.stat().st_size / 2 / self.rate if self._raw.exists() else 0.0

    def wait_for_audio(self, seconds: float, timeout: float = 30.0) -> bool:
        """Wait until ``parec`` has written ``seconds`` of audio (the sink's monitor lags its
        player: a tone handed to the device is still passing through the server)."""
        want = int(seconds * self.rate) * 2
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self._raw.exists() and self._raw.stat().st_size >= want:
                return True
            time.sleep(0.02)
        return False

    def stop(self) -> np.ndarray:
        """Stop ``parec`` and load what it recorded."""
        _terminate(self._proc)
        self._proc = None
        if self._raw.exists():
            data = self._raw.read_bytes()
            self.samples = np.frombuffer(data[: len(data) // 2 * 2], dtype="<i2").copy()
            self._raw.unlink()
        return self.samples

    def save_wav(self, path: str | Path) -> Path:
        """The recording as a 16-bit mono WAV (for a failing test's evidence)."""
        with wave.open(str(path), "wb") as w:
            w.setnchannels(1)
            w.setsampwidth(2)
            w.setframerate(self.rate)
            w.writeframes(self.samples.tobytes())
        return Path(path)

    def __enter__(self) -> Recording:
        return self.start() if self._proc is None else self

    def __exit__(self, *exc: object) -> None:
        self.stop()


class PulseServer:
    """A PulseAudio daemon in a temporary folder whose default sink is a null sink."""

    def __init__(self, sink: str = SINK, rate: int = 48000) -> None:
        self.sink = sink
        self.rate = rate
        self.root = Path(tempfile.mkdtemp(prefix="c4-pulse-"))
        self.socket = self.root / "native"
        self.log = self.root / "pulseaudio.log"
        self._proc: subprocess.Popen | None = None
        self._anchor: subprocess.Popen | None = None
        self._saved_env: dict[str, str | None] = {}

    def env(self) -> dict[str, str]:
        """The environment a client process needs to reach this daemon (and only it)."""
        return {**os.environ, **self.client_vars()}

    def client_vars(self) -> dict[str, str]:
        """Just the variables that point libpulse at this daemon."""
        return {
            "PULSE_SERVER": f"unix:{self.socket}",
            "PULSE_CLIENTCONFIG": str(self.root / "client.conf"),
            "PULSE_COOKIE": str(self.root / "cookie"),
            "PULSE_RUNTIME_PATH": str(self.root / "runtime"),
            "PULSE_STATE_PATH": str(self.root / "state"),
            "XDG_RUNTIME_DIR": str(self.root),
        }

    def start(self, timeout: float = 30.0) -> PulseServer:
        """Start the daemon and wait until it answers; RuntimeError with its log if it does not."""
        (self.root / "client.conf").write_text("autospawn = no\n")
        (self.root / "daemon.pa").write_text(
            f"load-module module-native-protocol-unix socket={self.socket} auth-anonymous=1\n"
            f"load-module module-null-sink sink_name={self.sink} rate={self.rate}\n"
            f"set-default-sink {self.sink}\n")
        daemon_env = {**self.env(), "HOME": str(self.root)}  # keeps its cookie and state out of ~
        with open(self.log, "wb") as log:
            self._proc = subprocess.Popen(
                ["pulseaudio", "--daemonize=no", "--exit-idle-time=-1", "--disallow-exit",
                 "--use-pid-file=no", "--realtime=no", "--high-priority=no", "--system=false",
                 "-n", "-F", str(self.root / "daemon.pa"), "--log-target=stderr"],
                stdout=log, stderr=log, env=daemon_env, preexec_fn=_die_with_parent)
        deadline = time.monotonic() + timeout
        while True:
            if self._proc.poll() is not None or time.monotonic() > deadline:
                tail = self.log.read_text(errors="replace")[-2000:]
                self.stop()
                raise RuntimeError(f"PulseAudio did not start:\n{tail}")
            if self._answers():
                break
            time.sleep(0.05)
        # module-null-sink renders in 2-second blocks unless some client asks for low latency, so a
        # new stream would wait up to 2 s before it is heard. Real sinks rewind and start at once; a
        # low-latency reader of the monitor makes the null sink behave like them.
        self._anchor = subprocess.Popen(
            ["parec", f"--device={self.sink}.monitor", "--latency-msec=20", "--raw",
             "--client-name=c4-test-latency-anchor"],
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=self.env(), preexec_fn=_die_with_parent)
        if not self.wait_for_reader("c4-test-latency-anchor", self._anchor, deadline - time.monotonic()):
            self.stop()
            raise RuntimeError("parec could not read the null sink's monitor")
        # The sink's timer was armed for a 2-second block before the reader came; suspending and
        # resuming re-arms it at the new latency.
        self.pactl("suspend-sink", self.sink, "1")
        self.pactl("suspend-sink", self.sink, "0")
        return self

    def wait_for_reader(self, client: str, proc: subprocess.Popen, timeout: float) -> bool:
        """Wait until ``client`` records from the server (it connects asynchronously); False if not."""
        deadline = time.monotonic() + max(timeout, 1.0)
        while client not in self.pactl("list", "source-outputs"):
            if time.monotonic() > deadline or proc.poll() is not None:
                return False
            time.sleep(0.02)
        return True

    def _answers(self) -> bool:
        try:
            return f"Default Sink: {self.sink}" in self.pactl("info")
        except (subprocess.CalledProcessError, subprocess.TimeoutExpired):
            return False

    def pactl(self, *args: str) -> str:
        """Run ``pactl`` against this daemon; its output."""
        return subprocess.run(["pactl", *args], env=self.env(), capture_output=True, text=True,
                              check=True, timeout=30).stdout

    def record(self, rate: int = 16000) -> Recording:
        """A recording of the sink's monitor; use as a context manager."""
        return Recording(self, rate)

    def use_in_this_process(self) -> None:
        """Point this process's libpulse (and PortAudio) at the daemon."""
        for key, value in self.client_vars().items():
            self._saved_env.setdefault(key, os.environ.get(key))
            os.environ[key] = value
        rescan_portaudio()

    def restore_environment(self) -> None:
        """Undo ``use_in_this_process``."""
        for key, value in self._saved_env.items():
            if value is None:
                os.environ.pop(key, None)
            else:
                os.environ[key] = value
        self._saved_env.clear()
        rescan_portaudio()

    def stop(self) -> None:
        """Stop the daemon (and the monitor reader) and delete its folder."""
        for proc in (self._anchor, self._proc):
            _terminate(proc)
        self._anchor = self._proc = None
        shutil.rmtree(self.root, ignore_errors=True)


# One daemon for the session, shared by every conftest that imports the fixture.
_lock = threading.Lock()
_shared: PulseServer | None = None
_users = 0


def acquire_shared() -> PulseServer:
    """The session's daemon, started (and made this process's server) on first use."""
    global _shared, _users
    with _lock:
        if _shared is None:
            require_tools("pulseaudio", "parec", package="pulseaudio pulseaudio-utils")
            _shared = PulseServer().start()
            _shared.use_in_this_process()
        _users += 1
        return _shared


def release_shared() -> None:
    """Stop the shared daemon when its last user is done."""
    global _shared, _users
    with _lock:
        _users -= 1
        if _users == 0 and _shared is not None:
            _shared.restore_environment()
            _shared.stop()
            _shared = None


def make_pulse_fixture(scope: str = "session", name: str = "pulse_null_sink"):
    """A pytest fixture ``name`` yielding the shared ``PulseServer`` (its null sink is the default output)."""

    @pytest.fixture(scope=scope, name=name)
    def pulse_fixture() -> Iterator[PulseServer]:
        server = acquire_shared()
        try:
            yield server
        finally:
            release_shared()

    return pulse_fixture


pulse_null_sink = make_pulse_fixture()
