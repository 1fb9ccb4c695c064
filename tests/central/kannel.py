"""A real Kannel for the tests: bearerbox and smsbox on free loopback ports, configured
from a kannel.conf written into a temporary folder, and ``fakesmsc`` (kannel-extras)
connected to bearerbox's fake SMSC port, whose log shows every message it receives.

Without the binaries the tests skip with the reason, except under ``CI=true``
(``make test`` installs them through packaging/debian-packages.txt), where they fail.
"""

from __future__ import annotations

import contextlib
import os
import re
import shutil
import signal
import socket
import subprocess
import time
import urllib.parse
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from tests.system_tools import report_missing

FAKESMSC_CANDIDATES = ("/usr/lib/kannel/test/fakesmsc",)
USER, PASSWORD, SENDER = "c4central", "clave-kannel-1", "C4MXL"
# "2026-11-30 21:41:10 [19486] [0] DEBUG: Got message 1: <FROM TO TYPE ...>"
_GOT = re.compile(r"Got message \d+: <(\S+) (\S+) (\S+) (.*)>\s*$")


def _binary(name: str) -> str | None:
    return shutil.which(name) or next((p for p in (f"/usr/sbin/{name}", f"/usr/bin/{name}")
                                       if os.access(p, os.X_OK)), None)


def fakesmsc_path() -> str | None:
    """fakesmsc from kannel-extras (asked of dpkg, else the usual path)."""
    with contextlib.suppress(OSError, subprocess.SubprocessError):
        listed = subprocess.run(["dpkg", "-L", "kannel-extras"], capture_output=True, text=True,
                                timeout=10).stdout.split()
        for path in listed:
            if path.endswith("/fakesmsc") and os.access(path, os.X_OK):
                return path
    return next((p for p in FAKESMSC_CANDIDATES if os.access(p, os.X_OK)), None)


def missing() -> list[str]:
    """What of Kannel is not installed."""
    out = [f"{b} (Debian package kannel)" for b in ("bearerbox", "smsbox") if _binary(b) is None]
    if fakesmsc_path() is None:
        out.append("fakesmsc (Debian package kannel-extras)")
    return out


def require_kannel() -> None:
    """Skip (fail under CI=true) when Kannel is not installed."""
    report_missing(missing(), package="kannel kannel-extras")


def free_port() -> int:
    """A loopback port nobody listens on right now."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _wait_port(port: int, proc: subprocess.Popen, what: str, log: Path, timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise AssertionError(f"{what} exited with {proc.returncode}:\n{_tail(log)}")
        with contextlib.suppress(OSError), socket.create_connection(("127.0.0.1", port), 0.2):
            return
        time.sleep(0.05)
    raise AssertionError(f"{what} not listening on {port} after {timeout:.0f} s:\n{_tail(log)}")


def _tail(path: Path, n: int = 30) -> str:
    with contextlib.suppress(OSError):
        return "\n".join(path.read_text(errors="replace").splitlines()[-n:])
    return ""


@dataclass(frozen=True)
class Sms:
    """A message as fakesmsc received it (concatenated parts joined)."""

    sender: str
    to: str
    text: str


@dataclass
class Kannel:
    """bearerbox + smsbox + fakesmsc, started by :func:`running_kannel`."""

    folder: Path
    admin_port: int = field(default_factory=free_port)
    box_port: int = field(default_factory=free_port)
    smsc_port: int = field(default_factory=free_port)
    sendsms_port: int = field(default_factory=free_port)
    procs: dict[str, subprocess.Popen] = field(default_factory=dict)

    @property
    def sendsms_url(self) -> str:
        """smsbox's sendsms interface."""
        return f"http://127.0.0.1:{self.sendsms_port}/cgi-bin/sendsms"

    @property
    def fakesmsc_log(self) -> Path:
        """Where fakesmsc logs what it receives."""
        return self.folder / "fakesmsc.log"

    def config(self) -> str:
        """kannel.conf: one fake SMSC, one sendsms user, no reply to incoming messages."""
        f = self.folder
        return f"""\
group = core
admin-port = {self.admin_port}
admin-password = admin-kannel
admin-interface = 127.0.0.1
admin-allow-ip = "127.0.0.1"
smsbox-port = {self.box_port}
box-allow-ip = "127.0.0.1"
log-file = "{f / 'bearerbox.log'}"
log-level = 0
access-log = "{f / 'access.log'}"
store-type = spool
store-location = "{f / 'spool'}"
dlr-storage = internal

group = smsc
smsc = fake
smsc-id = FAKE
port = {self.smsc_port}
connect-allow-ip = "127.0.0.1"

group = smsbox
bearerbox-host = 127.0.0.1
bearerbox-port = {self.box_port}
sendsms-port = {self.sendsms_port}
sendsms-interface = 127.0.0.1
log-file = "{f / 'smsbox.log'}"
log-level = 0

group = sendsms-user
username = {USER}
password = {PASSWORD}
default-sender = {SENDER}
max-messages = 5
concatenation = true

group = sms-service
keyword = default
text = ""
max-messages = 0
"""

    def start(self) -> None:
        """Start the three processes and wait until the fake SMSC is online."""
        self.folder.mkdir(parents=True, exist_ok=True)
        (self.folder / "spool").mkdir(exist_ok=True)
        conf = self.folder / "kannel.conf"
        conf.write_text(self.config(), encoding="utf-8")
        self._spawn("bearerbox", [_binary("bearerbox") or "bearerbox", str(conf)])
        _wait_port(self.box_port, self.procs["bearerbox"], "bearerbox", self.folder / "bearerbox.out")
        self._spawn("smsbox", [_binary("smsbox") or "smsbox", str(conf)])
        _wait_port(self.sendsms_port, self.procs["smsbox"], "smsbox", self.folder / "smsbox.out")
        # fakesmsc sends one incoming message at start; a huge -m and -i keep it connected
        # as the SMSC without sending more (with -m 0 it would exit at once).
        self._spawn("fakesmsc", [fakesmsc_path() or "fakesmsc", "-H", "127.0.0.1", "-r",
                                 str(self.smsc_port), "-i", "100000", "-m", "1000000",
                                 "100 200 text hola"], log=self.fakesmsc_log)
        self._wait_online()

    def _spawn(self, name: str, args: list[str], log: Path | None = None) -> None:
        with (log or self.folder / f"{name}.out").open("wb") as out:
            self.procs[name] = subprocess.Popen(args, stdout=out, stderr=subprocess.STDOUT,
                                                stdin=subprocess.DEVNULL, cwd=self.folder)

    def _wait_online(self, timeout: float = 60) -> None:
        url = f"http://127.0.0.1:{self.admin_port}/status.txt?password=admin-kannel"
        deadline = time.monotonic() + timeout
        status = ""
        while time.monotonic() < deadline:
            for name, proc in self.procs.items():
                if proc.poll() is not None:
                    raise AssertionError(f"{name} exited with {proc.returncode}:\n{self.logs()}")
            with contextlib.suppress(OSError):
                with urllib.request.urlopen(url, timeout=2) as answer:
                    status = answer.read().decode(errors="replace")
                if re.search(r"FAKE\[FAKE\].*online", status) or re.search(r"FAKE.*online", status):
                    return
            time.sleep(0.1)
        raise AssertionError(f"Kannel's fake SMSC not online after {timeout:.0f} s:\n{status}\n"
                             f"{self.logs()}")

    def stop(self) -> None:
        """SIGTERM each process (fakesmsc first), SIGKILL what does not end."""
        for name in ("fakesmsc", "smsbox", "bearerbox"):
            proc = self.procs.get(name)
            if proc is None or proc.poll() is not None:
                continue
            proc.send_signal(signal.SIGTERM)
            try:
                proc.wait(10)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait(5)

    def logs(self) -> str:
        """The ends of the logs, for failure messages."""
        return "\n".join(f"--- {p.name}\n{_tail(p)}" for p in sorted(self.folder.glob("*.log"))
                         + sorted(self.folder.glob("*.out")))

    def received(self) -> list[Sms]:
        """Every message fakesmsc has received from Kannel so far, parts joined."""
        parts: dict[tuple[str, str, int], dict[int, str]] = {}
        totals: dict[tuple[str, str, int], int] = {}
        whole: list[Sms] = []
        with contextlib.suppress(FileNotFoundError):
            for line in self.fakesmsc_log.read_text(errors="replace").splitlines():
                m = _GOT.search(line)
                if m is None:
                    continue
                sender, to, kind, rest = m.groups()
                if kind == "text":
                    whole.append(Sms(sender, to, rest))
                elif kind == "udh":
                    udh, _, data = rest.partition(" data ")
                    head = urllib.parse.unquote_to_bytes(udh)
                    # 05 00 03 ref total seq: the concatenation element.
                    ref, total, seq = head[3], head[4], head[5]
                    parts.setdefault((sender, to, ref), {})[seq] = urllib.parse.unquote_plus(data)
                    totals[(sender, to, ref)] = total
        for k, got in parts.items():
            if len(got) == totals[k]:
                whole.append(Sms(k[0], k[1], "".join(got[i] for i in sorted(got))))
        return whole

    def wait_received(self, count: int, timeout: float = 60) -> list[Sms]:
        """Wait until fakesmsc holds at least ``count`` messages."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            got = self.received()
            if len(got) >= count:
                return got
            time.sleep(0.1)
        raise AssertionError(f"fakesmsc received {len(self.received())} message(s), not {count}:\n"
                             f"{self.logs()}")


@contextlib.contextmanager
def running_kannel(folder: Path) -> Iterator[Kannel]:
    """A started :class:`Kannel` in ``folder``; stopped at the end."""
    kannel = Kannel(folder)
    try:
        kannel.start()
        yield kannel
    finally:
        kannel.stop()
