"""The console-facing HTTP + WebSocket API (docs/protocol.md), base path /api/v1.

Every endpoint but /health, /auth/login and /openapi.json needs a bearer token
(:mod:`c4console.central.api_auth`); handlers find the caller in ``request[USER]``.
"""

from __future__ import annotations

import asyncio
import itertools
import json
import logging
from collections import Counter
from collections.abc import Sequence
from typing import Any

from aiohttp import WSCloseCode, WSMsgType, web

from c4console.central import accounts, api_mfa, audit, jsonbody, queries
from c4console.central.agencies import agency_of
from c4console.central.api_auth import (
    AUDIT,
    USER,
    AuthApi,
    audit_request,
    auth_middleware,
    presented_token,
    workstation,
)
from c4console.central.audit_reads import audit_read
from c4console.central.auth import Authenticator, AuthUser
from c4console.central.client_address import Network, proxy_middleware
from c4console.central.hub import Hub, close_ws
from c4console.central.liaison_guard import liaison_guard
from c4console.central.openapi import document
from c4console.central.queries import MAX_LIMIT, Reader
from c4console.central.service import BadBatch, BatchInterrupted, Service, parse_batch
from c4console.central.share_reads import AGENCY_READ
from c4console.core.access import may_read, read_roles, sorted_read_roles
from c4console.core.agencies.feed import LIAISON
from c4console.core.command_result import REJECTED
from c4console.core.enums import IncidentStatus

log = logging.getLogger(__name__)

DEFAULT_LIMIT = 1000
HEARTBEAT_S = 20.0
MAX_BODY = 16 << 20  # a full batch of long notes fits
MAX_CLIENT_FRAME = 64 << 10
CLIENT_MESSAGES = frozenset({"ping"})  # accepted and ignored; the stream needs nothing from clients
MAX_SEQ = 2**63 - 1  # a BIGINT: larger values would fail in PostgreSQL instead of meaning "none"
MAX_ID = 64
AUDIT_FORMATS = ("json", "csv")
MAX_AUDITED_TEXT = 500  # longer command fields are cut in the audit entry's detail


# aiohttp closes a connection whose frames break the protocol itself (bad UTF-8, too big,
# bad framing) before the handler sees the error, with a code but no reason.
_PROTOCOL_REASONS = {
    WSCloseCode.PROTOCOL_ERROR: "malformed WebSocket frame (protocol error)",
    WSCloseCode.INVALID_TEXT: "text frame is not valid UTF-8",
    WSCloseCode.MESSAGE_TOO_BIG: f"frame too big: the stream accepts frames of at most "
                                 f"{MAX_CLIENT_FRAME} bytes",
}


class StreamSocket(web.WebSocketResponse):
    """The stream's WebSocket: every close it sends carries a reason."""

    async def close(self, *, code: int = WSCloseCode.OK, message: bytes = b"",
                    drain: bool = True) -> bool:
        """Close with ``code``; a protocol-error close without a message gets its reason."""
        if not message and code in _PROTOCOL_REASONS:
            message = _PROTOCOL_REASONS[WSCloseCode(code)].encode("utf-8")
        return await super().close(code=code, message=message, drain=drain)


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
    if value < 0 or value > MAX_SEQ:
        raise web.HTTPBadRequest(text=json.dumps(
            {"error": f"query parameter {name!r} must be an integer from 0 to {MAX_SEQ}, not {raw!r}"}),
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
                 heartbeat: float = HEARTBEAT_S, audit_log: audit.AuditLog | None = None,
                 authenticator: Authenticator | None = None) -> None:
        self.service = service
        self.authenticator = authenticator
        self.audit = audit_log
        self.reader = reader
        self.hub = hub
        self.server_id = server_id
        self.heartbeat = heartbeat
        self._stream_ids = itertools.count(1)

    async def _agency(self, user: AuthUser) -> str:
        """A liaison's agency (what her feed holds, issue 15); "" for the C4's own roles."""
        return await self.reader.run(agency_of, user.name) if user.role == LIAISON else ""

    def _audit_liaison_feed(self, request: web.Request, user: AuthUser, agency: str,
                            shown: list[Any]) -> None:
        """Every case a liaison's feed carried: one ``case.agency_read`` entry (via feed) each,
        so the C4 sees on the case who at which agency received what, when (agency-reads)."""
        if self.audit is None:
            return
        for ch in shown:
            if ch.entity == "case" and ch.op == "upsert":
                self.audit.record(user.name, user.role, AGENCY_READ, "accepted",
                                  workstation=workstation(request), source=request.remote or "",
                                  target={"case_id": ch.id},
                                  detail={"agency": agency, "via": "feed", "seq": ch.seq,
                                          "level": ch.data.get("share_level", ""),
                                          "fields": ch.data.get("shown", [])})

    async def health(self, request: web.Request) -> web.Response:
        """GET /health."""
        return web.json_response({"status": "ok", "server_id": self.server_id,
                                  "head": await self.reader.head()})

    async def changes(self, request: web.Request) -> web.Response:
        """GET /changes?since=N&limit=L."""
        if not may_read(request[USER].role, "feed"):
            return _error(403, f"role {request[USER].role} reads no feed (a service account)")
        since = _int_param(request, "since", 0)
        limit = max(1, min(_int_param(request, "limit", DEFAULT_LIMIT), MAX_LIMIT))
        page, head = await self.reader.changes_since(since, limit)
        agency = await self._agency(request[USER])
        shown = self.hub.gate.view(request[USER].role, page, agency)
        if agency:
            self._audit_liaison_feed(request, request[USER], agency, shown)
        return web.json_response({"changes": [c.to_wire() for c in shown],
                                  "last_seq": page[-1].seq if page else since, "head": head})

    async def commands(self, request: web.Request) -> web.Response:
        """POST /commands: a batch; one result per command, same order."""
        try:
            body = jsonbody.parse(await request.read())
            commands, claimed, workstation = parse_batch(body)
        except (jsonbody.BadBody, BadBatch) as e:
            audit_request(request, "commands", "refused", detail={"error": str(e)[:MAX_AUDITED_TEXT]})
            return _error(400, f"{e}; no command was applied")
        user: AuthUser = request[USER]
        actor = user.name
        if claimed and claimed.lower() != actor:
            # The actor is who logged in; a console configured with another name
            # must not be able to sign actions as someone else.
            log.info("commands from %s claim actor %r: recorded as %s", actor, claimed, actor)
        try:
            results = await self.service.submit(commands, actor=actor, role=user.role,
                                                workstation=workstation, source=request.remote or "")
        except BatchInterrupted as e:
            done = [r.to_wire() for r in e.results]
            self._audit_commands(request, user, workstation_name(request, workstation), commands,
                                 done, failure=str(e))
            return web.json_response({"error": str(e), "results": done}, status=500)
        answers = [r.to_wire() for r in results]
        self._audit_commands(request, user, workstation_name(request, workstation), commands, answers)
        tally = Counter(r.outcome for r in results)
        log.info("commands from %s (%s) at %s: %s", actor, user.role, workstation or "?",
                 ", ".join(f"{n} {o}" for o, n in sorted(tally.items())) or "none")
        for r in results:
            if r.outcome == REJECTED:
                log.info("command %s rejected: %s (%s)", r.key, r.reason, r.message)
        return web.json_response({"results": answers})

    def _audit_commands(self, request: web.Request, user: AuthUser, station: str,
                        commands: list[dict[str, Any]], results: list[dict[str, Any]],
                        failure: str | None = None) -> None:
        """One audit entry per command of the batch, after its result is known (queued)."""
        if self.audit is None:
            return
        source = request.remote or ""
        now = self.audit.clock()
        entries = []
        for n, cmd in enumerate(commands):
            result = results[n] if n < len(results) else None
            if result is None and failure is None:
                break
            kind = cmd.get("type")
            kind = kind[:40] if isinstance(kind, str) and kind else "?"
            detail: dict[str, Any] = {"key": cmd.get("key"), "type": kind,
                                      "command": _audited_fields(cmd)}
            if result is None:
                outcome = "failed"
                detail["error"] = failure[:MAX_AUDITED_TEXT] if failure else ""
            else:
                outcome = str(result.get("outcome", "?"))
                for name in ("seq", "reason", "message"):
                    if name in result:
                        detail[name] = result[name]
                if outcome == "duplicate":
                    original = result.get("original") or {}
                    detail["original_outcome"] = original.get("outcome")
            target = {name: cmd.get(name) for name in ("incident_id", "unit_id")
                      if isinstance(cmd.get(name), str)}
            target["key"] = cmd.get("key")
            entries.append(audit.Entry(actor=user.name, role=user.role, action=f"command.{kind}",
                                       outcome=outcome, workstation=station, source=source,
                                       target=target, detail=detail, at=now))
            if result is None:
                break  # the commands after the failed one were not tried
        self.audit.record_entries(entries)

    async def audit_log(self, request: web.Request) -> web.StreamResponse:
        """GET /audit?actor=&incident=&action=&since=&until=&before=&limit=&format=json|csv."""
        user: AuthUser = request[USER]
        asked = {k: v[:200] for k, v in request.query.items()}
        if not may_read(user.role, "audit"):
            allowed = sorted_read_roles("audit")
            message = f"role {user.role} may not read the audit log (allowed: {allowed})"
            number = await self.service.write(lambda tx: tx.security_event(
                "audit_refused", f"{user.name} ({user.role}) at {workstation(request) or '?'}: "
                                 f"{message}", request.remote or ""))
            audit_request(request, "audit.read", "refused",
                          detail={"reason": "forbidden", "query": asked, "security_event": number})
            return _error(403, f"{message}; security event {number}")
        try:
            wanted = _audit_filter(request)
        except ValueError as e:
            audit_read(request, "audit.read", "refused", reason="bad_query", error=str(e)[:200])
            return _error(400, str(e))
        fmt = request.query.get("format") or "json"
        if fmt not in AUDIT_FORMATS:
            audit_read(request, "audit.read", "refused", reason="bad_query", error="format")
            return _error(400, f"format {fmt[:40]!r} is not one of: {', '.join(AUDIT_FORMATS)}")
        if self.audit is not None:
            await self.audit.flush()  # the caller sees every action recorded before the request
        rows = await self.reader.run(audit.entries, wanted)
        audit_request(request, "audit.read", "accepted",
                      target={"incident_id": wanted.incident} if wanted.incident else None,
                      detail={"query": asked, "count": len(rows), "format": fmt})
        if fmt == "csv":
            return web.Response(body=audit.to_csv(rows).encode("utf-8"),
                                content_type="text/csv", charset="utf-8",
                                headers={"Content-Disposition": 'attachment; filename="audit.csv"'})
        return web.json_response({"entries": rows, "count": len(rows),
                                  "next_before": rows[-1]["seq"] if rows else None})

    async def incidents(self, request: web.Request) -> web.Response:
        """GET /incidents?status=open|<status>|all."""
        status = request.query.get("status") or None
        allowed = {"open", *(s.value for s in IncidentStatus)}
        if status == "all":
            status = None
        elif status is not None and status not in allowed:
            audit_read(request, "incidents.read", "refused", reason="bad_query")
            return _error(400, f"status {status!r} is not one of: all, {', '.join(sorted(allowed))}")
        # A closed proximity incident keeps his positions for the zones' readers only.
        found = self.hub.gate.records(request[USER].role, "incident",
                                      await self.reader.run(queries.incidents, status))
        audit_read(request, "incidents.read", "accepted", count=len(found))
        return web.json_response({"incidents": found})

    async def incident(self, request: web.Request) -> web.Response:
        """GET /incidents/{id}."""
        iid = request.match_info["id"]
        # An id we could never have stored is simply not there (and must not reach SQL).
        usable = len(iid) <= MAX_ID and jsonbody.text_problem(iid) is None
        data = await self.reader.run(queries.incident, iid) if usable else None
        audit_read(request, "incident.read", "accepted" if data is not None else "not_found",
                   count=int(data is not None), target={"incident_id": iid[:MAX_ID]})
        if data is None:
            return _error(404, f"incident {iid[:MAX_ID]!r} does not exist")
        (shown,) = self.hub.gate.records(request[USER].role, "incident", [data])
        return web.json_response(shown)

    async def units(self, request: web.Request) -> web.Response:
        """GET /units."""
        return web.json_response({"units": await self.reader.run(queries.units)})

    async def devices(self, request: web.Request) -> web.Response:
        """GET /devices: panic devices and unit trackers."""
        found = self.hub.gate.records(request[USER].role, "device",
                                      await self.reader.run(queries.devices))
        audit_read(request, "devices.read", "accepted", count=len(found))  # her last positions
        return web.json_response({"devices": found})

    async def security_events(self, request: web.Request) -> web.Response:
        """GET /security-events?since=N&limit=L (supervisors and admins)."""
        user: AuthUser = request[USER]
        if not may_read(user.role, "security_events"):
            audit_read(request, "security_events.read", "refused", reason="forbidden")
            return _error(403, f"role {user.role} may not read security events "
                               f"(allowed: {read_roles('security_events')})")
        since = _int_param(request, "since", 0)
        limit = max(1, min(_int_param(request, "limit", DEFAULT_LIMIT), MAX_LIMIT))
        events = await self.reader.run(queries.security_events, since, limit)
        audit_read(request, "security_events.read", "accepted", count=len(events))
        return web.json_response({"events": events,
                                  "last_id": events[-1]["id"] if events else since})

    async def users(self, request: web.Request) -> web.Response:
        """GET /users: names and roles of the accounts, for the shift roster (leads,
        supervisors, admins); audited, and a refusal is also a security event."""
        user: AuthUser = request[USER]
        if not may_read(user.role, "users"):
            message = f"role {user.role} may not read the accounts (allowed: {read_roles('users')})"
            number = await self.service.write(lambda tx: tx.security_event(
                "read_refused", f"{user.name} ({user.role}) at {workstation(request) or '?'}: "
                                f"{message}", request.remote or ""))
            audit_request(request, "users.read", "refused",
                          detail={"reason": "forbidden", "security_event": number})
            return _error(403, f"{message}; security event {number}")
        rows = await self.reader.run(accounts.list_users)
        audit_read(request, "users.read", "accepted", count=len(rows))
        return web.json_response({"users": [{"name": r.name, "role": r.role} for r in rows]})

    async def stream(self, request: web.Request) -> web.StreamResponse:
        """GET /stream?since=N (WebSocket): hello, backlog, then live pushes."""
        since = _int_param(request, "since", 0)
        if not may_read(request[USER].role, "feed"):
            return _error(403, f"role {request[USER].role} reads no feed (a service account)")
        ws = StreamSocket(heartbeat=self.heartbeat, max_msg_size=MAX_CLIENT_FRAME)
        await ws.prepare(request)
        user: AuthUser = request[USER]
        name = f"#{next(self._stream_ids)} {user.name}@{request.remote}"
        agency = await self._agency(user)
        client = self.hub.register(ws, since, name, user.role, request.transport, agency)
        if agency:
            client.on_shown = lambda shown: self._audit_liaison_feed(request, user, agency, shown)
        log.info("stream %s opened since=%d", name, since)
        # The stream ends with the token (logout, expiry, revocation, a disabled or locked
        # account, a new role): the client logs in again and resumes from its cursor.
        forget = (self.authenticator.sockets.watch(
            presented_token(request) or "", user.name, user.role, user.expires_at,
            lambda reason: self.hub.kick(client, WSCloseCode.POLICY_VIOLATION,
                                         f"{reason} (resume from your cursor)"))
            if self.authenticator is not None else None)
        try:
            await self.hub.start(client)
            async for msg in ws:
                if msg.type is WSMsgType.ERROR:
                    # A frame aiohttp refused (protocol error): it has closed the connection.
                    log.warning("stream %s: closed (%s): %s", name, ws.close_code, msg.data)
                    client.closing = True
                    break
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
            if forget is not None:
                forget()
            self.hub.drop(client)
            log.info("stream %s closed (code %s) at seq %d", name, ws.close_code, client.cursor)
        return ws


def workstation_name(request: web.Request, claimed: str) -> str:
    """The workstation of a command batch: the batch's own field, else the request header."""
    return claimed or workstation(request)


def _audited_fields(cmd: dict[str, Any]) -> dict[str, Any]:
    """A command's fields for its audit entry (long texts cut)."""
    out: dict[str, Any] = {}
    for name, value in cmd.items():
        if name in ("key", "type"):
            continue
        if isinstance(value, str) and len(value) > MAX_AUDITED_TEXT:
            value = value[:MAX_AUDITED_TEXT] + "…"
        elif isinstance(value, dict | list) and len(json.dumps(value, default=str)) > MAX_AUDITED_TEXT:
            value = f"({type(value).__name__} of {len(value)} items, not recorded)"
        out[str(name)[:40]] = value
    return out


def _audit_filter(request: web.Request) -> audit.Filter:
    """The filter of GET /audit; ValueError naming a bad parameter."""
    q = request.query
    times: dict[str, float | None] = {}
    for name in ("since", "until"):
        raw = q.get(name) or ""
        try:
            times[name] = audit.parse_time(raw) if raw.strip() else None
        except ValueError as e:
            raise ValueError(f"query parameter {name!r}: {e}") from None
    limit = max(1, min(_int_param(request, "limit", audit.DEFAULT_LIMIT), audit.MAX_LIMIT))
    before = _int_param(request, "before", 0) or None
    texts = {}
    for name in ("actor", "incident", "action"):
        value = q.get(name) or ""
        if len(value) > 120 or jsonbody.text_problem(value) is not None:
            raise ValueError(f"query parameter {name!r} must be a text of at most 120 characters")
        texts[name] = value.strip()
    return audit.Filter(actor=texts["actor"], incident=texts["incident"], action=texts["action"],
                        since=times["since"], until=times["until"], before=before, limit=limit)


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
    except RecursionError:
        return WSCloseCode.UNSUPPORTED_DATA, "frame is not valid JSON: nested too deeply"
    kind = data.get("type") if isinstance(data, dict) else None
    if kind not in CLIENT_MESSAGES:
        return WSCloseCode.POLICY_VIOLATION, f"unknown message type {kind!r}; the stream accepts only 'ping'"
    return None


def build_api_app(service: Service, reader: Reader, hub: Hub, authenticator: Authenticator, *,
                  server_id: str, heartbeat: float = HEARTBEAT_S,
                  trusted_proxies: Sequence[Network] = ()) -> web.Application:
    """The aiohttp application serving docs/protocol.md under /api/v1; behind
    ``trusted_proxies`` the client's address comes from X-Forwarded-For
    (c4console/central/client_address.py)."""
    audit_log = audit.AuditLog(service.engine)
    api = Api(service, reader, hub, server_id=server_id, heartbeat=heartbeat, audit_log=audit_log,
              authenticator=authenticator)
    auth = AuthApi(authenticator)
    spec = document()
    # The client's address first: the login guard, audit and security events read it.
    proxies = [proxy_middleware(trusted_proxies)] if trusted_proxies else []
    app = web.Application(middlewares=[*proxies, json_errors, auth_middleware(authenticator),
                                       liaison_guard], client_max_size=MAX_BODY)
    app[AUDIT] = audit_log

    async def openapi(_request: web.Request) -> web.Response:
        return web.json_response(spec)

    app.router.add_get("/api/v1/openapi.json", openapi)
    app.router.add_post("/api/v1/auth/login", auth.login)
    app.router.add_post("/api/v1/auth/logout", auth.logout)
    app.router.add_post("/api/v1/auth/refresh", auth.refresh)
    api_mfa.add_routes(app, service, authenticator)
    app.router.add_get("/api/v1/health", api.health)
    app.router.add_get("/api/v1/changes", api.changes)
    app.router.add_get("/api/v1/stream", api.stream)
    app.router.add_post("/api/v1/commands", api.commands)
    app.router.add_get("/api/v1/incidents", api.incidents)
    app.router.add_get("/api/v1/incidents/{id}", api.incident)
    app.router.add_get("/api/v1/units", api.units)
    app.router.add_get("/api/v1/devices", api.devices)
    app.router.add_get("/api/v1/security-events", api.security_events)
    app.router.add_get("/api/v1/users", api.users)
    app.router.add_get("/api/v1/audit", api.audit_log)

    async def close_streams(_app: web.Application) -> None:
        await hub.close_all()

    async def close_audit(_app: web.Application) -> None:
        # After the handlers finished: every entry they recorded is committed.
        await asyncio.get_running_loop().run_in_executor(None, audit_log.close)

    app.on_shutdown.append(close_streams)
    app.on_cleanup.append(close_audit)
    return app
