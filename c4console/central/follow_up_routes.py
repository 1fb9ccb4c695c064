"""The follow-up's read endpoints (issue 13), for the overdue list, the shift handover
report and the monthly statistics; leads and oversight only (core/access.py READ_ROLES
``follow_up``), each read audited:

- ``GET /api/v1/follow-up/overdue?at=T`` — planned visits an hour late and plans whose
  follow-up call is late, highest risk first (``at``: the time to judge at, e.g. the end
  of the shift being handed over; default now). Audited ``follow_up.overdue.read``.
- ``GET /api/v1/follow-up/counts?from=A&to=B`` — visits made (with and without GPS proof),
  interviews held, calls placed in [A, B). Audited ``follow_up.counts.read``.
"""

from __future__ import annotations

import math
import time
from dataclasses import asdict
from typing import Any

from aiohttp import web
from sqlalchemy import Engine, select

from c4console.central import schema as t
from c4console.central.api_auth import USER
from c4console.central.audit_reads import audit_read
from c4console.central.queries import Reader
from c4console.core.access import may_read, read_roles
from c4console.core.follow_up.records import PLANNED, FollowCall, FollowPlan, Interview, PatrolVisit
from c4console.core.follow_up.reports import month_counts, overdue


def _float(request: web.Request, name: str, default: float | None) -> float | None:
    raw = request.query.get(name)
    if raw is None or raw == "":
        return default
    try:
        value = float(raw)
    except ValueError:
        raise ValueError(f"{name}={raw[:40]!r} is not a time (epoch seconds)") from None
    if not math.isfinite(value) or value <= 0:
        raise ValueError(f"{name}={raw[:40]!r} is not a time (epoch seconds)")
    return value


def _overdue_inputs(engine: Engine) -> tuple[list[FollowPlan], list[PatrolVisit], list[FollowCall]]:
    with engine.connect() as conn:
        plans = [FollowPlan.from_wire(r[0]) for r in conn.execute(select(t.follow_plans.c.data))]
        visits = [PatrolVisit.from_wire(r[0]) for r in conn.execute(
            select(t.patrol_visits.c.data).where(t.patrol_visits.c.status == PLANNED))]
        calls = [FollowCall.from_wire(r[0]) for r in conn.execute(select(t.follow_calls.c.data))]
    return plans, visits, calls


def _count_inputs(engine: Engine, start: float, end: float) -> tuple[list, list, list]:
    with engine.connect() as conn:
        visits = [PatrolVisit.from_wire(r[0]) for r in conn.execute(
            select(t.patrol_visits.c.data).where(t.patrol_visits.c.status != PLANNED))]
        interviews = [Interview.from_wire(r[0]) for r in conn.execute(
            select(t.interviews.c.data).where(t.interviews.c.held_at >= start,
                                              t.interviews.c.held_at < end))]
        calls = [FollowCall.from_wire(r[0]) for r in conn.execute(
            select(t.follow_calls.c.data).where(t.follow_calls.c.placed_at >= start,
                                                t.follow_calls.c.placed_at < end))]
    return visits, interviews, calls


class FollowUpRoutes:
    """Handlers bound to the reader."""

    def __init__(self, reader: Reader) -> None:
        self.reader = reader

    def _refused(self, request: web.Request, action: str) -> web.Response | None:
        role = request[USER].role
        if may_read(role, "follow_up"):
            return None
        audit_read(request, action, "refused", reason="forbidden")
        return web.json_response({"error": f"role {role} may not read the follow-up lists "
                                           f"(allowed: {read_roles('follow_up')})",
                                  "reason": "forbidden"}, status=403)

    async def overdue(self, request: web.Request) -> web.Response:
        """GET /follow-up/overdue?at=."""
        action = "follow_up.overdue.read"
        if (refused := self._refused(request, action)) is not None:
            return refused
        try:
            at = _float(request, "at", None) or time.time()
        except ValueError as e:
            audit_read(request, action, "refused", reason="bad_query")
            return web.json_response({"error": str(e), "reason": "bad_query"}, status=400)
        plans, visits, calls = await self.reader.run(_overdue_inputs)
        late = [asdict(o) for o in overdue(plans, visits, calls, at)]
        audit_read(request, action, "accepted", count=len(late))
        return web.json_response({"at": at, "overdue": late})

    async def counts(self, request: web.Request) -> web.Response:
        """GET /follow-up/counts?from=&to=."""
        action = "follow_up.counts.read"
        if (refused := self._refused(request, action)) is not None:
            return refused
        try:
            end = _float(request, "to", None) or time.time()
            start = _float(request, "from", None) or end - 30 * 86400.0
        except ValueError as e:
            audit_read(request, action, "refused", reason="bad_query")
            return web.json_response({"error": str(e), "reason": "bad_query"}, status=400)
        if start >= end:
            audit_read(request, action, "refused", reason="bad_query")
            return web.json_response({"error": "from must be before to", "reason": "bad_query"},
                                     status=400)
        visits, interviews, calls = await self.reader.run(_count_inputs, start, end)
        counts: dict[str, Any] = month_counts(visits, interviews, calls, start, end).to_wire()
        audit_read(request, action, "accepted", count=1)
        return web.json_response({"from": start, "to": end, **counts})


def add_follow_up_routes(app: web.Application, reader: Reader) -> None:
    """Add the follow-up's read endpoints to the API app."""
    routes = FollowUpRoutes(reader)
    app.router.add_get("/api/v1/follow-up/overdue", routes.overdue)
    app.router.add_get("/api/v1/follow-up/counts", routes.counts)
