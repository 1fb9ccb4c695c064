"""Her history for a new incident at the central, on SQLite and PostgreSQL (issue 10):
100,000 cases and 1,000,000 prior incidents in the database, then new incidents arrive as
``create_incident`` commands through :meth:`Service.submit` — the real write transaction,
whose case step computes the history with indexed SQL (central/cases/history_query.py)
and stores the ``history`` record before the commit.

Figures, per database: ``arrival_to_commit_ms`` (the command submitted → its transaction,
history record included, committed: the target, p99 ≤ 50 ms), ``history_step_ms`` (the
case step alone, timed inside the transaction), and the floor measured in the same run:
``indexed_lookup_floor_ms``, one incident read by its primary key. ``build_s``: bulk
loading the volume (executemany on SQLite, COPY on PostgreSQL), with the lookup columns
of migration 0007 and the cases' ``case_keys`` rows (central/cases/store.py).

``python -m benchmarks.case_history_db_bench [sqlite|postgresql ...] [--incidents N]``.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import json
import random
import tempfile
import time
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, bindparam, select

from benchmarks.stats import summary_ms
from c4console.central import schema as t
from c4console.central.cases.store import case_key_rows
from c4console.central.db import open_database
from c4console.central.lookup_columns import case_columns, incident_lookup_columns
from c4console.central.service import Service
from c4console.core.cases import (
    Address,
    AddressKind,
    Aggressor,
    Case,
    PersonProfile,
    ProtectionOrder,
    RiskAssessment,
    RiskLevel,
)
from c4console.core.enums import Channel, IncidentStatus, Priority
from c4console.core.models import Incident
from c4console.resources import load_catalogue

SOUTH, NORTH, WEST, EAST = 32.56, 32.70, -115.56, -115.36  # Mexicali's urban area, roughly
YEAR_S = 365 * 86400.0
TARGET = "p99 arrival → history committed ≤ 50 ms (issue 10)"
CHUNK = 20_000
INCIDENT_COLUMNS = ("id", "folio", "status", "device_id", "unit_id", "updated_at", "data",
                    "beneficiary_id", "caller_key", "lat", "lon", "cell", "created_at")
CASE_COLUMNS = ("id", "beneficiary_id", "person_key", "updated_at", "data")


def _phone(i: int) -> str:
    return f"686{i:07d}"


def _case(i: int, rng: random.Random, now: float, incident_ids: list[str]) -> Case:
    lat, lon = rng.uniform(SOUTH, NORTH), rng.uniform(WEST, EAST)
    return Case(
        id=f"case-{i}", person=PersonProfile(name=f"Persona {i}", date_of_birth="1990-01-01"),
        created_at=now - YEAR_S, updated_at=now - YEAR_S, beneficiary_id=f"B{i}",
        phones=(_phone(i),), whatsapp=(f"521{_phone(i)}",),
        device_ids=(f"D{i}",) if i % 2 == 0 else (), incident_ids=tuple(incident_ids),
        addresses=(Address(AddressKind.HOME, f"Calle {i}", lat=lat, lon=lon),),
        orders=(ProtectionOrder(f"OP-{i}", "Juzgado", valid_from="2025-01-01", valid_until="2027-01-01"),),
        aggressors=(Aggressor("registry", f"Agresor {i}", relationship="expareja"),),
        risk_assessments=(RiskAssessment(f"R{i}", {}, rng.choice(list(RiskLevel)), 0, "bench",
                                         now - YEAR_S),),
    )


class Volume:
    """Which prior incident belongs to whom (decided before anything is written, so a
    case lists its panic incidents as a real one would)."""

    def __init__(self, n_cases: int, n_incidents: int, now: float, seed: int = 10) -> None:
        rng = random.Random(seed)
        self.n_cases, self.n_incidents, self.now = n_cases, n_incidents, now
        # Per incident: owner case (-1: a stranger) and kind (0 panic, 1 her number by 911).
        self.owner = [rng.randrange(n_cases) if k % 3 != 2 else -1 for k in range(n_incidents)]
        self.linked: list[list[str]] = [[] for _ in range(n_cases)]
        for k, c in enumerate(self.owner):
            if c >= 0 and k % 3 == 0 and c % 2 == 0:  # panic, from her device: linked
                self.linked[c].append(f"I{k}")
        self.cases = [_case(i, rng, now, self.linked[i]) for i in range(n_cases)]

    def incident_rows(self, seed: int = 11) -> Iterator[list[tuple[Any, ...]]]:
        """The incidents as table rows, CHUNK at a time."""
        rng = random.Random(seed)
        template = Incident(id="", folio="", type_code="30903", priority=Priority.ALTA,
                            channel=Channel.PANIC_BUTTON, status=IncidentStatus.CLOSED,
                            created_at=0.0).to_wire()
        rows: list[tuple[Any, ...]] = []
        for k, c in enumerate(self.owner):
            at = self.now - YEAR_S + rng.random() * (YEAR_S - 3600)
            open_ = rng.random() < 0.002
            data = dict(template, id=f"I{k}", folio=f"F{k}", created_at=at, updated_at=at,
                        status="acknowledged" if open_ else "closed",
                        closed_at=None if open_ else at + 3000, disposition="atendido")
            if c < 0:
                data.update(channel="call_911", type_code="30503", caller=f"664{k:07d}",
                            lat=rng.uniform(SOUTH, NORTH), lon=rng.uniform(WEST, EAST))
            else:
                home = self.cases[c].addresses[0]
                jitter = rng.uniform(-0.0002, 0.0002)
                data.update(lat=home.lat + jitter, lon=home.lon + jitter)  # type: ignore[operator]
                if k % 3 == 0 and c % 2 == 0:
                    data.update(beneficiary_id=f"B{c}", device_id=f"D{c}", caller=f"Persona {c}")
                else:
                    data.update(channel="call_911", type_code="30503", caller=_phone(c))
            look = incident_lookup_columns(data)
            rows.append((data["id"], data["folio"], data["status"], data["device_id"], None,
                         data["updated_at"], json.dumps(data), look["beneficiary_id"],
                         look["caller_key"], look["lat"], look["lon"], look["cell"],
                         look["created_at"]))
            if len(rows) == CHUNK:
                yield rows
                rows = []
        if rows:
            yield rows

    def case_rows(self) -> tuple[list[tuple[Any, ...]], list[tuple[str, str, str]]]:
        """The cases and their case_keys rows."""
        cases, keys = [], []
        for case in self.cases:
            data = case.to_wire()
            cols = case_columns(data)
            cases.append((case.id, cols["beneficiary_id"], cols["person_key"], cols["updated_at"],
                          json.dumps(data)))
            keys += [(r["kind"], r["key"], r["case_id"]) for r in case_key_rows(case)]
        return cases, keys


def _bulk_sqlite(engine: Engine, volume: Volume) -> None:
    raw = engine.raw_connection()
    try:
        cur = raw.cursor()
        marks = lambda n: ", ".join("?" * n)  # noqa: E731
        for rows in volume.incident_rows():
            cur.executemany(f"INSERT INTO incidents ({', '.join(INCIDENT_COLUMNS)}) "
                            f"VALUES ({marks(len(INCIDENT_COLUMNS))})", rows)
        cases, keys = volume.case_rows()
        cur.executemany(f"INSERT INTO cases ({', '.join(CASE_COLUMNS)}) VALUES ({marks(5)})", cases)
        cur.executemany("INSERT INTO case_keys (kind, key, case_id) VALUES (?, ?, ?)", keys)
        raw.commit()
        cur.execute("ANALYZE")
        raw.commit()
    finally:
        raw.close()


def _bulk_postgres(engine: Engine, volume: Volume) -> None:
    raw = engine.raw_connection()
    try:
        cur = raw.cursor()
        with cur.copy(f"COPY incidents ({', '.join(INCIDENT_COLUMNS)}) FROM STDIN") as copy:
            for rows in volume.incident_rows():
                for row in rows:
                    copy.write_row(row)
        cases, keys = volume.case_rows()
        with cur.copy(f"COPY cases ({', '.join(CASE_COLUMNS)}) FROM STDIN") as copy:
            for row in cases:
                copy.write_row(row)
        with cur.copy("COPY case_keys (kind, key, case_id) FROM STDIN") as copy:
            for row in keys:
                copy.write_row(row)
        raw.commit()
        cur.execute("ANALYZE")
        raw.commit()
    finally:
        raw.close()


def _floor(engine: Engine, n_incidents: int, lookups: int, rng: random.Random) -> list[float]:
    """One incident read by its primary key (indexed), on an open connection."""
    stmt = select(t.incidents.c.data).where(t.incidents.c.id == bindparam("rid"))
    out = []
    with engine.connect() as conn:
        for _ in range(lookups):
            rid = f"I{rng.randrange(n_incidents)}"
            t0 = time.perf_counter()
            conn.execute(stmt, {"rid": rid}).scalar()
            out.append(time.perf_counter() - t0)
    return out


async def _arrivals(service: Service, volume: Volume, lookups: int, rng: random.Random
                    ) -> dict[str, Any]:
    """``lookups`` create_incident commands: three in four from a known woman (her number,
    near her home), one in four from a stranger; each timed from submit to commit."""
    steps = service.case_steps
    step_s: list[float] = []
    real_step = steps.new_incident

    def timed(tx: Any, incident: Incident) -> Incident:
        t0 = time.perf_counter()
        try:
            return real_step(tx, incident)
        finally:
            step_s.append(time.perf_counter() - t0)

    steps.new_incident = timed  # type: ignore[method-assign]
    total_s: list[float] = []
    priors: list[int] = []
    try:
        for k in range(lookups):
            if k % 4 == 3:
                lat, lon, caller = rng.uniform(SOUTH, NORTH), rng.uniform(WEST, EAST), f"618{k:07d}"
            else:
                c = rng.randrange(volume.n_cases)
                home = volume.cases[c].addresses[0]
                lat, lon, caller = home.lat, home.lon, f"+52 1 {_phone(c)}"
            iid = str(uuid.uuid4())
            cmd = {"key": iid, "type": "create_incident", "incident_id": iid, "channel": "whatsapp",
                   "lat": lat, "lon": lon, "caller": caller}
            t0 = time.perf_counter()
            (result,) = await service.submit([cmd], actor="bench", role="operator")
            total_s.append(time.perf_counter() - t0)
            assert result.outcome == "accepted", result
            with service.engine.connect() as conn:
                data = conn.execute(select(t.histories.c.data).where(t.histories.c.id == iid)).scalar()
            priors.append(int(data["prior_total"]))
    finally:
        steps.new_incident = real_step  # type: ignore[method-assign]
    priors.sort()
    return {"arrival_to_commit_ms": summary_ms(total_s), "history_step_ms": summary_ms(step_s),
            "prior_incidents_median": priors[len(priors) // 2],
            "prior_incidents_max": priors[-1]}


async def bench_db(url: str, n_cases: int, n_incidents: int, lookups: int) -> dict[str, Any]:
    """Build the volume on ``url``, then time new incidents' histories beside the floor."""
    engine = open_database(url)
    try:
        t0 = time.perf_counter()
        volume = Volume(n_cases, n_incidents, time.time())
        (_bulk_postgres if engine.dialect.name == "postgresql" else _bulk_sqlite)(engine, volume)
        build_s = time.perf_counter() - t0
        rng = random.Random(12)
        service = Service(engine, load_catalogue())
        try:
            await _arrivals(service, volume, 20, rng)  # warm the caches and the plans
            figures = await _arrivals(service, volume, lookups, rng)
        finally:
            service.close()
        floor = _floor(engine, n_incidents, lookups, rng)
        return {"cases": n_cases, "incidents": n_incidents, "build_s": round(build_s, 1),
                **figures, "indexed_lookup_floor_ms": summary_ms(floor), "target": TARGET}
    finally:
        engine.dispose()


@contextlib.contextmanager
def _postgres() -> Iterator[str]:
    from tests.central.postgres import running_postgres

    with running_postgres(durable=True) as server, server.database() as url:
        yield url


async def _main(backends: list[str], n_cases: int, n_incidents: int, lookups: int) -> dict[str, Any]:
    out: dict[str, Any] = {}
    with tempfile.TemporaryDirectory(prefix="c4-casehist-") as folder:
        if "sqlite" in backends:
            url = f"sqlite:///{Path(folder) / 'central.sqlite'}"
            out["sqlite"] = await bench_db(url, n_cases, n_incidents, lookups)
        if "postgresql" in backends:
            try:
                with _postgres() as url:
                    out["postgresql"] = await bench_db(url, n_cases, n_incidents, lookups)
            except RuntimeError as e:  # no PostgreSQL binaries on this machine
                out["postgresql"] = {"skipped": str(e)}
    return out


def run(_app: Any = None, backends: list[str] | None = None, n_cases: int = 100_000,
        n_incidents: int = 1_000_000, lookups: int = 500) -> dict[str, Any]:
    """The bench section: ``{"sqlite": …, "postgresql": …}``."""
    return asyncio.run(_main(backends or ["sqlite", "postgresql"], n_cases, n_incidents, lookups))


if __name__ == "__main__":
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("backends", nargs="*", default=["sqlite", "postgresql"])
    ap.add_argument("--cases", type=int, default=100_000)
    ap.add_argument("--incidents", type=int, default=1_000_000)
    ap.add_argument("--lookups", type=int, default=500)
    a = ap.parse_args()
    print(json.dumps(run(None, a.backends, a.cases, a.incidents, a.lookups), indent=2))
