"""What the console shows of the follow-up, computed from the state it holds (no Qt
widgets): today's visits, each visit's situation, a unit's visits of the day and the map's
planned stops."""

from __future__ import annotations

import time
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from c4console.core.follow_up.records import PLANNED, PROOF_GPS, PatrolVisit
from c4console.core.follow_up.reports import VISIT_GRACE_S

# A visit's situation on the dock (its label in labels.visit_state_label).
STATE_PLANNED, STATE_GPS, STATE_MANUAL, STATE_MISSED = "planned", "gps", "manual", "missed"


def day_bounds(now: float) -> tuple[float, float]:
    """The local calendar day holding ``now``: [start, end) in epoch seconds."""
    t = time.localtime(now)
    start = time.mktime((t.tm_year, t.tm_mon, t.tm_mday, 0, 0, 0, 0, 0, -1))
    end = time.mktime((t.tm_year, t.tm_mon, t.tm_mday + 1, 0, 0, 0, 0, 0, -1))
    return start, end


def visits_today(visits: Iterable[PatrolVisit], now: float) -> list[PatrolVisit]:
    """The visits due today (local day), by due time then id."""
    start, end = day_bounds(now)
    return sorted((v for v in visits if start <= v.due_at < end), key=lambda v: (v.due_at, v.id))


def visit_state(v: PatrolVisit, now: float) -> str:
    """planned, gps (proven), manual (recorded by hand) or missed (planned, an hour late)."""
    if v.status == PLANNED:
        return STATE_MISSED if v.due_at + VISIT_GRACE_S < now else STATE_PLANNED
    return STATE_GPS if v.proof == PROOF_GPS else STATE_MANUAL


@dataclass(frozen=True, slots=True)
class UnitVisits:
    """A unit's visits of the day: how many, and the next planned one's due time."""

    count: int
    next_due: float | None


def visits_by_unit(visits: Iterable[PatrolVisit], now: float) -> dict[str, UnitVisits]:
    """Each unit's visits of the day (every one counted; the next is the earliest planned
    one not yet overdue)."""
    counts: dict[str, int] = {}
    nxt: dict[str, float] = {}
    for v in visits_today(visits, now):
        counts[v.unit_id] = counts.get(v.unit_id, 0) + 1
        if visit_state(v, now) == STATE_PLANNED and v.unit_id not in nxt:
            nxt[v.unit_id] = v.due_at
    return {u: UnitVisits(n, nxt.get(u)) for u, n in counts.items()}


def is_stop(v: PatrolVisit, now: float) -> bool:
    """A planned stop on the map: due today, not made yet, with a place on the map."""
    start, end = day_bounds(now)
    return v.status == PLANNED and start <= v.due_at < end and bool(v.lat or v.lon)


def stop_payload(v: PatrolVisit, callsign: str) -> dict[str, Any]:
    """The page's data for a planned stop (the crew's fields only: no name, no case)."""
    return {"id": v.id, "pos": [round(v.lat, 6), round(v.lon, 6)], "unit": v.unit_id,
            "callsign": callsign or v.unit_id, "due": time.strftime("%H:%M", time.localtime(v.due_at)),
            "place": v.place_kind}
