"""The demo's agencies and what is shared with them (issue 15, ``c4central serve --demo``):
the DIF and the Fiscalía as agencies (their liaisons ``enlace_dif1`` and ``enlace_fiscalia1``
are demo accounts, central/bootstrap.py), and one high-risk case shared with the DIF at level
resumen by the demo supervisor, so ``c4console --demo --user enlace_dif1`` shows a case.
Through a command as a supervisor sends it, with a fixed key: a restarted demo central shares
nothing twice."""

from __future__ import annotations

import logging

from sqlalchemy import select

from c4console.central import agencies
from c4console.central import schema as t
from c4console.central.records import Tx
from c4console.central.service import Service
from c4console.core.agencies.records import Agency
from c4console.core.cases.records import Case
from c4console.core.cases.vocabulary import RiskLevel

log = logging.getLogger(__name__)

DEMO_AGENCIES = (
    Agency("dif", "DIF Municipal de Mexicali", "dif", "686 558 1600 · enlace.dif@example.org"),
    Agency("fiscalia", "Fiscalía Especializada en Delitos contra la Mujer", "fiscalia",
           "686 904 1200"),
)
SUPERVISOR = "supervisora1"
SHARE_ID = "demo-share-dif"


async def seed_demo_agencies(service: Service) -> None:
    """Create the demo's agencies (kept if they exist)."""
    def add(tx: Tx) -> None:
        for agency in DEMO_AGENCIES:
            agencies.add_agency(tx, agency)

    await service.write(add)


def highest_risk_case(tx: Tx) -> Case | None:
    """The demo's case of highest risk (alto or extremo; the lowest id among equals)."""
    cases = [Case.from_wire(d) for (d,) in tx.conn.execute(select(t.cases.c.data)
                                                           .order_by(t.cases.c.id))]
    high = [c for c in cases if c.risk_level is not None and not c.merged_into
            and c.risk_level.rank >= RiskLevel.ALTO.rank]
    return min(high, key=lambda c: (-c.risk_level.rank, c.id), default=None)


async def seed_demo_share(service: Service) -> str:
    """Share the highest-risk demo case with the DIF at resumen; the command's outcome
    ("" when the demo has no such case)."""
    case = await service.write(highest_risk_case)
    if case is None:
        return ""
    (result,) = await service.submit([{
        "type": "share_case", "key": f"demo-share-{case.id}", "share_id": SHARE_ID,
        "case_id": case.id, "agency_id": "dif", "level": "resumen",
        "reason": "Mesa de coordinación: seguimiento del DIF a la familia"}],
        actor=SUPERVISOR, role="supervisor")
    if result.outcome == "rejected":
        log.warning("demo share: rejected: %s", result.message)
    log.info("demo share: case shared with the DIF at resumen (%s)", result.outcome)
    return result.outcome
