"""``GET /api/v1/reports/open-data?from=YYYY-MM&to=YYYY-MM&format=csv|json``: the open-data
export (issue 14; core/statistics/open_data.py) for supervisors and admins (core/access.py
READ_ROLES ``open_data``), audited ``reports.open_data.read``. ``from``/``to`` are months
(a day is widened to its month); without them, the last whole month. Bad input: 400 with
``reason`` ``bad_period`` or ``bad_format``."""

from __future__ import annotations

from datetime import datetime

from aiohttp import web

from c4console.central.api_auth import USER
from c4console.central.audit_reads import audit_read
from c4console.central.queries import Reader
from c4console.central.reports.open_data_reads import build_open_data
from c4console.central.reports.open_data_render import (
    MEDIA_TYPES,
    check_open_data_format,
    render_open_data,
)
from c4console.central.service import Service
from c4console.core.access import may_read, read_roles
from c4console.core.statistics.open_data import open_data_period
from c4console.core.statistics.period import ReportRefused, previous_month

ACTION = "reports.open_data.read"


class OpenDataRoutes:
    """The handler, bound to the service (time zone, jurisdiction) and the reader."""

    def __init__(self, service: Service, reader: Reader) -> None:
        self.service = service
        self.reader = reader

    async def open_data(self, request: web.Request) -> web.Response:
        """GET /reports/open-data."""
        role = request[USER].role
        if not may_read(role, "open_data"):
            audit_read(request, ACTION, "refused", reason="forbidden")
            return web.json_response({"error": f"role {role} may not read the open-data export "
                                               f"(allowed: {read_roles('open_data')})",
                                      "reason": "forbidden"}, status=403)
        tz = str(self.service.folio_tz)
        q = request.query
        try:
            fmt = check_open_data_format(q.get("format", "csv"))
            if q.get("from") or q.get("to"):
                period = open_data_period(q.get("from", ""), q.get("to", ""), tz)
            else:
                period = previous_month(datetime.now(self.service.folio_tz).date(), tz)
        except ReportRefused as e:
            audit_read(request, ACTION, "refused", reason=e.reason)
            return web.json_response({"error": str(e), "reason": e.reason}, status=400)
        table = await self.reader.run(build_open_data, period, self.service.jurisdiction)
        audit_read(request, ACTION, "accepted", count=len(table.colonias) * len(table.months),
                   format=fmt, period={"from": table.months[0], "to": table.months[-1]})
        name = f"datos_abiertos_{table.months[0]}_{table.months[-1]}.{fmt}"
        return web.Response(body=render_open_data(table, fmt), headers={
            "Content-Type": MEDIA_TYPES[fmt],
            "Content-Disposition": f'attachment; filename="{name}"'})


def add_open_data_routes(app: web.Application, service: Service, reader: Reader) -> None:
    """Add the open-data export's endpoint to the API app."""
    app.router.add_get("/api/v1/reports/open-data", OpenDataRoutes(service, reader).open_data)
