"""The observatory's endpoints (issue 14), for supervisors and admins (core/access.py
READ_ROLES ``observatory``, ``observatory_posters``), each audited:

- ``GET /api/v1/observatory?from=&to=&type=&channel=&risk=`` — where and when incidents
  happened (JSON, docs/protocol.md), audited ``observatory.read``. ``from``/``to`` are
  C4 calendar days, both included (without them: the last whole month); ``type``,
  ``channel``, ``risk`` take one value or several, comma-separated or repeated. Bad
  input: 400 ``bad_period``, ``bad_type``, ``bad_channel`` or ``bad_risk``.
- ``GET /api/v1/observatory/posters.pdf?sectors=S1,S4&phone=+52…`` — the WhatsApp QR
  posters (central/gateways/whatsapp_posters.py) of those sectors in one PDF, a page
  each, audited ``observatory.posters``. 400 ``bad_sector`` (none, or not one of the
  jurisdiction's) or ``bad_phone``.
"""

from __future__ import annotations

from datetime import datetime

from aiohttp import web

from c4console.central.audit_reads import audit_read
from c4console.central.gateways.whatsapp_posters import posters_pdf, wa_link
from c4console.central.queries import Reader
from c4console.central.reports.observatory_reads import build_observatory
from c4console.central.reports.report_access import forbidden, refused
from c4console.central.service import Service
from c4console.core.geo import Jurisdiction
from c4console.core.statistics.observatory_filter import observatory_filter
from c4console.core.statistics.period import ReportRefused, previous_month
from c4console.resources import load_jurisdiction

READ = "observatory.read"
POSTERS = "observatory.posters"


class ObservatoryRoutes:
    """The handlers, bound to the service (time zone, catalogue, jurisdiction) and the
    reader."""

    def __init__(self, service: Service, reader: Reader) -> None:
        self.service = service
        self.reader = reader
        # The central locates with its jurisdiction; one started without any places
        # incidents with none, and the observatory shows the shipped one's cuadrantes.
        self.jurisdiction: Jurisdiction = service.jurisdiction or load_jurisdiction()

    async def observatory(self, request: web.Request) -> web.Response:
        """GET /observatory."""
        if (no := forbidden(request, READ, "observatory", "the observatory")) is not None:
            return no
        q = request.query
        tz = str(self.service.folio_tz)
        try:
            first, last = q.get("from", ""), q.get("to", "")
            if not first and not last:
                month = previous_month(datetime.now(self.service.folio_tz).date(), tz)
                first, last = month.first.isoformat(), month.last.isoformat()
            flt = observatory_filter(first, last, tz, types=q.getall("type", []),
                                     channels=q.getall("channel", []), risks=q.getall("risk", []),
                                     known_types=self.service.catalogue.types.keys())
        except ReportRefused as e:
            return refused(request, READ, e)
        found = await self.reader.run(build_observatory, flt, self.jurisdiction)
        audit_read(request, READ, "accepted", count=found.total,
                   period={"from": flt.period.first.isoformat(), "to": flt.period.last.isoformat()},
                   filters=flt.to_wire())
        return web.json_response(found.to_wire())

    async def posters(self, request: web.Request) -> web.Response:
        """GET /observatory/posters.pdf."""
        if (no := forbidden(request, POSTERS, "observatory_posters", "the observatory")) is not None:
            return no
        known = self.jurisdiction.sectors()
        sectors: list[str] = []
        for part in request.query.getall("sectors", []):
            sectors += [s.strip() for s in part.split(",") if s.strip() and s.strip() not in sectors]
        phone = request.query.get("phone", "")
        try:
            unknown = [s for s in sectors if s not in known]
            if not sectors or unknown:
                raise ReportRefused("bad_sector", f"unknown sector {', '.join(unknown)!r} (known: "
                                                  f"{', '.join(known)})" if unknown else
                                    "no sector asked for (sectors=S1,S2…)")
            try:
                wa_link(phone, sectors[0])
            except ValueError as e:
                raise ReportRefused("bad_phone", str(e)) from None
        except ReportRefused as e:
            return refused(request, POSTERS, e)
        body = await self.reader.run(lambda _engine: posters_pdf(phone, sectors))
        audit_read(request, POSTERS, "accepted", count=len(sectors), sectors=sectors)
        name = f"carteles_qr_{'_'.join(sectors)}.pdf"
        return web.Response(body=body, content_type="application/pdf",
                            headers={"Content-Disposition": f'attachment; filename="{name}"'})


def add_observatory_routes(app: web.Application, service: Service, reader: Reader) -> None:
    """Add the observatory's endpoints to the API app."""
    routes = ObservatoryRoutes(service, reader)
    app.router.add_get("/api/v1/observatory", routes.observatory)
    app.router.add_get("/api/v1/observatory/posters.pdf", routes.posters)
