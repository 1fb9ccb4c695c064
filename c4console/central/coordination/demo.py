"""The demo's coordination tables (issue 15, ``c4central serve --demo``): the DIF as an agency
(kept if it exists: the demo's agencies seed makes the same record), and — with the demo's
history — the highest-risk demo case shared with the DIF at resumen, one past mesa with the
DIF, its agreement and one DIF task, signed by its chair, and one upcoming mesa with the DIF,
so the *Mesas de coordinación* tool and the DIF liaison's tasks open on something.

Through the commands a supervisor sends, with fixed keys: a restarted demo central adds
nothing twice (the share uses the same key and id as the demo's share with the DIF)."""

from __future__ import annotations

import logging
from datetime import timedelta

from sqlalchemy import select

from c4console.central import agencies
from c4console.central import schema as t
from c4console.central.cases.steps import c4_date
from c4console.central.records import Tx
from c4console.central.service import Service
from c4console.core.agencies.records import C4_AGENCY, Agency
from c4console.core.cases.records import Case
from c4console.core.cases.vocabulary import RiskLevel

log = logging.getLogger(__name__)

DIF = Agency("dif", "DIF Municipal de Mexicali", "dif", "686 558 1600 · enlace.dif@example.org")
CHAIR = "supervisora1"
PAST, NEXT = "demo-mesa-pasada", "demo-mesa-proxima"
PAST_DAYS, NEXT_DAYS, TASK_DAYS = 14, 7, 3  # the past mesa's, the next's, the task's due day


async def seed_demo_dif(service: Service) -> str:
    """The DIF as an agency: ``created`` or ``exists``."""
    return await service.write(lambda tx: agencies.add_agency(tx, DIF))


def _highest_risk(tx: Tx) -> Case | None:
    cases = [Case.from_wire(d) for (d,) in tx.conn.execute(select(t.cases.c.data)
                                                           .order_by(t.cases.c.id))]
    high = [c for c in cases if c.risk_level is not None and not c.merged_into
            and c.risk_level.rank >= RiskLevel.ALTO.rank]
    return min(high, key=lambda c: (-c.risk_level.rank, c.id), default=None)


async def seed_demo_meetings(service: Service) -> dict[str, int]:
    """Her case shared with the DIF, the past signed mesa with its DIF task, the next mesa;
    how many commands were accepted, rejected or duplicates ({} without a high-risk case)."""
    case = await service.write(_highest_risk)
    if case is None:
        return {}
    today = c4_date(service.clock(), service.folio_tz)
    past = (today - timedelta(days=PAST_DAYS)).isoformat()
    commands = [
        {"type": "share_case", "key": f"demo-share-{case.id}", "share_id": "demo-share-dif",
         "case_id": case.id, "agency_id": DIF.id, "level": "resumen",
         "reason": "Mesa de coordinación: seguimiento del DIF a la familia"},
        {"type": "schedule_meeting", "key": f"{PAST}-convocada", "meeting_id": PAST,
         "date": past, "time": "10:00", "place": "Sala de juntas del C4", "agencies": [DIF.id],
         "chair": CHAIR},
        {"type": "record_attendance", "key": f"{PAST}-asistencia", "meeting_id": PAST,
         "attendees": [{"name": "Lic. Laura Méndez Ochoa", "agency_id": DIF.id},
                       {"name": "Supervisora de turno", "agency_id": C4_AGENCY,
                        "account": CHAIR}]},
        {"type": "add_case_to_meeting", "key": f"{PAST}-caso", "meeting_id": PAST,
         "case_id": case.id},
        {"type": "record_agreement", "key": f"{PAST}-acuerdo", "meeting_id": PAST,
         "case_id": case.id, "text": "El DIF acompaña a sus hijos a la escuela mientras dure "
                                     "la orden de protección"},
        {"type": "assign_task", "key": f"{PAST}-tarea", "meeting_id": PAST, "task_id":
         f"{PAST}-tarea-dif", "case_id": case.id, "agency_id": DIF.id,
         "what": "Visita de trabajo social al domicilio",
         "due_on": (today + timedelta(days=TASK_DAYS)).isoformat()},
        {"type": "sign_minutes", "key": f"{PAST}-firma", "meeting_id": PAST},
        {"type": "schedule_meeting", "key": f"{NEXT}-convocada", "meeting_id": NEXT,
         "date": (today + timedelta(days=NEXT_DAYS)).isoformat(), "time": "10:00",
         "place": "DIF Municipal de Mexicali, sala 2", "agencies": [DIF.id], "chair": CHAIR},
    ]
    counts: dict[str, int] = {}
    for r in await service.submit(commands, actor=CHAIR, role="supervisor"):
        counts[r.outcome] = counts.get(r.outcome, 0) + 1
        if r.outcome == "rejected":
            log.warning("demo mesas: %s rejected: %s", r.key, r.message)
    log.info("demo mesas: a past signed mesa and the next one with the DIF; commands %s", counts)
    return counts
