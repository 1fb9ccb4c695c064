"""The simulator's client against a fake central: OsmAnd fields, command retries with
the same key, and a stream that drops, resumes from the cursor and backfills a gap."""

from __future__ import annotations

import asyncio
import time
from collections.abc import Awaitable, Callable

import aiohttp
from aiohttp import web
from aiohttp.test_utils import TestServer

from c4console.demo.simulator_client import Result, SimulatorClient


def add_login(app: web.Application, logins: list[dict] | None = None) -> None:
    """The fake central's POST /auth/login: any password works, tokens are numbered."""
    async def login(request: web.Request) -> web.Response:
        body = await request.json()
        if logins is not None:
            logins.append(body)
        return web.json_response({"token": f"t{len(logins or [])}", "user": body["username"],
                                  "role": "operator", "expires_at": time.time() + 3600})

    app.router.add_post("/api/v1/auth/login", login)


def change(seq: int) -> dict:
    return {"seq": seq, "at": 0.0, "entity": "unit", "id": "P01", "op": "upsert",
            "data": {"id": "P01", "callsign": "PM-101", "status": "available"}}


async def with_fake(app: web.Application, body: Callable[[SimulatorClient], Awaitable[None]]) -> None:
    server = TestServer(app)
    await server.start_server()
    base = str(server.make_url("")).rstrip("/")
    try:
        async with aiohttp.ClientSession() as session:
            await body(SimulatorClient(session, base, base + "/osmand", password="demo-c4"))
    finally:
        await server.close()


def test_position_sends_osmand_fields():
    seen: list[dict] = []

    async def osmand(request: web.Request) -> web.Response:
        seen.append(dict(request.query))
        return web.Response(status=200 if request.query["id"] == "known" else 403)

    app = web.Application()
    app.router.add_get("/osmand/", osmand)

    async def body(client: SimulatorClient) -> None:
        assert await client.position("known", 32.6245, -115.4523, speed_kmh=50.0, bearing=93.4) == 200
        assert await client.position("stranger", 32.6, -115.4, alarm="sos") == 403

    asyncio.run(with_fake(app, body))
    first, second = seen
    assert first["id"] == "known" and first["lat"] == "32.624500" and first["lon"] == "-115.452300"
    assert first["speed"] == "27.0"  # knots, as Traccar Client sends
    assert first["bearing"] == "93"
    assert abs(float(first["timestamp"]) - time.time()) < 5 and "." in first["timestamp"]
    assert "alarm" not in first and second["alarm"] == "sos"


def test_command_is_retried_with_the_same_key_until_delivered():
    bodies: list[dict] = []
    logins: list[dict] = []
    tokens: list[str] = []

    async def commands(request: web.Request) -> web.Response:
        tokens.append(request.headers.get("Authorization", ""))
        if tokens[-1] == "Bearer t1" and len(tokens) == 2:
            return web.json_response({"error": "token expired"}, status=401)
        bodies.append(await request.json())
        if len(bodies) == 1:
            return web.Response(status=503)  # the central is restarting
        key = bodies[-1]["commands"][0]["key"]
        original = {"key": key, "outcome": "rejected", "reason": "no_change", "message": "already"}
        return web.json_response({"results": [{"key": key, "outcome": "duplicate", "original": original}]})

    app = web.Application()
    app.router.add_post("/api/v1/commands", commands)
    add_login(app, logins)

    async def body(client: SimulatorClient) -> None:
        result = await client.command("PM-101", {"type": "unit_status", "unit_id": "P01",
                                                 "status": "en_route"})
        assert result == Result("rejected", "no_change", "already")  # the duplicate's original

    asyncio.run(with_fake(app, body))
    assert len(bodies) == 2
    assert bodies[0] == bodies[1]  # same idempotency key: applied at most once
    assert bodies[0]["actor"] == "PM-101" and bodies[0]["workstation"] == "simulador"
    # Logged in as the simulator's account, and again when the token was refused.
    assert logins == [{"username": "simulador", "password": "demo-c4"}] * 2
    assert tokens == ["Bearer t1", "Bearer t1", "Bearer t2"]


def test_stream_resumes_from_its_cursor_and_backfills_gaps():
    connections: list[int] = []
    backfills: list[int] = []

    async def stream(request: web.Request) -> web.WebSocketResponse:
        connections.append(int(request.query["since"]))
        ws = web.WebSocketResponse()
        await ws.prepare(request)
        await ws.send_json({"type": "hello", "server_id": "fake", "head": 3})
        if len(connections) == 1:
            await ws.send_json({"type": "changes", "changes": [change(1), change(2)], "head": 2})
            await ws.send_json({"type": "changes", "changes": [change(2), change(3)], "head": 3})
            await ws.close()  # the central goes away
        else:
            # Changes 4 and 5 were committed while the client was away but are not pushed.
            await ws.send_json({"type": "changes", "changes": [change(6)], "head": 6})
            async for _ in ws:
                pass
        return ws

    async def changes(request: web.Request) -> web.Response:
        since = int(request.query["since"])
        backfills.append(since)
        page = [change(s) for s in range(since + 1, 7)]
        return web.json_response({"changes": page, "last_seq": 6, "head": 6})

    app = web.Application()
    app.router.add_get("/api/v1/stream", stream)
    app.router.add_get("/api/v1/changes", changes)
    add_login(app)
    handled: list[int] = []

    async def body(client: SimulatorClient) -> None:
        stop = asyncio.Event()

        async def handle(batch: list[dict]) -> None:
            handled.extend(c["seq"] for c in batch)
            if handled[-1] == 6:
                stop.set()

        final = await asyncio.wait_for(client.follow(0, handle, stop), 15)
        assert final == 6

    asyncio.run(with_fake(app, body))
    assert handled == [1, 2, 3, 4, 5, 6]  # each once, in order
    assert connections == [0, 3]  # resumed from the last seq handled
    assert backfills == [3]
