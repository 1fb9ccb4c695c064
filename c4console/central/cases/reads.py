"""The case area's reads (run on the reader's threads: ``Reader.run(fn, …)``)."""

from __future__ import annotations

from datetime import date
from typing import Any

from sqlalchemy import Engine, select

from c4console.central import schema as t
from c4console.central.cases.history_query import history_at_central
from c4console.core.cases.history_record import IncidentHistory
from c4console.core.cases.records import Case
from c4console.core.models import Incident


def case(engine: Engine, case_id: str) -> Case | None:
    """One case, whole (the caller projects it)."""
    with engine.connect() as conn:
        data = conn.execute(select(t.cases.c.data).where(t.cases.c.id == case_id)).scalar()
    return None if data is None else Case.from_wire(data)


def incident(engine: Engine, incident_id: str) -> Incident | None:
    """One incident."""
    with engine.connect() as conn:
        data = conn.execute(select(t.incidents.c.data).where(t.incidents.c.id == incident_id)).scalar()
    return None if data is None else Incident.from_wire(data)


def history(engine: Engine, incident_id: str, today: date, now: float) -> dict[str, Any] | None:
    """The history record of an incident, whole: the one stored when it was created, or
    (an incident older than the case area) computed now. None if there is no incident."""
    with engine.connect() as conn:
        stored = conn.execute(select(t.histories.c.data).where(t.histories.c.id == incident_id)).scalar()
        if stored is not None:
            return dict(stored)
        data = conn.execute(select(t.incidents.c.data).where(t.incidents.c.id == incident_id)).scalar()
        if data is None:
            return None
        found, snapshots = history_at_central(conn, Incident.from_wire(data), today)
    return IncidentHistory.of(found, snapshots, now).to_wire()
