"""Her history for a new incident, in memory: 100,000 cases and 1,000,000 prior
incidents indexed by :class:`c4console.core.cases.HistoryIndex` (issue 10).

Target (issue 10): p99 ≤ 50 ms from the incident to the history, at the central; this
section measures the pure core's share of it (the index and ``history_for``), beside
a floor measured in the same run: one plain ``dict`` look-up of an incident by id.
The central's PostgreSQL/SQLite figure is section ``case_history_db``. Pure: no Qt, no I/O.
"""

from __future__ import annotations

import random
import time
from datetime import date
from typing import Any

from benchmarks.stats import summary_ms
from c4console.core.cases import (
    Address,
    AddressKind,
    Aggressor,
    Case,
    HistoryIndex,
    IncidentFacts,
    PersonProfile,
    ProtectionOrder,
    RiskAssessment,
    RiskLevel,
    history_for,
)
from c4console.core.cases.identity_keys import number_key

# Mexicali's urban area, roughly.
SOUTH, NORTH, WEST, EAST = 32.56, 32.70, -115.56, -115.36
T0 = 1_700_000_000.0
YEAR_S = 365 * 86400.0


def _point(rng: random.Random) -> tuple[float, float]:
    return rng.uniform(SOUTH, NORTH), rng.uniform(WEST, EAST)


def _case(i: int, rng: random.Random) -> Case:
    lat, lon = _point(rng)
    level = rng.choice(list(RiskLevel))
    return Case(
        id=f"C{i}", person=PersonProfile(name=f"Persona {i}", date_of_birth="1990-01-01"),
        created_at=T0, phones=(f"686{i:07d}",), whatsapp=(f"521686{i:07d}",),
        device_ids=(f"D{i}",) if i % 2 == 0 else (),
        addresses=(Address(AddressKind.HOME, f"Calle {i}", lat=lat, lon=lon),),
        orders=(ProtectionOrder(f"OP-{i}", "Juzgado", valid_from="2025-01-01", valid_until="2027-01-01"),),
        aggressors=(Aggressor(f"A{i}", f"Agresor {i}", relationship="expareja"),),
        risk_assessments=(RiskAssessment(f"R{i}", {}, level, 0, "bench", T0),),
    )


def build(n_cases: int, n_incidents: int, seed: int = 10) -> tuple[HistoryIndex, list[Case], float]:
    """The index of ``n_cases`` cases and ``n_incidents`` incidents (two in three from a
    case's number, device or home; the rest from strangers), and the seconds it took."""
    rng = random.Random(seed)
    t0 = time.perf_counter()
    cases = [_case(i, rng) for i in range(n_cases)]
    index = HistoryIndex(cases)
    put = index.incidents.put
    for k in range(n_incidents):
        at = T0 + rng.random() * YEAR_S
        open_ = rng.random() < 0.002
        if k % 3 == 2 or not cases:
            lat, lon = _point(rng)
            put(IncidentFacts(f"I{k}", at, open_, number=f"664{k:07d}", lat=lat, lon=lon))
            continue
        c = cases[rng.randrange(n_cases)]
        home = c.addresses[0]
        jitter = rng.uniform(-0.0002, 0.0002)
        put(IncidentFacts(f"I{k}", at, open_, number=f"686{c.id[1:].zfill(7)}",
                          device_id=c.device_ids[0] if c.device_ids and k % 2 else None,
                          lat=home.lat + jitter, lon=home.lon + jitter))  # type: ignore[operator]
    return index, cases, time.perf_counter() - t0


def measure(n_cases: int = 100_000, n_incidents: int = 1_000_000, lookups: int = 2_000,
            seed: int = 10) -> dict[str, Any]:
    """Build, then time ``history_for`` on new incidents from known women and strangers."""
    index, cases, build_s = build(n_cases, n_incidents, seed)
    rng = random.Random(seed + 1)
    today = date(2026, 6, 1)
    now = T0 + YEAR_S
    history_s: list[float] = []
    prior_counts: list[int] = []
    for k in range(lookups):
        if k % 4 == 3:
            lat, lon = _point(rng)
            me = IncidentFacts(f"N{k}", now, True, number=number_key(f"618{k:07d}"), lat=lat, lon=lon)
        else:
            c = cases[rng.randrange(n_cases)]
            home = c.addresses[0]
            # Her WhatsApp id as it arrives (+52 1 …): the index finds her phone by its key.
            me = IncidentFacts(f"N{k}", now, True, number=number_key(f"+52 1 686 {c.id[1:].zfill(7)}"),
                               device_id=c.device_ids[0] if c.device_ids else None,
                               lat=home.lat, lon=home.lon)
        t0 = time.perf_counter()
        h = history_for(me, index, today)
        history_s.append(time.perf_counter() - t0)
        prior_counts.append(h.prior_total)
    ids = list(index.incidents.facts)
    floor_s: list[float] = []
    facts = index.incidents.facts
    for _ in range(lookups):
        key = ids[rng.randrange(len(ids))]
        t0 = time.perf_counter()
        facts.get(key)
        floor_s.append(time.perf_counter() - t0)
    prior_counts.sort()
    return {"cases": n_cases, "incidents": n_incidents, "build_s": round(build_s, 1),
            "history_ms": summary_ms(history_s), "dict_lookup_floor_ms": summary_ms(floor_s),
            "prior_incidents_median": prior_counts[len(prior_counts) // 2] if prior_counts else 0,
            "target": "p99 history ≤ 50 ms (issue 10; core share, central and DB excluded)"}


def run(qapp: object = None) -> dict[str, Any]:
    """The section for ``benchmarks.run`` (no Qt needed)."""
    return measure()
