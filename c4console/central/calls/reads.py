"""The call intake's reads on a reader thread (indexed)."""

from __future__ import annotations

from typing import Any

from sqlalchemy import Engine, select

from c4console.central import schema as t

MAX_REFERRALS = 500


def call(engine: Engine, call_id: str) -> dict[str, Any] | None:
    """One call's snapshot (wire form), or None."""
    with engine.connect() as conn:
        return conn.execute(select(t.calls.c.data).where(t.calls.c.id == call_id)).scalar()


def referrals(engine: Engine, status: str | None) -> list[dict[str, Any]]:
    """Referrals to the specialist desk, newest first (``status`` None: all)."""
    query = select(t.referrals.c.data).order_by(t.referrals.c.handed_at.desc()).limit(MAX_REFERRALS)
    if status is not None:
        query = query.where(t.referrals.c.status == status)
    with engine.connect() as conn:
        return list(conn.execute(query).scalars())
