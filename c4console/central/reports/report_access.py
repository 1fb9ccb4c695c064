"""The checks every report endpoint makes first (the period report, open data, the
observatory): the reader's role may read it, and the period asked for — or, without one, the
last whole month of the C4's calendar. Each refusal is audited under the endpoint's action and
answered with its reason (403 ``forbidden``, 400 ``bad_…``)."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from datetime import datetime
from zoneinfo import ZoneInfo

from aiohttp import web

from c4console.central.api_auth import USER
from c4console.central.audit_reads import audit_read
from c4console.core.access import may_read, read_roles
from c4console.core.statistics.period import ReportPeriod, ReportRefused, asked_or_last_month


def forbidden(request: web.Request, action: str, read_key: str, what: str) -> web.Response | None:
    """None if the reader's role may read ``read_key`` (core/access.py READ_ROLES); else the
    audited 403 that names ``what`` and the roles allowed."""
    role = request[USER].role
    if may_read(role, read_key):
        return None
    audit_read(request, action, "refused", reason="forbidden")
    return web.json_response({"error": f"role {role} may not read {what} "
                                       f"(allowed: {read_roles(read_key)})",
                              "reason": "forbidden"}, status=403)


def refused(request: web.Request, action: str, e: ReportRefused) -> web.Response:
    """The audited 400 for bad input, with the refusal's reason."""
    audit_read(request, action, "refused", reason=e.reason)
    return web.json_response({"error": str(e), "reason": e.reason}, status=400)


def asked_period(query: Mapping[str, str], tz: ZoneInfo,
                 parse: Callable[[str, str, str], ReportPeriod]) -> ReportPeriod:
    """The period of ``from``/``to`` read by ``parse`` (which raises ReportRefused), or the
    last whole month of the C4's calendar when neither is given."""
    return asked_or_last_month(query.get("from", ""), query.get("to", ""), str(tz),
                               datetime.now(tz).date(), parse)
