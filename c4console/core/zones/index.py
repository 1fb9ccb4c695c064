"""A grid index over every exclusion zone, so one position is tested only against the
zones near it (pure).

The plane is cut into cells of ``cell_deg`` degrees (0.01° ≈ 1.1 km of latitude); each
zone is listed in every cell its bounding box touches (a 10 km circle: about 20 × 20
cells). A query looks up one cell and tests the zones listed there that belong to an order
watching that tracker: a circle by distance in the local projection, a polygon by its
bounding box then ray casting. With 5,000 zones over a city a cell lists a handful.
"""

from __future__ import annotations

import math
from collections.abc import Iterator
from dataclasses import dataclass

from c4console.core.zones.geometry import M_PER_DEG, bbox, point_in_polygon
from c4console.core.zones.records import CIRCLE, ExclusionOrder, Zone

DEFAULT_CELL_DEG = 0.01


@dataclass(frozen=True, slots=True)
class _Entry:
    order_id: str
    zone: Zone
    aggressors: frozenset[str]
    box: tuple[float, float, float, float]  # min lat, min lon, max lat, max lon
    # A circle: centre, radius² in m², metres per degree of longitude at the centre.
    r2: float
    m_per_deg_lon: float

    def contains(self, lat: float, lon: float) -> bool:
        z = self.zone
        if z.kind == CIRCLE:
            dy = (lat - z.lat) * M_PER_DEG
            dx = (lon - z.lon) * self.m_per_deg_lon
            return dx * dx + dy * dy <= self.r2
        lat0, lon0, lat1, lon1 = self.box
        return lat0 <= lat <= lat1 and lon0 <= lon <= lon1 and point_in_polygon(lat, lon, z.points)


class ZoneIndex:
    """Every active order's zones in a grid; updated one order at a time."""

    def __init__(self, cell_deg: float = DEFAULT_CELL_DEG) -> None:
        self.cell_deg = cell_deg
        self._cells: dict[tuple[int, int], list[_Entry]] = {}
        # order id → (version, cells it is listed in, its entries, the order as indexed)
        self._orders: dict[str, tuple[float, list[tuple[int, int]], list[_Entry], ExclusionOrder]] = {}

    def __len__(self) -> int:
        """How many zones are indexed."""
        return sum(len(known[2]) for known in self._orders.values())

    def version(self, order_id: str) -> float | None:
        """The ``updated_at`` of the order as indexed, None if it is not."""
        known = self._orders.get(order_id)
        return known[0] if known else None

    def order(self, order_id: str) -> ExclusionOrder | None:
        """The order as indexed (None if it is not)."""
        known = self._orders.get(order_id)
        return known[3] if known else None

    def sync(self, order: ExclusionOrder) -> None:
        """Index the order as it is now, unless this version is indexed already."""
        if self.version(order.id) != order.updated_at:
            self.put(order)

    def put(self, order: ExclusionOrder) -> None:
        """Index (or re-index) one order's zones; a lifted order's are removed."""
        self.remove(order.id)
        if not order.active or not order.aggressor_device_ids:
            self._orders[order.id] = (order.updated_at, [], [], order)
            return
        aggressors = frozenset(order.aggressor_device_ids)
        cells: list[tuple[int, int]] = []
        entries: list[_Entry] = []
        for zone in order.zones:
            entry = _entry(order.id, zone, aggressors)
            entries.append(entry)
            for cell in self._cells_of(entry.box):
                self._cells.setdefault(cell, []).append(entry)
                cells.append(cell)
        self._orders[order.id] = (order.updated_at, cells, entries, order)

    def remove(self, order_id: str) -> None:
        """Take an order's zones out of the index."""
        known = self._orders.pop(order_id, None)
        if known is None:
            return
        for cell in set(known[1]):
            kept = [e for e in self._cells.get(cell, ()) if e.order_id != order_id]
            if kept:
                self._cells[cell] = kept
            else:
                self._cells.pop(cell, None)

    def zones_at(self, lat: float, lon: float, device_id: str) -> list[tuple[str, Zone]]:
        """(order id, zone) of every zone holding (lat, lon) whose order watches ``device_id``."""
        entries = self._cells.get((math.floor(lat / self.cell_deg), math.floor(lon / self.cell_deg)))
        if not entries:
            return []
        return [(e.order_id, e.zone) for e in entries
                if device_id in e.aggressors and e.contains(lat, lon)]

    def _cells_of(self, box: tuple[float, float, float, float]) -> Iterator[tuple[int, int]]:
        c = self.cell_deg
        for i in range(math.floor(box[0] / c), math.floor(box[2] / c) + 1):
            for j in range(math.floor(box[1] / c), math.floor(box[3] / c) + 1):
                yield (i, j)


def _entry(order_id: str, zone: Zone, aggressors: frozenset[str]) -> _Entry:
    if zone.kind == CIRCLE:
        m_lon = M_PER_DEG * max(math.cos(math.radians(zone.lat)), 1e-6)
        dlat, dlon = zone.radius_m / M_PER_DEG, zone.radius_m / m_lon
        box = (zone.lat - dlat, zone.lon - dlon, zone.lat + dlat, zone.lon + dlon)
        return _Entry(order_id, zone, aggressors, box, zone.radius_m ** 2, m_lon)
    return _Entry(order_id, zone, aggressors, bbox(zone.points), 0.0, 0.0)
