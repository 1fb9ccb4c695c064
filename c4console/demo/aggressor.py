"""The demo's aggressor: his ankle tracker drives towards her home and trips the proximity
alarm in the demo's first minute (``resources/demo/aggressors.csv``; the central's demo
seed set her order's zone and his tracker, c4console/central/demo_zones.py).

He starts ``start_distance_m`` from her home on ``start_bearing_deg``, comes in at
:data:`SPEED_MS` (a car in town) to :data:`CLOSEST_M` from her door, stays
:data:`LOITER_S`, and goes back out to where he started, where his tracker keeps reporting.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from pathlib import Path

from c4console.demo.data import DemoBeneficiary, _rows

SPEED_MS = 12.0
CLOSEST_M = 120.0
LOITER_S = 90.0
M_PER_DEG = 111_195.0


@dataclass(frozen=True, slots=True)
class DemoAggressor:
    """His tracker and the woman whose home he approaches."""

    device_id: str
    home_lat: float
    home_lon: float
    bearing_deg: float
    start_m: float


def load_aggressors(path: Path, beneficiaries: list[DemoBeneficiary]) -> list[DemoAggressor]:
    """The rows of ``aggressors.csv`` whose woman is among ``beneficiaries`` (none if the
    file is missing)."""
    if not path.is_file():
        return []
    homes = {b.beneficiary_id: (b.home_lat, b.home_lon) for b in beneficiaries}
    out = []
    for _, row in _rows(path, ("beneficiary_id", "device_id", "start_bearing_deg", "start_distance_m")):
        home = homes.get(row["beneficiary_id"])
        if home is not None and row["device_id"]:
            out.append(DemoAggressor(row["device_id"], *home, float(row["start_bearing_deg"]),
                                     float(row["start_distance_m"])))
    return out


def distance_from_home(elapsed_s: float, start_m: float) -> float:
    """How far from her home he is ``elapsed_s`` seconds (simulated) into the demo."""
    inbound = (start_m - CLOSEST_M) / SPEED_MS
    if elapsed_s <= inbound:
        return start_m - elapsed_s * SPEED_MS
    if elapsed_s <= inbound + LOITER_S:
        return CLOSEST_M
    return min(start_m, CLOSEST_M + (elapsed_s - inbound - LOITER_S) * SPEED_MS)


def position(a: DemoAggressor, elapsed_s: float) -> tuple[float, float]:
    """His position (lat, lon) ``elapsed_s`` seconds into the demo."""
    d = distance_from_home(elapsed_s, a.start_m)
    rad = math.radians(a.bearing_deg)
    return (a.home_lat + d * math.cos(rad) / M_PER_DEG,
            a.home_lon + d * math.sin(rad) / (M_PER_DEG * math.cos(math.radians(a.home_lat))))
