"""Reads of the case shares and of the reads other agencies made of a case (issue 15)."""

from __future__ import annotations

from typing import Any

from sqlalchemy import Connection, Engine, select

from c4console.central import schema as t
from c4console.central.audit import audit_log
from c4console.core.agencies.feed import LIAISON
from c4console.core.cases.records import CaseTimelineEntry

AGENCY_READ = "case.agency_read"  # the audit action of a liaison's read of a case


def timeline_of(conn: Connection, case_id: str) -> list[CaseTimelineEntry]:
    """Her case timeline's entries, oldest first (re-published with a share's change)."""
    rows = conn.execute(select(t.case_timeline.c.data).where(t.case_timeline.c.case_id == case_id)
                        .order_by(t.case_timeline.c.at, t.case_timeline.c.id))
    return [CaseTimelineEntry.from_wire(r[0]) for r in rows]


def all_shares(engine: Engine) -> list[dict[str, Any]]:
    """Every case share (wire form): the feed gate's state at start."""
    with engine.connect() as conn:
        return [row[0] for row in conn.execute(select(t.case_shares.c.data))]


def shares_of_case(engine: Engine, case_id: str) -> list[dict[str, Any]]:
    """The shares of one case (wire form), oldest first."""
    with engine.connect() as conn:
        rows = [r[0] for r in conn.execute(select(t.case_shares.c.data)
                                           .where(t.case_shares.c.case_id == case_id))]
    return sorted(rows, key=lambda d: d.get("created_at", 0.0))


def agency_reads(engine: Engine, case_id: str) -> list[dict[str, Any]]:
    """Who at which agency read (or tried to read) this case, when and what, oldest first —
    from the audit log's ``case.agency_read`` entries."""
    log = audit_log
    query = (select(log.c.seq, log.c.at, log.c.actor, log.c.target, log.c.outcome, log.c.detail)
             .where(log.c.action == AGENCY_READ, log.c.role == LIAISON).order_by(log.c.seq))
    out = []
    with engine.connect() as conn:
        for r in conn.execute(query):
            if (r.target or {}).get("case_id") != case_id:
                continue
            detail = r.detail or {}
            out.append({"at": r.at, "user": r.actor, "agency": detail.get("agency", ""),
                        "outcome": r.outcome, "via": detail.get("via", "read"),
                        "level": detail.get("level", ""), "fields": detail.get("fields", []),
                        "audit_seq": r.seq})
    return out
