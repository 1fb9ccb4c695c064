"""Fault injection: two headless consoles and a central, killed with SIGKILL at random
points, talking through a proxy that cuts, delays and reorders connections.

Afterwards every command a console showed as saved must have been decided exactly
once by the central, no accepted command applied twice, and every console's cache
must equal the central's state. Used by tests/faults (small) and `make bench` (large).
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import random
import socket
import sqlite3  # the central's database (plain SQLite)
import subprocess
import sys
import time
from collections import Counter
from dataclasses import asdict, dataclass, field
from pathlib import Path

import aiohttp

from c4console.resources import DEFAULT_JURISDICTION
from tests.cache_files import connect_cache, key_for_login
from tests.faults.chaos_proxy import ChaosProxy


def free_port() -> int:
    """An unused loopback port."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@dataclass
class FaultReport:
    """What happened and what was checked."""

    runs: int = 0
    commands_saved: int = 0
    kills: dict[str, int] = field(default_factory=dict)
    cuts: int = 0
    proxied_connections: int = 0
    lost: int = 0
    duplicated: int = 0
    diverged: int = 0
    outcome_mismatch: int = 0
    accepted: int = 0
    rejected: int = 0
    seconds: float = 0.0

    def as_dict(self) -> dict:
        """JSON-ready."""
        return asdict(self)


class _Central:
    def __init__(self, folder: Path, port: int, auth_args: list[str]) -> None:
        self.folder, self.port = folder, port
        self.ready = folder / "ready.json"
        self.args = [sys.executable, "-m", "c4console.central", "serve",
                     "--db", f"sqlite:///{folder / 'central.sqlite'}",
                     "--listen", f"127.0.0.1:{port}", "--osmand-listen", "127.0.0.1:0",
                     "--ready-file", str(self.ready), "--server-id", "faults",
                     "--jurisdiction", str(DEFAULT_JURISDICTION), *auth_args]
        self.proc: subprocess.Popen | None = None

    async def start(self) -> None:
        self.ready.unlink(missing_ok=True)
        log = open(self.folder / "central.log", "ab")  # noqa: SIM115 - handed to the child
        self.proc = subprocess.Popen(self.args, stdout=log, stderr=subprocess.STDOUT)
        log.close()
        deadline = time.monotonic() + 30
        while not self.ready.exists():
            if self.proc.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError((self.folder / "central.log").read_text()[-2000:])
            await asyncio.sleep(0.05)

    def kill(self) -> None:
        if self.proc and self.proc.poll() is None:
            self.proc.kill()
            self.proc.wait()

    def stop(self) -> None:
        if self.proc and self.proc.poll() is None:
            self.proc.terminate()
            self.proc.wait(10)


class _Console:
    def __init__(self, folder: Path, name: str, server: str, steps: int, pace: float,
                 auth_args: list[str]) -> None:
        self.folder, self.name = folder, name
        folder.mkdir(parents=True, exist_ok=True)
        self.args = [sys.executable, "-m", "c4console.sync.headless", "--server", server,
                     "--data-dir", str(folder), "--name", name, "--steps", str(steps),
                     "--pace", str(pace), *auth_args]
        self.proc: subprocess.Popen | None = None
        self._key: bytes | None = None  # the cache's key, once its first login made it

    def start(self) -> None:
        log = open(self.folder / "console.log", "ab")  # noqa: SIM115 - handed to the child
        self.proc = subprocess.Popen(self.args, stdout=log, stderr=subprocess.STDOUT)
        log.close()

    @property
    def done(self) -> bool:
        return (self.folder / "workload.done").exists()

    def kill(self) -> None:
        if self.proc and self.proc.poll() is None:
            self.proc.kill()
            self.proc.wait()

    def stop(self) -> None:
        if self.proc and self.proc.poll() is None:
            self.proc.terminate()
            self.proc.wait(10)

    def saved(self) -> list[str]:
        p = self.folder / "saved.log"
        return [x for x in p.read_text().splitlines() if x] if p.exists() else []

    def _cache(self, **kwargs):
        """A connection of its own to the console's encrypted cache (the key from its login,
        unwrapped once: Argon2id per poll would slow the polling loops down)."""
        path = self.folder / "cache.sqlite"
        if self._key is None:
            self._key = key_for_login(path, FAULT_USER, FAULT_PASSWORD)
        return connect_cache(path, self._key, **kwargs)

    def sync_state(self) -> tuple[int, int]:
        """(pending commands, cursor) read from the console's cache file."""
        with contextlib.closing(self._cache(timeout=5)) as db:
            pending = db.execute("select count(*) from outbox where state='pending'").fetchone()[0]
            row = db.execute("select value from sync_state where key='cursor'").fetchone()
        return pending, int(row[0]) if row else 0

    def records(self) -> dict[tuple[str, str], dict]:
        with contextlib.closing(self._cache(timeout=5)) as db:
            return {(e, i): json.loads(d) for e, i, d in
                    db.execute("select entity, id, data from records")}

    def outcomes(self) -> dict[str, str]:
        with contextlib.closing(self._cache(timeout=5)) as db:
            return dict(db.execute("select key, state from outbox"))


async def _head(api: str, headers: dict[str, str]) -> int:
    async with aiohttp.ClientSession(headers=headers) as s, s.get(f"{api}/api/v1/health") as r:
        return int((await r.json())["head"])


async def _central_snapshot(api: str, headers: dict[str, str]) -> dict[tuple[str, str], dict]:
    out: dict[tuple[str, str], dict] = {}
    since = 0
    async with aiohttp.ClientSession(headers=headers) as s:
        while True:
            async with s.get(f"{api}/api/v1/changes", params={"since": since, "limit": 5000}) as r:
                body = await r.json()
            for c in body["changes"]:
                if c["op"] == "delete":  # withdrawn from this role (need-to-know) or deleted
                    out.pop((c["entity"], c["id"]), None)
                else:
                    out[(c["entity"], c["id"])] = c["data"]
            since = body["last_seq"]
            if not body["changes"] or since >= body["head"]:
                return out


FAULT_USER, FAULT_PASSWORD = "operadora1", "fault-injection-pw"


def _account(folder: Path) -> tuple[list[str], list[str]]:
    """An operator account for the run: the central's --bootstrap-user arguments and the
    consoles' --user/--password-file arguments."""
    folder.mkdir(parents=True, exist_ok=True)
    secret = folder / "password"
    secret.write_text(FAULT_PASSWORD + "\n", encoding="utf-8")
    secret.chmod(0o600)
    central = ["--bootstrap-user", f"{FAULT_USER}:operator", "--bootstrap-password-file", str(secret)]
    console = ["--user", FAULT_USER, "--password-file", str(secret)]
    return central, console


async def _login_headers(api: str) -> dict[str, str]:
    async with aiohttp.ClientSession() as s, s.post(
            f"{api}/api/v1/auth/login", json={"username": FAULT_USER, "password": FAULT_PASSWORD}) as r:
        body = await r.json()
    return {"Authorization": f"Bearer {body['token']}"}


async def run_fault_injection(folder: Path, *, steps: int = 150, pace: float = 0.02,
                              seed: int = 11, time_limit: float = 90.0) -> FaultReport:
    """Run the scenario in ``folder``; returns the counts (it does not assert)."""
    rng = random.Random(seed)
    report = FaultReport(runs=1, kills={"central": 0, "A": 0, "B": 0})
    started = time.monotonic()
    cport, pport = free_port(), free_port()
    central_args, console_args = _account(folder / "secrets")
    central = _Central(folder / "central", cport, central_args)
    (folder / "central").mkdir(parents=True, exist_ok=True)
    await central.start()
    proxy = ChaosProxy(pport, cport, seed=seed, cut_probability=0.6)
    await proxy.start()
    server = f"http://127.0.0.1:{pport}"
    consoles = {n: _Console(folder / n, n, server, steps, pace, console_args)
                for n in ("A", "B")}
    for c in consoles.values():
        c.start()
    direct = f"http://127.0.0.1:{cport}"
    try:
        # Chaos until both workloads are saved, each process was killed (the central twice)
        # and at least one connection was cut (or the time limit). Random cuts alone may all
        # land after a kill already closed the connection, so each round also pulls the
        # cable on whatever is open.
        while not (all(c.done for c in consoles.values()) and proxy.stats.cuts
                   and report.kills["central"] >= 2 and min(report.kills.values()) >= 1):
            if time.monotonic() - started > time_limit:
                raise TimeoutError(f"workloads not done, or chaos not complete, in {time_limit} s")
            await asyncio.sleep(rng.uniform(0.3, 0.8))
            proxy.cut_open_connections()
            victim = ("central", "A", "central", "B")[sum(report.kills.values()) % 4]
            report.kills[victim] += 1
            if victim == "central":
                central.kill()
                await asyncio.sleep(rng.uniform(0.1, 0.5))
                await central.start()
            else:
                consoles[victim].kill()
                await asyncio.sleep(rng.uniform(0.05, 0.3))
                consoles[victim].start()
        # Calm: no more chaos on new connections; everything must converge.
        proxy.enabled = False
        headers = await _login_headers(direct)
        deadline = time.monotonic() + 60
        while True:
            head = await _head(direct, headers)
            states = [c.sync_state() for c in consoles.values()]
            if all(p == 0 and cur == head for p, cur in states):
                break
            if time.monotonic() > deadline:
                raise TimeoutError(f"no convergence: head {head}, consoles {states}")
            await asyncio.sleep(0.2)
        truth = await _central_snapshot(direct, headers)
    finally:
        for c in consoles.values():
            c.stop()
        await proxy.close()
        central.stop()
    report.cuts = proxy.stats.cuts
    report.proxied_connections = proxy.stats.connections
    _verify(report, folder / "central" / "central.sqlite", consoles, truth)
    report.seconds = round(time.monotonic() - started, 1)
    return report


def _verify(report: FaultReport, central_db: Path, consoles: dict[str, _Console],
            truth: dict[tuple[str, str], dict]) -> None:
    with sqlite3.connect(central_db) as db:
        decided = dict(db.execute("select key, outcome from command_log"))
        notes = Counter(t for (t,) in db.execute(
            "select json_extract(data, '$.text') from events where kind='note'"))
        created = Counter(i for (i,) in db.execute(
            "select json_extract(data, '$.incident_id') from events where kind='created'"))
    for c in consoles.values():
        saved = c.saved()
        report.commands_saved += len(saved)
        report.lost += sum(1 for k in saved if k not in decided)
        mine = c.outcomes()
        report.outcome_mismatch += sum(1 for k in saved if k in decided and mine.get(k) != decided[k])
        if c.records() != truth:
            report.diverged += 1
    report.accepted = sum(1 for v in decided.values() if v == "accepted")
    report.rejected = sum(1 for v in decided.values() if v == "rejected")
    # Applied twice: a note text or an incident creation recorded more than once.
    report.duplicated = sum(n - 1 for n in notes.values() if n > 1) + sum(
        n - 1 for n in created.values() if n > 1)
