"""Patrol movement maths (pure: no I/O, no clock; time comes in as ``dt_s``).

A :class:`PatrolMotion` is one patrol's position and intent: *wander* its sector
from waypoint to waypoint (pausing now and then, as a patrol on a round does),
*drive* straight to a point, or *hold* where it is. :meth:`PatrolMotion.advance`
moves it by the simulated time that passed and returns the fix to report.
Straight lines are good enough: the demo has no street graph.
"""

from __future__ import annotations

import math
import random
from collections.abc import Sequence
from dataclasses import dataclass
from enum import StrEnum

from c4console.core.geo import EARTH_RADIUS_M, Cuadrante, haversine_m

WANDER_KMH = 30.0
RESPONSE_KMH = 50.0
SEGMENT_PROBE_M = 50.0  # how finely a wander leg is checked to stay inside the sector
PAUSE_CHANCE = 0.3  # at a waypoint, how often the crew stops for a while
PAUSE_S = (10.0, 60.0)
WAYPOINT_TRIES = 30


def destination(lat: float, lon: float, bearing_deg: float, distance_m: float) -> tuple[float, float]:
    """The point ``distance_m`` from (lat, lon) along the initial bearing (great circle)."""
    d = distance_m / EARTH_RADIUS_M
    b = math.radians(bearing_deg)
    p1, l1 = math.radians(lat), math.radians(lon)
    p2 = math.asin(math.sin(p1) * math.cos(d) + math.cos(p1) * math.sin(d) * math.cos(b))
    l2 = l1 + math.atan2(math.sin(b) * math.sin(d) * math.cos(p1), math.cos(d) - math.sin(p1) * math.sin(p2))
    return math.degrees(p2), math.degrees(l2)


def initial_bearing(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Bearing in degrees (0 = north, clockwise) from the first point towards the second."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dl = math.radians(lon2 - lon1)
    y = math.sin(dl) * math.cos(p2)
    x = math.cos(p1) * math.sin(p2) - math.sin(p1) * math.cos(p2) * math.cos(dl)
    return math.degrees(math.atan2(y, x)) % 360.0


def step_toward(lat: float, lon: float, target_lat: float, target_lon: float,
                max_m: float) -> tuple[float, float, bool]:
    """Move at most ``max_m`` towards the target; returns (lat, lon, arrived)."""
    if haversine_m(lat, lon, target_lat, target_lon) <= max_m:
        return target_lat, target_lon, True
    bearing = initial_bearing(lat, lon, target_lat, target_lon)
    new_lat, new_lon = destination(lat, lon, bearing, max_m)
    return new_lat, new_lon, False


class Area:
    """A sector: the union of its cuadrantes, for inside tests and random points."""

    def __init__(self, cuadrantes: Sequence[Cuadrante]) -> None:
        if not cuadrantes:
            raise ValueError("an area needs at least one cuadrante")
        self.cuadrantes = tuple(cuadrantes)
        lons = [p[0] for c in self.cuadrantes for p in c.rings[0]]
        lats = [p[1] for c in self.cuadrantes for p in c.rings[0]]
        self.south, self.west, self.north, self.east = min(lats), min(lons), max(lats), max(lons)

    def contains(self, lat: float, lon: float) -> bool:
        """True if the point is in one of the cuadrantes."""
        return any(c.contains(lat, lon) for c in self.cuadrantes)

    def random_point(self, rng: random.Random) -> tuple[float, float]:
        """A uniformly random point inside the area."""
        while True:  # rejection sampling: the cuadrantes fill most of their bounding box
            lat = rng.uniform(self.south, self.north)
            lon = rng.uniform(self.west, self.east)
            if self.contains(lat, lon):
                return lat, lon

    def segment_inside(self, a: tuple[float, float], b: tuple[float, float],
                       probe_m: float = SEGMENT_PROBE_M) -> bool:
        """True if points every ``probe_m`` along the straight leg a→b are all inside."""
        n = max(1, math.ceil(haversine_m(*a, *b) / probe_m))
        return all(self.contains(a[0] + (b[0] - a[0]) * i / n, a[1] + (b[1] - a[1]) * i / n)
                   for i in range(n + 1))


class Mode(StrEnum):
    """What a patrol is doing with its wheels."""

    WANDER = "wander"
    DRIVE = "drive"
    HOLD = "hold"


@dataclass(frozen=True, slots=True)
class Fix:
    """A position report: where, how fast (km/h of simulated time) and which way."""

    lat: float
    lon: float
    speed_kmh: float
    bearing: float


class PatrolMotion:
    """One patrol's position and intent; see the module docstring."""

    def __init__(self, lat: float, lon: float, area: Area, rng: random.Random) -> None:
        self.lat, self.lon = lat, lon
        self.area = area
        self.rng = rng
        self.mode = Mode.WANDER
        self.target: tuple[float, float] | None = None
        self.bearing = 0.0
        self.pause_s = 0.0
        self.arrived = False

    def drive_to(self, lat: float, lon: float) -> None:
        """Head straight for (lat, lon) at response speed; :attr:`arrived` turns True there."""
        self.mode, self.target, self.arrived, self.pause_s = Mode.DRIVE, (lat, lon), False, 0.0

    def hold(self) -> None:
        """Stay where it is (on scene)."""
        self.mode, self.target = Mode.HOLD, None

    def wander(self) -> None:
        """Go back to patrolling the sector (first driving back into it if outside)."""
        self.mode, self.target, self.arrived = Mode.WANDER, None, False

    def advance(self, dt_s: float, speedup: float = 1.0) -> Fix:
        """Move by ``dt_s`` seconds of wall time (``× speedup`` of simulated time)."""
        sim_s = max(0.0, dt_s) * speedup
        if self.mode is Mode.HOLD:
            return self._fix(0.0)
        if self.mode is Mode.DRIVE:
            return self._drive(sim_s)
        return self._wander(sim_s)

    def _fix(self, speed_kmh: float) -> Fix:
        return Fix(self.lat, self.lon, speed_kmh, self.bearing)

    def _drive(self, sim_s: float) -> Fix:
        if self.arrived or self.target is None:
            return self._fix(0.0)
        self._head_for(self.target)
        self.lat, self.lon, self.arrived = step_toward(self.lat, self.lon, *self.target,
                                                       RESPONSE_KMH / 3.6 * sim_s)
        return self._fix(RESPONSE_KMH)

    def _wander(self, sim_s: float) -> Fix:
        if self.pause_s > 0:
            self.pause_s = max(0.0, self.pause_s - sim_s)
            return self._fix(0.0)
        inside = self.area.contains(self.lat, self.lon)
        if self.target is None:
            self.target = self._waypoint(inside)
            if self.target is None:
                return self._fix(0.0)  # no clear leg from here this time; try next tick
        self._head_for(self.target)
        lat, lon, arrived = step_toward(self.lat, self.lon, *self.target, WANDER_KMH / 3.6 * sim_s)
        if inside and not self.area.contains(lat, lon):
            # Never leave the sector on a round: drop this leg and choose another.
            self.target = None
            return self._fix(0.0)
        self.lat, self.lon = lat, lon
        if arrived:
            self.target = None
            if self.rng.random() < PAUSE_CHANCE:
                self.pause_s = self.rng.uniform(*PAUSE_S)
        return self._fix(WANDER_KMH)

    def _waypoint(self, inside: bool) -> tuple[float, float] | None:
        here = (self.lat, self.lon)
        if not inside:
            # Back from an incident in another sector: any point of its own sector will do.
            return self.area.random_point(self.rng)
        for _ in range(WAYPOINT_TRIES):
            point = self.area.random_point(self.rng)
            if self.area.segment_inside(here, point):
                return point
        return None

    def _head_for(self, target: tuple[float, float]) -> None:
        if (self.lat, self.lon) != target:
            self.bearing = initial_bearing(self.lat, self.lon, *target)
