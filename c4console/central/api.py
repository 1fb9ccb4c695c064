"""The console-facing HTTP + WebSocket API (docs/protocol.md), base path /api/v1."""

from __future__ import annotations

import asyncio
import itertools
import json
import logging
from collections import Counter
from typing import Any

from aiohttp import WSCloseCode, WSMsgType, web

from c4console.central import queries
from c4console.central.hub import Hub, close_ws
from c4console.central.queries import MAX_LIMIT, Reader
from c4console.central.service import BadBatch, BatchInterrupted, Service, parse_batch
from c4console.core.enums import IncidentStatus

log = logging.getLogger(__name__)

DEFAULT_LIMIT = 1000
HEARTBEAT_S = 20.0
MAX_BODY = 16 << 20  # a full batch of long notes fits
MAX_CLIENT_FRAME = 64 << 10
CLIENT_MESSAGES = frozenset({"ping"})  # accepted and ignored; the stream needs nothing from clients


def _error(status: int, message: str) -> web.Response:
    return web.json_response({"error": message}, status=status)


def _int_param(request: web.Request, name: str, default: int) -> int:
    raw = request.query.get(name)
    if raw is None or raw == "":
        return default
    try:
        value = int(raw)
    except ValueError:
        value = -1
    if value < 0:
        raise web.HTTPBadRequest(text=json.dumps(
            {"error": f"query parameter {name!r} must be a non-negative integer, not {raw!r}"}),
            content_type="application/json")
    return value


@web.middleware
async def json_errors(request: web.Request, handler: Any) -> web.StreamResponse:
    """Every error of the API is JSON ``{"error": …}``, including 404/405/413 and crashes."""
    try:
        return await handler(request)
    except web.HTTPException as e:
        if e.status < 400 or e.content_type == "application/json":
            raise
        return _error(e.status, f"{e.reason}: {request.method} {request.path}"
                      + (f" ({e.text})" if e.text and e.text != f"{e.status}: {e.reason}" else ""))
    except asyncio.CancelledError:
        raise
    except Exception as e:
        log.exception("%s %s failed", request.method, request.path)
        return _error(500, f"internal error: {type(e).__name__}: {e}")


class Api:
    """Handlers bound to the service (writes), the reader (reads) and the hub (push)."""

    def __init__(self, service: Service, reader: Reader, hub: Hub, *, server_id: str,
                 heartbeat: float = HEARTBEAT_S) -> None:
        self.service = service
        self.reader = reader
        self.hub = hub
        self.server_id = server_id
        self.heartbeat = heartbeat
        self._stream_ids = itertools.count(1)

    async def health(self, request: web.Request) -> web.Response:
        """GET /health."""
        return web.json_response({"status": "ok", "server_id": self.server_id,
                                  "head": await self.reader.head()})

    async def changes(self, request: web.Request) -> web.Response:
        """GET /changes?since=N&limit=L."""
        since = _int_param(request, "since", 0)
        limit = max(1, min(_int_param(request, "limit", DEFAULT_LIMIT), MAX_LIMIT))
        page, head = await self.reader.changes_since(since, limit)
        return web.json_response({"changes": [c.to_wire() for c in page],
                                  "last_seq": page[-1].seq if page else since, "head": head})

    async def commands(self, request: web.Request) -> web.Response:
        """POST /commands: a batch; one result per command, same order."""
        raw = await request.read()
        try:
            body = json.loads(raw.decode("utf-8"))
        except (UnicodeDecodeError, ValueError) as e:
            return _error(400, f"body is not UTF-8 JSON ({e}); no command was applied")
        try:
            commands, actor, workstation = parse_batch(body)
        except BadBatch as e:
            return _error(400, f"{e}; no command was applied")
        try:
            results = await self.service.submit(commands, actor=actor, workstation=workstation)
        except BatchInterrupted as e:
            return web.json_response({"error": str(e), "results": e.results}, status=500)
        tally = Counter(r["outcome"] for r in results)
        log.info("commands from %s@%s: %s", actor, workstation or "?",
                 ", ".join(f"{n} {o}" for o, n in sorted(tally.items())) or "none")
        for r in results:
            if r["outcome"] == "rejected":
                log.info("command %s rejected: %s (%s)", r["key"], r["reason"], r["message"])
        return web.json_response({"results": results})

    async def incidents(self, request: web.Request) -> web.Response:
        """GET /incidents?status=open|<status>|all."""
        status = request.query.get("status") or None
        allowed = {"open", *(s.value for s in IncidentStatus)}
        if status == "all":
            status = None
        elif status is not None and status not in allowed:
            return _error(400, f"status {status!r} is not one of: all, {', '.join(sorted(allowed))}")
        return web.json_response({"incidents": await self.reader.run(queries.incidents, status)})

    async def incident(self, request: web.Request) -> web.Response:
        """GET /incidents/{id}."""
        iid = request.match_info["id"]
        data = await self.reader.run(queries.incident, iid)
        if data is None:
            return _error(404, f"incident {iid} does not exist")
        return web.json_response(data)

    async def units(self, request: web.Request) -> web.Response:
        """GET /units."""
        return web.json_response({"units": await self.reader.run(queries.units)})

    async def stream(self, request: web.Request) -> web.StreamResponse:
        """GET /stream?since=N (WebSocket): hello, backlog, then live pushes."""
        since = _int_param(request, "since", 0)
        ws = web.WebSocketResponse(heartbeat=self.heartbeat, max_msg_size=MAX_CLIENT_FRAME)
        await ws.prepare(request)
        name = f"#{next(self._stream_ids)} {request.remote}"
        client = self.hub.register(ws, since, name, request.transport)
        log.info("stream %s opened since=%d", name, since)
        try:
            await self.hub.start(client)
            async for msg in ws:
                problem = _client_frame_problem(msg)
                if problem is not None:
                    code, reason = problem
                    log.warning("stream %s: closing (%d): %s", name, code, reason)
                    client.closing = True
                    await close_ws(ws, code, reason, request.transport)
                    break
        except (ConnectionError, RuntimeError) as e:
            log.info("stream %s: connection lost (%s)", name, e)
        finally:
            self.hub.drop(client)
            log.info("stream %s closed (code %s) at seq %d", name, ws.close_code, client.cursor)
        return ws


def _client_frame_problem(msg: Any) -> tuple[int, str] | None:
    """(close code, reason) for a client frame we do not accept, or None."""
    if msg.type is WSMsgType.BINARY:
        return WSCloseCode.UNSUPPORTED_DATA, "binary frames are not accepted; send JSON text"
    if msg.type is not WSMsgType.TEXT:
        return None
    try:
        data = json.loads(msg.data)
    except ValueError as e:
        return WSCloseCode.UNSUPPORTED_DATA, f"frame is not valid JSON: {e}"
    kind = data.get("type") if isinstance(data, dict) else None
    if kind not in CLIENT_MESSAGES:
        return WSCloseCode.POLICY_VIOLATION, f"unknown message type {kind!r}; the stream accepts only 'ping'"
    return None


def build_api_app(service: Service, reader: Reader, hub: Hub, *, server_id: str,
                  heartbeat: float = HEARTBEAT_S) -> web.Application:
    """The aiohttp application serving docs/protocol.md under /api/v1."""
    api = Api(service, reader, hub, server_id=server_id, heartbeat=heartbeat)
    app = web.Application(middlewares=[json_errors], client_max_size=MAX_BODY)
    app.router.add_get("/api/v1/health", api.health)
    app.router.add_get("/api/v1/changes", api.changes)
    app.router.add_get("/api/v1/stream", api.stream)
    app.router.add_post("/api/v1/commands", api.commands)
    app.router.add_get("/api/v1/incidents", api.incidents)
    app.router.add_get("/api/v1/incidents/{id}", api.incident)
    app.router.add_get("/api/v1/units", api.units)

    async def close_streams(_app: web.Application) -> None:
        await hub.close_all()

    app.on_shutdown.append(close_streams)
    return app
