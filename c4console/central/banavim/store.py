"""BANAVIM registrations in the central's database: the look-ups the commands and the
export need (indexed by folio and case)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from sqlalchemy import Connection, select

from c4console.central import schema as t
from c4console.core.banavim.registration import BanavimRegistration
from c4console.core.cases.records import CaseTimelineEntry

if TYPE_CHECKING:
    from c4console.central.records import Tx

_TABLE = t.banavim_registrations


def registration_with_folio(tx: Tx, folio: str) -> BanavimRegistration | None:
    """The registration already holding BANAVIM folio ``folio`` (in this transaction)."""
    tx.flush()
    data = tx.conn.execute(select(_TABLE.c.data).where(_TABLE.c.folio == folio)).scalar()
    return None if data is None else BanavimRegistration.from_wire(data)


def registrations(conn: Connection, case_id: str | None = None, *,
                  unregistered_only: bool = False) -> list[BanavimRegistration]:
    """The registrations of one case (all), or of every case (``case_id`` None), oldest
    marked first; ``unregistered_only``: those without a folio yet."""
    query = select(_TABLE.c.data)
    if case_id is not None:
        query = query.where(_TABLE.c.case_id == case_id)
    if unregistered_only:
        query = query.where(_TABLE.c.folio.is_(None))
    found = [BanavimRegistration.from_wire(d) for (d,) in conn.execute(query)]
    return sorted(found, key=lambda r: (r.marked_at, r.id))


def case_timeline(conn: Connection, case_id: str) -> list[CaseTimelineEntry]:
    """The case's timeline entries, oldest first: its services given (interventions,
    referrals to institutions) are part of the BANAVIM record."""
    rows = conn.execute(select(t.case_timeline.c.data).where(t.case_timeline.c.case_id == case_id)
                        .order_by(t.case_timeline.c.at, t.case_timeline.c.id))
    return [CaseTimelineEntry.from_wire(d) for (d,) in rows]
