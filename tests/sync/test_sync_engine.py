"""The console's sync engine against a real central process: stream, outbox,
idempotency, gap backfill and restart from the stored cursor."""

from __future__ import annotations

import asyncio
import time
import uuid

import aiohttp

from c4console.core.changes import Change
from c4console.store.cache import LocalCache
from c4console.sync.engine import SyncEngine
from tests.cache_files import TEST_KEY


class Recorder:
    """A SyncListener that keeps what it is told."""

    def __init__(self) -> None:
        self.changes: list[Change] = []
        self.results: list[dict] = []
        self.connection: list[bool] = []

    def on_changes(self, applied):
        self.changes.extend(applied)

    def on_results(self, results):
        self.results.extend(results)

    def on_connection(self, connected, detail):
        self.connection.append(connected)


async def until(pred, timeout: float = 60.0) -> None:
    deadline = time.monotonic() + timeout
    while not pred():
        if time.monotonic() > deadline:
            raise AssertionError("condition not met in time")
        await asyncio.sleep(0.02)


def create(iid: str | None = None, **kw) -> dict:
    return {"key": str(uuid.uuid4()), "type": "create_incident",
            "incident_id": iid or str(uuid.uuid4()), "channel": "call_911",
            "lat": 32.6245, "lon": -115.4523, "caller": "prueba", **kw}


async def post(central, commands: list[dict]) -> list[dict]:
    async with aiohttp.ClientSession(headers=central.headers()) as s, s.post(
            f"{central.api}/api/v1/commands",
            json={"workstation": "t", "commands": commands}) as r:
        assert r.status == 200, await r.text()
        return (await r.json())["results"]


def engine_for(cache: LocalCache, central, listener, **kw) -> SyncEngine:
    """A SyncEngine logged in as the fixture's account."""
    return SyncEngine(cache, central.api, listener, actor="op1", username=central.username,
                      password=central.password, **kw)


def test_commands_flow_through_outbox_central_and_feed(tmp_path, central):
    async def scenario():
        cache = LocalCache(tmp_path / "cache.sqlite", TEST_KEY)
        rec = Recorder()
        engine = engine_for(cache, central, rec, workstation="ws1")
        engine.start()
        await until(lambda: engine.connected)
        iid = str(uuid.uuid4())
        entry = await engine.submit(create(iid))
        # durable before anything else happens: a second connection sees it
        assert [e.key for e in LocalCache(tmp_path / "cache.sqlite", TEST_KEY).pending()] == [entry.key]
        await until(lambda: any(r["key"] == entry.key for r in rec.results))
        assert rec.results[-1]["outcome"] == "accepted"
        await until(lambda: any(c.entity == "incident" and c.id == iid for c in rec.changes))
        inc = cache.load("incident")[iid]
        assert inc.channel.value == "call_911" and inc.folio.startswith("C4-")
        assert inc.sector  # the central located it in the jurisdiction
        ack = await engine.submit({"key": str(uuid.uuid4()), "type": "acknowledge",
                                   "incident_id": iid})
        await until(lambda: any(r["key"] == ack.key for r in rec.results))
        await until(lambda: cache.load("incident")[iid].status.value == "acknowledged")
        assert cache.pending() == []
        assert cache.cursor() == max(c.seq for c in rec.changes)
        # a second acknowledgement is rejected and stays visible until dismissed
        again = await engine.submit({"key": str(uuid.uuid4()), "type": "acknowledge",
                                     "incident_id": iid})
        await until(lambda: any(r["key"] == again.key for r in rec.results))
        assert [e.key for e in cache.rejected()] == [again.key]
        await engine.close()
        cache.close()

    asyncio.run(scenario())


def test_same_key_twice_is_applied_once(central):
    async def scenario():
        cmd = create()
        first = await post(central, [cmd])
        second = await post(central, [cmd])
        assert first[0]["outcome"] == "accepted"
        assert second[0]["outcome"] == "duplicate"
        assert second[0]["original"]["outcome"] == "accepted"
        async with aiohttp.ClientSession(headers=central.headers()) as s, \
                s.get(f"{central.api}/api/v1/changes", params={"since": 0}) as r:
            body = await r.json()
        created = [c for c in body["changes"] if c["entity"] == "incident"
                   and c["id"] == cmd["incident_id"]]
        assert len(created) == 1

    asyncio.run(scenario())


def test_restart_resumes_from_cursor_and_gap_is_backfilled(tmp_path, central):
    async def scenario():
        cache = LocalCache(tmp_path / "cache.sqlite", TEST_KEY)
        rec = Recorder()
        engine = engine_for(cache, central, rec)
        engine.start()
        await until(lambda: engine.connected)
        await post(central, [create() for _ in range(3)])
        await until(lambda: cache.count("incident") == 3)
        await engine.close()
        cursor = cache.cursor()
        # while the console is away, the central moves on
        await post(central, [create() for _ in range(5)])
        rec2 = Recorder()
        engine2 = engine_for(cache, central, rec2)
        engine2.start()
        await until(lambda: cache.count("incident") == 8)
        assert min(c.seq for c in rec2.changes) == cursor + 1  # nothing re-applied
        # a live batch that skips ahead triggers a backfill before it is applied
        await post(central, [create() for _ in range(2)])
        await until(lambda: cache.count("incident") == 10)
        head = cache.cursor()
        await post(central, [create() for _ in range(2)])
        async with aiohttp.ClientSession(headers=central.headers()) as s, \
                s.get(f"{central.api}/api/v1/changes", params={"since": head}) as r:
            newer = [Change.from_wire(c) for c in (await r.json())["changes"]]
        await until(lambda: cache.count("incident") == 12)
        await engine2.close()
        cache2 = LocalCache(tmp_path / "cache2.sqlite", TEST_KEY)
        engine3 = engine_for(cache2, central, Recorder())
        engine3._session = aiohttp.ClientSession()
        from c4console.sync.client import CentralClient

        engine3._client = CentralClient(central.api, engine3._session, username=central.username,
                                        password=central.password)
        await engine3._ingest(newer[-1:])  # only the last: a gap from an empty cache
        assert engine3.stats.backfills == 1  # one backfill happened
        assert cache2.cursor() == newer[-1].seq
        assert cache2.count("incident") == 12
        await engine3._session.close()
        engine3._db.shutdown()
        cache.close()
        cache2.close()

    asyncio.run(scenario())


class FailsOnce(Recorder):
    """A listener whose first batch raises, as a bug in applying a change would."""

    def __init__(self) -> None:
        super().__init__()
        self.failed = False

    def on_changes(self, applied):
        if not self.failed:
            self.failed = True
            raise TypeError("a record this console cannot apply")
        super().on_changes(applied)


def test_a_change_that_fails_to_apply_does_not_end_the_feed(tmp_path, central):
    async def scenario():
        cache = LocalCache(tmp_path / "cache.sqlite", TEST_KEY)
        rec = FailsOnce()
        engine = engine_for(cache, central, rec)
        engine.start()
        await until(lambda: engine.connected)
        await post(central, [create()])
        # The failure is said (disconnected, counted), and the feed goes on after it.
        await until(lambda: engine.stats.apply_errors == 1)
        assert False in rec.connection
        iid = str(uuid.uuid4())
        await post(central, [create(iid)])
        await until(lambda: any(c.entity == "incident" and c.id == iid for c in rec.changes), 20)
        assert engine.connected
        await engine.close()
        cache.close()

    asyncio.run(scenario())
