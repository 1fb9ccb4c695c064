"""``GET /api/v1/reports/open-data?from=YYYY-MM&to=YYYY-MM&format=csv|json``: the open-data
export (issue 14; core/statistics/open_data.py) for supervisors and admins (core/access.py
READ_ROLES ``open_data``), audited ``reports.open_data.read``. ``from``/``to`` are months
(a day is widened to its month); without them, the last whole month. Bad input: 400 with
``reason`` ``bad_period`` or ``bad_format``."""

from __future__ import annotations

from aiohttp import web

from c4console.central.audit_reads import audit_read
from c4console.central.queries import Reader
from c4console.central.reports.open_data_reads import build_open_data
from c4console.central.reports.open_data_render import (
    MEDIA_TYPES,
    check_open_data_format,
    render_open_data,
)
from c4console.central.reports.report_access import asked_period, forbidden, refused
from c4console.central.service import Service
from c4console.core.statistics.open_data import open_data_period
from c4console.core.statistics.period import ReportRefused

ACTION = "reports.open_data.read"


class OpenDataRoutes:
    """The handler, bound to the service (time zone, jurisdiction) and the reader."""

    def __init__(self, service: Service, reader: Reader) -> None:
        self.service = service
        self.reader = reader

    async def open_data(self, request: web.Request) -> web.Response:
        """GET /reports/open-data."""
        if (no := forbidden(request, ACTION, "open_data", "the open-data export")) is not None:
            return no
        try:
            fmt = check_open_data_format(request.query.get("format", "csv"))
            period = asked_period(request.query, self.service.folio_tz, open_data_period)
        except ReportRefused as e:
            return refused(request, ACTION, e)
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
