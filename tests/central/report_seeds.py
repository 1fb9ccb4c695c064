"""Fixtures of the period report (issue 14): a month of data whose true figures are each
seed's, built through the real central's commands (the service's in-process transaction
API, its clock set to the moment each command happens: a month is built in seconds, not
a month) and, for the devices, through the HTTP import. Each builder returns nothing: the
test checks the report's numbers against the seed's own figures."""

from __future__ import annotations

import uuid
from collections.abc import Iterable, Mapping
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from c4console.central.seed import seed_file
from c4console.central.service import Service
from tests.central.helpers import write_demo

TZ = "America/Tijuana"
MONTH = (2026, 3)  # March 2026: the fixtures' month
H = 3600.0
DAY = 86400.0
HOME = (32.6245, -115.4523)  # in sector S3 of the test jurisdiction
HOME2 = (32.6280, -115.4480)  # also in S3, some 560 m from HOME (outside a visit's 100 m)
PATROL_TRACKER = "TRK07"  # the tracker of P07, the seeded unit of sector S3


def at(day: int, hour: float = 10.0) -> float:
    """Epoch seconds of ``hour`` o'clock on ``day`` of the fixtures' month (C4 time)."""
    start = datetime(*MONTH, 1, tzinfo=ZoneInfo(TZ)) + timedelta(days=day - 1, hours=hour)
    return start.timestamp()


class Clock:
    """The service's clock, set by the builder to when each command happens."""

    def __init__(self, now: float) -> None:
        self.now = now

    def __call__(self) -> float:
        return self.now


async def submit(service: Service, clock: Clock, when: float, actor: str, role: str,
                 commands: Iterable[Mapping[str, Any]]) -> list[Any]:
    """Submit ``commands`` as ``actor`` at ``when``; every one must be accepted."""
    clock.now = when
    batch = [{"key": str(uuid.uuid4()), **c} for c in commands]
    results = await service.submit(batch, actor=actor, role=role)
    bad = [(c, r) for c, r in zip(batch, results, strict=True) if r.outcome != "accepted"]
    assert not bad, bad[:3]
    return results


# --- Mexicali's month: 132 persons attended (108 women, 18 men, 6 infants, 10 elderly —
# overlapping groups), 523 patrol visits (rondines), 96 interviews, 130 phone attentions.
# Five of the visits are proven by the patrol's GPS (it stops at the door), the rest are
# recorded by hand.

MEXICALI_PERSONS = 132
MEXICALI_WOMEN, MEXICALI_MEN, MEXICALI_INFANTS, MEXICALI_ELDERLY = 108, 18, 6, 10
MEXICALI_VISITS, MEXICALI_INTERVIEWS, MEXICALI_CALLS = 523, 96, 130
MEXICALI_GPS_VISITS = 5


def mexicali_people() -> list[dict[str, str]]:
    """132 persons: 6 infants (3 girls, 3 boys: counted as infants, not by sex), 108 women
    (8 of them 60 or older) and 18 men (2 of them 60 or older)."""
    people = []
    for n in range(MEXICALI_INFANTS):
        people.append({"sex": "mujer" if n % 2 else "hombre", "date_of_birth": "2020-05-01"})
    for n in range(MEXICALI_WOMEN):
        people.append({"sex": "mujer", "date_of_birth": "1950-02-01" if n < 8 else "1990-07-15"})
    for n in range(MEXICALI_MEN):
        people.append({"sex": "hombre", "date_of_birth": "1955-09-09" if n < 2 else "1988-11-30"})
    return [{"name": f"Persona Mexicali {n:03d}", **p} for n, p in enumerate(people)]


def _visits_of(service: Service, plan_id: str) -> list[dict[str, Any]]:
    from sqlalchemy import select

    from c4console.central import schema as t

    with service.engine.connect() as conn:
        rows = conn.execute(select(t.patrol_visits.c.data)
                            .where(t.patrol_visits.c.plan_id == plan_id)).scalars()
        return sorted((dict(r) for r in rows), key=lambda v: v["due_at"])


async def build_mexicali(service: Service, clock: Clock, folder: Path) -> None:
    """Mexicali's month: every person's case with her protection order, her follow-up
    plan, her visits (4 each, 3 for the last five: 523) — the first visit of each of the
    last five (they live at HOME2) proven by the patrol's GPS through the service's
    position ingest, every other one recorded by hand —, 96 interviews and 130 follow-up
    calls in which she was reached."""
    from c4console.central.ingest import PositionReport

    # The patrols, seeded as March begins (a unit's position of later than the month
    # would make every March fix an older one, which moves no unit and proves no visit).
    clock.now = at(1, 0)
    await seed_file(service, write_demo(folder) / "units.csv", "units")
    people = mexicali_people()
    gps_from = len(people) - MEXICALI_GPS_VISITS

    def home(n: int) -> tuple[float, float]:
        return HOME2 if n >= gps_from else HOME

    cases = [{"type": "open_case", "case_id": f"mxl-{n:03d}", "person": p,
              "addresses": [{"kind": "home", "text": f"Calle {n} #12", "lat": home(n)[0],
                             "lon": home(n)[1]}],
              "orders": [{"number": f"OP-{n}/2026", "authority": "Juzgado 3"}]}
             for n, p in enumerate(people)]
    await submit(service, clock, at(1, 9), "supervisora1", "supervisor", cases)
    plans = [{"type": "set_follow_plan", "id": f"plan-mxl-{n:03d}", "case_id": f"mxl-{n:03d}",
              "order_number": f"OP-{n}/2026", "visit_every_h": 24, "call_every_h": 24,
              "interview_every_days": 7, "reason": "orden vigente; plan del mes"}
             for n in range(len(people))]
    await submit(service, clock, at(1, 10), "supervisora1", "supervisor", plans)
    await submit(service, clock, at(2, 8), "jefe1", "shift_lead",
                 [{"type": "plan_visits", "plan_id": p["id"], "horizon_h": 96} for p in plans])
    # The patrol stops two minutes at HOME2 (a fix every 20 s) soon after the first
    # visits there were due: it proves them, and only them.
    due = _visits_of(service, plans[gps_from]["id"])[0]["due_at"]
    for k in range(9):
        fix = due + 600 + 20 * k
        clock.now = fix
        outcome = await service.ingest(PositionReport(PATROL_TRACKER, *HOME2, fix))
        assert outcome.accepted, outcome
    recorded = []
    proven = 0
    for n, plan in enumerate(plans):
        wanted = 3 if n >= gps_from else 4
        visits = _visits_of(service, plan["id"])
        assert len(visits) >= wanted, (plan["id"], len(visits))
        made = [v for v in visits[:wanted] if v["status"] != "planned"]
        assert [v["proof"] for v in made] == (["gps"] if n >= gps_from else []), (n, made)
        proven += len(made)
        recorded += [{"type": "record_visit", "visit_id": v["id"], "at": v["due_at"] + 600,
                      "reason": "rastreador de la patrulla sin señal"}
                     for v in visits[:wanted] if v["status"] == "planned"]
    assert proven == MEXICALI_GPS_VISITS and len(recorded) + proven == MEXICALI_VISITS
    await submit(service, clock, at(20), "operadora1", "operator", recorded)
    interviews = [{"type": "record_interview", "id": f"int-mxl-{n:03d}",
                   "plan_id": plans[n % len(plans)]["id"], "held_at": at(3 + n % 20, 12),
                   "place": "su domicilio", "who": "Oficial de la UVI"}
                  for n in range(MEXICALI_INTERVIEWS)]
    await submit(service, clock, at(25), "supervisora1", "supervisor", interviews)
    calls = [{"type": "record_follow_call", "id": f"call-mxl-{n:03d}",
              "plan_id": plans[n % len(plans)]["id"], "result": "reached", "duration_s": 180,
              "placed_at": at(3 + n % 20, 16)} for n in range(MEXICALI_CALLS)]
    await submit(service, clock, at(25), "operadora1", "operator", calls)


# --- Quintana Roo's unit: 2,097 interventions = 403 legal + 1,694 psychological; 433
# previa, 1,605 at 12–48 h, 54 subsecuente, 5 seguimiento (by WhatsApp or video call);
# 718 expedientes registered in BANAVIM.

QROO_LEGAL, QROO_PSYCH = 403, 1694
QROO_TIMINGS = {"previa": 433, "12_48h": 1605, "subsecuente": 54, "seguimiento": 5}
QROO_BANAVIM = 718
QROO_CASES = 800


async def build_quintana_roo(service: Service, clock: Clock) -> None:
    """800 cases; their 2,097 interventions through ``record_intervention`` (the 12–48 h
    ones with the episode 20 h before, so the desk's rule proposes the category; the
    subsecuente ones given by the specialist; the seguimiento ones answering a follow-up
    scheduled by ``schedule_follow_up``); 718 cases marked for BANAVIM and their folio
    recorded within the month, 10 more marked and still waiting for a folio."""
    cases = [{"type": "open_case", "case_id": f"qroo-{n:03d}",
              "person": {"name": f"Persona QRoo {n:03d}", "sex": "mujer",
                         "date_of_birth": "1992-04-04"}} for n in range(QROO_CASES)]
    await submit(service, clock, at(1, 8), "supervisora1", "supervisor", cases)
    plain = [t for t, n in QROO_TIMINGS.items() if t != "seguimiento" for _ in range(n)]
    for n, timing in enumerate(plain):
        legal = n < QROO_LEGAL
        start = at(2 + n % 26, 9 + (n // 26) % 10) + n % 60
        cmd: dict[str, Any] = {"type": "record_intervention", "intervention_id": f"iv-{n:04d}",
                               "case_id": f"qroo-{n % QROO_CASES:03d}",
                               "kind": "juridica" if legal else "psicologica",
                               "channel": ("linea_telefonica", "llamada_911", "presencial")[n % 3],
                               "started_at": start, "ended_at": start + 1800}
        if timing == "12_48h":
            cmd["episode_at"] = start - 20 * H
        elif timing == "subsecuente":
            cmd["timing"] = "subsecuente"
        await submit(service, clock, start + 3600, "abogada1" if legal else "psicologa1",
                     "abogada" if legal else "psicologa", [cmd])
    for n in range(QROO_TIMINGS["seguimiento"]):
        due = at(27, 10 + n)
        await submit(service, clock, at(26, 9), "psicologa1", "psicologa",
                     [{"type": "schedule_follow_up", "follow_up_id": f"fu-{n}",
                       "case_id": f"qroo-{n:03d}", "due_at": due,
                       "channel": ("whatsapp", "videollamada")[n % 2]}])
        await submit(service, clock, due + 3600, "psicologa1", "psicologa",
                     [{"type": "record_intervention", "intervention_id": f"iv-fu-{n}",
                       "case_id": f"qroo-{n:03d}", "kind": "psicologica",
                       "channel": ("whatsapp", "videollamada")[n % 2], "follow_up_id": f"fu-{n}",
                       "started_at": due, "ended_at": due + 1200}])
    # Referrals to institutions: 6 to the DIF (2 of them attended), 3 to Igualdad (1
    # received); and one made in February, outside the month.
    await submit(service, clock, at(0, 9), "psicologa1", "psicologa", [
        {"type": "refer_to_institution", "referral_id": "can-feb", "case_id": "qroo-000",
         "institution_id": "dif_mxl", "reason": "Apoyo", "shared": ["contacto", "domicilio"]}])
    for n in range(9):
        inst = "dif_mxl" if n < 6 else "igualdad_mxl"
        await submit(service, clock, at(5 + n, 9), "psicologa1", "psicologa", [
            {"type": "refer_to_institution", "referral_id": f"can-{n}", "case_id": f"qroo-{n:03d}",
             "institution_id": inst, "reason": "Contención y apoyo", "shared": ["contacto", "domicilio"]}])
    for rid, status in (("can-0", "recibida"), ("can-0", "atendida"), ("can-1", "atendida"),
                        ("can-6", "recibida")):
        await submit(service, clock, at(20, 9), "psicologa1", "psicologa", [
            {"type": "set_institution_referral_status", "referral_id": rid, "status": status}])
    marked = [{"type": "mark_for_banavim", "case_id": f"qroo-{n:03d}"} for n in range(QROO_BANAVIM + 10)]
    await submit(service, clock, at(3), "supervisora1", "supervisor", marked)
    folios = [{"type": "record_banavim_folio", "case_id": f"qroo-{n:03d}",
               "folio": f"BNV-QR-{n:05d}", "registered_on": f"2026-03-{4 + n % 25:02d}"}
              for n in range(QROO_BANAVIM)]
    await submit(service, clock, at(30), "supervisora1", "supervisor", folios)


# --- Aguascalientes' devices: 144 of 200 panic devices delivered, through the registry's
# CSV import (POST /api/v1/devices/import: the HTTP path of these fixtures).

AGS_DEVICES, AGS_DELIVERED = 200, 144


def aguascalientes_csv(*, delivered: bool = True) -> str:
    """The registry's devices file: 200 devices, 144 handed to their women in March (with
    ``delivered=False``: all 200 in stock, each for her woman, delivered through the
    lifecycle commands instead)."""
    lines = ["device_id,name,beneficiary_id,phone,device_model,delivered_on"]
    for n in range(AGS_DEVICES):
        day = f"2026-03-{1 + n % 28:02d}" if delivered and n < AGS_DELIVERED else ""
        lines.append(f"86123456{n:07d},Beneficiaria Ags {n:03d},AGS{n:04d},449{n:07d},EV-07B,{day}")
    return "\n".join(lines) + "\n"
