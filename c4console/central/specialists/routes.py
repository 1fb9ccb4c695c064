"""The specialist desk's read endpoint, filtered by need-to-know and audited:

- ``GET /api/v1/cases/{id}/interventions`` — her case's interventions, oldest first, each as
  the reader's role may hold it (``[interventions]`` of resources/cases/access.toml, through
  the feed gate: an operator sees that one happened only while her case has an open
  incident). Audited ``interventions.read`` with the case and the count returned.
"""

from __future__ import annotations

from aiohttp import web

from c4console.central import jsonbody
from c4console.central.api_auth import USER
from c4console.central.audit_reads import audit_read
from c4console.central.auth import AuthUser
from c4console.central.need_to_know import FeedGate
from c4console.central.queries import Reader
from c4console.central.specialists import reads

MAX_ID = 64


def _error(status: int, message: str, reason: str) -> web.Response:
    return web.json_response({"error": message, "reason": reason}, status=status)


class DeskRoutes:
    """Handlers bound to the reader and the feed gate."""

    def __init__(self, reader: Reader, gate: FeedGate) -> None:
        self.reader, self.gate = reader, gate

    async def interventions(self, request: web.Request) -> web.Response:
        """GET /cases/{id}/interventions."""
        user: AuthUser = request[USER]
        cid = request.match_info["id"]
        target = {"case_id": cid[:MAX_ID]}
        readers = self.gate.policy.readers("intervention")  # type: ignore[attr-defined]
        if user.role not in readers:
            audit_read(request, "interventions.read", "refused", target=target, reason="forbidden")
            return _error(403, f"role {user.role} may not read interventions "
                               f"(allowed: {', '.join(readers)})", "forbidden")
        usable = 0 < len(cid) <= MAX_ID and jsonbody.text_problem(cid) is None
        if not usable or not await self.reader.run(reads.case_exists, cid):
            audit_read(request, "interventions.read", "not_found", target=target)
            return _error(404, f"case {cid[:MAX_ID]!r} does not exist", "not_found")
        rows = await self.reader.run(reads.interventions, cid)
        shown = self.gate.records(user.role, "intervention", rows)
        audit_read(request, "interventions.read", "accepted", count=len(shown), target=target)
        return web.json_response({"case_id": cid, "interventions": shown})


def add_desk_routes(app: web.Application, reader: Reader, gate: FeedGate) -> None:
    """Serve the specialist desk's reads on the API application (logged in)."""
    routes = DeskRoutes(reader, gate)
    app.router.add_get("/api/v1/cases/{id}/interventions", routes.interventions)
