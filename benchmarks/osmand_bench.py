"""OsmAnd positions ingested per second, on SQLite and on PostgreSQL (issue 3; target ≥ 2,000/s).

For each database a real ``c4central serve`` process (subprocess, loopback only)
with a few hundred registered devices (panic devices through ``c4central devices
import``, patrol trackers through the unit seed), and concurrent keep-alive HTTP
clients in this process firing OsmAnd reports (``GET /?id=…&lat=…&lon=…&timestamp=…``)
until a fixed count is sent or a time limit passes. The figure is positions
answered 200 per second, end to end (a 200 is only sent after the commit).
Afterwards the bench checks they were stored: one device change per accepted
report in the feed, and every device's last position (GET /api/v1/devices) is
the last one it sent.

Each client owns its devices and sends their reports in order, so every report
is fresh (no "older fix" skips) and the counts must match exactly.

Floors in the same run: the same HTTP load against a trivial aiohttp handler
(benchmarks/loopback_floor.py, no database), and single-row insert-and-commit
transactions per second into the same database (a scratch table, durable commits:
SQLite ``synchronous=FULL``; PostgreSQL with fsync and synchronous_commit on).

``run(app)`` ignores ``app`` and runs in a plain asyncio loop. Standalone:
``python -m benchmarks.osmand_bench [sqlite|postgresql ...]``.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import os
import random
import subprocess
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import aiohttp
from sqlalchemy import Column, Integer, MetaData, String, Table, func, select

from benchmarks.stats import summary_ms
from c4console.central import schema
from c4console.central.db import create_db_engine, open_database
from c4console.central.seed import UNIT_COLUMNS, seed_file
from c4console.central.service import Service
from c4console.resources import DEFAULT_JURISDICTION, load_catalogue

USER, PASSWORD = "bench", "bench-password-1"
PANIC_DEVICES = 250
UNIT_TRACKERS = 50
CONNECTIONS = 64  # concurrent keep-alive clients
COUNT = 20_000  # reports per database (the run stops earlier at TIME_LIMIT_S)
TIME_LIMIT_S = 20.0
FLOOR_S = 2.0  # length of the raw-commit floor
TARGET = 2000
# Mexicali: positions wander inside a small box.
LAT0, LON0 = 32.62, -115.46


# --- load generator ---------------------------------------------------------------------

class _Load:
    """Counts and latencies of one run of the load generator."""

    def __init__(self) -> None:
        self.statuses: Counter[int] = Counter()
        self.latencies: list[float] = []
        self.last_sent: dict[str, float] = {}  # device → timestamp of its last 200
        self.errors: list[str] = []
        self.elapsed = 0.0


async def _client(host: str, port: int, path: str, devices: list[str], load: _Load, budget: list[int],
                  deadline: float, base_ts: float, rng: random.Random) -> None:
    """One keep-alive connection sending its devices' reports in turn (raw HTTP/1.1: the
    client must cost less than the server it measures)."""
    if not devices:
        return
    reader, writer = await asyncio.open_connection(host, port)
    counters = dict.fromkeys(devices, 0)
    i = 0
    try:
        while budget[0] > 0 and time.perf_counter() < deadline:
            budget[0] -= 1
            dev = devices[i % len(devices)]
            i += 1
            counters[dev] += 1
            ts = base_ts + counters[dev] * 0.5
            lat = LAT0 + rng.uniform(-0.03, 0.03)
            lon = LON0 + rng.uniform(-0.03, 0.03)
            request = (f"GET {path}?id={dev}&lat={lat:.6f}&lon={lon:.6f}&timestamp={ts:.1f}"
                       f"&speed=12.5&bearing=90&batt=87 HTTP/1.1\r\nHost: {host}:{port}\r\n\r\n")
            t0 = time.perf_counter()
            writer.write(request.encode("ascii"))
            head = await reader.readuntil(b"\r\n\r\n")
            lines = head.decode("latin-1").split("\r\n")
            status = int(lines[0].split(" ", 2)[1])
            length = 0
            for line in lines[1:]:
                name, _, value = line.partition(":")
                if name.strip().lower() == "content-length":
                    length = int(value)
            if length:
                body = await reader.readexactly(length)
                if status != 200 and len(load.errors) < 5:
                    load.errors.append(f"{status}: {body[:200].decode('utf-8', 'replace')}")
            load.latencies.append(time.perf_counter() - t0)
            load.statuses[status] += 1
            if status == 200:
                load.last_sent[dev] = round(ts, 1)  # as sent
    finally:
        writer.close()
        with contextlib.suppress(Exception):
            await writer.wait_closed()


async def _fire(url: str, path: str, devices: list[str], count: int, seconds: float,
                connections: int = CONNECTIONS, *, ago_s: float = 86_400) -> _Load:
    """Send ``count`` reports (or as many as fit in ``seconds``) over ``connections`` clients;
    fixes start ``ago_s`` in the past, each newer than its device's last."""
    host, port = url.removeprefix("http://").rsplit(":", 1)
    load = _Load()
    budget = [count]
    base_ts = round(time.time() - ago_s)
    t0 = time.perf_counter()
    await asyncio.gather(*(
        _client(host, int(port), path, devices[k::connections], load, budget, t0 + seconds, base_ts,
                random.Random(k))
        for k in range(connections)))
    load.elapsed = time.perf_counter() - t0
    return load


def _figures(load: _Load) -> dict[str, Any]:
    ok = load.statuses.get(200, 0)
    return {"sent": sum(load.statuses.values()), "accepted": ok,
            "statuses": {str(k): v for k, v in sorted(load.statuses.items())},
            "seconds": round(load.elapsed, 2),
            "per_s": round(ok / load.elapsed) if load.elapsed else 0,
            "latency_ms": summary_ms(load.latencies), **({"errors": load.errors} if load.errors else {})}


# --- processes ----------------------------------------------------------------------------

def _wait_file(path: Path, proc: subprocess.Popen, log: Path, timeout: float = 60) -> str:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if path.exists() and path.read_text().strip():
            return path.read_text()
        if proc.poll() is not None:
            raise RuntimeError(f"process exited with {proc.returncode}:\n{log.read_text()[-3000:]}")
        time.sleep(0.05)
    proc.kill()
    raise RuntimeError(f"process not ready after {timeout:.0f} s:\n{log.read_text()[-3000:]}")


@contextlib.contextmanager
def _process(args: list[str], log: Path) -> Iterator[subprocess.Popen]:
    log.parent.mkdir(parents=True, exist_ok=True)
    with log.open("wb") as out:
        proc = subprocess.Popen(args, stdout=out, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL,
                                env=os.environ.copy())
    try:
        yield proc
    finally:
        if proc.poll() is None:
            proc.terminate()
            try:
                proc.wait(15)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait(5)


def _c4central(*args: str) -> list[str]:
    return [sys.executable, "-m", "c4console.central", *args]


async def _http_floor(folder: Path, devices: list[str], count: int) -> dict[str, Any]:
    """The same load against a trivial aiohttp handler (no database)."""
    port_file = folder / "floor.port"
    with _process([sys.executable, "-m", "benchmarks.loopback_floor", str(port_file)],
                  folder / "floor.log") as proc:
        port = int(_wait_file(port_file, proc, folder / "floor.log"))
        url = f"http://127.0.0.1:{port}"
        await _fire(url, "/ping", devices[:50], 500, 5)  # warm-up
        return _figures(await _fire(url, "/ping", devices, count, TIME_LIMIT_S))


# --- database set-up and checks ---------------------------------------------------------------

def _register(folder: Path, db_url: str) -> list[str]:
    """Panic devices through ``c4central devices import``, unit trackers through the unit seed."""
    panic = [f"86{n:013d}" for n in range(PANIC_DEVICES)]
    csv_path = folder / "devices.csv"
    csv_path.write_text("device_id,name\n" + "".join(f"{d},Beneficiaria {i}\n"
                                                     for i, d in enumerate(panic)), encoding="utf-8")
    done = subprocess.run(_c4central("devices", "import", str(csv_path), "--db", db_url),
                          capture_output=True, text=True, timeout=120)
    if done.returncode != 0:
        raise RuntimeError(f"devices import failed: {done.stderr[-2000:]}")
    trackers = [f"TRK{n:04d}" for n in range(UNIT_TRACKERS)]
    units = folder / "units.csv"
    units.write_text(",".join(UNIT_COLUMNS) + "\n" + "".join(
        f"U{n:04d},P-{n:04d},S1,{t},{LAT0},{LON0}\n" for n, t in enumerate(trackers)), encoding="utf-8")

    async def seed() -> None:
        engine = open_database(db_url)
        service = Service(engine, load_catalogue())
        try:
            report = await seed_file(service, units, "units")
            if report.refused():
                raise RuntimeError(f"unit seed refused rows: {report.refused()[:3]}")
        finally:
            service.close()
            engine.dispose()

    asyncio.run(seed())  # called on an executor thread: a loop of its own
    return panic + trackers


def _commit_floor(db_url: str, seconds: float = FLOOR_S) -> dict[str, Any]:
    """Single-row insert + durable commit per second into a scratch table of the same database."""
    engine = create_db_engine(db_url)
    scratch = Table("bench_commit_floor", MetaData(), Column("id", Integer, primary_key=True),
                    Column("data", String(200)))
    try:
        scratch.create(engine, checkfirst=True)
        n = 0
        t0 = time.perf_counter()
        while time.perf_counter() - t0 < seconds:
            with engine.begin() as conn:
                conn.execute(scratch.insert().values(id=n, data="x" * 150))
            n += 1
        elapsed = time.perf_counter() - t0
        scratch.drop(engine)
    finally:
        engine.dispose()
    return {"commits": n, "seconds": round(elapsed, 2), "per_s": round(n / elapsed)}


def _device_changes_after(db_url: str, seq: int) -> int:
    engine = create_db_engine(db_url)
    try:
        with engine.connect() as conn:
            return int(conn.execute(select(func.count()).select_from(schema.changes).where(
                schema.changes.c.seq > seq, schema.changes.c.entity == "device")).scalar_one())
    finally:
        engine.dispose()


def _head(db_url: str) -> int:
    engine = create_db_engine(db_url)
    try:
        with engine.connect() as conn:
            return int(conn.execute(select(schema.counters.c.value).where(
                schema.counters.c.name == schema.CHANGE_SEQ)).scalar_one())
    finally:
        engine.dispose()


async def _stored_positions(api: str) -> dict[str, float]:
    """device → last_at, through the API, as the bench's supervisor (need-to-know keeps
    panic devices, which carry her last position, from operators)."""
    async with aiohttp.ClientSession() as s:
        async with s.post(f"{api}/api/v1/auth/login", json={"username": USER, "password": PASSWORD}) as r:
            token = (await r.json())["token"]
        async with s.get(f"{api}/api/v1/devices", headers={"Authorization": f"Bearer {token}"}) as r:
            body = await r.json()
    return {d["id"]: d.get("last_at") for d in body["devices"]}


# --- one database -------------------------------------------------------------------------------

async def _bench_db(name: str, db_url: str, folder: Path) -> dict[str, Any]:
    folder.mkdir(parents=True, exist_ok=True)
    loop = asyncio.get_running_loop()
    await loop.run_in_executor(None, lambda: open_database(db_url).dispose())  # migrate
    out: dict[str, Any] = {"commit_floor": await loop.run_in_executor(None, _commit_floor, db_url)}
    t0 = time.perf_counter()
    devices = await loop.run_in_executor(None, _register, folder, db_url)
    out["devices"] = len(devices)
    out["register_s"] = round(time.perf_counter() - t0, 1)
    secret = folder / "bench.password"
    secret.write_text(PASSWORD + "\n", encoding="utf-8")
    secret.chmod(0o600)
    ready = folder / "ready.json"
    log = folder / "central.log"
    args = _c4central("serve", "--db", db_url, "--listen", "127.0.0.1:0", "--osmand-listen", "127.0.0.1:0",
                      "--ready-file", str(ready), "--server-id", f"bench-{name}",
                      "--jurisdiction", str(DEFAULT_JURISDICTION),
                      "--bootstrap-user", f"{USER}:supervisor", "--bootstrap-password-file", str(secret),
                      # The bench measures ingest: no per-device flood guard (429) in the way.
                      "--device-rate", "0",
                      # Its supervisor reads the stored positions without a phone for a code.
                      "--mfa-required-roles", "")
    with _process(args, log) as proc:
        info = json.loads(await loop.run_in_executor(None, _wait_file, ready, proc, log))
        # Warm-up (connections, caches) with fixes older than the measured run's.
        await _fire(info["osmand"], "/", devices, 500, 5, ago_s=2 * 86_400)
        head = await loop.run_in_executor(None, _head, db_url)
        load = await _fire(info["osmand"], "/", devices, COUNT, TIME_LIMIT_S)
        out["ingest"] = _figures(load)
        stored = await loop.run_in_executor(None, _device_changes_after, db_url, head)
        positions = await _stored_positions(info["api"])
        wrong = [d for d, ts in load.last_sent.items() if positions.get(d) != ts]
        out["stored"] = {"device_changes": stored, "equals_accepted": stored == load.statuses.get(200, 0),
                         "devices_with_wrong_last_position": len(wrong)}
        if proc.poll() is not None:
            raise RuntimeError(f"central died:\n{log.read_text()[-3000:]}")
    out["per_s_vs_target"] = f"{out['ingest']['per_s']} / {TARGET}"
    return out


@contextlib.contextmanager
def _postgres() -> Iterator[str]:
    from tests.central.postgres import running_postgres

    with running_postgres(durable=True) as server, server.database() as url:
        yield url


async def _main(backends: list[str]) -> dict[str, Any]:
    tmp = Path(tempfile.mkdtemp(prefix="c4osmandbench-"))
    devices = [f"86{n:013d}" for n in range(PANIC_DEVICES)] + [f"TRK{n:04d}" for n in range(UNIT_TRACKERS)]
    out: dict[str, Any] = {"target_per_s": TARGET, "connections": CONNECTIONS,
                           "cpus": os.cpu_count()}
    out["floor_http_trivial_handler"] = await _http_floor(tmp, devices, COUNT)
    if "sqlite" in backends:
        out["sqlite"] = await _bench_db("sqlite", f"sqlite:///{tmp / 'sqlite' / 'central.sqlite'}",
                                        tmp / "sqlite")
    if "postgresql" in backends:
        try:
            with _postgres() as url:
                out["postgresql"] = await _bench_db("postgresql", url, tmp / "postgresql")
        except RuntimeError as e:
            if "not installed" not in str(e):
                raise
            out["postgresql"] = {"skipped": str(e)}
    return out


def run(_app: Any = None, backends: list[str] | None = None) -> dict[str, Any]:
    """The bench section: ``{"sqlite": …, "postgresql": …, "floor_http_trivial_handler": …}``.

    Runs in its own asyncio loop (``app`` is not used).
    """
    return asyncio.run(_main(backends or ["sqlite", "postgresql"]))


if __name__ == "__main__":
    print(json.dumps(run(None, sys.argv[1:] or None), indent=2))
