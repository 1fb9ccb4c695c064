"""Proximity detection: 1,000 aggressor trackers against 5,000 exclusion zones at 1 Hz
(issue 17; target ≤ 10 % of one core at the central).

Two parts, each beside its floor in the same run:

- ``detection``: the pure rules (core/zones) — a :class:`ZoneIndex` of 1,000 orders × 5
  zones (her home, work and another address as 500 m circles, her children's school and a
  relative's street as polygons) spread over Mexicali, and every tracker walking; each
  1 Hz tick judges the 1,000 positions (:func:`inside` with her fresh position for the
  distance rule). Reported: CPU time per tick and its share of one core at 1 Hz, per
  position p50/p99; the floor is the same loop doing only the grid-cell look-up.
- ``ingest``: the same trackers' positions through the central's write path
  (``Service.ingest``: device update, order read, rules, records), in process on SQLite,
  beside the raw position ingest of as many plain trackers (kind ``unit`` without a unit:
  the device row only) in the same database. Reported: positions per second of each.

``run(app)`` ignores ``app``. Standalone: ``python -m benchmarks.proximity_bench``.
"""

from __future__ import annotations

import asyncio
import math
import random
import tempfile
import time
from pathlib import Path
from typing import Any

from benchmarks.stats import summary_ms
from c4console.central.db import open_database
from c4console.central.ingest import PositionReport
from c4console.central.service import Service
from c4console.core.models import Device
from c4console.core.zones.index import ZoneIndex
from c4console.core.zones.proximity import VictimFix, inside
from c4console.core.zones.records import CIRCLE, POLYGON, ExclusionOrder, Zone
from c4console.resources import load_catalogue

TRACKERS = 1000
ZONES_PER_ORDER = 5
TICKS = 20
INGEST_ROUNDS = 3
TARGET_CORE_SHARE = 0.10
LAT0, LON0, SPAN = 32.56, -115.58, 0.16  # Mexicali's urban area, about 18 × 15 km
M_PER_DEG = 111_195.0


def _orders(rng: random.Random) -> list[ExclusionOrder]:
    out = []
    for n in range(TRACKERS):
        zones = []
        for k in range(ZONES_PER_ORDER):
            lat, lon = LAT0 + rng.random() * SPAN, LON0 + rng.random() * SPAN
            if k < 3:
                zones.append(Zone(f"z{k}", CIRCLE, lat, lon, 500.0))
            else:
                d = rng.uniform(0.002, 0.006)
                ring = ((lat, lon), (lat, lon + d), (lat + d, lon + d), (lat + d * 1.3, lon + d / 2),
                        (lat + d, lon))
                zones.append(Zone(f"z{k}", POLYGON, lat + d / 2, lon + d / 2, 0.0, ring))
        out.append(ExclusionOrder(id=f"o{n}", case_id=f"c{n}", order_number=f"OP-{n}",
                                  beneficiary_id=f"B{n}", victim_device_ids=(f"her{n}",),
                                  aggressor_device_ids=(f"his{n}",), keep_away_m=300.0,
                                  zones=tuple(zones), updated_at=1.0))
    return out


def _walkers(rng: random.Random) -> list[list[float]]:
    return [[LAT0 + rng.random() * SPAN, LON0 + rng.random() * SPAN] for _ in range(TRACKERS)]


def _step(walkers: list[list[float]], rng: random.Random) -> None:
    for w in walkers:  # about 1.4 m/s, as someone walking
        a = rng.random() * 2 * math.pi
        w[0] += math.sin(a) * 1.4 / M_PER_DEG
        w[1] += math.cos(a) * 1.4 / M_PER_DEG


def detection() -> dict[str, Any]:
    """The pure rules' CPU cost per 1 Hz tick of 1,000 trackers against 5,000 zones."""
    rng = random.Random(17)
    orders = _orders(rng)
    index = ZoneIndex()
    t0 = time.perf_counter()
    for o in orders:
        index.put(o)
    build_s = time.perf_counter() - t0
    walkers = _walkers(rng)
    # Her fresh position 1.1 km away: the distance rule is computed, and not met.
    victims = [VictimFix(f"her{n}", w[0] + 0.01, w[1], 0.0) for n, w in enumerate(walkers)]
    per_position: list[float] = []
    tick_cpu: list[float] = []
    floor_cpu: list[float] = []
    hits = 0
    for _ in range(TICKS):
        _step(walkers, rng)
        c0 = time.thread_time()
        for n, (lat, lon) in enumerate(walkers):
            p0 = time.perf_counter()
            hits += bool(inside(index, orders[n], f"his{n}", lat, lon, victims[n]))
            per_position.append(time.perf_counter() - p0)
        tick_cpu.append(time.thread_time() - c0)
        c0 = time.thread_time()
        cells = index._cells  # the floor: the look-up of each position's cell, nothing else
        size = index.cell_deg
        for lat, lon in walkers:
            cells.get((math.floor(lat / size), math.floor(lon / size)))
        floor_cpu.append(time.thread_time() - c0)
    tick = sorted(tick_cpu)
    share = tick[len(tick) // 2] / 1.0  # CPU seconds per 1 s tick
    return {
        "trackers": TRACKERS, "zones": len(index), "ticks": TICKS,
        "index_build_ms": round(build_s * 1000, 1),
        "tick_cpu_ms_p50": round(tick[len(tick) // 2] * 1000, 2),
        "tick_cpu_ms_max": round(tick[-1] * 1000, 2),
        "core_share_at_1hz": round(share, 4), "target_core_share": TARGET_CORE_SHARE,
        "meets_target": share <= TARGET_CORE_SHARE,
        "per_position_ms": summary_ms(per_position),
        "floor_cell_lookup_tick_cpu_ms_p50": round(sorted(floor_cpu)[len(floor_cpu) // 2] * 1000, 3),
        "positions_inside_something": hits,
    }


async def _ingest(folder: Path) -> dict[str, Any]:
    engine = open_database(f"sqlite:///{folder / 'central.sqlite'}")
    service = Service(engine, load_catalogue())
    rng = random.Random(23)
    orders = _orders(rng)
    try:
        def seed(tx) -> None:
            for n, o in enumerate(orders):
                tx.put(o)
                tx.put(Device(f"his{n}", "aggressor", order_id=o.id))
                tx.put(Device(f"raw{n}", "unit"))
        await service.write(seed)
        walkers = _walkers(rng)
        start = time.time() - INGEST_ROUNDS * 2

        async def rounds(prefix: str) -> float:
            t0 = time.perf_counter()
            for r in range(INGEST_ROUNDS):
                _step(walkers, rng)
                await asyncio.gather(*(service.ingest(PositionReport(
                    f"{prefix}{n}", w[0], w[1], start + r + 0.5 * (prefix == "his")))
                    for n, w in enumerate(walkers)))
            return TRACKERS * INGEST_ROUNDS / (time.perf_counter() - t0)

        raw = await rounds("raw")
        aggressor = await rounds("his")
        return {"database": "sqlite", "positions": TRACKERS * INGEST_ROUNDS,
                "raw_positions_per_s": round(raw), "aggressor_positions_per_s": round(aggressor),
                "ratio": round(aggressor / raw, 3),
                "needed_per_s": TRACKERS, "keeps_up_at_1hz": aggressor >= TRACKERS}
    finally:
        service.close()
        engine.dispose()


def run(app: object = None) -> dict[str, Any]:
    """Both parts (see the module docstring)."""
    with tempfile.TemporaryDirectory(prefix="c4-proximity-") as tmp:
        ingest = asyncio.run(_ingest(Path(tmp)))
    return {"detection": detection(), "ingest": ingest}


if __name__ == "__main__":
    import json

    print(json.dumps(run(), indent=2))
