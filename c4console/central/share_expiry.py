"""Shares that reach their end date (issue 15): once a share's ``ends_on`` has passed, the
central marks it ``expired_at`` and re-publishes her case (its timeline, the meetings and
tasks on it) in the same transaction, so the feed gate sends the liaison's console a delete
of the case, and the tasks without her case id, within one feed cycle — as a revocation
does. The feed gate also judges the end date on every change it filters, so nothing is sent
after the end date even between two sweeps."""

from __future__ import annotations

import logging
import uuid
from collections.abc import Callable
from datetime import date
from zoneinfo import ZoneInfo

from sqlalchemy import select

from c4console.central import schema as t
from c4console.central.agencies import get_agency
from c4console.central.cases.steps import c4_date
from c4console.central.coordination.store import coordination_of_case
from c4console.central.records import Tx
from c4console.central.share_reads import timeline_of
from c4console.central.tasks import PeriodicPass
from c4console.core.agencies.records import CaseShare
from c4console.core.agencies.timeline import EXPIRED, EXPIRY_ACTOR, sharing_entry

log = logging.getLogger(__name__)
SWEEP_S = 60.0


def expire_shares(tx: Tx, tz: ZoneInfo, today: date | None = None) -> int:
    """Mark every share whose end date has passed (not revoked, not yet marked), re-publish
    its case and write her timeline's entry (actor ``central``); returns how many.
    ``today``: the C4's date (default: now in ``tz``)."""
    today = today or c4_date(tx.now, tz)
    ended = 0
    for (data,) in tx.conn.execute(select(t.case_shares.c.data)).all():
        share = CaseShare.from_wire(data)
        if (share.revoked_at is not None or share.expired_at is not None or not share.ends_on
                or share.ends_on >= today.isoformat()):
            continue
        ended_share = share.evolve(expired_at=tx.now)
        tx.put(ended_share)
        case = tx.get("case", share.case_id)
        for record in [*([case] if case is not None else []), *timeline_of(tx.conn, share.case_id),
                       *coordination_of_case(tx.conn, share.case_id)]:
            tx.put(record)
        agency = get_agency(tx.conn, share.agency_id)
        tx.put(sharing_entry(ended_share, EXPIRED, agency_name=agency.name if agency else "",
                             reason="", actor=EXPIRY_ACTOR, at=tx.now,
                             new_id=lambda: str(uuid.uuid4())))
        ended += 1
    return ended


class ShareExpiry(PeriodicPass):
    """Every ``every_s`` seconds, one write transaction of :func:`expire_shares`."""

    def __init__(self, write: Callable, tz: ZoneInfo, every_s: float = SWEEP_S) -> None:
        self.write, self.tz = write, tz
        super().__init__(self.sweep_now, every_s, what="case shares: the end-date sweep",
                         found="case shares: %d reached their end date")

    async def sweep_now(self) -> int:
        """One sweep (tests, and the loop)."""
        return await self.write(lambda tx: expire_shares(tx, self.tz))
