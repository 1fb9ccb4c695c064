"""Fuerza Rosa rounds (c4console/demo/rounds.py), pure, judged by the central's own GPS
proof rule (core/follow_up/proof.py): a visit the crew lingers at is proven, one it drives
past is not, one it skips is never driven to; a unit sent to an emergency puts its visit
back; the queue follows the feed (a made visit leaves it, a moved one follows)."""

from __future__ import annotations

import random

import pytest

from c4console.core.follow_up.proof import VisitProof
from c4console.core.follow_up.records import PatrolVisit
from c4console.core.geo import Cuadrante
from c4console.demo.patrols import Area, PatrolMotion
from c4console.demo.rounds import (
    DROVE_PAST,
    LINGERED,
    SKIPPED,
    Stop,
    VisitRounds,
    advance_on_rounds,
)

T0 = 1_800_000_000.0
SQUARE = Cuadrante(sector="S1", cuadrante="S1-1", colonia="Centro", rings=(
    ((-115.48, 32.60), (-115.44, 32.60), (-115.44, 32.64), (-115.48, 32.64), (-115.48, 32.60)),))
HOMES = [(32.610, -115.470), (32.620, -115.460), (32.630, -115.450)]  # 1.4 km apart


def _visit(n: int, due: float, unit: str = "FR1", status: str = "planned") -> dict:
    lat, lon = HOMES[n]
    return {"id": f"v{n}", "unit_id": unit, "lat": lat, "lon": lon, "due_at": due,
            "radius_m": 100.0, "dwell_s": 120.0, "status": status}


class _NeverMiss(random.Random):
    def __init__(self, draws: list[float]) -> None:
        super().__init__(1)
        self.draws = draws

    def random(self) -> float:
        return self.draws.pop(0) if self.draws else 0.99


def _day(rounds: VisitRounds, visits: list[dict], hours: float = 2.0, tick: float = 20.0
         ) -> set[str]:
    """Drive FR1 for ``hours`` of simulated time; the visits the proof rule finds made."""
    proof = VisitProof()
    proof.put_many(PatrolVisit.from_wire({**v, "plan_id": "p", "case_id": "c"}) for v in visits)
    motion = PatrolMotion(32.600, -115.475, Area([SQUARE]), random.Random(2))
    proven: set[str] = set()
    t = T0
    while t < T0 + hours * 3600:
        t += tick
        fix = advance_on_rounds(rounds, "FR1", motion, tick, t)
        proven |= {p.visit_id for p in proof.feed("FR1", fix.lat, fix.lon, t)}
    return proven


def test_lingered_visits_are_proven_driven_past_and_skipped_ones_are_not():
    # Draws: v0 visited (0.9), v1 missed (0.1) by driving past (0.9), v2 missed (0.1) and
    # skipped (0.2).
    rounds = VisitRounds(_NeverMiss([0.9, 0.1, 0.9, 0.1, 0.2]), miss_share=0.15)
    visits = [_visit(0, T0 + 600), _visit(1, T0 + 1800), _visit(2, T0 + 3000)]
    for v in visits:
        rounds.put(v)
    proven = _day(rounds, visits)
    assert rounds.done == {"v0": LINGERED, "v1": DROVE_PAST, "v2": SKIPPED}
    assert proven == {"v0"}
    assert rounds.planned("FR1") == [] and rounds.current("FR1") is None
    # The same record again changes nothing; a shift lead moving a missed visit: to do again.
    rounds.put(visits[2])
    assert rounds.planned("FR1") == []
    rounds.put({**visits[2], "due_at": T0 + 9000})
    assert [s.visit_id for s in rounds.planned("FR1")] == ["v2"] and "v2" not in rounds.done


def test_a_visit_not_yet_due_waits_and_the_queue_follows_the_feed():
    rounds = VisitRounds(random.Random(3), miss_share=0.0, lead_s=1800)
    rounds.put(_visit(0, T0 + 7200))
    assert rounds.step("FR1", *HOMES[2], T0).action == "free"  # due in 2 h: not yet
    order = rounds.step("FR1", *HOMES[2], T0 + 5400 + 1)
    assert (order.action, order.visit_id) == ("drive", "v0")
    # Moved to another unit: this one drops it; made (proven): off the queue.
    rounds.put(_visit(0, T0 + 7200, unit="FR2"))
    assert rounds.current("FR1") is None and [s.visit_id for s in rounds.planned("FR2")] == ["v0"]
    rounds.put(_visit(0, T0 + 7200, unit="FR2", status="proven"))
    assert rounds.planned("FR2") == []
    assert Stop.from_wire({"id": "x", "status": "planned"}) is None  # no unit, no point


def test_an_emergency_puts_the_visit_back():
    rounds = VisitRounds(random.Random(4), miss_share=0.0)
    rounds.put(_visit(0, T0))
    assert rounds.step("FR1", *HOMES[2], T0).visit_id == "v0"
    rounds.interrupt("FR1")
    assert rounds.current("FR1") is None and [s.visit_id for s in rounds.planned("FR1")] == ["v0"]
    with pytest.raises(ValueError):
        VisitRounds(random.Random(5), miss_share=1.5)
