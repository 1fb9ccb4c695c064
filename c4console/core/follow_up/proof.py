"""Patrol visits proven by GPS: a streaming detector fed unit positions (pure).

:class:`VisitProof` watches the planned visits of each unit. A visit is proven when its
unit's positions stay within the visit's radius of the place for at least its dwell time:
consecutive fixes inside, none outside in between, none further apart than the dwell
itself (a unit silent for an hour has not proven it stayed). A drive-by — a few fixes
inside spanning less than the dwell — proves nothing. One stay proves one visit of each
plan: when a unit stays where it has several visits of her plan watched (today's, and one
missed yesterday), the one due nearest the stay is proven and the others wait for another
stay (the unit leaves and comes back), so a stop is never counted twice for her. (Visits of
different women at the same place — one building — are each proven by that stay.)

Cost per position: one grid-cell look-up (:mod:`c4console.core.cases.grid`, cells of
about 110 m) among that unit's watched visits, and a distance only for the visits whose
circle reaches that cell; a unit with no planned visit costs one dict miss. Fixes older
than the unit's last one are ignored (buffered positions say nothing of a stay now).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from c4console.core.cases.grid import Cell, cell_of, cells_around
from c4console.core.follow_up.records import PLANNED, PatrolVisit
from c4console.core.geo import haversine_m

# A visit may be proven from this long before it is due (a patrol a little early counts).
EARLY_S = 2 * 3600.0


@dataclass(slots=True)
class _Watch:
    visit_id: str
    plan_id: str
    unit_id: str
    lat: float
    lon: float
    radius_m: float
    dwell_s: float
    opens_at: float
    cells: tuple[Cell, ...]
    entered_at: float | None = None  # first fix of the current stay inside
    last_inside: float | None = None
    spent: bool = False  # this stay proved another visit here: wait for the unit to leave


@dataclass(frozen=True, slots=True)
class ProvenVisit:
    """A visit the detector found made: which, by which unit, when the dwell was reached,
    and the stay's first fix."""

    visit_id: str
    unit_id: str
    proven_at: float
    arrived_at: float


@dataclass
class _UnitWatches:
    by_cell: dict[Cell, list[_Watch]] = field(default_factory=dict)
    inside: dict[str, _Watch] = field(default_factory=dict)
    watches: dict[str, _Watch] = field(default_factory=dict)  # visit id → its watch
    last_t: float | None = None


class VisitProof:
    """The planned visits watched per unit, and each unit's stay at them."""

    def __init__(self) -> None:
        self._units: dict[str, _UnitWatches] = {}
        self._watches: dict[str, _Watch] = {}
        self._versions: dict[str, float] = {}

    def __len__(self) -> int:
        return len(self._watches)

    def version(self, visit_id: str) -> float | None:
        """The ``updated_at`` of the visit as watched (None: not watched)."""
        return self._versions.get(visit_id)

    def watched_of(self, unit_id: str) -> list[str]:
        """The visit ids watched for that unit."""
        unit = self._units.get(unit_id)
        return list(unit.watches) if unit is not None else []

    def put(self, visit: PatrolVisit) -> None:
        """Watch a planned visit (or stop watching one that is no longer planned); a visit
        moved to another unit or place starts over."""
        old = self._watches.get(visit.id)
        if old is not None and (old.unit_id, old.lat, old.lon, old.radius_m) == (
                visit.unit_id, visit.lat, visit.lon, visit.radius_m) and visit.status == PLANNED:
            old.dwell_s, old.opens_at = visit.dwell_s, visit.due_at - EARLY_S
            self._versions[visit.id] = visit.updated_at
            return
        self.remove(visit.id)
        if visit.status != PLANNED or not visit.unit_id:
            return
        w = _Watch(visit.id, visit.plan_id, visit.unit_id, visit.lat, visit.lon, visit.radius_m,
                   visit.dwell_s, visit.due_at - EARLY_S,
                   tuple(cells_around(visit.lat, visit.lon, visit.radius_m)))
        self._watches[visit.id] = w
        self._versions[visit.id] = visit.updated_at
        unit = self._units.setdefault(visit.unit_id, _UnitWatches())
        unit.watches[visit.id] = w
        for c in w.cells:
            unit.by_cell.setdefault(c, []).append(w)

    def put_many(self, visits: Iterable[PatrolVisit]) -> None:
        """:meth:`put` each visit."""
        for v in visits:
            self.put(v)

    def remove(self, visit_id: str) -> None:
        """Stop watching a visit (proven, recorded by hand, cancelled)."""
        w = self._watches.pop(visit_id, None)
        self._versions.pop(visit_id, None)
        if w is None:
            return
        unit = self._units.get(w.unit_id)
        if unit is None:
            return
        for c in w.cells:
            bucket = unit.by_cell.get(c)
            if bucket is not None:
                bucket[:] = [x for x in bucket if x is not w]
                if not bucket:
                    del unit.by_cell[c]
        unit.inside.pop(visit_id, None)
        unit.watches.pop(visit_id, None)
        if not unit.watches:
            del self._units[w.unit_id]

    def feed(self, unit_id: str, lat: float, lon: float, t: float) -> list[ProvenVisit]:
        """One position of a unit; the visits it proves (each proven once: it is then no
        longer watched)."""
        unit = self._units.get(unit_id)
        if unit is None:
            return []
        if unit.last_t is not None and t <= unit.last_t:
            return []
        unit.last_t = t
        near = unit.by_cell.get(cell_of(lat, lon), ())
        now_inside: dict[str, _Watch] = {}
        for w in near:
            if t >= w.opens_at and haversine_m(lat, lon, w.lat, w.lon) <= w.radius_m:
                now_inside[w.visit_id] = w
        for vid, w in unit.inside.items():
            if vid not in now_inside:
                w.entered_at = w.last_inside = None  # left: a later stay starts over
                w.spent = False
        reached: list[_Watch] = []
        for w in now_inside.values():
            if w.entered_at is None or w.last_inside is None or t - w.last_inside > w.dwell_s:
                w.entered_at = t
                w.spent = False
            w.last_inside = t
            if not w.spent and t - w.entered_at >= w.dwell_s:
                reached.append(w)
        unit.inside = now_inside
        proven = [ProvenVisit(w.visit_id, unit_id, t, w.entered_at or t)
                  for w in _one_per_plan_and_place(reached, t)]
        for p in proven:
            self.remove(p.visit_id)
        for w in reached:  # the others this stay reached: not by the same stay
            if w.visit_id in self._watches:
                w.spent = True
        return proven


def _one_per_plan_and_place(reached: list[_Watch], t: float) -> list[_Watch]:
    """Of the visits one stay reached, the one due nearest ``t`` of each plan at each place."""
    best: dict[tuple[str, float, float], _Watch] = {}
    for w in reached:
        key = (w.plan_id, round(w.lat, 5), round(w.lon, 5))
        due = w.opens_at + EARLY_S
        other = best.get(key)
        if other is None or abs(due - t) < abs(other.opens_at + EARLY_S - t):
            best[key] = w
    return list(best.values())
