"""The ``exclusion_order`` feed record: the exclusion zones of one protection order, the
distance the aggressor must keep from her, and the trackers involved (pure).

One record per protection order of her case (id chosen by the console, e.g.
``zones-<case>-<order number>``). Zones are circles (centre, radius) or polygons
(corners as ``[lat, lon]``, not closed). Times are UTC epoch seconds.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, replace
from typing import Any

from c4console.core.wire import _Wire, as_lists

CIRCLE = "circle"
POLYGON = "polygon"
DEFAULT_RADIUS_M = 500.0
MIN_RADIUS_M = 50.0
MAX_RADIUS_M = 10_000.0
MAX_POLYGON_POINTS = 200
MAX_ZONES = 20
MAX_KEEP_AWAY_M = 10_000.0
# Her live position counts for the distance rule only this fresh (seconds).
VICTIM_FRESH_S = 300.0
# Leaving and coming back within this many seconds is the same breach.
REENTRY_WINDOW_S = 600.0
# Device kind of an aggressor's tracker (ankle or wrist).
AGGRESSOR_KIND = "aggressor"



@dataclass(frozen=True, slots=True)
class Zone(_Wire):
    """One exclusion zone: her home, work, her children's school…

    ``lat``/``lon`` is a circle's centre or a polygon's label point (mean of its corners);
    ``place`` the kind of her case address it was drawn around (home/work/school/other);
    ``traccar_geofence_id`` the same zone as a Traccar geofence (its enter/exit events
    count like a position inside or outside)."""

    id: str
    kind: str
    lat: float
    lon: float
    radius_m: float = DEFAULT_RADIUS_M
    points: tuple[tuple[float, float], ...] = ()
    label: str = ""
    place: str = ""
    traccar_geofence_id: str = ""

    def _coerce(self) -> Zone:
        return replace(self, lat=float(self.lat), lon=float(self.lon), radius_m=float(self.radius_m),
                       points=tuple((float(p[0]), float(p[1])) for p in self.points or ()))

    def to_wire(self) -> dict[str, Any]:
        """Plain dict for JSON (corners as lists)."""
        return as_lists(asdict(self))


@dataclass(frozen=True, slots=True)
class ExclusionOrder(_Wire):
    """The zones and keep-away distance of one protection order, and who they involve.

    ``victim_device_ids`` are her panic devices (her live position for the distance rule),
    ``aggressor_device_ids`` his trackers (kind ``aggressor``). ``keep_away_m`` 0: no
    distance rule. ``active`` False: lifted (nothing is watched, the record stays)."""

    id: str
    case_id: str
    order_number: str
    beneficiary_id: str | None = None
    victim_device_ids: tuple[str, ...] = ()
    aggressor_device_ids: tuple[str, ...] = ()
    keep_away_m: float = 0.0
    zones: tuple[Zone, ...] = ()
    active: bool = True
    updated_at: float = 0.0
    updated_by: str = ""

    def _coerce(self) -> ExclusionOrder:
        return replace(
            self, victim_device_ids=tuple(self.victim_device_ids),
            aggressor_device_ids=tuple(self.aggressor_device_ids),
            keep_away_m=float(self.keep_away_m or 0.0),
            zones=tuple(z if isinstance(z, Zone) else Zone.from_wire(z) for z in self.zones or ()))

    def to_wire(self) -> dict[str, Any]:
        """Plain dict for JSON (lists for tuples, zones as dicts)."""
        return as_lists(asdict(self))

    def zone(self, zone_id: str) -> Zone | None:
        """The zone with that id, None if the order has none."""
        return next((z for z in self.zones if z.id == zone_id), None)
