"""Interventions in the central's database, by her case (indexed look-ups)."""

from __future__ import annotations

from collections.abc import Iterable

from sqlalchemy import Connection, select

from c4console.central import schema as t
from c4console.core.specialists.records import Intervention


def interventions_of_case(conn: Connection, case_id: str) -> list[Intervention]:
    """Her case's interventions, oldest first."""
    rows = conn.execute(select(t.interventions.c.data).where(t.interventions.c.case_id == case_id)
                        .order_by(t.interventions.c.started_at)).scalars()
    return [Intervention.from_wire(data) for data in rows]


def interventions_of_cases(conn: Connection, case_ids: Iterable[str]) -> list[Intervention]:
    """The interventions of these cases (any order)."""
    ids = sorted(set(case_ids))
    if not ids:
        return []
    rows = conn.execute(select(t.interventions.c.data)
                        .where(t.interventions.c.case_id.in_(ids))).scalars()
    return [Intervention.from_wire(data) for data in rows]
