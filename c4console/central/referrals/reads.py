"""Referral reads on a reader thread (indexed)."""

from __future__ import annotations

from typing import Any

from sqlalchemy import Engine, select

from c4console.central import schema as t

MAX_REFERRALS = 500


def referral(engine: Engine, referral_id: str) -> dict[str, Any] | None:
    """One referral's snapshot (wire form), or None."""
    with engine.connect() as conn:
        return conn.execute(select(t.institution_referrals.c.data).where(
            t.institution_referrals.c.id == referral_id)).scalar()


def referrals(engine: Engine, case_id: str | None) -> list[dict[str, Any]]:
    """Referrals to institutions, newest first (``case_id`` None: every case's)."""
    table = t.institution_referrals
    query = select(table.c.data).order_by(table.c.created_at.desc()).limit(MAX_REFERRALS)
    if case_id is not None:
        query = query.where(table.c.case_id == case_id)
    with engine.connect() as conn:
        return list(conn.execute(query).scalars())


def case(engine: Engine, case_id: str) -> dict[str, Any] | None:
    """Her case's snapshot, or None."""
    with engine.connect() as conn:
        return conn.execute(select(t.cases.c.data).where(t.cases.c.id == case_id)).scalar()
