"""The case area's read endpoints, each projected by need-to-know and audited:

- ``GET /api/v1/cases/{id}?purpose=P[&incident_id=I]`` — her case as the reader's role may
  see it for that purpose (resources/cases/access.toml): ``{id, groups, <fields>}``. The
  open-incident ground holds when ``incident_id`` names an open incident of this case.
  Audited ``case.read`` with the purpose and the incident it was read for.
- ``GET /api/v1/incidents/{id}/history`` — the incident's history record as the reader's
  role receives it on the feed. Audited ``history.read``.
"""

from __future__ import annotations

import time

from aiohttp import web

from c4console.central import jsonbody, share_reads
from c4console.central.agencies import agency_of
from c4console.central.api_auth import USER
from c4console.central.audit_reads import audit_read
from c4console.central.auth import AuthUser
from c4console.central.cases import reads
from c4console.central.cases.steps import c4_date
from c4console.central.need_to_know import FeedGate
from c4console.central.queries import Reader
from c4console.central.service import Service
from c4console.central.share_reads import AGENCY_READ
from c4console.core.access import may_read, read_roles
from c4console.core.agencies.feed import LIAISON
from c4console.core.cases.need_to_know import Grounds

MAX_ID = 64


def _error(status: int, message: str, reason: str) -> web.Response:
    return web.json_response({"error": message, "reason": reason}, status=status)


def _usable(text: str) -> bool:
    return 0 < len(text) <= MAX_ID and jsonbody.text_problem(text) is None


class CaseRoutes:
    """Handlers bound to the reader, the feed gate (open incidents) and the service
    (catalogues, time zone)."""

    def __init__(self, service: Service, reader: Reader, gate: FeedGate) -> None:
        self.service, self.reader, self.gate = service, reader, gate

    def _today(self):
        return c4_date(time.time(), self.service.folio_tz)

    async def case(self, request: web.Request) -> web.Response:
        """GET /cases/{id}?purpose=&incident_id=."""
        user: AuthUser = request[USER]
        cid = request.match_info["id"]
        purpose = request.query.get("purpose", "")
        iid = request.query.get("incident_id", "")
        target = {"case_id": cid[:MAX_ID], "incident_id": iid[:MAX_ID] or None}
        if user.role == LIAISON:
            return await self._liaison_case(request, user, cid)
        policy = self.service.case_catalogues.access
        purposes = policy.purposes_of(user.role)
        if purpose not in purposes:
            audit_read(request, "case.read", "refused", target=target, reason="bad_purpose")
            return _error(400, f"say why you read it: purpose must be one of "
                               f"{', '.join(purposes) or '(none for your role)'}", "bad_purpose")
        found = await self.reader.run(reads.case, cid) if _usable(cid) else None
        if found is None:
            audit_read(request, "case.read", "not_found", target=target, purpose=purpose)
            return _error(404, f"case {cid[:MAX_ID]!r} does not exist", "not_found")
        inc = await self.reader.run(reads.incident, iid) if _usable(iid) else None
        hers = inc is not None and (inc.id in found.incident_ids or (
            inc.beneficiary_id is not None and inc.beneficiary_id == found.beneficiary_id))
        grounds = Grounds(open_incident=bool(hers and inc is not None and inc.is_open))
        shown = self.service.case_catalogues.project(found, user.role, purpose, self._today(),
                                                     grounds)
        if shown is None:
            audit_read(request, "case.read", "refused", target=target, purpose=purpose,
                       reason="need_to_know")
            return _error(403, f"role {user.role} may not read this case for {purpose}"
                               + ("" if grounds.open_incident else
                                  " without an open incident of hers (give incident_id)"),
                          "need_to_know")
        audit_read(request, "case.read", "accepted", count=1, target=target, purpose=purpose,
                   groups=shown["groups"])
        return web.json_response(shown)

    async def _liaison_case(self, request: web.Request, user: AuthUser, cid: str) -> web.Response:
        """A liaison reads her case only while it is shared with her agency (issue 15): the
        share's level decides the fields. Every read is audited for the C4 (agency-reads); an
        unshared or unknown case is refused alike (no hint that it exists), audited, and a
        security event."""
        agency = await self.reader.run(agency_of, user.name)
        target = {"case_id": cid[:MAX_ID]}
        found = await self.reader.run(reads.case, cid) if _usable(cid) else None
        shown = self.gate.shared_case(agency, found.to_wire()) if found is not None else None
        if shown is None:
            audit_read(request, AGENCY_READ, "refused", target=target, agency=agency,
                       reason="not_shared")
            number = await self.service.write(lambda tx: tx.security_event(
                "liaison_unshared_case", f"{user.name} (enlace, agency {agency}) asked for case "
                                         f"{cid[:MAX_ID]!r}, which is not shared with the agency",
                request.remote or ""))
            return _error(403, f"case {cid[:MAX_ID]!r} is not shared with your agency "
                               f"(security event {number})", "not_shared")
        audit_read(request, AGENCY_READ, "accepted", count=1, target=target, agency=agency,
                   level=shown.get("share_level", ""), fields=shown.get("shown", []))
        return web.json_response(shown)

    async def agency_reads(self, request: web.Request) -> web.Response:
        """GET /cases/{id}/agency-reads: her case's shares and who at another agency read
        it, when and what (supervisors and the specialist desk)."""
        user: AuthUser = request[USER]
        cid = request.match_info["id"]
        target = {"case_id": cid[:MAX_ID]}
        if not may_read(user.role, "agency_reads"):
            audit_read(request, "agency_reads.read", "refused", target=target, reason="forbidden")
            return _error(403, f"role {user.role} may not read who read a case (allowed: "
                               f"{read_roles('agency_reads')})", "forbidden")
        if not _usable(cid) or await self.reader.run(reads.case, cid) is None:
            return _error(404, f"case {cid[:MAX_ID]!r} does not exist", "not_found")
        shares = await self.reader.run(share_reads.shares_of_case, cid)
        found = await self.reader.run(share_reads.agency_reads, cid)
        audit_read(request, "agency_reads.read", "accepted", count=len(found), target=target)
        return web.json_response({"case_id": cid, "shares": shares, "reads": found})

    async def history(self, request: web.Request) -> web.Response:
        """GET /incidents/{id}/history."""
        user: AuthUser = request[USER]
        iid = request.match_info["id"]
        target = {"incident_id": iid[:MAX_ID]}
        data = (await self.reader.run(reads.history, iid, self._today(), time.time())
                if _usable(iid) else None)
        if data is None:
            audit_read(request, "history.read", "not_found", target=target)
            return _error(404, f"incident {iid[:MAX_ID]!r} does not exist", "not_found")
        (shown, *_) = self.gate.records(user.role, "history", [data]) or [None]
        if shown is None:
            audit_read(request, "history.read", "refused", target=target, reason="need_to_know")
            return _error(403, f"role {user.role} may not read this history now (need-to-know: "
                               "an operator reads it while the incident is open)", "need_to_know")
        audit_read(request, "history.read", "accepted", count=1, target=target,
                   case_id=shown.get("case_id"))
        return web.json_response(shown)


def add_case_routes(app: web.Application, service: Service, reader: Reader, gate: FeedGate) -> None:
    """Serve the case area's reads on the API application (logged in)."""
    routes = CaseRoutes(service, reader, gate)
    app.router.add_get("/api/v1/cases/{id}", routes.case)
    app.router.add_get("/api/v1/cases/{id}/agency-reads", routes.agency_reads)
    app.router.add_get("/api/v1/incidents/{id}/history", routes.history)
