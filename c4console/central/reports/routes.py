"""``GET /api/v1/reports/period?from=YYYY-MM-DD&to=YYYY-MM-DD&format=json|csv|xlsx|pdf``:
the period report (issue 14) for supervisors and admins (core/access.py READ_ROLES
``period_report``), audited ``reports.period.read``. ``from``/``to`` are C4 calendar days,
both included; without them, the last whole month. Bad input: 400 with ``reason``
``bad_period`` (not a date, end before start, over 5 years) or ``bad_format``."""

from __future__ import annotations

from aiohttp import web

from c4console.central.audit_reads import audit_read
from c4console.central.queries import Reader
from c4console.central.reports.reads import build_report
from c4console.central.reports.render import EXTENSIONS, MEDIA_TYPES, render
from c4console.central.reports.report_access import asked_period, forbidden, refused
from c4console.central.service import Service
from c4console.core.statistics.period import ReportRefused, check_format, report_period

ACTION = "reports.period.read"


class ReportRoutes:
    """The handler, bound to the service (time zone, catalogue) and the reader."""

    def __init__(self, service: Service, reader: Reader) -> None:
        self.service = service
        self.reader = reader

    async def period(self, request: web.Request) -> web.Response:
        """GET /reports/period."""
        if (no := forbidden(request, ACTION, "period_report", "the period report")) is not None:
            return no
        try:
            fmt = check_format(request.query.get("format", "json"))
            period = asked_period(request.query, self.service.folio_tz, report_period)
        except ReportRefused as e:
            return refused(request, ACTION, e)
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
