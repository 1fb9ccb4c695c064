"""A case's default plan, the visits it asks for, and who makes them (pure).

- :func:`default_plan`: her plan from her risk level (her home, and work or school if she
  asked), refused without a home placed on the map.
- :func:`schedule`: the visits due from now to the horizon, per place, one interval after
  the last visit made there (or now, if none).
- :func:`assign`: each planned visit to a unit — the Fuerza Rosa units of her sector
  first, then other Fuerza Rosa units, then general units of her sector; never a unit out
  of service; the unit with the fewest visits already given in this round.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

from c4console.core.cases.records import Case
from c4console.core.enums import UnitStatus
from c4console.core.follow_up.defaults import PlanDefaults, check_intervals
from c4console.core.follow_up.records import FollowPlan, PatrolVisit, VisitPlace
from c4console.core.models import Unit
from c4console.core.refused import Refused

FOLLOW_UP_UNIT_KIND = "fuerza_rosa"
HOUR_S = 3600.0


def default_plan(case: Case, order_number: str, defaults: PlanDefaults, *, plan_id: str,
                 now: float, set_by: str, places_asked: Iterable[str] = (), sector: str = "",
                 reason: str = "") -> FollowPlan:
    """Her plan for one order from her risk level. ``places_asked``: her work or school, if
    she asks for visits there too (her case must have the address on the map)."""
    points = {a.kind.value: a for a in case.addresses if a.has_point}
    if "home" not in points:
        raise Refused("no_home_point", f"case {case.id} has no home address placed on the map: "
                                       "a visit needs a point")
    places = [VisitPlace("home", points["home"].lat, points["home"].lon, points["home"].text)]
    for kind in dict.fromkeys(places_asked):
        if kind == "home":
            continue
        if kind not in points:
            raise Refused("no_place_point", f"case {case.id} has no {kind} address on the map")
        a = points[kind]
        places.append(VisitPlace(kind, a.lat, a.lon, a.text))
    level = case.risk_level.value if case.risk_level else "no_apreciado"
    iv = defaults.for_level(level)
    return FollowPlan(id=plan_id, case_id=case.id, order_number=order_number, places=tuple(places),
                      visit_every_h=iv.visit_every_h, call_every_h=iv.call_every_h,
                      interview_every_days=iv.interview_every_days, risk_level=level,
                      sector=sector, phone=case.phones[0] if case.phones else "",
                      set_by=set_by, reason=reason or f"default for risk level {level}",
                      set_at=now)


def with_intervals(plan: FollowPlan, visit_h: object, call_h: object, interview_days: object, *,
                   by: str, reason: str, now: float) -> FollowPlan:
    """The plan changed by a supervisor: positive intervals and a reason, or refused."""
    iv = check_intervals(visit_h, call_h, interview_days)
    if not reason.strip():
        raise Refused("reason_required", "a change to her follow-up plan needs a reason")
    return plan.evolve(visit_every_h=iv.visit_every_h, call_every_h=iv.call_every_h,
                       interview_every_days=iv.interview_every_days, set_by=by,
                       reason=reason.strip(), set_at=now)


@dataclass(frozen=True, slots=True)
class PlannedVisit:
    """A visit the plan asks for: where, and when it is due."""

    plan_id: str
    place: VisitPlace
    due_at: float


def schedule(plan: FollowPlan, done_visits: Iterable[PatrolVisit], now: float, horizon: float
             ) -> list[PlannedVisit]:
    """The visits due up to ``now + horizon`` (seconds), per place: one interval after the
    last visit that happened there (or now if none happened), then every interval."""
    if not plan.active:
        return []
    every = plan.visit_every_h * HOUR_S
    if every <= 0:
        raise Refused("bad_interval", f"plan {plan.id} has no visit interval")
    last: dict[tuple[float, float], float] = {}
    for v in done_visits:
        if v.plan_id == plan.id and v.happened and v.proven_at is not None:
            key = (v.lat, v.lon)
            last[key] = max(last.get(key, v.proven_at), v.proven_at)
    out = []
    end = now + horizon
    for place in plan.places:
        done = last.get((place.lat, place.lon))
        due = now if done is None else max(done + every, now)  # late: due at once
        while due <= end:
            out.append(PlannedVisit(plan.id, place, due))
            due += every
    return sorted(out, key=lambda p: p.due_at)


def check_unit_in_service(unit: Unit) -> None:
    """Refused ``unit_out_of_service`` for a unit that cannot take a visit."""
    if unit.status == UnitStatus.OUT_OF_SERVICE:
        raise Refused("unit_out_of_service", f"unit {unit.callsign or unit.id} is out of service: "
                                             "a visit cannot be assigned to it")


def assign(planned: Sequence[PlannedVisit], plans: Mapping[str, FollowPlan],
           units: Iterable[Unit], load: Mapping[str, int] | None = None
           ) -> list[tuple[PlannedVisit, Unit | None]]:
    """Each planned visit with the unit that should make it (None: no unit in service).

    Order of preference: Fuerza Rosa units of her sector, Fuerza Rosa units anywhere,
    other units of her sector; among equals, the one with the fewest visits — those it
    already has planned (``load``: unit id → count) and those given here."""
    usable = [u for u in units if u.status != UnitStatus.OUT_OF_SERVICE]
    given = load or {}
    load = {u.id: given.get(u.id, 0) for u in usable}
    out: list[tuple[PlannedVisit, Unit | None]] = []
    for p in planned:
        sector = plans[p.plan_id].sector if p.plan_id in plans else ""

        def rank(u: Unit, sector: str = sector) -> tuple[int, int, str]:
            pink, here = u.kind == FOLLOW_UP_UNIT_KIND, bool(sector) and u.sector == sector
            tier = 0 if pink and here else 1 if pink else 2 if here else 3
            return (tier, load[u.id], u.id)

        best = min(usable, key=rank, default=None)
        if best is not None:
            load[best.id] += 1
        out.append((p, best))
    return out
