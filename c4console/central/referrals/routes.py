"""Referrals to institutions over HTTP (logged in; issue 12):

- ``GET /api/v1/institutions`` — the catalogue (contact data, what each needs, overdue
  hours) for the console's "Canalizar" dialog; no personal data, any person at a console.
- ``GET /api/v1/institution-referrals?case_id=&overdue=true`` — her referrals (newest
  first; ``overdue=true``: only those still ``enviada`` longer than their institution
  allows, longest waiting first), for the roles ``[[records]]`` of
  resources/cases/access.toml names; audited ``institution_referrals.read``.
- ``GET /api/v1/institution-referrals/{id}/letter.pdf`` — the referral letter (only what
  the institution needs: core/referrals/letter.py), for the same roles; audited
  ``institution_referral.letter``.
"""

from __future__ import annotations

from aiohttp import web

from c4console.central.api_auth import USER
from c4console.central.audit_reads import audit_read
from c4console.central.auth import AuthUser
from c4console.central.need_to_know import FeedGate
from c4console.central.queries import Reader
from c4console.central.referrals import reads
from c4console.central.referrals.letter_pdf import letter_pdf
from c4console.central.service import Service
from c4console.core.access import may_read
from c4console.core.cases.records import Case
from c4console.core.referrals.letter import letter_content
from c4console.core.referrals.records import InstitutionReferral
from c4console.core.referrals.rules import overdue

ENTITY = "institution_referral"
MAX_ID = 128


def _error(status: int, message: str, reason: str) -> web.Response:
    return web.json_response({"error": message, "reason": reason}, status=status)


def _usable(text: str) -> bool:
    return 0 < len(text) <= MAX_ID and text.isprintable()


class ReferralRoutes:
    """Handlers bound to the service (catalogue, time zone), the reader and the gate."""

    def __init__(self, service: Service, reader: Reader, gate: FeedGate) -> None:
        self.service = service
        self.reader = reader
        self.gate = gate

    def _readers(self) -> list[str]:
        return self.gate.policy.readers(ENTITY)  # type: ignore[attr-defined]

    async def institutions(self, request: web.Request) -> web.Response:
        """GET /institutions."""
        user: AuthUser = request[USER]
        if not may_read(user.role, "feed"):
            return _error(403, f"role {user.role} reads no catalogue", "forbidden")
        return web.json_response({"institutions": [i.to_wire() for i in self.service.institutions]})

    async def referrals(self, request: web.Request) -> web.Response:
        """GET /institution-referrals?case_id=."""
        user: AuthUser = request[USER]
        if user.role not in self._readers():
            audit_read(request, "institution_referrals.read", "refused", reason="forbidden")
            return _error(403, f"role {user.role} may not read referrals to institutions "
                               f"(allowed: {', '.join(self._readers())})", "forbidden")
        case_id = request.query.get("case_id")
        if case_id is not None and not _usable(case_id):
            audit_read(request, "institution_referrals.read", "refused", reason="bad_query")
            return _error(400, "case_id must be a case id", "bad_query")
        late = request.query.get("overdue", "false")
        if late not in ("true", "false"):
            audit_read(request, "institution_referrals.read", "refused", reason="bad_query")
            return _error(400, "overdue must be true or false", "bad_query")
        rows = await self.reader.run(reads.referrals, case_id)
        if late == "true":
            rows = [r.to_wire() for r in overdue([InstitutionReferral.from_wire(d) for d in rows],
                                                 self.service.institutions, self.service.clock())]
        shown = self.gate.records(user.role, ENTITY, rows)
        audit_read(request, "institution_referrals.read", "accepted", count=len(shown))
        return web.json_response({"institution_referrals": shown})

    async def letter(self, request: web.Request) -> web.Response:
        """GET /institution-referrals/{id}/letter.pdf."""
        user: AuthUser = request[USER]
        rid = request.match_info["id"]
        target = {"referral_id": rid[:MAX_ID]}
        action = "institution_referral.letter"
        if user.role not in self._readers():
            audit_read(request, action, "refused", target=target, reason="forbidden")
            return _error(403, f"role {user.role} may not print referral letters "
                               f"(allowed: {', '.join(self._readers())})", "forbidden")
        data = await self.reader.run(reads.referral, rid) if _usable(rid) else None
        if data is None or not self.gate.records(user.role, ENTITY, [data]):
            audit_read(request, action, "not_found", target=target)
            return _error(404, f"referral {rid[:MAX_ID]!r} does not exist", "not_found")
        referral = InstitutionReferral.from_wire(data)
        institution = self.service.institutions.get(referral.institution_id)
        case_data = await self.reader.run(reads.case, referral.case_id)
        if institution is None or case_data is None:
            audit_read(request, action, "refused", target=target, reason="gone")
            return _error(409, f"referral {rid[:MAX_ID]!r} names an institution or case that no "
                               "longer exists: no letter can be printed", "gone")
        content = letter_content(referral, Case.from_wire(case_data), institution,
                                 self.service.institutions, tz=self.service.folio_tz)
        body = letter_pdf(content)
        audit_read(request, action, "accepted", count=1, target=target,
                   case_id=referral.case_id, institution_id=referral.institution_id,
                   shared=list(referral.shared))
        return web.Response(body=body, content_type="application/pdf", headers={
            "Content-Disposition": f'inline; filename="canalizacion-{referral.id[:40]}.pdf"'})


def add_referral_routes(app: web.Application, service: Service, reader: Reader,
                        gate: FeedGate) -> None:
    """Serve the referral routes on the API application (logged in)."""
    routes = ReferralRoutes(service, reader, gate)
    app.router.add_get("/api/v1/institutions", routes.institutions)
    app.router.add_get("/api/v1/institution-referrals", routes.referrals)
    app.router.add_get("/api/v1/institution-referrals/{id}/letter.pdf", routes.letter)
