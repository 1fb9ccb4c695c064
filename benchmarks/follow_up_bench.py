"""Patrol visits proven by GPS: 2,000 units reporting at 1 Hz against 5,000 active plans
(issue 13; target ≤ 10 % of one core at the central).

Two parts, each beside its floor in the same run:

- ``detection``: the pure detector (core/follow_up/proof.py) watching 5,000 planned visits
  (one per active plan, the next due) spread over Mexicali and assigned to 2,000 units;
  every unit drives (about 10 m/s) except one in ten, parked at its first visit's door
  (those visits are proven during the run). Each 1 Hz tick feeds the 2,000 positions.
  Reported: CPU time per tick and its share of one core at 1 Hz, per position p50/p99, the
  visits proven; the floor is the same loop doing only the grid-cell look-up.
- ``ingest``: the same units' positions through the central's write path
  (``Service.ingest``: device and unit update, the planned visits' version check, the
  detector, a proven visit's record and timeline entry), in process on SQLite, beside the
  raw position ingest of as many plain trackers (kind ``unit`` without a unit: the device
  row only) and of as many units with no planned visit (the unit's own path without the
  follow-up) in the same database. Reported: positions per second of each over the steady
  rounds, after a first round that warms up (the detector reading its planned visits).

``run(app)`` ignores ``app``. Standalone: ``python -m benchmarks.follow_up_bench``.
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
from c4console.core.cases.grid import cell_of
from c4console.core.enums import UnitStatus
from c4console.core.follow_up.proof import VisitProof
from c4console.core.follow_up.records import PatrolVisit
from c4console.core.models import Device, Unit
from c4console.resources import load_catalogue

UNITS = 2000
PLANS = 5000
TICKS = 20
INGEST_ROUNDS = 3
PARKED_EVERY = 10  # one unit in ten waits at its first visit's door
TARGET_CORE_SHARE = 0.10
LAT0, LON0, SPAN = 32.56, -115.58, 0.16  # Mexicali's urban area, about 18 × 15 km
M_PER_DEG = 111_195.0


def _visits(rng: random.Random, due: float) -> list[PatrolVisit]:
    return [PatrolVisit(id=f"v{n}", plan_id=f"p{n}", case_id=f"c{n}", unit_id=f"u{n % UNITS}",
                        due_at=due, lat=LAT0 + rng.random() * SPAN, lon=LON0 + rng.random() * SPAN,
                        updated_at=1.0) for n in range(PLANS)]


def _drivers(rng: random.Random, visits: list[PatrolVisit]) -> list[list[float]]:
    out = []
    for n in range(UNITS):
        if n % PARKED_EVERY == 0:  # parked 30 m from the door of its first visit
            v = visits[n]
            out.append([v.lat + 30 / M_PER_DEG, v.lon, 0.0])
        else:
            out.append([LAT0 + rng.random() * SPAN, LON0 + rng.random() * SPAN, 10.0])
    return out


def _step(drivers: list[list[float]], rng: random.Random) -> None:
    for d in drivers:
        if d[2]:
            a = rng.random() * 2 * math.pi
            d[0] += math.sin(a) * d[2] / M_PER_DEG
            d[1] += math.cos(a) * d[2] / M_PER_DEG


def detection() -> dict[str, Any]:
    """The detector's CPU cost per 1 Hz tick of 2,000 units against 5,000 planned visits."""
    rng = random.Random(13)
    visits = _visits(rng, due=0.0)
    proof = VisitProof()
    t0 = time.perf_counter()
    proof.put_many(visits)
    build_s = time.perf_counter() - t0
    drivers = _drivers(rng, visits)
    per_position: list[float] = []
    tick_cpu: list[float] = []
    floor_cpu: list[float] = []
    proven = 0
    for tick in range(TICKS * 10):  # 200 s: the parked units pass the 120 s dwell
        _step(drivers, rng)
        measured = tick % 10 == 0 or tick >= TICKS * 10 - TICKS
        c0 = time.thread_time()
        for n, (lat, lon, _) in enumerate(drivers):
            p0 = time.perf_counter() if measured else 0.0
            proven += len(proof.feed(f"u{n}", lat, lon, float(tick)))
            if measured:
                per_position.append(time.perf_counter() - p0)
        if measured:
            tick_cpu.append(time.thread_time() - c0)
            c0 = time.thread_time()
            units = proof._units  # the floor: the unit's look-up and its cell, nothing else
            for n, (lat, lon, _) in enumerate(drivers):
                u = units.get(f"u{n}")
                if u is not None:
                    u.by_cell.get(cell_of(lat, lon))
            floor_cpu.append(time.thread_time() - c0)
    tick_sorted = sorted(tick_cpu)
    share = tick_sorted[len(tick_sorted) // 2] / 1.0  # CPU seconds per 1 s tick
    return {
        "units": UNITS, "planned_visits": PLANS, "ticks_measured": len(tick_cpu),
        "index_build_ms": round(build_s * 1000, 1),
        "tick_cpu_ms_p50": round(tick_sorted[len(tick_sorted) // 2] * 1000, 2),
        "tick_cpu_ms_max": round(tick_sorted[-1] * 1000, 2),
        "core_share_at_1hz": round(share, 4), "target_core_share": TARGET_CORE_SHARE,
        "meets_target": share <= TARGET_CORE_SHARE,
        "per_position_ms": summary_ms(per_position),
        "floor_cell_lookup_tick_cpu_ms_p50": round(sorted(floor_cpu)[len(floor_cpu) // 2] * 1000, 3),
        "visits_proven": proven, "units_parked": UNITS // PARKED_EVERY,
    }


async def _ingest(folder: Path) -> dict[str, Any]:
    engine = open_database(f"sqlite:///{folder / 'central.sqlite'}")
    service = Service(engine, load_catalogue())
    rng = random.Random(29)
    start = time.time() - 60.0
    visits = _visits(rng, due=start)
    try:
        def seed(tx) -> None:
            for n in range(UNITS):
                tx.put(Unit(f"u{n}", f"U-{n}", UnitStatus.AVAILABLE, device_id=f"trk{n}",
                            kind="fuerza_rosa"))
                tx.put(Device(f"trk{n}", "unit", unit_id=f"u{n}"))
                tx.put(Device(f"raw{n}", "unit"))
                # The same units' path without follow-up: a unit with no planned visit.
                tx.put(Unit(f"plain-u{n}", f"G-{n}", UnitStatus.AVAILABLE, device_id=f"plain{n}"))
                tx.put(Device(f"plain{n}", "unit", unit_id=f"plain-u{n}"))
            for v in visits:
                tx.put(v)
        await service.write(seed)
        drivers = _drivers(rng, visits)

        async def one_round(prefix: str, r: int) -> None:
            _step(drivers, rng)
            await asyncio.gather(*(service.ingest(PositionReport(
                f"{prefix}{n}", d[0], d[1], start + r * 0.1 + 0.05 * (prefix != "raw")))
                for n, d in enumerate(drivers)))

        async def rounds(prefix: str) -> tuple[float, float]:
            # The first round warms up (for the units with visits: the detector reads and
            # indexes their 5,000 planned visits); the steady rounds are what 1 Hz needs.
            t0 = time.perf_counter()
            await one_round(prefix, 0)
            first = UNITS / (time.perf_counter() - t0)
            t0 = time.perf_counter()
            for r in range(1, INGEST_ROUNDS + 1):
                await one_round(prefix, r)
            return UNITS * INGEST_ROUNDS / (time.perf_counter() - t0), first

        raw, _ = await rounds("raw")
        plain, _ = await rounds("plain")
        with_proof, first_round = await rounds("trk")
        return {"database": "sqlite", "positions": UNITS * INGEST_ROUNDS,
                "planned_visits": PLANS, "watched_visits": len(service.visits.proof),
                "raw_positions_per_s": round(raw), "unit_positions_per_s": round(plain),
                "unit_positions_with_proof_per_s": round(with_proof),
                "first_round_with_proof_per_s": round(first_round),
                "ratio_to_raw": round(with_proof / raw, 3),
                "ratio_to_units_without_visits": round(with_proof / plain, 3),
                "needed_per_s": UNITS, "keeps_up_at_1hz": with_proof >= UNITS}
    finally:
        service.close()
        engine.dispose()


def run(app: object = None) -> dict[str, Any]:
    """Both parts (see the module docstring)."""
    with tempfile.TemporaryDirectory(prefix="c4-follow-up-") as tmp:
        ingest = asyncio.run(_ingest(Path(tmp)))
    return {"detection": detection(), "ingest": ingest}


if __name__ == "__main__":
    import json

    print(json.dumps(run(), indent=2))
