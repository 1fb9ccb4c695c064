"""The agencies over HTTP (issue 15), for the console's admin window (*Administración →
Instituciones…*); ``c4central agencies add|list`` does the same from a shell.

- ``GET /api/v1/agencies`` — every agency with its kind, contact, number of accounts and
  shares in force today (the C4's calendar). Read by the admin and whoever shares cases
  (core/access.py READ_ROLES ``agencies``). Audited ``agencies.read``.
- ``POST /api/v1/agencies`` ``{"id", "name", "kind", "contact"}`` — a new agency; admin only
  (READ_ROLES ``agency_admin``). 201 with the agency; 409 for an id or name that exists;
  400 for a bad id, an empty name or a kind not in resources/agencies/kinds.toml.
  Audited ``agency.add``.
- ``PATCH /api/v1/agencies/{id}`` ``{"contact"}`` — a new contact; admin only. Audited
  ``agency.contact``.

A liaison never reaches these (central/liaison_guard.py answers her 403 first).
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

from aiohttp import web

from c4console.central import agencies, jsonbody
from c4console.central.agencies import AgencyRefused
from c4console.central.api_auth import USER, audit_request, read_capped
from c4console.central.audit_reads import audit_read
from c4console.central.queries import Reader
from c4console.central.service import Service
from c4console.core.access import may_read, read_roles
from c4console.core.agencies.records import Agency
from c4console.resources import load_agency_kinds

MAX_BODY = 8 * 1024
MAX_CONTACT = 500


def _refused(request: web.Request, what: str, action: str) -> web.Response | None:
    role = request[USER].role
    if may_read(role, what):
        return None
    audit_request(request, action, "refused", detail={"reason": "forbidden"})
    return web.json_response({"error": f"role {role} may not do this (allowed: {read_roles(what)})",
                              "reason": "forbidden"}, status=403)


async def _body(request: web.Request) -> dict[str, Any]:
    raw = await read_capped(request, MAX_BODY)
    if raw is None:
        raise ValueError(f"a body is at most {MAX_BODY} bytes")
    try:
        body = jsonbody.parse(raw)
    except jsonbody.BadBody as e:
        raise ValueError(str(e)) from None
    if not isinstance(body, dict):
        raise ValueError("the body must be a JSON object")
    return body


def _text(body: dict[str, Any], name: str, limit: int = 200) -> str:
    value = body.get(name, "")
    if not isinstance(value, str):
        raise ValueError(f"{name!r} must be a string")
    if len(value) > limit:
        raise ValueError(f"{name!r} is longer than {limit} characters")
    return value.strip()


def _bad(request: web.Request, action: str, message: str, reason: str, status: int,
         target: dict[str, Any] | None = None) -> web.Response:
    audit_request(request, action, "refused", target=target, detail={"reason": reason,
                                                                     "message": message})
    return web.json_response({"error": message, "reason": reason}, status=status)


class AgencyRoutes:
    """Handlers bound to the service, the reader and the C4's calendar."""

    def __init__(self, service: Service, reader: Reader, today: Callable[[], date]) -> None:
        self.service = service
        self.reader = reader
        self.today = today

    async def list(self, request: web.Request) -> web.Response:
        """GET /agencies."""
        if (refused := _refused(request, "agencies", "agencies.read")) is not None:
            return refused
        rows = await self.reader.run(agencies.agency_summaries, self.today())
        audit_read(request, "agencies.read", "accepted", count=len(rows))
        return web.json_response({"agencies": rows, "kinds": load_agency_kinds().kinds})

    async def add(self, request: web.Request) -> web.Response:
        """POST /agencies."""
        if (refused := _refused(request, "agency_admin", "agency.add")) is not None:
            return refused
        try:
            body = await _body(request)
            agency = Agency(_text(body, "id", 64), _text(body, "name"), _text(body, "kind", 40),
                            _text(body, "contact", MAX_CONTACT))
            agencies.check_new_agency(agency.id, agency.name, agency.kind, load_agency_kinds())
        except (ValueError, AgencyRefused) as e:
            return _bad(request, "agency.add", str(e), "bad_request", 400)
        target = {"agency": agency.id}

        def add(tx) -> Agency | None:
            if agencies.get_agency(tx.conn, agency.id) is not None:
                raise AgencyRefused(f"an agency with id {agency.id} already exists")
            agencies.check_unique_name(tx.conn, agency.name)
            agencies.add_agency(tx, agency)
            return agencies.get_agency(tx.conn, agency.id)

        try:
            created = await self.service.write(add)
        except AgencyRefused as e:
            return _bad(request, "agency.add", str(e), "exists", 409, target)
        audit_request(request, "agency.add", "accepted", target=target,
                      detail={"kind": agency.kind, "result": "created"})
        return web.json_response((created or agency).to_wire(), status=201)

    async def set_contact(self, request: web.Request) -> web.Response:
        """PATCH /agencies/{id}."""
        if (refused := _refused(request, "agency_admin", "agency.contact")) is not None:
            return refused
        agency_id = request.match_info["id"][:64]
        target = {"agency": agency_id}
        try:
            contact = _text(await _body(request), "contact", MAX_CONTACT)
        except ValueError as e:
            return _bad(request, "agency.contact", str(e), "bad_request", 400, target)
        try:
            agency = await self.service.write(lambda tx: agencies.set_contact(tx, agency_id, contact))
        except AgencyRefused as e:
            return _bad(request, "agency.contact", str(e), "not_found", 404, target)
        audit_request(request, "agency.contact", "accepted", target=target)
        return web.json_response(agency.to_wire())


def add_agency_routes(app: web.Application, service: Service, reader: Reader,
                      today: Callable[[], date]) -> None:
    """Add the agencies' endpoints to the API app."""
    routes = AgencyRoutes(service, reader, today)
    app.router.add_get("/api/v1/agencies", routes.list)
    app.router.add_post("/api/v1/agencies", routes.add)
    app.router.add_patch("/api/v1/agencies/{id}", routes.set_contact)
