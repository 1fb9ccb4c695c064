"""Malformed WebSocket frames on /api/v1/stream close that connection with a code and a
reason, and nothing else: another console's stream keeps receiving changes and the
server keeps serving (issue 3, bad input)."""

from __future__ import annotations

import asyncio
import os

import aiohttp
import pytest
from aiohttp import WSMsgType

from tests.central.helpers import client, get_json, new_incident, running_central

CASES = {
    # name: (opcode, payload, expected close code, words in the reason)
    "binary_garbage": (WSMsgType.BINARY, os.urandom(512), 1003, "binary"),
    "invalid_json": (WSMsgType.TEXT, b"{not json", 1003, "not valid JSON"),
    "json_not_an_object": (WSMsgType.TEXT, b"[1, 2, 3]", 1008, "unknown message type"),
    "unknown_type": (WSMsgType.TEXT, b'{"type": "drop_tables"}', 1008, "unknown message type"),
    "deeply_nested_json": (WSMsgType.TEXT, b"[" * 60_000, 1003, "not valid JSON"),
    "invalid_utf8_text": (WSMsgType.TEXT, b'{"type": "ping", "x": "\xff\xfe"}', 1007, "UTF-8"),
    "huge_frame": (WSMsgType.TEXT, b'"' + b"x" * (1 << 20) + b'"', 1009, "too big"),
}


async def _receive_until_close(ws: aiohttp.ClientWebSocketResponse) -> aiohttp.WSMessage:
    while True:
        msg = await ws.receive(timeout=10)
        if msg.type in (WSMsgType.CLOSE, WSMsgType.CLOSED, WSMsgType.ERROR):
            return msg


async def _next_changes(ws: aiohttp.ClientWebSocketResponse, after: int) -> list[dict]:
    while True:
        msg = await ws.receive_json(timeout=10)
        if msg["type"] == "changes" and msg["changes"][-1]["seq"] > after:
            return msg["changes"]


@pytest.mark.parametrize("case", list(CASES))
def test_a_bad_frame_closes_only_its_connection_with_a_reason(tmp_path, db_url, case):
    opcode, payload, code, words = CASES[case]

    async def main():
        async with running_central(tmp_path, db_url) as c, client(c.api_url) as s:
            stream = f"{c.api_url.replace('http', 'ws', 1)}/api/v1/stream"
            head = (await get_json(s, f"{c.api_url}/api/v1/health"))["head"]
            async with s.ws_connect(f"{stream}?since={head}") as good, \
                    s.ws_connect(f"{stream}?since={head}") as bad:
                for ws in (good, bad):
                    assert (await ws.receive_json(timeout=5))["type"] == "hello"
                await bad.send_str('{"type": "ping"}')  # a ping is accepted and ignored
                await bad.send_frame(payload, opcode)
                closed = await _receive_until_close(bad)
                assert closed.type is WSMsgType.CLOSE, closed
                assert bad.close_code == code, (closed.data, closed.extra)
                assert words.lower() in (closed.extra or "").lower(), closed.extra
                # The other console's stream carries on, and the server answers.
                iid = await new_incident(s, c.api_url)
                changes = await _next_changes(good, head)
                assert any(ch["entity"] == "incident" and ch["id"] == iid for ch in changes)
                assert not good.closed
            assert (await get_json(s, f"{c.api_url}/api/v1/health"))["status"] == "ok"
            # A new stream opens as usual.
            async with s.ws_connect(f"{stream}?since=0") as again:
                assert (await again.receive_json(timeout=5))["type"] == "hello"

    asyncio.run(main())
