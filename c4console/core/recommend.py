"""Which available unit should go: ranked by estimated time of arrival.

ETA is great-circle distance at a configurable speed for now; ``Router`` is the
seam where road routing (OSRM, Valhalla) plugs in later.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Protocol

from c4console.core.enums import UnitStatus
from c4console.core.geo import haversine_m
from c4console.core.models import Unit

DEFAULT_SPEED_KMH = 40.0


class Router(Protocol):
    """Estimates a drive between two points."""

    def eta(self, from_lat: float, from_lon: float, to_lat: float, to_lon: float
            ) -> tuple[float, float]:
        """(distance in metres, seconds)."""
        ...


@dataclass(frozen=True)
class GreatCircleRouter:
    """Straight-line distance at a constant speed."""

    speed_kmh: float = DEFAULT_SPEED_KMH

    def eta(self, from_lat: float, from_lon: float, to_lat: float, to_lon: float
            ) -> tuple[float, float]:
        """(distance in metres, seconds) along the great circle."""
        d = haversine_m(from_lat, from_lon, to_lat, to_lon)
        return d, d / (self.speed_kmh / 3.6)


@dataclass(frozen=True, slots=True)
class Recommendation:
    """A candidate unit with its distance and ETA to the scene."""

    unit: Unit
    distance_m: float
    eta_s: float


def rank_units(units: Iterable[Unit], lat: float, lon: float,
               router: Router | None = None) -> list[Recommendation]:
    """Available units with a known position, nearest ETA first (ties by callsign)."""
    router = router or GreatCircleRouter()
    out = []
    for u in units:
        if u.status is not UnitStatus.AVAILABLE or u.lat is None or u.lon is None:
            continue
        d, eta = router.eta(u.lat, u.lon, lat, lon)
        out.append(Recommendation(u, d, eta))
    out.sort(key=lambda r: (r.eta_s, r.unit.callsign))
    return out
