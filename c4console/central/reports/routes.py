"""``GET /api/v1/reports/period?from=YYYY-MM-DD&to=YYYY-MM-DD&format=json|csv|xlsx|pdf``:
the period report (issue 14) for supervisors and admins (core/access.py READ_ROLES
``period_report``), audited ``reports.period.read``. ``from``/``to`` are C4 calendar days,
both included; without them, the last whole month. Bad input: 400 with ``reason``
``bad_period`` (not a date, end before start, over 5 years) or ``bad_format``."""

from __future__ import annotations

from datetime import datetime

from aiohttp import web

from c4console.central.api_auth import USER
from c4console.central.audit_reads import audit_read
from c4console.central.queries import Reader
from c4console.central.reports.reads import build_report
from c4console.central.reports.render import EXTENSIONS, MEDIA_TYPES, render
from c4console.central.service import Service
from c4console.core.access import may_read, read_roles
from c4console.core.statistics.period import ReportRefused, check_format, previous_month, report_period

ACTION = "reports.period.read"


class ReportRoutes:
    """The handler, bound to the service (time zone, catalogue) and the reader."""

    def __init__(self, service: Service, reader: Reader) -> None:
        self.service = service
        self.reader = reader

    async def period(self, request: web.Request) -> web.Response:
        """GET /reports/period."""
        role = request[USER].role
        if not may_read(role, "period_report"):
            audit_read(request, ACTION, "refused", reason="forbidden")
            return web.json_response({"error": f"role {role} may not read the period report "
                                               f"(allowed: {read_roles('period_report')})",
                                      "reason": "forbidden"}, status=403)
        tz = str(self.service.folio_tz)
        q = request.query
        try:
            fmt = check_format(q.get("format", "json"))
            if q.get("from") or q.get("to"):
                period = report_period(q.get("from", ""), q.get("to", ""), tz)
            else:
                period = previous_month(datetime.now(self.service.folio_tz).date(), tz)
        except ReportRefused as e:
            audit_read(request, ACTION, "refused", reason=e.reason)
            return web.json_response({"error": str(e), "reason": e.reason}, status=400)
        report = await self.reader.run(build_report, period, self.service.catalogue)
        body = await self.reader.run(lambda _engine: render(report, fmt))
        audit_read(request, ACTION, "accepted", count=len(report.tables), format=fmt,
                   period={"from": period.first.isoformat(), "to": period.last.isoformat()})
        name = f"informe_{period.first.isoformat()}_{period.last.isoformat()}.{EXTENSIONS[fmt]}"
        return web.Response(body=body, content_type=MEDIA_TYPES[fmt],
                            headers={"Content-Disposition": f'attachment; filename="{name}"'})


def add_report_routes(app: web.Application, service: Service, reader: Reader) -> None:
    """Add the period report's endpoint to the API app."""
    app.router.add_get("/api/v1/reports/period", ReportRoutes(service, reader).period)
