"""The call intake's HTTP routes (docs/protocol.md, "911 calls"; docs/telephony.md):

- ``POST /api/v1/calls`` — the screen pop, from the telephone system's service account
  (role ``telephony``): 201 with the new call record, 200 with the stored one for a call id
  already posted (idempotent), 400 ``{error, reason}`` naming the bad field, 401 without a
  valid token, 403 for any other role (a security event). The answer leaves out her
  history: the PBX has no need to know it.
- ``GET /api/v1/calls/{id}`` — one call as the reader's role receives it on the feed
  (need-to-know: ``[[records]]`` of resources/cases/access.toml); audited ``call.read``.
- ``GET /api/v1/referrals`` — the specialist desk's queue (newest first), for the roles the
  same table names; audited ``referrals.read``.
"""

from __future__ import annotations

import time
from typing import Any

from aiohttp import web

from c4console.central import jsonbody
from c4console.central.api_auth import USER, audit_request, workstation
from c4console.central.audit_reads import audit_read
from c4console.central.auth import AuthUser
from c4console.central.calls import reads
from c4console.central.calls.intake import record_screen_pop
from c4console.central.need_to_know import FeedGate
from c4console.central.queries import Reader
from c4console.central.service import Service
from c4console.core.access import may_read, read_roles
from c4console.core.calls.screen_pop import ScreenPopRefused, parse_screen_pop

MAX_ID = 64
MAX_SCREEN_POP = 16 << 10  # a screen pop is a few hundred bytes


def _error(status: int, message: str, reason: str) -> web.Response:
    return web.json_response({"error": message, "reason": reason}, status=status)


def _usable(text: str) -> bool:
    return 0 < len(text) <= MAX_ID and jsonbody.text_problem(text) is None


def _for_pbx(call: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in call.items() if k != "history"}


class CallRoutes:
    """Handlers bound to the service (writes), the reader and the feed gate (reads)."""

    def __init__(self, service: Service, reader: Reader, gate: FeedGate) -> None:
        self.service, self.reader, self.gate = service, reader, gate

    async def screen_pop(self, request: web.Request) -> web.Response:
        """POST /calls."""
        user: AuthUser = request[USER]
        if not may_read(user.role, "screen_pop"):
            message = (f"role {user.role} may not post screen pops (allowed: "
                       f"{read_roles('screen_pop')}: the telephone system's service account)")
            number = await self.service.write(lambda tx: tx.security_event(
                "screen_pop_refused", f"{user.name} ({user.role}) at "
                                      f"{workstation(request) or '?'}: {message}",
                request.remote or ""))
            audit_request(request, "call.screen_pop", "refused",
                          detail={"reason": "forbidden", "security_event": number})
            return _error(403, f"{message}; security event {number}", "forbidden")
        raw = await request.read()
        try:
            if len(raw) > MAX_SCREEN_POP:
                raise ScreenPopRefused("too_long", f"a screen pop is at most {MAX_SCREEN_POP} bytes")
            try:
                body = jsonbody.parse(raw)
            except jsonbody.BadBody as e:
                raise ScreenPopRefused("bad_body", str(e)) from None
            pop = parse_screen_pop(body, time.time())
        except ScreenPopRefused as e:
            audit_request(request, "call.screen_pop", "refused",
                          detail={"reason": e.reason, "error": str(e)[:300]})
            return _error(400, f"{e}; nothing was recorded", e.reason)
        call, created = await self.service.write(
            lambda tx: record_screen_pop(tx, self.service, pop))
        audit_request(request, "call.screen_pop", "accepted" if created else "duplicate",
                      target={"call_id": call.id},
                      detail={"located": call.location is not None,
                              "outside_jurisdiction": call.outside_jurisdiction})
        return web.json_response({"call": _for_pbx(call.to_wire()), "created": created},
                                 status=201 if created else 200)

    async def call(self, request: web.Request) -> web.Response:
        """GET /calls/{id}."""
        user: AuthUser = request[USER]
        cid = request.match_info["id"]
        target = {"call_id": cid[:MAX_ID]}
        if not may_read(user.role, "feed"):
            audit_read(request, "call.read", "refused", target=target, reason="forbidden")
            return _error(403, f"role {user.role} reads no calls", "forbidden")
        data = await self.reader.run(reads.call, cid) if _usable(cid) else None
        if data is None:
            audit_read(request, "call.read", "not_found", target=target)
            return _error(404, f"call {cid[:MAX_ID]!r} does not exist", "not_found")
        (shown, *_) = self.gate.records(user.role, "call", [data]) or [None]
        if shown is None:
            audit_read(request, "call.read", "refused", target=target, reason="need_to_know")
            return _error(403, f"role {user.role} may not read this call now (need-to-know: "
                               "while the call or its incident is open)", "need_to_know")
        audit_read(request, "call.read", "accepted", count=1, target=target,
                   incident_id=shown.get("incident_id"))
        return web.json_response(shown)

    async def referrals(self, request: web.Request) -> web.Response:
        """GET /referrals?status=waiting|all."""
        user: AuthUser = request[USER]
        readers = self.gate.policy.readers("referral")  # type: ignore[attr-defined]
        if user.role not in readers:
            audit_read(request, "referrals.read", "refused", reason="forbidden")
            return _error(403, f"role {user.role} may not read the specialist desk's queue "
                               f"(allowed: {', '.join(readers)})", "forbidden")
        status = request.query.get("status") or "waiting"
        if status not in ("waiting", "all"):
            audit_read(request, "referrals.read", "refused", reason="bad_query")
            return _error(400, "status must be waiting or all", "bad_query")
        rows = await self.reader.run(reads.referrals, None if status == "all" else status)
        shown = self.gate.records(user.role, "referral", rows)
        audit_read(request, "referrals.read", "accepted", count=len(shown))
        return web.json_response({"referrals": shown})


def add_call_routes(app: web.Application, service: Service, reader: Reader, gate: FeedGate) -> None:
    """Serve the call intake's routes on the API application (logged in)."""
    routes = CallRoutes(service, reader, gate)
    app.router.add_post("/api/v1/calls", routes.screen_pop)
    app.router.add_get("/api/v1/calls/{id}", routes.call)
    app.router.add_get("/api/v1/referrals", routes.referrals)
