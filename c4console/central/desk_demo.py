"""The demo's specialist desk (issue 12, ``c4central serve --demo``): a few calls handed to
the desk and one follow-up due today, so the psicóloga and abogada accounts open on a desk
with work on it. Through the commands an operator and a psychologist send, never by
writing the tables; fixed keys per day, so a restarted demo central adds nothing twice.

The referrals (``resources/demo/desk_referrals.csv``: desks and what the operator handed
over) go to the demo women with the highest risk who have a prior incident, the newest of
which the referral names.
"""

from __future__ import annotations

import csv
import logging
from datetime import datetime
from pathlib import Path
from typing import Any

from sqlalchemy import select

from c4console.central import schema as t
from c4console.central.records import Tx
from c4console.central.service import Service
from c4console.core.cases.records import Case
from c4console.core.cases.vocabulary import RiskLevel

log = logging.getLogger(__name__)

OPERATOR, PSYCHOLOGIST = "operadora1", "psicologa1"  # the demo accounts who send them
FOLLOW_UP_IN_S = 60.0  # the follow-up is due a minute after the demo starts (today)


def _cases(tx: Tx) -> list[Case]:
    rows = tx.conn.execute(select(t.cases.c.data).order_by(t.cases.c.id))
    cases = [Case.from_wire(d) for (d,) in rows]
    with_prior = [c for c in cases if c.incident_ids and c.risk_level and not c.merged_into]
    return sorted(with_prior, key=lambda c: (-RiskLevel(c.risk_level).rank, c.id))


def _rows(folder: Path) -> list[dict[str, str]]:
    path = folder / "desk_referrals.csv"
    if not path.is_file():
        return []
    with path.open(encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


async def seed_demo_desk(service: Service, folder: Path) -> dict[str, int]:
    """Hand ``folder``'s referrals to the desk and schedule one WhatsApp follow-up due
    today; returns how many commands were accepted, rejected or duplicates."""
    rows = _rows(folder)
    cases = await service.write(_cases)
    if not rows or not cases:
        return {}
    now = service.clock()
    day = datetime.fromtimestamp(now, service.folio_tz).strftime("%Y%m%d")
    handed: list[dict[str, Any]] = []
    for row, case in zip(rows, cases, strict=False):
        handed.append({"type": "hand_to_specialists", "key": f"demo-desk-{case.id}-{day}",
                       "incident_id": case.incident_ids[-1], "case_id": case.id,
                       "desks": row["desks"].split(";"), "narrative": row["narrative"]})
    counts: dict[str, int] = {}
    results = list(await service.submit(handed, actor=OPERATOR, role="operator"))
    follow = cases[len(rows)] if len(cases) > len(rows) else cases[0]
    results += await service.submit([{
        "type": "schedule_follow_up", "key": f"demo-desk-follow-up-{follow.id}-{day}",
        "case_id": follow.id, "due_at": round(now + FOLLOW_UP_IN_S, 3), "channel": "whatsapp",
        "note": "Llamada de seguimiento acordada en la intervención anterior"}],
        actor=PSYCHOLOGIST, role="psicologa")
    for r in results:
        counts[r.outcome] = counts.get(r.outcome, 0) + 1
        if r.outcome == "rejected":
            log.warning("demo desk: %s rejected: %s", r.key, r.message)
    log.info("demo desk: %d referral(s) and a follow-up; commands %s", len(handed), counts)
    return counts
