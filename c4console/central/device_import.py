"""``POST /api/v1/devices/import``: the devices CSV from a supervisor's or admin's console.

The body is the CSV file itself (``Content-Type: text/csv``, UTF-8, at most
:data:`MAX_IMPORT_BYTES`). It goes through the same reader and importer as
``c4central devices import`` (:mod:`c4console.central.seed`): each row in its own
transaction, and the answer is the row-by-row report. A file that cannot be read
(not UTF-8, empty, header without ``device_id``/``name``) is refused whole with 400 and
nothing is imported. Every call is in the audit log (``device.import``, with the
counts); a role that may not import is refused 403 and recorded as a security event.
"""

from __future__ import annotations

from typing import Any

from aiohttp import web

from c4console.central.api_auth import USER, audit_request, workstation
from c4console.central.auth import AuthUser
from c4console.central.jsonbody import text_problem
from c4console.central.seed import DEVICE_COLUMNS, BadFile, SeedReport, parse_csv, seed_rows
from c4console.central.service import Service
from c4console.core.access import may_read, sorted_read_roles

PATH = "/api/v1/devices/import"
MAX_IMPORT_BYTES = 1 << 20  # 1 MiB: some 5,000 rows; a programme delivers hundreds
CSV_TYPES = frozenset({"text/csv"})
MAX_FILENAME = 120
MAX_AUDITED_ROWS = 200


def _error(status: int, message: str, **extra: Any) -> web.Response:
    return web.json_response({"error": message, **extra}, status=status)


def report_json(report: SeedReport, source: str) -> dict[str, Any]:
    """The answer: ``source``, ``counts`` by outcome and one entry per row, file order."""
    return {"source": source, "counts": report.counts(),
            "rows": [{"line": r.line, "device_id": r.record_id, "outcome": r.outcome,
                      "reason": r.reason, "changed": list(r.changed)} for r in report.rows]}


def _outcome(report: SeedReport) -> str:
    refused = len(report.refused())
    if not refused:
        return "accepted"
    return "refused" if refused == len(report.rows) else "partial"


class DeviceImport:
    """The handler, bound to the central's write service."""

    def __init__(self, service: Service) -> None:
        self.service = service

    async def handle(self, request: web.Request) -> web.Response:
        """POST /devices/import[?filename=NAME]: import the CSV body, answer the report."""
        user: AuthUser = request[USER]
        source = (request.query.get("filename") or "").strip()[:MAX_FILENAME]
        if not source or text_problem(source) is not None:
            source = "upload.csv"
        if not may_read(user.role, "device_import"):
            allowed = sorted_read_roles("device_import")
            message = f"role {user.role} may not import devices (allowed: {allowed})"
            number = await self.service.write(lambda tx: tx.security_event(
                "device_import_refused", f"{user.name} ({user.role}) at "
                                         f"{workstation(request) or '?'}: {message}",
                request.remote or ""))
            audit_request(request, "device.import", "refused",
                          detail={"reason": "forbidden", "source": source,
                                  "security_event": number})
            return _error(403, f"{message}; security event {number}", reason="forbidden")
        if request.content_type not in CSV_TYPES:
            audit_request(request, "device.import", "refused",
                          detail={"reason": "content_type", "source": source,
                                  "content_type": request.content_type[:80]})
            return _error(415, f"send the file as text/csv, not {request.content_type[:80]!r}; "
                               "nothing imported", reason="content_type")
        data = await _read_limited(request, MAX_IMPORT_BYTES)
        if data is None:
            audit_request(request, "device.import", "refused",
                          detail={"reason": "too_large", "source": source})
            return _error(413, f"the file is larger than {MAX_IMPORT_BYTES // 1024} KiB; split it; "
                               "nothing imported", reason="too_large")
        try:
            rows = parse_csv(data, DEVICE_COLUMNS, source)
        except BadFile as e:
            audit_request(request, "device.import", "refused",
                          detail={"reason": "bad_file", "source": source, "error": str(e)[:500]})
            return _error(400, str(e), reason="bad_file", source=source)
        report = await seed_rows(self.service, rows, "devices", source)
        answer = report_json(report, source)
        audit_request(request, "device.import", _outcome(report),
                      detail={"source": source, "bytes": len(data), "counts": answer["counts"],
                              "rows": [r for r in answer["rows"]
                                       if r["outcome"] != "unchanged"][:MAX_AUDITED_ROWS]})
        return web.json_response(answer)


async def _read_limited(request: web.Request, limit: int) -> bytes | None:
    """The body, or None as soon as it is longer than ``limit`` (not read further)."""
    if request.content_length is not None and request.content_length > limit:
        return None
    body = bytearray()
    while chunk := await request.content.read(64 << 10):
        body += chunk
        if len(body) > limit:
            return None
    return bytes(body)


def add_device_import_route(app: web.Application, service: Service) -> None:
    """Serve :data:`PATH` on the API application (login required, like every API route)."""
    app.router.add_post(PATH, DeviceImport(service).handle)
