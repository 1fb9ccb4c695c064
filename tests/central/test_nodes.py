"""Two ``c4central serve`` processes on one PostgreSQL form one system: what is accepted
by one reaches the stream clients of the other, in seq order, without gaps."""

from __future__ import annotations

import asyncio
import json
import time

import aiohttp

from c4console.store.cache import LocalCache
from c4console.sync.engine import SyncEngine
from tests.cache_files import TEST_KEY
from tests.central.helpers import TEST_PASSWORD, key, login, password_file
from tests.central.nodes import start_node, wait_ready


async def _collect(ws: aiohttp.ClientWebSocketResponse, seqs: list[int], seen_at: dict[int, float]) -> None:
    async for msg in ws:
        frame = json.loads(msg.data)
        for change in frame.get("changes", []):
            seqs.append(change["seq"])
            seen_at.setdefault(change["seq"], time.monotonic())


async def _wait_for(seqs: list[int], head: int, timeout: float = 45) -> None:
    deadline = time.monotonic() + timeout
    while not seqs or seqs[-1] < head:
        assert time.monotonic() < deadline, f"stream stopped at {seqs[-1:] or 'nothing'} of {head}"
        await asyncio.sleep(0.02)


def test_a_command_through_node_a_reaches_a_stream_on_node_b(tmp_path, postgres):
    secret = password_file(tmp_path, TEST_PASSWORD)
    with postgres.database() as url:
        # A long poll: whatever arrives within seconds came through NOTIFY.
        common = ("--db", url, "--bootstrap-user", "operadora1:operator",
                  "--bootstrap-password-file", str(secret), "--poll-seconds", "60")
        # Started together: both migrate and create the account; each happens once.
        procs = {name: start_node(tmp_path / name, *common, "--server-id", f"node-{name}")
                 for name in ("a", "b")}
        nodes = {name: wait_ready(tmp_path / name, proc) for name, proc in procs.items()}
        try:
            asyncio.run(_scenario(nodes["a"].api, nodes["b"].api))
            asyncio.run(_console_on_b(nodes["b"].api, tmp_path / "console-b.sqlite"))
        finally:
            codes = [node.stop() for node in nodes.values()]
        assert codes == [0, 0], [n.log.read_text()[-2000:] for n in nodes.values()]
        logs = "".join(n.log.read_text() for n in nodes.values())
        assert logs.count("account operadora1: created") == 1
        assert "Traceback" not in logs


class _Quiet:
    def on_changes(self, applied) -> None: ...
    def on_results(self, results) -> None: ...
    def on_connection(self, connected, detail) -> None: ...


async def _console_on_b(api_b: str, cache_file) -> None:
    """A console (sync engine + local cache) on node B holds everything node A accepted."""
    cache = LocalCache(cache_file, TEST_KEY)
    engine = SyncEngine(cache, api_b, _Quiet(), actor="op-b", username="operadora1",
                        password=TEST_PASSWORD)
    async with aiohttp.ClientSession() as s, s.get(f"{api_b}/api/v1/health") as r:
        head = (await r.json())["head"]
    engine.start()
    try:
        deadline = time.monotonic() + 45
        while cache.cursor() < head:
            assert time.monotonic() < deadline, f"console on B at {cache.cursor()} of {head}"
            await asyncio.sleep(0.05)
        ids = set(cache.load("incident"))
        assert {"first", *(f"a{n}" for n in range(15)), *(f"b{n}" for n in range(15))} <= ids
    finally:
        await engine.close()
        cache.close()


async def _scenario(api_a: str, api_b: str) -> None:
    tokens = {api: (await login(api))["token"] for api in (api_a, api_b)}
    sessions = {api: aiohttp.ClientSession(headers={"Authorization": f"Bearer {tokens[api]}"})
                for api in (api_a, api_b)}
    try:
        s_a, s_b = sessions[api_a], sessions[api_b]
        streams = {}
        for api, s in sessions.items():
            ws = await s.ws_connect(f"{api.replace('http', 'ws', 1)}/api/v1/stream?since=0")
            hello = await ws.receive_json(timeout=30)
            assert hello["type"] == "hello" and hello["head"] == 0
            streams[api] = ws
        seqs: dict[str, list[int]] = {api_a: [], api_b: []}
        seen_at: dict[str, dict[int, float]] = {api_a: {}, api_b: {}}
        readers = [asyncio.ensure_future(_collect(ws, seqs[api], seen_at[api]))
                   for api, ws in streams.items()]

        # One command through A: B's client sees it promptly (NOTIFY, not the poll).
        sent = time.monotonic()
        async with s_a.post(f"{api_a}/api/v1/commands", json={"commands": [
                {"key": key(), "type": "create_incident", "incident_id": "first",
                 "channel": "call_911"}]}) as r:
            (first,) = (await r.json())["results"]
        assert first["outcome"] == "accepted"
        await _wait_for(seqs[api_b], first["seq"])
        # well within the 60 s poll (loose: a loaded machine is slow, not wrong)
        assert seen_at[api_b][first["seq"]] - sent < 20.0

        # Then both nodes take commands at once; both streams get one gap-free order.
        async def operator(session: aiohttp.ClientSession, api: str, tag: str) -> None:
            for n in range(15):
                iid = f"{tag}{n}"
                async with session.post(f"{api}/api/v1/commands", json={"commands": [
                        {"key": key(), "type": "create_incident", "incident_id": iid,
                         "channel": "phone"},
                        {"key": key(), "type": "add_note", "incident_id": iid, "text": tag}]}) as r:
                    results = (await r.json())["results"]
                assert [x["outcome"] for x in results] == ["accepted", "accepted"], results

        await asyncio.gather(operator(s_a, api_a, "a"), operator(s_b, api_b, "b"))
        async with s_b.get(f"{api_b}/api/v1/health") as r:
            head = (await r.json())["head"]
        for api in (api_a, api_b):
            await _wait_for(seqs[api], head)
            assert seqs[api] == list(range(1, head + 1)), api
        async with s_a.get(f"{api_a}/api/v1/changes?since=0&limit=5000") as r:
            feed = await r.json()
        assert [c["seq"] for c in feed["changes"]] == list(range(1, head + 1))
        for reader in readers:
            reader.cancel()
        for ws in streams.values():
            await ws.close()
    finally:
        for s in sessions.values():
            await s.close()
