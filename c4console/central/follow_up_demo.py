"""The demo's follow-up of protection orders (issue 13, ``c4central serve --demo``), through
the commands a supervisor and the shift lead send, never by writing the tables:

1. ``set_follow_plan`` for every demo woman with an order in force and a risk level: the
   default plan of her level (``resources/follow_up/plan_defaults.toml``), signed by the
   demo's supervisor;
2. ``plan_visits`` for the rest of the demo shift (:data:`HORIZON_H`), signed by its shift
   lead: the visits go to the Fuerza Rosa units of her sector first (core/follow_up);
3. ``move_visit``, as the shift lead would drag them: the visits of women whose sector has
   no Fuerza Rosa unit (``plan_visits`` gives those to the first one by id) are shared out
   to the Fuerza Rosa unit with the fewest, and each unit's visits due now are spread over
   the shift in the order of a round (nearest home next), the first a couple of minutes
   from now, so the demo's Fuerza Rosa units have somewhere to drive from its first minute
   (the simulator, c4console/demo/rounds.py) and a missed visit shows up in the overdue
   list an hour after its time rather than every visit at once.

Keys are fixed (``demo-plan-…``, ``demo-visits-…-<day>``, ``demo-move-…``): a demo central
started again on the same database adds no plan twice and plans only the visits not yet
planned (``plan_visits`` skips those already there).
"""

from __future__ import annotations

import logging
from collections.abc import Iterable, Sequence
from datetime import datetime
from typing import Any

from sqlalchemy import select

from c4console.central import schema as t
from c4console.central.records import Tx
from c4console.central.seed import DEMO_SHIFT_AFTER_S, DEMO_SHIFT_LEAD
from c4console.central.service import Service
from c4console.core.cases.records import Case
from c4console.core.enums import UnitStatus
from c4console.core.follow_up.records import PLANNED, FollowPlan, PatrolVisit
from c4console.core.geo import haversine_m
from c4console.core.models import Unit

log = logging.getLogger(__name__)

SUPERVISOR, SUPERVISOR_ROLE = "demo", "supervisor"  # who sets the plans (like demo_seed.py)
LEAD_ROLE = "shift_lead"
HORIZON_H = DEMO_SHIFT_AFTER_S / 3600.0  # the visits of the rest of the demo shift
FIRST_DUE_S = 120.0  # each unit's first visit is due this long after the seed
# The visits due now are spread over the shift but its last half hour (room to be late).
SPREAD_S = DEMO_SHIFT_AFTER_S - 1800.0
JUST_PLANNED_S = 600.0  # a visit due within this much of now was planned by this seed


def plan_id_for(case_id: str) -> str:
    """The demo plan of her case."""
    return f"plan-{case_id}"


def _plan_commands(cases: Iterable[Case], on: Any) -> list[dict[str, Any]]:
    out = []
    for case in cases:
        orders = case.orders_in_force(on)
        if not orders or case.risk_level is None:
            continue
        out.append({"type": "set_follow_plan", "key": f"demo-plan-{case.id}",
                    "id": plan_id_for(case.id), "case_id": case.id,
                    "order_number": orders[0].number})
    return out


def round_order(start: tuple[float, float], visits: Sequence[PatrolVisit]) -> list[PatrolVisit]:
    """The visits in the order of a round from ``start``: the nearest one next each time."""
    left, here, out = list(visits), start, []
    while left:
        nearest = min(left, key=lambda v: (haversine_m(*here, v.lat, v.lon), v.id))
        left.remove(nearest)
        out.append(nearest)
        here = (nearest.lat, nearest.lon)
    return out


def share_out(visits: Sequence[PatrolVisit], units: dict[str, Unit], sectors: dict[str, str]
              ) -> dict[str, list[PatrolVisit]]:
    """Each unit's visits, those given to a unit outside her sector (hers has no Fuerza
    Rosa unit) handed to the unit of the same kind with the fewest so far."""
    by_unit: dict[str, list[PatrolVisit]] = {}
    away = []
    for v in visits:
        unit = units.get(v.unit_id)
        if unit is not None and sectors.get(v.plan_id) and unit.sector != sectors[v.plan_id]:
            away.append(v)
        else:
            by_unit.setdefault(v.unit_id, []).append(v)
    for v in away:
        kind = units[v.unit_id].kind
        peers = [u for u in units.values()
                 if u.kind == kind and u.status != UnitStatus.OUT_OF_SERVICE]
        best = min(peers, key=lambda u: (len(by_unit.get(u.id, ())), u.id))
        by_unit.setdefault(best.id, []).append(v.evolve(unit_id=best.id))
    return by_unit


def spread(visits: Sequence[PatrolVisit], units: dict[str, Unit], now: float,
           sectors: dict[str, str] | None = None) -> list[dict[str, Any]]:
    """``move_visit`` commands sharing out the visits (due now) of women whose sector has no
    Fuerza Rosa unit (:func:`share_out`; ``sectors``: each plan's) and giving each unit's
    visits staggered due times along its round: the first :data:`FIRST_DUE_S` from now, the
    rest over :data:`SPREAD_S`."""
    by_unit = share_out(visits, units, sectors or {})
    before = {v.id: v.unit_id for v in visits}
    out = []
    for unit_id, mine in sorted(by_unit.items()):
        unit = units.get(unit_id)
        start = (unit.lat, unit.lon) if unit is not None and unit.lat is not None \
            and unit.lon is not None else (mine[0].lat, mine[0].lon)
        every = SPREAD_S / len(mine)
        for i, v in enumerate(round_order(start, mine)):
            move = {"type": "move_visit", "key": f"demo-move-{v.id}", "visit_id": v.id,
                    "due_at": round(now + FIRST_DUE_S + i * every, 3)}
            if before[v.id] != unit_id:
                move["unit_id"] = unit_id
            out.append(move)
    return out


def _read(tx: Tx) -> tuple[list[Case], dict[str, Unit]]:
    conn = tx.conn
    cases = [Case.from_wire(d) for (d,) in conn.execute(select(t.cases.c.data).order_by(t.cases.c.id))]
    units = {u.id: u for u in (Unit.from_wire(d) for (d,) in conn.execute(select(t.units.c.data)))}
    return cases, units


def _just_planned(tx: Tx, plan_ids: list[str]) -> tuple[list[PatrolVisit], dict[str, str]]:
    """The visits due about now of these plans, and each plan's sector."""
    tx.flush()
    rows = tx.conn.execute(select(t.patrol_visits.c.data).where(
        t.patrol_visits.c.status == PLANNED, t.patrol_visits.c.plan_id.in_(plan_ids),
        t.patrol_visits.c.due_at >= tx.now - JUST_PLANNED_S,
        t.patrol_visits.c.due_at <= tx.now + JUST_PLANNED_S)).all()
    plans = (FollowPlan.from_wire(d) for (d,) in tx.conn.execute(
        select(t.follow_plans.c.data).where(t.follow_plans.c.id.in_(plan_ids))))
    return (sorted((PatrolVisit.from_wire(d) for (d,) in rows), key=lambda v: v.id),
            {p.id: p.sector for p in plans})


async def _submit(service: Service, commands: list[dict[str, Any]], actor: str, role: str,
                  counts: dict[str, int]) -> None:
    for r in await service.submit(commands, actor=actor, role=role) if commands else ():
        counts[r.outcome] = counts.get(r.outcome, 0) + 1
        if r.outcome == "rejected":
            log.warning("demo follow-up: %s rejected: %s", r.key, r.message)


async def seed_demo_follow_up(service: Service) -> dict[str, int]:
    """Plans, today's visits and their spread (see the module docstring); returns how many
    commands were accepted, rejected or already done (``duplicate``)."""
    cases, units = await service.write(_read)
    now = service.clock()
    today = datetime.fromtimestamp(now, service.folio_tz).date()
    counts: dict[str, int] = {}
    plans = _plan_commands(cases, today)
    await _submit(service, plans, SUPERVISOR, SUPERVISOR_ROLE, counts)
    plan_ids = [c["id"] for c in plans]
    day = today.strftime("%Y%m%d")
    await _submit(service, [{"type": "plan_visits", "key": f"demo-visits-{p}-{day}", "plan_id": p,
                             "horizon_h": HORIZON_H} for p in plan_ids],
                  DEMO_SHIFT_LEAD, LEAD_ROLE, counts)
    fresh, sectors = await service.write(lambda tx: _just_planned(tx, plan_ids))
    moves = spread(fresh, units, service.clock(), sectors)
    await _submit(service, moves, DEMO_SHIFT_LEAD, LEAD_ROLE, counts)
    log.info("demo follow-up: %d plans, %d visits spread over the shift; commands %s",
             len(plans), len(moves), counts)
    return counts
