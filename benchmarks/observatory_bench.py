"""The observatory's choropleth for a year of a large C4 (issue 14; target ≤ 300 ms), on
SQLite and PostgreSQL: 200,000 incidents by default (``--scale`` multiplies them), from
the period report bench's generator (benchmarks/period_report_bench.py) with each
incident placed at a random point of the demo jurisdiction (its cuadrante on the
record, as the central files it).

Each backend reports the endpoint's work for the whole year (``build_observatory``: the
one-snapshot grouped reads and the pure assembly; median of the runs) and, in the same
run, the raw ``GROUP BY cuadrante`` over the year — what the database alone needs for
the choropleth's counts: on the stored column, and on the JSON snapshot (the read before
migration 0024). The year is read from the counts kept ahead of time (migration 0025);
timed beside it, in the same run, the same answer from the incidents (the read of
migration 0024, which filtered requests still use) and that read's grouped statement
alone. Also timed: the same with a risk-level filter. PostgreSQL's
table is vacuumed after the load, as autovacuum would.

``run(app)`` ignores ``app``. Standalone:
``python -m benchmarks.observatory_bench [sqlite|postgresql ...] [--scale F] [--runs N]``.
"""

from __future__ import annotations

import random
import time
from typing import Any

from sqlalchemy import Engine, func, select

from benchmarks.period_report_bench import (
    BASE,
    TZ,
    YEAR,
    _load,
    _median,
    _rows,
    command_line,
    on_both_databases,
)
from c4console.central import schema as t
from c4console.central.db import open_database
from c4console.central.reports.observatory_reads import (
    build_observatory,
    kept_counts_answer,
    observatory_statement,
    read_observatory,
)
from c4console.core.cases.grid import cell_key, cell_of
from c4console.core.cases.records import Case, RiskAssessment
from c4console.core.geo import Jurisdiction
from c4console.core.statistics.observatory_filter import observatory_filter
from c4console.resources import load_catalogue, load_jurisdiction

TARGET_S = 0.3
LEVELS = ("bajo", "medio", "alto", "extremo")


def _point_in(jurisdiction: Jurisdiction, rng: random.Random) -> tuple[float, float, str]:
    """A random point inside a random cuadrante (rejection sampling in its box)."""
    c = rng.choice(jurisdiction.cuadrantes)
    lons, lats = zip(*c.rings[0], strict=True)
    while True:
        lat, lon = rng.uniform(min(lats), max(lats)), rng.uniform(min(lons), max(lons))
        if c.contains(lat, lon):
            return lat, lon, c.cuadrante


def place_rows(rows: dict[str, list[dict[str, Any]]], jurisdiction: Jurisdiction,
               rng: random.Random) -> None:
    """Give every incident a point, its cuadrante/sector/colonia, and every fourth case a
    risk assessment and ``incident`` keys to its episodes' incidents."""
    by_code = {c.cuadrante: c for c in jurisdiction.cuadrantes}
    for row in rows["incidents"]:
        lat, lon, code = _point_in(jurisdiction, rng)
        place = by_code[code]
        row.update(lat=lat, lon=lon, cell=cell_key(cell_of(lat, lon)), cuadrante=code)
        # A panic button's incident is her device's (the test activations among them).
        panic = row["data"]["channel"] == "panic_button"
        row["device_id"] = row["data"]["device_id"] = (
            f"D{int(row['id'][1:]) % 2000}" if panic else None)
        row["data"].update(lat=lat, lon=lon, cuadrante=code, sector=place.sector,
                           colonia=place.colonia)
    rows["case_keys"] = []
    for n, row in enumerate(rows["cases"]):
        if n % 4:
            continue
        case = Case.from_wire(row["data"])
        row["data"]["risk_assessments"] = [RiskAssessment(
            f"R{n}", {}, LEVELS[(n // 4) % len(LEVELS)], 3, "s", case.created_at).to_wire()]
        rows["case_keys"] += [{"kind": "incident", "key": e.incident_id, "case_id": case.id}
                              for e in case.episodes]


def _raw_group_by(engine: Engine, start: float, end: float, *, snapshot: bool = False) -> int:
    """The floor: the year's incidents counted per cuadrante by the database alone — from
    the stored column (migration 0024), or, with ``snapshot``, from each JSON snapshot
    (how the observatory read before 0024)."""
    c = t.incidents.c
    cuad = c.data["cuadrante"].as_string() if snapshot else c.cuadrante
    with engine.connect() as conn:
        return len(conn.execute(select(cuad, func.count()).where(
            c.created_at >= start, c.created_at < end).group_by(cuad)).all())


def bench_db(url: str, scale: float, runs: int) -> dict[str, Any]:
    """Build the year on ``url``; time the year's observatory beside the raw GROUP BY."""
    counts = {k: max(1, int(v * scale)) for k, v in BASE.items()}
    counts.update(interventions=1, visits=1, interviews=1, calls=1, devices=1)
    engine = open_database(url)
    try:
        t0 = time.perf_counter()
        rng = random.Random(14)
        rows = _rows(counts, rng)
        jurisdiction = load_jurisdiction()
        place_rows(rows, jurisdiction, rng)
        _load(engine, rows)
        with engine.begin() as conn:
            for k in range(0, len(rows["case_keys"]), 5000):
                conn.execute(t.case_keys.insert(), rows["case_keys"][k:k + 5000])
        if engine.dialect.name == "postgresql":
            # What autovacuum does to a table that has been written to (PostgreSQL 13+
            # vacuums after inserts too): the visibility map lets an index-only scan skip
            # the rows. Straight after a bulk load it has not run yet.
            with engine.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
                # The counting triggers (migration 0025) updated the counts' rows once per
                # incident loaded: their dead versions too.
                for table in ("incidents", "observatory_places", "observatory_hours"):
                    conn.exec_driver_sql(f"VACUUM ANALYZE {table}")
        build_s = time.perf_counter() - t0
        known = set(load_catalogue().types) | {"10201", "30101"}
        year = observatory_filter(f"{YEAR}-01-01", f"{YEAR}-12-31", TZ, known_types=known)
        risky = observatory_filter(f"{YEAR}-01-01", f"{YEAR}-12-31", TZ, risks="alto,extremo",
                                   known_types=known)
        build_observatory(engine, year, jurisdiction)  # warm the caches and the plans
        statement = observatory_statement(engine.dialect.name, year)
        obs_s, obs_cpu_s, raw_s, raw_json_s, risk_s, statement_s = [], [], [], [], [], []
        rows_path_s: list[float] = []
        with engine.connect() as conn:
            kept = kept_counts_answer(conn, year)
        for _ in range(runs):
            r0, c0 = time.perf_counter(), time.process_time()
            obs = build_observatory(engine, year, jurisdiction)
            obs_s.append(time.perf_counter() - r0)
            obs_cpu_s.append(time.process_time() - c0)
            r0 = time.perf_counter()
            with engine.connect() as conn:
                conn.execute(statement).all()
            statement_s.append(time.perf_counter() - r0)
            r0 = time.perf_counter()
            with engine.connect() as conn:  # the same answer from the incidents (0024's read)
                read_observatory(conn, year, jurisdiction, kept_counts=False)
            rows_path_s.append(time.perf_counter() - r0)
            r0 = time.perf_counter()
            groups = _raw_group_by(engine, year.period.starts_at, year.period.ends_at)
            raw_s.append(time.perf_counter() - r0)
            r0 = time.perf_counter()
            _raw_group_by(engine, year.period.starts_at, year.period.ends_at, snapshot=True)
            raw_json_s.append(time.perf_counter() - r0)
            r0 = time.perf_counter()
            at_risk = build_observatory(engine, risky, jurisdiction)
            risk_s.append(time.perf_counter() - r0)
        med = _median(obs_s)
        return {"incidents": counts["incidents"], "build_s": round(build_s, 1),
                "year": [f"{YEAR}-01-01", f"{YEAR}-12-31"], "counted": obs.total,
                "cuadrantes": len(obs.cuadrantes), "heat_points": len(obs.heat),
                "raw_groups": groups,
                "observatory_s_median": round(med, 3), "observatory_s_max": round(max(obs_s), 3),
                # This process's CPU time: on a shared, loaded machine, what the read costs
                # (all of it on SQLite, which runs in the process; on PostgreSQL only the
                # client's part — the server's is not in it).
                "observatory_cpu_s_median": round(_median(obs_cpu_s), 3),
                "read_from_kept_counts": kept,
                "read_from_incidents_s_median": round(_median(rows_path_s), 3),
                "incidents_statement_s_median": round(_median(statement_s), 4),
                "raw_group_by_s_median": round(_median(raw_s), 4),
                "raw_group_by_snapshot_s_median": round(_median(raw_json_s), 4),
                "risk_filtered": {"counted": at_risk.total, "s_median": round(_median(risk_s), 3)},
                "target_s": TARGET_S, "meets_target": med <= TARGET_S}
    finally:
        engine.dispose()


def run(_app: Any = None, backends: list[str] | None = None, scale: float = 1.0,
        runs: int = 3) -> dict[str, Any]:
    """The bench section: ``{"sqlite": …, "postgresql": …}``."""
    return on_both_databases(bench_db, "c4-observatory-", backends, scale, runs)


if __name__ == "__main__":
    command_line(__doc__, run)
