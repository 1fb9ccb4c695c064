"""Plane geometry for exclusion zones (pure, no shapely).

Zones are at most 10 km across, so a point is tested in a local equirectangular
projection around the zone (metres east/north of a reference point): the error of the
projection at that size is far below a tracker's GPS error. Points are ``(lat, lon)``.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

from c4console.core.geo import EARTH_RADIUS_M

Point = tuple[float, float]
M_PER_DEG = math.pi * EARTH_RADIUS_M / 180.0  # metres per degree of latitude


def to_xy(lat: float, lon: float, lat0: float, lon0: float) -> tuple[float, float]:
    """Metres east (x) and north (y) of (lat0, lon0), equirectangular at lat0."""
    return ((lon - lon0) * M_PER_DEG * math.cos(math.radians(lat0)), (lat - lat0) * M_PER_DEG)


def within_m(lat: float, lon: float, lat0: float, lon0: float, radius_m: float) -> bool:
    """True if (lat, lon) is at most ``radius_m`` from (lat0, lon0) (local projection)."""
    x, y = to_xy(lat, lon, lat0, lon0)
    return x * x + y * y <= radius_m * radius_m


def _cross(o: Point, a: Point, b: Point) -> float:
    return (a[0] - o[0]) * (b[1] - o[1]) - (a[1] - o[1]) * (b[0] - o[0])


def _sign(v: float, eps: float = 1e-12) -> int:
    return 0 if abs(v) <= eps else (1 if v > 0 else -1)


def _on_segment(p: Point, a: Point, b: Point) -> bool:
    """For p collinear with a-b: True if p lies within the segment's box."""
    return (min(a[0], b[0]) <= p[0] <= max(a[0], b[0])
            and min(a[1], b[1]) <= p[1] <= max(a[1], b[1]))


def segments_intersect(a: Point, b: Point, c: Point, d: Point) -> bool:
    """True if segment a-b and segment c-d share at least one point (touching and
    collinear overlap count)."""
    d1, d2 = _sign(_cross(c, d, a)), _sign(_cross(c, d, b))
    d3, d4 = _sign(_cross(a, b, c)), _sign(_cross(a, b, d))
    if d1 * d2 < 0 and d3 * d4 < 0:
        return True
    return ((d1 == 0 and _on_segment(a, c, d)) or (d2 == 0 and _on_segment(b, c, d))
            or (d3 == 0 and _on_segment(c, a, b)) or (d4 == 0 and _on_segment(d, a, b)))


def self_crossing(points: Sequence[Point]) -> tuple[int, int] | None:
    """The first pair of edges (by index; edge i runs from point i to point i+1, the last
    back to the first) that cross or touch other than at their shared corner, or None
    for a simple polygon. Repeated points and an edge folding back onto its neighbour
    count as crossings."""
    n = len(points)
    edges = [(points[i], points[(i + 1) % n]) for i in range(n)]
    for i in range(n):
        a, b = edges[i]
        if a == b:
            return (i, i)
        for j in range(i + 1, n):
            c, d = edges[j]
            adjacent = j == i + 1 or (i == 0 and j == n - 1)
            if adjacent:
                # Neighbours share one corner; they cross only if one folds back over the other.
                shared, other_i, other_j = (b, a, d) if j == i + 1 else (a, b, c)
                if _sign(_cross(shared, other_i, other_j)) == 0 and _folds(shared, other_i, other_j):
                    return (i, j)
                continue
            if segments_intersect(a, b, c, d):
                return (i, j)
    return None


def _folds(shared: Point, p: Point, q: Point) -> bool:
    """For collinear neighbours meeting at ``shared``: True if they go the same way (overlap)."""
    return ((p[0] - shared[0]) * (q[0] - shared[0]) + (p[1] - shared[1]) * (q[1] - shared[1])) > 0


def point_in_polygon(lat: float, lon: float, ring: Sequence[Point]) -> bool:
    """True if (lat, lon) is inside the polygon ``ring`` of (lat, lon) corners (not closed:
    the last corner joins the first) or on its boundary. Ray casting in (lon, lat)."""
    p = (lat, lon)
    n = len(ring)
    inside = False
    j = n - 1
    for i in range(n):
        a, b = ring[i], ring[j]
        if _sign(_cross(a, b, p), 1e-15) == 0 and _on_segment(p, a, b):
            return True  # on an edge: the boundary belongs to the zone
        if (a[0] > lat) != (b[0] > lat):
            cross_lon = (b[1] - a[1]) * (lat - a[0]) / (b[0] - a[0]) + a[1]
            if lon < cross_lon:
                inside = not inside
        j = i
    return inside


def polygon_area_m2(ring: Sequence[Point]) -> float:
    """The polygon's area in m² (shoelace in the local projection of its first corner)."""
    lat0, lon0 = ring[0]
    xy = [to_xy(lat, lon, lat0, lon0) for lat, lon in ring]
    s = sum(xy[i][0] * xy[(i + 1) % len(xy)][1] - xy[(i + 1) % len(xy)][0] * xy[i][1]
            for i in range(len(xy)))
    return abs(s) / 2.0


def centroid(ring: Sequence[Point]) -> Point:
    """The mean of the corners (a label point: inside any convex polygon)."""
    return (sum(p[0] for p in ring) / len(ring), sum(p[1] for p in ring) / len(ring))


def bbox(ring: Sequence[Point]) -> tuple[float, float, float, float]:
    """(min lat, min lon, max lat, max lon) of the corners."""
    lats, lons = [p[0] for p in ring], [p[1] for p in ring]
    return min(lats), min(lons), max(lats), max(lons)
