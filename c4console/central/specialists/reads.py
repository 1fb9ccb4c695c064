"""The specialist desk's reads (run on the reader's threads: ``Reader.run(fn, …)``)."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from sqlalchemy import Engine, select

from c4console.central import schema as t
from c4console.central.cases.store import cases_of_incident


def case_exists(engine: Engine, case_id: str) -> bool:
    """True if the case exists."""
    with engine.connect() as conn:
        return conn.execute(select(t.cases.c.id).where(t.cases.c.id == case_id)).first() is not None


def interventions(engine: Engine, case_id: str) -> list[dict[str, Any]]:
    """Her case's interventions, whole, oldest first (the caller filters them)."""
    with engine.connect() as conn:
        return [dict(d) for d in conn.execute(
            select(t.interventions.c.data).where(t.interventions.c.case_id == case_id)
            .order_by(t.interventions.c.started_at)).scalars()]


def cases_of_open_incidents(engine: Engine, open_incidents: Iterable[dict[str, Any]]
                            ) -> list[dict[str, Any]]:
    """The cases the open incidents belong to (wire form), to seed the feed gate."""
    found: dict[str, dict[str, Any]] = {}
    with engine.connect() as conn:
        for inc in open_incidents:
            for case in cases_of_incident(conn, str(inc["id"]), inc.get("beneficiary_id") or None):
                found[case.id] = case.to_wire()
    return list(found.values())
