"""The change feed: GET /changes paging and the WebSocket stream (backlog, live, bad frames)."""

from __future__ import annotations

import asyncio
import base64
import json
import os
import socket

import aiohttp

from c4console.core.models import TimelineEvent
from tests.central.helpers import (
    client,
    get_json,
    key,
    login,
    new_incident,
    post_commands,
    running_central,
)


async def _busy_writers(s: aiohttp.ClientSession, api: str, osmand: str, rounds: int) -> None:
    """Commands from three operators and tracker reports, all at once."""
    async def operator(n: int) -> None:
        for _ in range(rounds):
            iid = await new_incident(s, api)
            await post_commands(s, api, {"key": key(), "type": "acknowledge", "incident_id": iid},
                                {"key": key(), "type": "add_note", "incident_id": iid,
                                 "text": f"nota {n}"})

    async def tracker() -> None:
        for i in range(rounds * 2):
            async with s.get(f"{osmand}/", params={"id": "TRK07", "lat": 32.63 + i / 1e4,
                                                   "lon": -115.45, "timestamp": 1763800000 + i}) as r:
                assert r.status == 200

    await asyncio.gather(operator(1), operator(2), operator(3), tracker())


def test_changes_feed_is_gap_free_ordered_and_pages(tmp_path, db_url):
    async def main():
        async with running_central(tmp_path, db_url) as c, client(c.api_url) as s:
            await _busy_writers(s, c.api_url, c.osmand_url, rounds=6)
            head = (await get_json(s, f"{c.api_url}/api/v1/health"))["head"]
            seen, since = [], 0
            while True:
                page = await get_json(s, f"{c.api_url}/api/v1/changes?since={since}&limit=7")
                assert page["head"] == head and len(page["changes"]) <= 7
                seen += page["changes"]
                since = page["last_seq"]
                if since >= page["head"]:
                    break
            assert [ch["seq"] for ch in seen] == list(range(1, head + 1))
            # The feed replays to the current state: the last snapshot of each incident
            # is what GET /incidents answers.
            last = {ch["id"]: ch["data"] for ch in seen if ch["entity"] == "incident"}
            now = {i["id"]: i for i in (await get_json(s, f"{c.api_url}/api/v1/incidents"))["incidents"]}
            assert last == now and len(now) == 18
            empty = await get_json(s, f"{c.api_url}/api/v1/changes?since={head}")
            assert empty == {"changes": [], "last_seq": head, "head": head}

    asyncio.run(main())


async def _frames_until(ws: aiohttp.ClientWebSocketResponse, seq: int) -> list[dict]:
    """Read change frames until the one holding ``seq``."""
    out = []
    while True:
        msg = await asyncio.wait_for(ws.receive(), 30)
        assert msg.type is aiohttp.WSMsgType.TEXT, msg
        frame = json.loads(msg.data)
        assert frame["type"] == "changes", frame
        out.append(frame)
        if frame["changes"] and frame["changes"][-1]["seq"] >= seq:
            return out


def test_stream_sends_hello_backlog_then_live_pushes_in_order(tmp_path, db_url):
    async def main():
        async with running_central(tmp_path, db_url) as c, client(c.api_url) as s:
            stream = f"{c.api_url.replace('http', 'ws', 1)}/api/v1/stream"
            await new_incident(s, c.api_url)
            head = (await get_json(s, f"{c.api_url}/api/v1/health"))["head"]
            async with s.ws_connect(f"{stream}?since=0") as full, \
                    s.ws_connect(f"{stream}?since={head - 2}") as tail:
                hello = await full.receive_json(timeout=30)
                assert hello == {"type": "hello", "server_id": "test-central", "head": head}
                backlog = await _frames_until(full, head)
                assert [ch["seq"] for f in backlog for ch in f["changes"]] == list(range(1, head + 1))
                assert (await tail.receive_json(timeout=30))["type"] == "hello"
                assert [ch["seq"] for f in await _frames_until(tail, head)
                        for ch in f["changes"]] == [head - 1, head]

                # Live: commands and tracker reports while both listen.
                await _busy_writers(s, c.api_url, c.osmand_url, rounds=2)
                new_head = (await get_json(s, f"{c.api_url}/api/v1/health"))["head"]
                for ws in (full, tail):
                    live = await _frames_until(ws, new_head)
                    seqs = [ch["seq"] for f in live for ch in f["changes"]]
                    assert seqs == list(range(head + 1, new_head + 1))
                    assert all(f["head"] >= f["changes"][-1]["seq"] for f in live)

    asyncio.run(main())


def test_bad_client_frames_close_only_that_connection(tmp_path, db_url):
    async def main():
        async with running_central(tmp_path, db_url) as c, client(c.api_url) as s:
            stream = f"{c.api_url.replace('http', 'ws', 1)}/api/v1/stream"
            head = (await get_json(s, f"{c.api_url}/api/v1/health"))["head"]
            async with s.ws_connect(f"{stream}?since={head}") as good, \
                    s.ws_connect(f"{stream}?since={head}") as garbled, \
                    s.ws_connect(f"{stream}?since={head}") as stranger:
                for ws in (good, garbled, stranger):
                    assert (await ws.receive_json(timeout=30))["type"] == "hello"
                await good.send_json({"type": "ping"})  # known: accepted and ignored
                await garbled.send_str("{this is not json")
                msg = await garbled.receive(timeout=30)
                assert msg.type is aiohttp.WSMsgType.CLOSE
                assert garbled.close_code == 1003 and "not valid JSON" in msg.extra
                await stranger.send_json({"type": "subscribe", "topic": "all"})
                msg = await stranger.receive(timeout=30)
                assert stranger.close_code == 1008 and "unknown message type 'subscribe'" in msg.extra

                await new_incident(s, c.api_url)
                frame = await good.receive_json(timeout=30)
                assert frame["type"] == "changes" and frame["changes"][0]["seq"] == head + 1
            health = await get_json(s, f"{c.api_url}/api/v1/health")
            assert health["status"] == "ok"
            async with s.get(f"{stream}?since=abc") as r:
                assert r.status == 400

    asyncio.run(main())


def _raw_ws_connect(url: str, token: str) -> socket.socket:
    """A WebSocket handshake on a socket with a tiny receive buffer, that then never reads."""
    host, port = url.removeprefix("http://").split(":")
    sock = socket.socket()
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 4096)
    sock.connect((host, int(port)))
    wskey = base64.b64encode(os.urandom(16)).decode()
    sock.sendall((f"GET /api/v1/stream?since=0 HTTP/1.1\r\nHost: {host}:{port}\r\n"
                  f"Authorization: Bearer {token}\r\n"
                  "Upgrade: websocket\r\nConnection: Upgrade\r\n"
                  f"Sec-WebSocket-Key: {wskey}\r\nSec-WebSocket-Version: 13\r\n\r\n").encode())
    assert sock.recv(12) == b"HTTP/1.1 101"
    return sock


def _read_to_end(sock: socket.socket) -> bool:
    try:
        while sock.recv(1 << 20):
            pass
    except ConnectionResetError:
        pass
    return True


def test_slow_stream_client_is_dropped_without_delaying_others(tmp_path):
    # SQLite only: this is about the hub's queues, not the database.
    async def main():
        async with running_central(tmp_path, stream_queue_limit=2) as c, client(c.api_url) as s:
            assert c.service is not None and c.hub is not None
            iid = await new_incident(s, c.api_url)
            stream = f"{c.api_url.replace('http', 'ws', 1)}/api/v1/stream"
            token = (await login(c.api_url))["token"]
            slow = await asyncio.to_thread(_raw_ws_connect, c.api_url, token)
            try:
                async with s.ws_connect(f"{stream}?since=0") as fast:
                    assert (await fast.receive_json(timeout=30))["type"] == "hello"
                    received: list[int] = []

                    async def consume() -> None:
                        async for msg in fast:
                            received.extend(ch["seq"] for ch in json.loads(msg.data)["changes"])

                    reader = asyncio.ensure_future(consume())
                    # 40 transactions of 100 long timeline entries: ~16 MB, far more than
                    # the kernel buffers a client that never reads.
                    for n in range(40):
                        await c.service.write(lambda tx, n=n: [tx.put(TimelineEvent(
                            f"{n}-{i}", iid, tx.now, "note", "op", "x" * 4000)) for i in range(100)])
                        if len(c.hub.clients) == 1:
                            break
                    assert len(c.hub.clients) == 1, "the slow client was never dropped"
                    head = (await get_json(s, f"{c.api_url}/api/v1/health"))["head"]
                    deadline = asyncio.get_running_loop().time() + 60
                    while not (received and received[-1] == head) \
                            and asyncio.get_running_loop().time() < deadline:
                        await asyncio.sleep(0.05)
                    assert received == list(range(1, head + 1))
                    reader.cancel()
                # The server really closed the slow connection (reading it to the end).
                assert await asyncio.wait_for(asyncio.to_thread(_read_to_end, slow), 60)
            finally:
                slow.close()

    asyncio.run(main())
