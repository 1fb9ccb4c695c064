"""``GET /api/v1/banavim/export?case_id=…&format=json|csv`` (docs/protocol.md, "BANAVIM").

The BANAVIM records of one case's registrations, or (no ``case_id``) of every case marked
and not yet registered; for supervisors and the specialist desk (core/access.py
``banavim_export``), audited ``banavim.export``. 200: all complete — JSON
``{"records": […], "left_out": []}`` or the CSV itself. 422 ``incomplete``: some record
lacks a required field; the answer is JSON with the complete ones still exported
(``records``, and ``csv`` for format csv) and ``left_out``: each case and episode with
its missing or invalid fields. 404 for an unknown case, 409 ``not_marked`` for a case not
marked, 400 for a bad query, 403 for another role."""

from __future__ import annotations

import logging
import time

from aiohttp import web

from c4console.central import jsonbody
from c4console.central.api_auth import USER
from c4console.central.audit_reads import audit_read
from c4console.central.auth import AuthUser
from c4console.central.banavim.export import export_records
from c4console.central.queries import Reader
from c4console.central.service import Service
from c4console.core.access import may_read, read_roles
from c4console.core.banavim.export import to_csv
from c4console.core.banavim.field_map import FieldSpec
from c4console.core.catalogue import CatalogueError
from c4console.resources import load_banavim_field_map

log = logging.getLogger(__name__)

MAX_ID = 64
FORMATS = ("json", "csv")
ACTION = "banavim.export"


def _error(status: int, message: str, reason: str) -> web.Response:
    return web.json_response({"error": message, "reason": reason}, status=status)


class BanavimRoutes:
    """The export, bound to the service (catalogues, time zone) and the reader."""

    def __init__(self, service: Service, reader: Reader) -> None:
        self.service, self.reader = service, reader

    @property
    def field_map(self) -> tuple[FieldSpec, ...]:
        """The field map, read at the first export (a C4's own data folder without
        resources/banavim/ serves everything else; only its export fails)."""
        return load_banavim_field_map()

    async def export(self, request: web.Request) -> web.Response:
        """GET /banavim/export."""
        user: AuthUser = request[USER]
        case_id = request.query.get("case_id")
        fmt = request.query.get("format", "json")
        target = {"case_id": case_id[:MAX_ID]} if case_id else None
        if not may_read(user.role, "banavim_export"):
            audit_read(request, ACTION, "refused", target=target, reason="forbidden")
            return _error(403, f"role {user.role} may not export BANAVIM records (allowed: "
                               f"{read_roles('banavim_export')})", "forbidden")
        if fmt not in FORMATS or (case_id is not None and not (
                0 < len(case_id) <= MAX_ID and jsonbody.text_problem(case_id) is None)):
            audit_read(request, ACTION, "refused", target=target, reason="bad_query")
            return _error(400, "format must be json or csv, case_id a case id", "bad_query")
        t0 = time.monotonic()
        try:
            field_map = self.field_map
        except (OSError, CatalogueError) as e:
            log.error("BANAVIM field map unusable: %s", e)
            audit_read(request, ACTION, "refused", target=target, reason="no_field_map")
            return _error(503, "this central has no usable BANAVIM field map "
                               "(resources/banavim/field_map.csv)", "no_field_map")
        result = await self.reader.run(export_records, self.service.case_catalogues,
                                       field_map, self.service.folio_tz, case_id)
        if not result.case_found:
            audit_read(request, ACTION, "not_found", target=target)
            return _error(404, f"case {case_id!r} does not exist", "not_found")
        if not result.marked:
            audit_read(request, ACTION, "refused", target=target, reason="not_marked")
            return _error(409, f"case {case_id} is not marked for BANAVIM: mark it first "
                               "(mark_for_banavim)", "not_marked")
        fields = [spec.field for spec in field_map]
        left_out = [lo.to_wire() for lo in result.left_out]
        audit_read(request, ACTION, "accepted", count=len(result.records), target=target,
                   format=fmt, left_out=[{"case_id": lo["case_id"], "incident_id": lo["incident_id"]}
                                         for lo in left_out],
                   ms=round((time.monotonic() - t0) * 1000))
        if left_out:
            body = {"error": "; ".join(lo.sentence() for lo in result.left_out)[:2000]
                             + ": not exported (the complete records are)",
                    "reason": "incomplete", "records": result.records, "left_out": left_out}
            if fmt == "csv":
                body["csv"] = to_csv(result.records, fields)
            return web.json_response(body, status=422)
        if fmt == "csv":
            return web.Response(text=to_csv(result.records, fields), content_type="text/csv",
                                charset="utf-8")
        return web.json_response({"records": result.records, "left_out": []})


def add_banavim_routes(app: web.Application, service: Service, reader: Reader) -> None:
    """Serve the BANAVIM export on the API application (logged in)."""
    routes = BanavimRoutes(service, reader)
    app.router.add_get("/api/v1/banavim/export", routes.export)
