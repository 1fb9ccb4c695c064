"""Reads of the ``calls`` table inside a write transaction (indexed)."""

from __future__ import annotations

from collections.abc import Iterable

from sqlalchemy import Connection, select

from c4console.central import schema as t
from c4console.core.calls.records import Call


def calls_of_incidents(conn: Connection, incident_ids: Iterable[str]) -> list[Call]:
    """The calls that became or were linked to these incidents."""
    ids = sorted(set(incident_ids))
    if not ids:
        return []
    rows = conn.execute(select(t.calls.c.data).where(t.calls.c.incident_id.in_(ids))
                        .order_by(t.calls.c.answered_at, t.calls.c.id)).scalars()
    return [Call.from_wire(data) for data in rows]
