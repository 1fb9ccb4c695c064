"""The change feed with need-to-know filtering (issue 10): how many changes a second the
stream's per-client path turns into frames — ``hub.frame(gate.view(role, page))``, the
page seen once by ``FeedGate.observe`` as ``Hub.publish`` does — for an operator and a
supervisor, beside the same pages framed unfiltered (``hub.frame(page)``) in the same run.
Target: filtered ≥ 80 % of unfiltered.

The mix is a busy control room's feed: patrol positions (unit records), panic devices'
positions, incidents opening, moving and closing, timeline events, and the personal
records that follow them (beneficiary, case, history), a woman with an open incident
beside many without. ``python -m benchmarks.feed_filter_bench``.
"""

from __future__ import annotations

import random
import time
from datetime import date
from typing import Any

from c4console.central.hub import frame
from c4console.central.need_to_know import FeedGate
from c4console.core.cases import (
    Address,
    AddressKind,
    Aggressor,
    Case,
    PersonProfile,
    ProtectionOrder,
    RiskAssessment,
    RiskLevel,
    TrustedContact,
)
from c4console.core.cases.history_record import IncidentHistory
from c4console.core.changes import Change
from c4console.core.enums import Channel, IncidentStatus, Priority, UnitStatus
from c4console.core.models import Beneficiary, Device, Incident, TimelineEvent, Unit
from c4console.resources import load_record_access

TARGET = "filtered ≥ 80 % of unfiltered changes/s (issue 10)"
WOMEN = 2_000
UNITS = 60
PAGE = 50  # changes per stream frame (the live feed sends what each commit brought)
# (entity kind, weight) of the feed mix.
MIX = (("unit_position", 55), ("device_position", 20), ("incident", 9), ("event", 6),
       ("beneficiary", 4), ("case", 3), ("history", 3))
T0 = 1_764_000_000.0


def _beneficiary(i: int) -> Beneficiary:
    return Beneficiary(id=f"B{i:04d}", name=f"Mujer {i}", phone=f"+52 686 {i:07d}",
                       address=f"Calle {i} 100", colonia="Centro", home_lat=32.62, home_lon=-115.45,
                       order_number=f"OP-{i}", order_authority="Juzgado", order_valid_until="2027-01-01",
                       order_measures="Auxilio policial", aggressor=f"Agresor {i} (expareja)",
                       trusted_contacts=[{"name": f"Madre {i}", "phone": "+52 686 111 2233",
                                          "relation": "madre"}])


def _case(i: int) -> Case:
    return Case(id=f"case-B{i:04d}", person=PersonProfile(name=f"Mujer {i}", date_of_birth="1990-01-01"),
                created_at=T0, updated_at=T0, beneficiary_id=f"B{i:04d}", phones=(f"686{i:07d}",),
                device_ids=(f"D{i}",), incident_ids=tuple(f"I{i}-{k}" for k in range(3)),
                addresses=(Address(AddressKind.HOME, f"Calle {i} 100", "Centro", 32.62, -115.45),),
                orders=(ProtectionOrder(f"OP-{i}", "Juzgado", ("Auxilio policial",), "2025-01-01",
                                        "2027-01-01"),),
                trusted_contacts=(TrustedContact(f"Madre {i}", "+52 686 111 2233", "madre"),),
                aggressors=(Aggressor("registry", f"Agresor {i}", relationship="expareja"),),
                risk_assessments=(RiskAssessment(f"R{i}", {"estrangulamiento": True}, RiskLevel.ALTO,
                                                 5, "sup", T0, "2026-12-01"),))


def _history(iid: str, i: int) -> IncidentHistory:
    prior = tuple({"incident_id": f"I{i}-{k}", "reasons": ["same_case"], "folio": f"C4-{k}",
                   "type_code": "30903", "status": "closed", "created_at": T0 - k * 86400,
                   "disposition": "atendido"} for k in range(3))
    return IncidentHistory(id=iid, case_id=f"case-B{i:04d}", beneficiary_id=f"B{i:04d}", prior=prior,
                           prior_total=3, orders=({"number": f"OP-{i}", "in_force": True},),
                           risk_level="alto", aggressor_names=(f"Agresor {i}",),
                           repeat_within_30_days=True, computed_at=T0)


def feed(n: int, seed: int = 10) -> list[Change]:
    """``n`` changes of the mix, in seq order; about one woman in ten has an open incident."""
    rng = random.Random(seed)
    kinds, weights = zip(*MIX, strict=True)
    out: list[Change] = []
    open_of: dict[int, str] = {}
    for seq in range(1, n + 1):
        at = T0 + seq * 0.01
        kind = rng.choices(kinds, weights)[0]
        i = rng.randrange(WOMEN)
        if kind == "unit_position":
            u = rng.randrange(UNITS)
            rec: Any = Unit(id=f"P{u}", callsign=f"PM-{u}", status=UnitStatus.AVAILABLE,
                            lat=32.6 + rng.random() / 10, lon=-115.5 + rng.random() / 10,
                            position_at=at, device_id=f"unit-P{u}")
            entity, data = "unit", rec.to_wire()
        elif kind == "device_position":
            rec = Device(id=f"D{i}", kind="panic", beneficiary_id=f"B{i:04d}", model="EV-07B",
                         last_lat=32.62, last_lon=-115.45, last_at=at)
            entity, data = "device", rec.to_wire()
        elif kind == "incident":
            iid = open_of.pop(i, None)
            closing = iid is not None
            iid = iid or f"N{seq}"
            if not closing and len(open_of) < WOMEN // 10:
                open_of[i] = iid
            rec = Incident(id=iid, folio=f"C4-{seq}", type_code="30903", priority=Priority.ALTA,
                           channel=Channel.PANIC_BUTTON,
                           status=IncidentStatus.CLOSED if closing else IncidentStatus.NEW,
                           created_at=at, lat=32.62, lon=-115.45, beneficiary_id=f"B{i:04d}",
                           device_id=f"D{i}", updated_at=at)
            entity, data = "incident", rec.to_wire()
        elif kind == "event":
            rec = TimelineEvent(f"E{seq}", f"N{seq}", at, "note", "operadora1", "nota")
            entity, data = "event", rec.to_wire()
        elif kind == "beneficiary":
            rec = _beneficiary(i)
            entity, data = "beneficiary", rec.to_wire()
        elif kind == "case":
            rec = _case(i)
            entity, data = "case", rec.to_wire()
        else:
            iid = open_of.get(i) or f"N{seq}"
            rec = _history(iid, i)
            entity, data = "history", rec.to_wire()
        out.append(Change(seq, at, entity, rec.id, "upsert", data))
    return out


def _pages(changes: list[Change]) -> list[list[Change]]:
    return [changes[n:n + PAGE] for n in range(0, len(changes), PAGE)]


def _rate(fn: Any, pages: list[list[Change]], n: int) -> float:
    t0 = time.perf_counter()
    for page in pages:
        fn(page)
    return n / (time.perf_counter() - t0)


def measure(n: int = 60_000, rounds: int = 3) -> dict[str, Any]:
    """Changes/s framed unfiltered and through the gate per role (best of ``rounds``)."""
    changes = feed(n)
    pages = _pages(changes)
    access = load_record_access()
    out: dict[str, Any] = {"changes": n, "page": PAGE,
                           "mix": {k: w for k, w in MIX}, "target": TARGET}
    best: dict[str, float] = {}
    for _ in range(rounds):
        best["unfiltered"] = max(best.get("unfiltered", 0.0),
                                 _rate(lambda p: frame(p, p[-1].seq), pages, n))
        for role in ("operator", "supervisor"):
            gate = FeedGate(access, today=lambda: date(2026, 11, 22))

            def filtered(page: list[Change], gate: FeedGate = gate, role: str = role) -> None:
                gate.observe(page)
                frame(gate.view(role, page), page[-1].seq)

            best[role] = max(best.get(role, 0.0), _rate(filtered, pages, n))
    out["unfiltered_per_s"] = round(best["unfiltered"])
    for role in ("operator", "supervisor"):
        out[f"{role}_per_s"] = round(best[role])
        out[f"{role}_vs_unfiltered"] = round(best[role] / best["unfiltered"], 3)
    return out


def run(_app: Any = None) -> dict[str, Any]:
    """The bench section for ``benchmarks.run`` (no Qt, no I/O)."""
    return measure()


if __name__ == "__main__":
    import json

    print(json.dumps(run(), indent=2, ensure_ascii=False))
