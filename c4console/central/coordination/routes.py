"""Coordination meetings over HTTP (logged in; issue 15):

- ``GET /api/v1/meetings/{id}/agenda`` — the agenda prepared for the meeting
  (core/coordination/agenda.py): the high-risk cases shared with its agencies, their new
  incidents since the previous meeting, the overdue tasks, the orders expiring;
- ``GET /api/v1/meetings/{id}/minutes.pdf`` — its minutes (BORRADOR until the chair signs).

Both for the C4's roles of ``READ_ROLES["meetings"]`` (supervisors, the specialist desk,
admins), audited ``meeting.agenda`` / ``meeting.minutes``. A liaison is refused before
this (central/liaison_guard.py): her agency's part of a meeting reaches her on the feed.
"""

from __future__ import annotations

from datetime import datetime

from aiohttp import web

from c4console.central.api_auth import USER
from c4console.central.audit_reads import audit_read
from c4console.central.auth import AuthUser
from c4console.central.cases.steps import c4_date
from c4console.central.coordination.minutes_pdf import minutes_pdf
from c4console.central.coordination.reads import agenda_inputs, minutes_inputs
from c4console.central.queries import Reader
from c4console.central.service import Service
from c4console.core.access import may_read, read_roles
from c4console.core.coordination.agenda import AgendaSettings, prepare_agenda
from c4console.core.coordination.minutes import minutes_content

MAX_ID = 64


def _error(status: int, message: str, reason: str) -> web.Response:
    return web.json_response({"error": message, "reason": reason}, status=status)


def _usable(text: str) -> bool:
    return 0 < len(text) <= MAX_ID and text.isprintable()


class MeetingRoutes:
    """Handlers bound to the service (time zone, clock), the reader and the agenda settings."""

    def __init__(self, service: Service, reader: Reader, settings: AgendaSettings) -> None:
        self.service = service
        self.reader = reader
        self.settings = settings

    def _local_time(self, at: float) -> str:
        return datetime.fromtimestamp(at, self.service.folio_tz).strftime("%Y-%m-%d %H:%M")

    def _refused(self, request: web.Request, action: str) -> web.Response | None:
        user: AuthUser = request[USER]
        if may_read(user.role, "meetings"):
            return None
        audit_read(request, action, "refused", target={"meeting_id": request.match_info["id"][:MAX_ID]},
                   reason="forbidden")
        return _error(403, f"role {user.role} may not read meetings (allowed: "
                           f"{read_roles('meetings')})", "forbidden")

    async def agenda(self, request: web.Request) -> web.Response:
        """GET /meetings/{id}/agenda."""
        refused = self._refused(request, "meeting.agenda")
        if refused is not None:
            return refused
        mid = request.match_info["id"]
        target = {"meeting_id": mid[:MAX_ID]}
        today = c4_date(self.service.clock(), self.service.folio_tz)
        found = await self.reader.run(agenda_inputs, mid, today) if _usable(mid) else None
        if found is None:
            audit_read(request, "meeting.agenda", "not_found", target=target)
            return _error(404, f"meeting {mid[:MAX_ID]!r} does not exist", "not_found")
        agenda = prepare_agenda(found.meeting, cases=found.cases,
                                shared_with=lambda cid: found.shared_with.get(cid, ()),
                                incidents=found.incidents, tasks=found.tasks,
                                meetings=found.meetings, settings=self.settings, today=today,
                                local_time=self._local_time)
        audit_read(request, "meeting.agenda", "accepted", count=len(agenda["cases"]),
                   target=target)
        return web.json_response(agenda)

    async def minutes(self, request: web.Request) -> web.Response:
        """GET /meetings/{id}/minutes.pdf."""
        refused = self._refused(request, "meeting.minutes")
        if refused is not None:
            return refused
        mid = request.match_info["id"]
        target = {"meeting_id": mid[:MAX_ID]}
        found = await self.reader.run(minutes_inputs, mid) if _usable(mid) else None
        if found is None:
            audit_read(request, "meeting.minutes", "not_found", target=target)
            return _error(404, f"meeting {mid[:MAX_ID]!r} does not exist", "not_found")
        meeting, tasks, names = found
        body = minutes_pdf(minutes_content(meeting, tasks, names, self._local_time))
        audit_read(request, "meeting.minutes", "accepted", count=1, target=target,
                   signed=meeting.signed)
        return web.Response(body=body, content_type="application/pdf", headers={
            "Content-Disposition": f'inline; filename="minuta-{meeting.id[:40]}.pdf"'})


def add_meeting_routes(app: web.Application, service: Service, reader: Reader,
                       settings: AgendaSettings) -> None:
    """Serve the meeting routes on the API application (logged in)."""
    routes = MeetingRoutes(service, reader, settings)
    app.router.add_get("/api/v1/meetings/{id}/agenda", routes.agenda)
    app.router.add_get("/api/v1/meetings/{id}/minutes.pdf", routes.minutes)
