"""What is late and what was done (pure): the overdue list, highest risk first, and a
period's counts for the statistics and the shift handover report."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from c4console.core.cases.vocabulary import RiskLevel
from c4console.core.follow_up.planning import HOUR_S
from c4console.core.follow_up.records import (
    PROOF_GPS,
    FollowCall,
    FollowPlan,
    Interview,
    PatrolVisit,
)

# A visit is overdue this long after its due time (the patrol may be on its way).
VISIT_GRACE_S = 3600.0
# A call that reached her (or in which she asked for help) counts as her follow-up call;
# a call she did not answer does not.
CALLS_THAT_COUNT = frozenset({"reached", "asks_help"})


@dataclass(frozen=True, slots=True)
class Overdue:
    """One late visit or call: ``kind`` visit|call, the plan, her risk level, when it was
    due and how late it is now; a visit names its unit."""

    kind: str
    plan_id: str
    case_id: str
    risk_level: str
    due_at: float
    late_s: float
    visit_id: str = ""
    unit_id: str = ""


def _rank(level: str) -> int:
    try:
        return RiskLevel(level).rank
    except ValueError:
        return -1


def overdue(plans: Iterable[FollowPlan], visits: Iterable[PatrolVisit], calls: Iterable[FollowCall],
            now: float) -> list[Overdue]:
    """Planned visits not made an hour after they were due, and plans whose last counted
    call (or, with none, the plan's start) is older than the call interval; highest risk
    first, then the longest late."""
    active = {p.id: p for p in plans if p.active}
    out: list[Overdue] = []
    for v in visits:
        plan = active.get(v.plan_id)
        if plan is not None and not v.happened and v.due_at + VISIT_GRACE_S < now:
            out.append(Overdue("visit", plan.id, plan.case_id, plan.risk_level, v.due_at,
                               now - v.due_at, v.id, v.unit_id))
    last_call: dict[str, float] = {}
    for c in calls:
        if c.result in CALLS_THAT_COUNT:
            last_call[c.plan_id] = max(last_call.get(c.plan_id, c.placed_at), c.placed_at)
    for plan in active.values():
        due = last_call.get(plan.id, plan.set_at) + plan.call_every_h * HOUR_S
        if due < now:
            out.append(Overdue("call", plan.id, plan.case_id, plan.risk_level, due, now - due))
    return sorted(out, key=lambda o: (-_rank(o.risk_level), -o.late_s, o.plan_id, o.visit_id))


@dataclass(frozen=True, slots=True)
class MonthCounts:
    """What was done in a period (Fuerza Rosa's monthly figures)."""

    visits: int
    visits_gps: int
    visits_manual: int
    interviews: int
    calls: int
    calls_reached: int

    def to_wire(self) -> dict[str, int]:
        """Plain dict for JSON and reports."""
        return {"visits": self.visits, "visits_gps": self.visits_gps,
                "visits_manual": self.visits_manual, "interviews": self.interviews,
                "calls": self.calls, "calls_reached": self.calls_reached}


def month_counts(visits: Iterable[PatrolVisit], interviews: Iterable[Interview],
                 calls: Iterable[FollowCall], start: float, end: float) -> MonthCounts:
    """Visits made (with and without GPS proof), interviews held and calls placed in
    [start, end): the figures the monthly statistics and the handover report give."""
    made = [v for v in visits if v.happened and v.proven_at is not None and start <= v.proven_at < end]
    gps = sum(1 for v in made if v.proof == PROOF_GPS)
    held = sum(1 for i in interviews if start <= i.held_at < end)
    placed = [c for c in calls if start <= c.placed_at < end]
    return MonthCounts(len(made), gps, len(made) - gps, held, len(placed),
                       sum(1 for c in placed if c.result in CALLS_THAT_COUNT))
