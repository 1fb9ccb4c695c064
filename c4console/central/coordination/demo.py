"""The demo's coordination tables (issue 15, ``c4central serve --demo`` with its history):
after central/agencies_demo.py has created the DIF and shared the highest-risk demo case
with it, one past mesa with the DIF, its agreement and one DIF task, signed by its chair, and
one upcoming mesa with the DIF, so the *Mesas de coordinación* tool and the DIF liaison's
tasks open on something.

Through the commands a supervisor sends, with fixed keys: a restarted demo central adds
nothing twice."""

from __future__ import annotations

import logging
from datetime import timedelta

from c4console.central.agencies_demo import DEMO_AGENCIES, highest_risk_case
from c4console.central.cases.steps import c4_date
from c4console.central.service import Service
from c4console.core.agencies.records import C4_AGENCY

log = logging.getLogger(__name__)

DIF = DEMO_AGENCIES[0]  # the DIF (central/agencies_demo.py seeds it and shares her case with it)
CHAIR = "supervisora1"
PAST, NEXT = "demo-mesa-pasada", "demo-mesa-proxima"
PAST_DAYS, NEXT_DAYS, TASK_DAYS = 14, 7, 3  # the past mesa's, the next's, the task's due day


async def seed_demo_meetings(service: Service) -> dict[str, int]:
    """The past signed mesa on her case (already shared with the DIF) with its DIF task, the next mesa;
    how many commands were accepted, rejected or duplicates ({} without a high-risk case)."""
    case = await service.write(highest_risk_case)
    if case is None:
        return {}
    today = c4_date(service.clock(), service.folio_tz)
    past = (today - timedelta(days=PAST_DAYS)).isoformat()
    commands = [
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
