"""The monthly period report on one year of a large C4 (issue 14; target ≤ 2 s), on SQLite
and PostgreSQL: 200,000 incidents, 50,000 interventions, 100,000 follow-up records
(50,000 patrol visits, 10,000 interviews, 40,000 calls), 20,000 cases, 2,000 panic
devices, by default (``--scale`` multiplies them all).

Each backend reports, for one month in the middle of the year, the report's time from
the database (``build_report``: the one-snapshot read and the pure report; median of the
runs) and its parts (read, compute, each render), beside the raw aggregate query measured
in the same run: one ``SELECT count(*)`` per table over the same month's indexed time
column — what the database alone needs to count the month's records.

``run(app)`` ignores ``app``. Standalone:
``python -m benchmarks.period_report_bench [sqlite|postgresql ...] [--scale F] [--runs N]``.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import random
import tempfile
import time
from collections.abc import Callable, Iterator
from datetime import date
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, func, select

from c4console.central import schema as t
from c4console.central.db import open_database
from c4console.central.reports.reads import build_report, read_snapshot
from c4console.central.reports.render import render
from c4console.core.cases.records import Case, Episode, PersonProfile
from c4console.core.device_lifecycle import DeviceLifecycle, LifecycleStep
from c4console.core.follow_up.records import FollowCall, Interview, PatrolVisit
from c4console.core.specialists.records import Intervention
from c4console.core.statistics.period import report_period
from c4console.core.statistics.report import period_report
from c4console.resources import load_case_catalogues, load_catalogue, load_nt911_targets

TZ = "America/Tijuana"
YEAR = 2025
MONTH = (f"{YEAR}-06-01", f"{YEAR}-06-30")
TARGET_S = 2.0
BASE = {"incidents": 200_000, "interventions": 50_000, "visits": 50_000, "interviews": 10_000,
        "calls": 40_000, "cases": 20_000, "devices": 2_000}
CHUNK = 5_000


def _year_start() -> float:
    return report_period(date(YEAR, 1, 1), date(YEAR, 1, 1), TZ).starts_at


def _rows(counts: dict[str, int], rng: random.Random) -> dict[str, list[dict[str, Any]]]:
    """Every table's rows (column values and the JSON snapshot), spread over the year."""
    t0, span = _year_start(), 365 * 86400.0
    channels = ("panic_button", "call_911", "whatsapp", "phone", "walk_in")
    n_cases = counts["cases"]
    out: dict[str, list[dict[str, Any]]] = {k: [] for k in (
        "incidents", "cases", "interventions", "patrol_visits", "interviews", "follow_calls",
        "device_lifecycles")}
    episodes: dict[int, list[Episode]] = {}
    for n in range(counts["incidents"]):
        at = t0 + rng.random() * span
        data = {"id": f"I{n}", "folio": f"F{n}", "type_code": ("30503", "10201", "30101")[n % 3],
                "priority": ("ALTA", "MEDIA", "BAJA")[n % 3], "channel": channels[n % 5],
                "status": "closed", "created_at": at, "acknowledged_at": at + rng.uniform(5, 200),
                "dispatched_at": at + rng.uniform(30, 400), "on_scene_at": at + rng.uniform(200, 1500),
                "closed_at": at + 3600, "updated_at": at + 3600, "test": n % 500 == 0}
        out["incidents"].append({"id": f"I{n}", "folio": f"F{n}", "status": "closed",
                                 "updated_at": at + 3600, "created_at": at, "data": data})
        if n % 10 == 0:  # one incident in ten is a recorded episode of a case
            episodes.setdefault(n % n_cases, []).append(Episode(f"I{n}", at, ("fisica",)))
    for c in range(n_cases):
        sex = ("mujer", "mujer", "mujer", "hombre")[c % 4]
        eps = tuple(episodes.get(c, ()))
        changed = max((e.occurred_at for e in eps), default=t0)  # recorded after each episode
        case = Case(f"C{c}", PersonProfile(f"Persona {c}", sex, f"{1950 + c % 60}-05-05"), t0,
                    changed, episodes=eps)
        out["cases"].append({"id": case.id, "person_key": f"persona {c}|", "updated_at": changed,
                             "data": case.to_wire()})
    for n in range(counts["interventions"]):
        at = t0 + rng.random() * span
        iv = Intervention(f"IV{n}", f"C{n % n_cases}", ("psicologica", "juridica")[n % 4 == 0],
                          ("llamada_911", "linea_telefonica", "whatsapp")[n % 3],
                          ("previa", "12_48h", "12_48h", "subsecuente")[n % 4], at, at + 1800, 1800,
                          "psicologa1", at + 1900)
        out["interventions"].append({"id": iv.id, "case_id": iv.case_id, "kind": iv.kind,
                                     "started_at": at, "data": iv.to_wire()})
    for n in range(counts["visits"]):
        due = t0 + rng.random() * span
        v = PatrolVisit(f"V{n}", f"P{n % 3000}", f"C{n % n_cases}", f"U{n % 200}", due,
                        status=("proven", "manual", "planned")[n % 3],
                        proven_at=None if n % 3 == 2 else due + 600,
                        proof=("gps", "manual", "")[n % 3], updated_at=due)
        out["patrol_visits"].append({"id": v.id, "plan_id": v.plan_id, "case_id": v.case_id,
                                     "unit_id": v.unit_id, "status": v.status, "due_at": due,
                                     "updated_at": due, "data": v.to_wire()})
    for n in range(counts["interviews"]):
        at = t0 + rng.random() * span
        i = Interview(f"IN{n}", f"C{n % n_cases}", f"P{n % 3000}", at, "domicilio", "UVI")
        out["interviews"].append({"id": i.id, "case_id": i.case_id, "held_at": at, "data": i.to_wire()})
    for n in range(counts["calls"]):
        at = t0 + rng.random() * span
        fc = FollowCall(f"FC{n}", f"C{n % n_cases}", f"P{n % 3000}", at, "operadora1", "686",
                        ("reached", "not_reached")[n % 2], 120)
        out["follow_calls"].append({"id": fc.id, "case_id": fc.case_id, "plan_id": fc.plan_id,
                                    "placed_at": at, "data": fc.to_wire()})
    for n in range(counts["devices"]):
        at = t0 + rng.random() * span
        lc = DeviceLifecycle(f"D{n}", state="in_use", beneficiary_id=f"B{n}", updated_at=at, steps=(
            LifecycleStep("requested", at, "s"), LifecycleStep("approved", at + 60, "s"),
            LifecycleStep("delivered", at + 86400, "s"), LifecycleStep("tested", at + 86500, "s"),
            LifecycleStep("in_use", at + 86600, "s")))
        out["device_lifecycles"].append({"id": lc.id, "state": lc.state, "beneficiary_id": lc.beneficiary_id,
                                         "data": lc.to_wire()})
    return out


def _load(engine: Engine, rows: dict[str, list[dict[str, Any]]]) -> None:
    tables = {"incidents": t.incidents, "cases": t.cases, "interventions": t.interventions,
              "patrol_visits": t.patrol_visits, "interviews": t.interviews,
              "follow_calls": t.follow_calls, "device_lifecycles": t.device_lifecycles}
    with engine.begin() as conn:
        for name, table in tables.items():
            batch = rows[name]
            for k in range(0, len(batch), CHUNK):
                conn.execute(table.insert(), batch[k:k + CHUNK])
    with engine.begin() as conn:
        conn.exec_driver_sql("ANALYZE")


def _raw_counts(engine: Engine, start: float, end: float) -> dict[str, int]:
    """The floor: one count per table over the month, on its time column."""
    pairs = ((t.incidents, t.incidents.c.created_at), (t.interventions, t.interventions.c.started_at),
             (t.patrol_visits, t.patrol_visits.c.due_at), (t.interviews, t.interviews.c.held_at),
             (t.follow_calls, t.follow_calls.c.placed_at))
    with engine.connect() as conn:
        return {table.name: conn.execute(select(func.count()).select_from(table).where(
            col >= start, col < end)).scalar_one() for table, col in pairs}


def _median(values: list[float]) -> float:
    return sorted(values)[len(values) // 2]


def bench_db(url: str, scale: float, runs: int) -> dict[str, Any]:
    """Build the year on ``url``; time the monthly report beside the raw counts."""
    counts = {k: max(1, int(v * scale)) for k, v in BASE.items()}
    engine = open_database(url)
    try:
        t0 = time.perf_counter()
        _load(engine, _rows(counts, random.Random(14)))
        build_s = time.perf_counter() - t0
        period = report_period(*MONTH, TZ)
        catalogue = load_catalogue()
        ages, targets = load_case_catalogues().age_groups, load_nt911_targets()
        build_report(engine, period, catalogue)  # warm the caches and the plans
        report_s, read_s, compute_s, raw_s = [], [], [], []
        for _ in range(runs):
            r0 = time.perf_counter()
            report = build_report(engine, period, catalogue)
            report_s.append(time.perf_counter() - r0)
            r0 = time.perf_counter()
            inputs = read_snapshot(engine, period, catalogue)
            read_s.append(time.perf_counter() - r0)
            r0 = time.perf_counter()
            period_report(inputs, period, ages=ages, targets=targets, generated_at=0.0)
            compute_s.append(time.perf_counter() - r0)
            r0 = time.perf_counter()
            raw = _raw_counts(engine, period.starts_at, period.ends_at)
            raw_s.append(time.perf_counter() - r0)
        renders = {}
        for fmt in ("json", "csv", "xlsx", "pdf"):
            r0 = time.perf_counter()
            size = len(render(report, fmt))
            renders[fmt] = {"ms": round((time.perf_counter() - r0) * 1000, 1), "bytes": size}
        month = report.table("incidentes_canal").value("Total")
        report_med = _median(report_s)
        return {"records": counts, "build_s": round(build_s, 1), "month": list(MONTH),
                "month_incidents_in_report": month, "month_rows_raw": raw,
                "report_s_median": round(report_med, 3), "report_s_max": round(max(report_s), 3),
                "read_s_median": round(_median(read_s), 3),
                "compute_s_median": round(_median(compute_s), 3),
                "raw_aggregate_s_median": round(_median(raw_s), 4),
                "render": renders, "target_s": TARGET_S, "meets_target": report_med <= TARGET_S}
    finally:
        engine.dispose()


@contextlib.contextmanager
def _postgres() -> Iterator[str]:
    from tests.central.postgres import running_postgres

    with running_postgres(durable=True) as server, server.database() as url:
        yield url


def on_both_databases(bench: Callable[[str, float, int], dict[str, Any]], prefix: str,
                      backends: list[str] | None, scale: float, runs: int) -> dict[str, Any]:
    """``bench(url, scale, runs)`` on a fresh SQLite file and on a throwaway PostgreSQL:
    ``{"sqlite": …, "postgresql": …}`` (PostgreSQL skipped, with why, where it is missing)."""
    out: dict[str, Any] = {}
    with tempfile.TemporaryDirectory(prefix=prefix) as folder:
        for backend in backends or ["sqlite", "postgresql"]:
            if backend == "sqlite":
                out["sqlite"] = bench(f"sqlite:///{Path(folder) / 'central.sqlite'}", scale, runs)
            else:
                try:
                    with _postgres() as url:
                        out["postgresql"] = bench(url, scale, runs)
                except RuntimeError as e:  # no PostgreSQL binaries on this machine
                    out["postgresql"] = {"skipped": str(e)}
    return out


def command_line(doc: str, run: Callable[..., dict[str, Any]]) -> None:
    """``python -m benchmarks.X [sqlite] [postgresql] [--scale N] [--runs N]``: JSON out."""
    ap = argparse.ArgumentParser(description=doc.splitlines()[0])
    ap.add_argument("backends", nargs="*", default=["sqlite", "postgresql"])
    ap.add_argument("--scale", type=float, default=1.0, help="multiply every volume (default 1)")
    ap.add_argument("--runs", type=int, default=3)
    a = ap.parse_args()
    print(json.dumps(run(None, a.backends, a.scale, a.runs), indent=2, ensure_ascii=False))


def run(_app: Any = None, backends: list[str] | None = None, scale: float = 1.0,
        runs: int = 3) -> dict[str, Any]:
    """The bench section: ``{"sqlite": …, "postgresql": …}``."""
    return on_both_databases(bench_db, "c4-report-", backends, scale, runs)


if __name__ == "__main__":
    command_line(__doc__, run)
