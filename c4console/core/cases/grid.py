"""A fixed grid of cells on the map, so "within N metres" is a look-up in a few cells
instead of a scan of every point.

Cells are ``CELL_DEG`` degrees on a side (about 110 m north–south); a search covers
the cells of the bounding box of the radius, then checks the true distance.
"""

from __future__ import annotations

import math

from c4console.core.geo import EARTH_RADIUS_M

CELL_DEG = 0.001
Cell = tuple[int, int]
_M_PER_DEG_LAT = math.pi * EARTH_RADIUS_M / 180.0


def cell_of(lat: float, lon: float) -> Cell:
    """The cell that holds the point."""
    return (math.floor(lat / CELL_DEG), math.floor(lon / CELL_DEG))


def cell_key(cell: Cell) -> str:
    """A cell as a stored key ("i:j"): the cases' and the incidents' look-up column."""
    return f"{cell[0]}:{cell[1]}"


def cells_around(lat: float, lon: float, radius_m: float) -> list[Cell]:
    """Every cell that may hold a point within ``radius_m`` of (lat, lon)."""
    dlat = radius_m / _M_PER_DEG_LAT
    dlon = radius_m / (_M_PER_DEG_LAT * max(math.cos(math.radians(lat)), 1e-6))
    lat0, lon0 = cell_of(lat - dlat, lon - dlon)
    lat1, lon1 = cell_of(lat + dlat, lon + dlon)
    return [(i, j) for i in range(lat0, lat1 + 1) for j in range(lon0, lon1 + 1)]
