"""What keeping the observatory's counts costs a write (issue 14, migration 0025), on
SQLite and PostgreSQL (durable commits): through the central's writer, an alarm's new
incident with a point (``create_incident``, one command per transaction) and a device's
new live position on its open incident (the incident re-put with another point: its grid
cell, a counted attribute, moves) — timed with the counting triggers and without them
(dropped), in alternating rounds on the same database, medians per write.

Standalone: ``python -m benchmarks.observatory_write_bench [sqlite|postgresql ...]
[--rounds N] [--writes N]``.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import statistics
import tempfile
import time
import uuid
from pathlib import Path
from typing import Any

from benchmarks.period_report_bench import _postgres
from c4console.central.db import open_database
from c4console.central.observatory_rollup import create_triggers, drop_triggers
from c4console.central.service import Service
from c4console.resources import load_catalogue, load_jurisdiction

POINT = (32.5948, -115.4157)


async def _round(service: Service, tag: str, writes: int) -> tuple[float, float]:
    """``writes`` new incidents, then ``writes`` moves of their points: seconds per write."""
    ids = [f"{tag}-{n}" for n in range(writes)]
    t0 = time.perf_counter()
    for n, iid in enumerate(ids):
        results = await service.submit([{
            "key": str(uuid.uuid4()), "type": "create_incident", "incident_id": iid,
            "channel": "panic_button", "type_code": "30903",
            "lat": POINT[0] + n * 1e-4, "lon": POINT[1]}], actor="operadora1", role="operator")
        assert results[0].outcome == "accepted", results
    create_s = (time.perf_counter() - t0) / writes

    def move(tx: Any, iid: str, n: int) -> None:
        inc = tx.get("incident", iid)
        tx.put(inc.evolve(lat=None, lon=None, live_lat=POINT[0] - n * 1e-4, live_lon=POINT[1]))

    t0 = time.perf_counter()
    for n, iid in enumerate(ids):
        await service.write(lambda tx, iid=iid, n=n: move(tx, iid, n))
    return create_s, (time.perf_counter() - t0) / writes


def bench_db(url: str, rounds: int, writes: int) -> dict[str, Any]:
    """Alternate rounds with and without the triggers on one database."""
    engine = open_database(url)
    try:
        service = Service(engine, load_catalogue(), load_jurisdiction())
        times: dict[bool, list[tuple[float, float]]] = {True: [], False: []}
        on = True
        for r in range(rounds * 2):
            times[on].append(asyncio.run(_round(service, f"r{r}", writes)))
            on = not on
            with engine.begin() as conn:
                (create_triggers if on else drop_triggers)(conn)
        out = {}
        for kept, label in ((True, "with_counts"), (False, "without_counts")):
            out[label] = {"create_incident_ms_median": round(
                statistics.median(c for c, _ in times[kept]) * 1000, 2),
                "move_point_ms_median": round(
                statistics.median(m for _, m in times[kept]) * 1000, 2)}
        return {"rounds_each": rounds, "writes_per_round": writes, **out}
    finally:
        engine.dispose()


def run(_app: Any = None, backends: list[str] | None = None, rounds: int = 3,
        writes: int = 200) -> dict[str, Any]:
    """``{"sqlite": …, "postgresql": …}``."""
    out: dict[str, Any] = {}
    with tempfile.TemporaryDirectory(prefix="c4-observatory-write-") as folder:
        for backend in backends or ["sqlite", "postgresql"]:
            if backend == "sqlite":
                out["sqlite"] = bench_db(f"sqlite:///{Path(folder) / 'central.sqlite'}", rounds,
                                         writes)
            else:
                with _postgres() as url:
                    out["postgresql"] = bench_db(url, rounds, writes)
    return out


if __name__ == "__main__":
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("backends", nargs="*", default=["sqlite", "postgresql"])
    ap.add_argument("--rounds", type=int, default=3)
    ap.add_argument("--writes", type=int, default=200)
    a = ap.parse_args()
    print(json.dumps(run(None, a.backends, a.rounds, a.writes), indent=2))
