"""Console sync figures (issue 3): catch-up after an outage, initial sync, command round trip.

A real central process (SQLite) and the console's real sync engine and cache in
this process (no window). Bulk history is written straight into the central's
database through its own transaction helper (the feed is exactly the tables'
history), because making 100,000 incidents through the API would measure the
API, not the sync. Floors in the same run: the raw HTTP paging of the same
changes without applying them, and a raw POST of one command.
"""

from __future__ import annotations

import asyncio
import tempfile
import time
import uuid
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import aiohttp
from sqlalchemy import insert, update

from benchmarks.stats import summary_ms
from c4console.central import schema
from c4console.central.db import open_database
from c4console.central.records import Tx, _columns
from c4console.core.enums import Channel, IncidentStatus, Priority
from c4console.core.models import Incident
from c4console.store.cache import LocalCache
from c4console.sync.engine import SyncEngine
from c4console.sync.processes import EmbeddedCentral
from tests.cache_files import TEST_KEY
from tests.faults.scenario import _head  # the same health probe the fault test uses

USER, PASSWORD = "bench", "bench-password-1"
ENGINE_LOGIN = {"username": USER, "password": PASSWORD}


def _central(folder: Path) -> EmbeddedCentral:
    """An embedded central with the bench's operator account."""
    folder.mkdir(parents=True, exist_ok=True)
    secret = folder / "bench.password"
    secret.write_text(PASSWORD + "\n", encoding="utf-8")
    return EmbeddedCentral(folder, bootstrap_user=USER, bootstrap_password_file=secret)


async def _token_headers(s: aiohttp.ClientSession, api: str) -> dict[str, str]:
    async with s.post(f"{api}/api/v1/auth/login", json={"username": USER, "password": PASSWORD}) as r:
        return {"Authorization": f"Bearer {(await r.json())['token']}"}


class _Listener:
    def __init__(self) -> None:
        self.results: dict[str, float] = {}

    def on_changes(self, applied) -> None:
        pass

    def on_results(self, results) -> None:
        now = time.perf_counter()
        for r in results:
            self.results[r["key"]] = now

    def on_connection(self, connected, detail) -> None:
        pass


def _seed(db_url: str, n: int) -> None:
    """n new incidents and their change rows in one transaction (executemany)."""
    engine = open_database(db_url)
    now = time.time()
    with engine.begin() as conn:
        tx = Tx(conn, now, ZoneInfo("America/Tijuana"))  # takes the write lock, reads the head
        head = tx._head
        rows, changes = [], []
        for i in range(n):
            data = Incident(
                id=str(uuid.uuid4()), folio=f"C4-BENCH-{i:06d}", type_code="30903",
                priority=Priority.ALTA, channel=Channel.CALL_911, status=IncidentStatus.NEW,
                created_at=now - i, lat=32.62, lon=-115.45, sector="S1", colonia="Centro",
                updated_at=now).to_wire()
            rows.append({"id": data["id"], "data": data, **_columns("incident", data)})
            changes.append({"seq": head + i + 1, "at": now, "entity": "incident",
                            "entity_id": data["id"], "op": "upsert", "data": data})
        conn.execute(insert(schema.incidents), rows)
        conn.execute(insert(schema.changes), changes)
        conn.execute(update(schema.counters).where(schema.counters.c.name == schema.CHANGE_SEQ)
                     .values(value=head + n))
    engine.dispose()


async def _sync_until_head(cache: LocalCache, api: str) -> float:
    head = await _head(api, {})
    engine = SyncEngine(cache, api, _Listener(), actor="bench", **ENGINE_LOGIN)
    t0 = time.perf_counter()
    engine.start()
    while cache.cursor() < head:
        await asyncio.sleep(0.01)
    elapsed = time.perf_counter() - t0
    await engine.close()
    return elapsed


async def _raw_paging(api: str) -> float:
    since = 0
    async with aiohttp.ClientSession() as s:
        s.headers.update(await _token_headers(s, api))  # logged in before the clock starts
        t0 = time.perf_counter()
        while True:
            async with s.get(f"{api}/api/v1/changes", params={"since": since, "limit": 5000}) as r:
                body = await r.json()
            since = body["last_seq"]
            if not body["changes"] or since >= body["head"]:
                break
    return time.perf_counter() - t0


async def _round_trips(api: str, cache: LocalCache, n: int) -> tuple[list[float], list[float]]:
    listener = _Listener()
    engine = SyncEngine(cache, api, listener, actor="bench", **ENGINE_LOGIN)
    engine.start()
    while not engine.connected:
        await asyncio.sleep(0.01)
    iid = str(uuid.uuid4())
    await engine.submit({"key": str(uuid.uuid4()), "type": "create_incident", "incident_id": iid,
                         "channel": "call_911"})
    await asyncio.sleep(0.5)
    via_engine = []
    for i in range(n):
        key = str(uuid.uuid4())
        t0 = time.perf_counter()
        await engine.submit({"key": key, "type": "add_note", "incident_id": iid, "text": f"n{i}"})
        while key not in listener.results:
            await asyncio.sleep(0.0005)
        via_engine.append(listener.results[key] - t0)
    await engine.close()
    raw = []
    async with aiohttp.ClientSession() as s:
        s.headers.update(await _token_headers(s, api))
        for i in range(n):
            body = {"actor": "bench", "workstation": "bench", "commands": [
                {"key": str(uuid.uuid4()), "type": "add_note", "incident_id": iid, "text": f"r{i}"}]}
            t0 = time.perf_counter()
            async with s.post(f"{api}/api/v1/commands", json=body) as r:
                await r.read()
            raw.append(time.perf_counter() - t0)
    return via_engine, raw


async def _main() -> dict:
    tmp = Path(tempfile.mkdtemp(prefix="c4syncbench-"))
    out: dict[str, Any] = {}
    # 1. catch-up of 10,000 changes after an outage
    central = _central(tmp / "c1")
    ep = await central.start_and_wait()
    try:
        cache = LocalCache(tmp / "catchup.sqlite", TEST_KEY)
        await _sync_until_head(cache, ep.api)  # in step before the outage
        _seed(f"sqlite:///{tmp / 'c1' / 'central.sqlite'}", 10_000)  # while the console is away
        secs = await _sync_until_head(cache, ep.api)
        out["catch_up_10k_changes_s"] = round(secs, 3)
        out["floor_raw_paging_10k_s"] = round(await _raw_paging(ep.api), 3)
        via_engine, raw = await _round_trips(ep.api, cache, 300)
        out["command_round_trip_ms"] = summary_ms(via_engine)
        out["floor_raw_post_one_command_ms"] = summary_ms(raw)
        cache.close()
    finally:
        central.stop()
    # 2. initial sync of 100,000 incidents into an empty console
    central = _central(tmp / "c2")
    ep = await central.start_and_wait()
    try:
        t0 = time.perf_counter()
        _seed(f"sqlite:///{tmp / 'c2' / 'central.sqlite'}", 100_000)
        out["seed_100k_s_not_measured"] = round(time.perf_counter() - t0, 1)
        cache = LocalCache(tmp / "initial.sqlite", TEST_KEY)
        out["initial_sync_100k_incidents_s"] = round(await _sync_until_head(cache, ep.api), 3)
        out["floor_raw_paging_100k_s"] = round(await _raw_paging(ep.api), 3)
        out["incidents_in_cache"] = cache.count("incident")
        cache.close()
    finally:
        central.stop()
    out["targets"] = {"catch_up_10k_changes_s": 2, "initial_sync_100k_incidents_s": 15,
                      "command_round_trip_p99_ms": 30}
    return out


def run(_qapp) -> dict:
    """Run in a fresh asyncio loop (no Qt needed)."""
    return asyncio.run(_main())
