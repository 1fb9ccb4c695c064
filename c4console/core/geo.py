"""Geometry on the earth's surface: distances and which sector holds a point."""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

EARTH_RADIUS_M = 6_371_008.8


def haversine_m(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance in metres between two WGS84 points."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp = p2 - p1
    dl = math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * EARTH_RADIUS_M * math.asin(min(1.0, math.sqrt(a)))


def valid_position(lat: float, lon: float) -> bool:
    """True for a finite WGS84 latitude/longitude pair."""
    return (
        math.isfinite(lat) and math.isfinite(lon) and -90.0 <= lat <= 90.0 and -180.0 <= lon <= 180.0
    )


def _inside(lon: float, lat: float, ring: Sequence[Sequence[float]]) -> bool:
    # Ray casting; rings are GeoJSON order (lon, lat).
    inside = False
    j = len(ring) - 1
    for i in range(len(ring)):
        xi, yi = ring[i][0], ring[i][1]
        xj, yj = ring[j][0], ring[j][1]
        if (yi > lat) != (yj > lat) and lon < (xj - xi) * (lat - yi) / (yj - yi) + xi:
            inside = not inside
        j = i
    return inside


@dataclass(frozen=True, slots=True)
class Cuadrante:
    """A patrol area: sector code, cuadrante code, colonia name and its outline."""

    sector: str
    cuadrante: str
    colonia: str
    rings: tuple[tuple[tuple[float, float], ...], ...]

    def contains(self, lat: float, lon: float) -> bool:
        """True if the point is inside the outer ring and outside any hole."""
        if not _inside(lon, lat, self.rings[0]):
            return False
        return not any(_inside(lon, lat, hole) for hole in self.rings[1:])


@dataclass(frozen=True, slots=True)
class Jurisdiction:
    """The cuadrantes of a C4's jurisdiction, parsed from a GeoJSON FeatureCollection."""

    cuadrantes: tuple[Cuadrante, ...]

    @classmethod
    def from_geojson(cls, collection: Mapping) -> Jurisdiction:
        """Build from a FeatureCollection whose polygons carry sector/cuadrante/colonia."""
        out = []
        for n, feature in enumerate(collection.get("features", [])):
            props = feature.get("properties") or {}
            geom = feature.get("geometry") or {}
            if geom.get("type") != "Polygon":
                raise ValueError(f"feature {n}: geometry {geom.get('type')!r} is not a Polygon")
            try:
                sector, cuad = str(props["sector"]), str(props["cuadrante"])
            except KeyError as missing:
                raise ValueError(f"feature {n}: property {missing} missing") from None
            rings = tuple(tuple((float(x), float(y)) for x, y, *_ in ring) for ring in geom["coordinates"])
            out.append(Cuadrante(sector, cuad, str(props.get("colonia", "")), rings))
        return cls(tuple(out))

    def locate(self, lat: float, lon: float) -> Cuadrante | None:
        """The cuadrante holding the point, or None outside the jurisdiction."""
        for c in self.cuadrantes:
            if c.contains(lat, lon):
                return c
        return None

    def sectors(self) -> list[str]:
        """Sector codes, sorted."""
        return sorted({c.sector for c in self.cuadrantes})

    def bounds(self) -> tuple[float, float, float, float]:
        """(south, west, north, east) of the whole jurisdiction."""
        pts: Iterable[tuple[float, float]] = (p for c in self.cuadrantes for p in c.rings[0])
        lons, lats = zip(*pts, strict=True)
        return min(lats), min(lons), max(lats), max(lons)
