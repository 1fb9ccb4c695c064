"""Checks of exclusion zones as a supervisor gives them: clear refusals for a radius out of
50 m–10 km, a polygon that crosses itself, a bad point, a keep-away distance out of range
(pure). Each raises :class:`~c4console.core.refused.Refused` with a stable reason."""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from typing import Any

from c4console.core.geo import haversine_m, valid_position
from c4console.core.refused import Refused
from c4console.core.zones.geometry import bbox, centroid, polygon_area_m2, self_crossing
from c4console.core.zones.records import (
    CIRCLE,
    DEFAULT_RADIUS_M,
    MAX_KEEP_AWAY_M,
    MAX_POLYGON_POINTS,
    MAX_RADIUS_M,
    MIN_RADIUS_M,
    POLYGON,
    Zone,
)

MIN_AREA_M2 = 1.0  # a polygon flatter than this is a line, not a zone


def _num(value: Any, what: str) -> float:
    if isinstance(value, bool) or not isinstance(value, int | float) or not math.isfinite(value):
        raise Refused("bad_zone", f"{what} must be a number, not {value!r}")
    return float(value)


def _text(spec: Mapping[str, Any], name: str, limit: int) -> str:
    value = spec.get(name, "")
    if value is None:
        return ""
    if not isinstance(value, str) or len(value) > limit:
        raise Refused("bad_zone", f"zone field {name!r} must be a string of at most {limit} characters")
    return value.strip()


def check_radius(radius: float, name: str) -> float:
    """The radius if it is within 50 m–10 km, else refused ``radius_out_of_range``."""
    if radius < MIN_RADIUS_M:
        raise Refused("radius_out_of_range", f"zone {name}: a radius of {radius:g} m is under the "
                                             f"minimum of {MIN_RADIUS_M:g} m (a GPS fix is not that exact)")
    if radius > MAX_RADIUS_M:
        raise Refused("radius_out_of_range", f"zone {name}: a radius of {radius:g} m is over the "
                                             f"maximum of {MAX_RADIUS_M:g} m (10 km)")
    return radius


def check_keep_away(value: Any) -> float:
    """The keep-away distance from her live position: 0 (none) or 50 m–10 km."""
    if value is None:
        return 0.0
    distance = _num(value, "keep_away_m")
    if distance == 0:
        return 0.0
    if not MIN_RADIUS_M <= distance <= MAX_KEEP_AWAY_M:
        raise Refused("distance_out_of_range",
                      f"the distance to keep from her ({distance:g} m) must be 0 (none) or between "
                      f"{MIN_RADIUS_M:g} m and {MAX_KEEP_AWAY_M:g} m")
    return distance


def _point(value: Any, what: str) -> tuple[float, float]:
    if not isinstance(value, Sequence) or isinstance(value, str) or len(value) != 2:
        raise Refused("bad_zone", f"{what} must be [lat, lon]")
    lat, lon = _num(value[0], f"{what} latitude"), _num(value[1], f"{what} longitude")
    if not valid_position(lat, lon):
        raise Refused("bad_zone", f"{what} ({lat}, {lon}) is not a WGS84 position")
    return lat, lon


def check_polygon(points: Any, name: str) -> tuple[tuple[float, float], ...]:
    """The corners of a simple polygon (3–200 corners, at most 20 km across, not crossing
    itself), else refused with the reason."""
    if not isinstance(points, list) or not 3 <= len(points) <= MAX_POLYGON_POINTS:
        raise Refused("bad_zone", f"zone {name}: a polygon needs 3 to {MAX_POLYGON_POINTS} corners "
                                  "as [[lat, lon], …]")
    ring = [_point(p, f"zone {name} corner {n + 1}") for n, p in enumerate(points)]
    if len(ring) > 3 and ring[0] == ring[-1]:
        ring.pop()  # a closed ring (GeoJSON style): the last corner repeats the first
    crossing = self_crossing(ring)
    if crossing is not None:
        i, j = crossing
        raise Refused("polygon_self_intersects",
                      f"zone {name}: the polygon crosses itself (side {i + 1} and side {j + 1} "
                      "meet); draw its outline without crossing lines")
    if polygon_area_m2(ring) < MIN_AREA_M2:
        raise Refused("polygon_self_intersects", f"zone {name}: the polygon has no area")
    lat0, lon0, lat1, lon1 = bbox(ring)
    if haversine_m(lat0, lon0, lat1, lon1) > 2 * MAX_RADIUS_M:
        raise Refused("zone_too_large", f"zone {name}: the polygon is more than "
                                        f"{2 * MAX_RADIUS_M / 1000:g} km across")
    return tuple(ring)


def parse_zone(spec: Any, n: int, places: Mapping[str, tuple[float, float]]) -> Zone:
    """One zone of the command: ``kind`` circle (``lat``/``lon`` or ``place`` of one of her
    addresses with a point, ``radius_m`` default 500) or polygon (``points``)."""
    if not isinstance(spec, Mapping):
        raise Refused("bad_zone", f"zones[{n}] must be an object")
    label = _text(spec, "label", 120)
    place = _text(spec, "place", 20)
    name = repr(label) if label else f"{n + 1}"
    zone_id = _text(spec, "id", 64) or f"z{n + 1}"
    geofence = spec.get("traccar_geofence_id", "")
    if isinstance(geofence, bool) or not isinstance(geofence, int | str):
        geofence = ""
    geofence = str(geofence).strip()
    kind = spec.get("kind", CIRCLE)
    if kind == POLYGON:
        ring = check_polygon(spec.get("points"), name)
        lat, lon = centroid(ring)
        return Zone(zone_id, POLYGON, lat, lon, 0.0, ring, label, place, geofence)
    if kind != CIRCLE:
        raise Refused("bad_zone", f"zone {name}: kind must be circle or polygon, not {kind!r}")
    if spec.get("lat") is None and spec.get("lon") is None:
        if place not in places:
            known = ", ".join(sorted(places)) or "none"
            raise Refused("bad_zone", f"zone {name}: give its centre (lat, lon) or the place of one "
                                      f"of her addresses placed on the map ({known})")
        lat, lon = places[place]
    else:
        lat, lon = _point([spec.get("lat"), spec.get("lon")], f"zone {name} centre")
    radius = spec.get("radius_m")
    radius = DEFAULT_RADIUS_M if radius is None else check_radius(_num(radius, f"zone {name} radius_m"), name)
    return Zone(zone_id, CIRCLE, lat, lon, radius, (), label, place, geofence)
