"""Fuerza Rosa rounds (pure: no I/O; the time comes in with each call).

The central plans each woman's patrol visits onto units (issue 13) and tells the simulator
through its change feed: an operator receives every ``patrol_visit`` projected to what a
crew needs — the place's point, due time, unit, status (docs/protocol.md). A
:class:`VisitRounds` keeps each unit's planned visits and, tick by tick, says what the
unit does: drive to its next visit (the earliest due, once it is due within
:attr:`lead_s`), stay there until it has been inside the radius for the dwell time plus a
margin (so the central's GPS proof, which judges by the fixes' own timestamps, sees the
whole stay), then move on. A share of visits (``miss_share``, default 15 %) is missed:
half of them the crew drives past without stopping, the other half it never goes; those
stay planned at the central and show in its overdue list.

A stay at one door also makes the unit's other planned visits whose circle holds that door
and that may be proven by then (from 2 h before due): two women living 90 m apart are
both visited by one stop, as the central's proof sees it.

What happened to each visit is kept in :attr:`VisitRounds.done` (``lingered``,
``drove_past``, ``skipped``), so a test can compare it with what the central proved.
"""

from __future__ import annotations

import random
from collections.abc import Mapping
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from c4console.core.follow_up.proof import EARLY_S
from c4console.core.geo import haversine_m
from c4console.demo.patrols import Fix, Mode, PatrolMotion

LINGERED, DROVE_PAST, SKIPPED = "lingered", "drove_past", "skipped"
MISS_SHARE = 0.15  # visits missed by default (the overdue list is never empty in the demo)
LEAD_S = 1800.0  # a crew sets off for a visit due within this long (the central counts a
#                  visit from 2 h before it is due)
MARGIN_S = 30.0  # lingering this much beyond the dwell: the central sees a full stay
ARRIVED_M = 5.0  # this close to the place the crew has arrived


class Errand(StrEnum):
    """What the crew means to do at its current visit."""

    VISIT = "visit"  # stop for the dwell time
    DRIVE_PAST = "drive_past"  # missed: drive by without stopping


@dataclass(frozen=True, slots=True)
class Stop:
    """A planned visit as the simulator sees it."""

    visit_id: str
    unit_id: str
    lat: float
    lon: float
    due_at: float
    radius_m: float
    dwell_s: float

    @classmethod
    def from_wire(cls, data: Mapping[str, Any]) -> Stop | None:
        """A planned visit from its feed record; None if it is not planned (made, recorded
        by hand) or lacks a unit or point."""
        try:
            if data.get("status") != "planned" or not data.get("unit_id"):
                return None
            return cls(str(data["id"]), str(data["unit_id"]), float(data["lat"]), float(data["lon"]),
                       float(data["due_at"]), float(data.get("radius_m") or 100.0),
                       float(data.get("dwell_s") or 120.0))
        except (KeyError, TypeError, ValueError):
            return None


@dataclass(frozen=True, slots=True)
class Order:
    """What the unit should do now: ``drive`` to (lat, lon), ``hold`` where it is, or
    ``free`` (no visit: back to its patrol)."""

    action: str
    lat: float = 0.0
    lon: float = 0.0
    visit_id: str = ""


FREE = Order("free")


@dataclass(slots=True)
class _Current:
    stop: Stop
    errand: Errand
    arrived_at: float | None = None


class VisitRounds:
    """Each unit's planned visits and its progress through them (see module docstring)."""

    def __init__(self, rng: random.Random, *, miss_share: float = MISS_SHARE,
                 lead_s: float = LEAD_S, margin_s: float = MARGIN_S) -> None:
        if not 0.0 <= miss_share <= 1.0:
            raise ValueError(f"miss_share must be within 0–1 (got {miss_share})")
        self.rng = rng
        self.miss_share = miss_share
        self.lead_s = lead_s
        self.margin_s = margin_s
        self._queue: dict[str, dict[str, Stop]] = {}  # unit → visit id → planned visit
        self._current: dict[str, _Current] = {}
        self.done: dict[str, str] = {}  # visit id → lingered | drove_past | skipped
        self._missed: dict[str, dict[str, Stop]] = {}  # unit → its visits driven past or skipped

    def put(self, data: Mapping[str, Any]) -> None:
        """A ``patrol_visit`` record from the feed: a planned visit joins its unit's queue
        (moved: it follows; one it missed and a shift lead moved is to do again); any other
        status takes it off."""
        vid = str(data.get("id", ""))
        for queue in self._queue.values():
            queue.pop(vid, None)
        stop = Stop.from_wire(data)
        for unit_id, cur in list(self._current.items()):
            if cur.stop.visit_id == vid:
                if stop == cur.stop:
                    return  # unchanged: on its way there already
                # Made, or moved to another unit, place or time: the unit chooses again
                # (a visit moved hours later would not count if it were made now).
                del self._current[unit_id]
        missed = next((pool.pop(vid) for pool in self._missed.values() if vid in pool), None)
        if missed is not None:
            if stop == missed:
                self._missed[missed.unit_id][vid] = missed  # still the visit it missed
            else:  # made since (by hand: no stop proves it now), or moved: to do again
                self.done.pop(vid, None)
        if stop is not None and stop.visit_id not in self.done:
            self._queue.setdefault(stop.unit_id, {})[stop.visit_id] = stop

    def planned(self, unit_id: str) -> list[Stop]:
        """The unit's visits still to do, earliest due first."""
        return sorted(self._queue.get(unit_id, {}).values(), key=lambda s: (s.due_at, s.visit_id))

    def current(self, unit_id: str) -> Stop | None:
        """The visit the unit is on its way to (or at)."""
        cur = self._current.get(unit_id)
        return cur.stop if cur is not None else None

    def interrupt(self, unit_id: str) -> None:
        """The unit was sent to an emergency: its current visit goes back to its queue
        (unless it was already made)."""
        cur = self._current.pop(unit_id, None)
        if cur is not None and cur.stop.visit_id not in self.done:
            self._queue.setdefault(unit_id, {})[cur.stop.visit_id] = cur.stop

    def step(self, unit_id: str, lat: float, lon: float, now: float) -> Order:
        """Where the unit (now at lat, lon) goes at time ``now`` (the fix's timestamp)."""
        cur = self._current.get(unit_id)
        if cur is not None:
            order = self._progress(unit_id, cur, lat, lon, now)
            if order is not None:
                return order
        cur = self._next(unit_id, now)
        if cur is None:
            return FREE
        return Order("drive", cur.stop.lat, cur.stop.lon, cur.stop.visit_id)

    def _progress(self, unit_id: str, cur: _Current, lat: float, lon: float, now: float
                  ) -> Order | None:
        stop = cur.stop
        if haversine_m(lat, lon, stop.lat, stop.lon) > ARRIVED_M:
            return Order("drive", stop.lat, stop.lon, stop.visit_id)
        if cur.errand is Errand.DRIVE_PAST:
            self._finish(unit_id, DROVE_PAST)
            return None
        if cur.arrived_at is None:
            cur.arrived_at = now
        if now - cur.arrived_at >= stop.dwell_s + self.margin_s:
            self._finish(unit_id, LINGERED)
            self._also_here(unit_id, stop, cur.arrived_at)
            return None
        return Order("hold", stop.lat, stop.lon, stop.visit_id)

    def _finish(self, unit_id: str, what: str) -> None:
        cur = self._current.pop(unit_id)
        self._mark(unit_id, cur.stop, what)

    def _mark(self, unit_id: str, stop: Stop, what: str) -> None:
        self.done[stop.visit_id] = what
        if what != LINGERED:
            self._missed.setdefault(unit_id, {})[stop.visit_id] = stop

    def _also_here(self, unit_id: str, stop: Stop, since: float) -> None:
        # Still planned at the central: her visits to come, and those this unit missed.
        for pool in (self._queue.get(unit_id, {}), self._missed.get(unit_id, {})):
            for other in list(pool.values()):
                if other.due_at - EARLY_S <= since and \
                        haversine_m(stop.lat, stop.lon, other.lat, other.lon) <= other.radius_m:
                    del pool[other.visit_id]
                    self.done[other.visit_id] = LINGERED

    def _next(self, unit_id: str, now: float) -> _Current | None:
        queue = self._queue.get(unit_id, {})
        while True:
            due = [s for s in queue.values() if s.due_at - self.lead_s <= now]
            if not due:
                return None
            stop = min(due, key=lambda s: (s.due_at, s.visit_id))
            del queue[stop.visit_id]
            if self.rng.random() < self.miss_share:
                if self.rng.random() < 0.5:
                    self._mark(unit_id, stop, SKIPPED)  # the crew never goes
                    continue
                errand = Errand.DRIVE_PAST
            else:
                errand = Errand.VISIT
            cur = _Current(stop, errand)
            self._current[unit_id] = cur
            return cur


def steer(motion: PatrolMotion, order: Order) -> None:
    """Point the unit's motion where the order says (nothing changes if it already goes)."""
    if order.action == "drive":
        if motion.mode is not Mode.DRIVE or motion.target != (order.lat, order.lon):
            motion.drive_to(order.lat, order.lon)
    elif order.action == "hold":
        if motion.mode is not Mode.HOLD:
            motion.hold()
    elif motion.mode is not Mode.WANDER:
        motion.wander()


def advance_on_rounds(rounds: VisitRounds, unit_id: str, motion: PatrolMotion, dt_s: float,
                      now: float, speedup: float = 1.0) -> Fix:
    """One tick of a unit on its rounds: it moves by ``dt_s`` (× ``speedup``), and what it
    does next is decided from where that fix is at ``now`` (the fix's timestamp)."""
    fix = motion.advance(dt_s, speedup)
    steer(motion, rounds.step(unit_id, fix.lat, fix.lon, now))
    return fix
