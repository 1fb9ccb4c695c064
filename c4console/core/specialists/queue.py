"""The specialist desk's queue (pure): what waits for a psychologist or a lawyer now."""

from __future__ import annotations

from collections.abc import Callable, Collection, Iterable
from dataclasses import dataclass
from datetime import date, datetime, tzinfo
from typing import Any

from c4console.core.calls.records import REFERRAL_WAITING, Referral
from c4console.core.specialists.records import FOLLOW_UP_SCHEDULED, DeskFollowUp

ROW_REFERRAL = "referral"
ROW_FOLLOW_UP = "follow_up"


@dataclass(frozen=True, slots=True)
class DeskRow:
    """One row of the desk's queue: a waiting referral or a follow-up due (or missed).

    ``since`` is when she started waiting (handed over, or the follow-up's due time);
    ``waiting_s`` how long ago that is (0 for a follow-up due later today); ``risk_rank``
    her case's risk (-1: unknown); ``missed`` a follow-up due on an earlier day, not done."""

    kind: str
    record: Any
    case_id: str | None
    since: float
    waiting_s: float
    risk_rank: int
    missed: bool = False


def desk_queue(referrals: Iterable[Referral], follow_ups: Iterable[DeskFollowUp],
               risk_of_case: Callable[[str | None], int], now: float,
               tz: tzinfo | None = None, desks: Collection[str] | None = None) -> list[DeskRow]:
    """The desk's rows at ``now``: waiting referrals, and scheduled follow-ups due today or
    earlier (those due on an earlier day are flagged missed); highest risk first
    (``risk_of_case(case_id)``: a rank, higher is more dangerous, -1 unknown), then the
    oldest. Days are the C4's calendar days in ``tz`` (None: the machine's). ``desks``: the
    reader's desks (a referral shows while one of them has still to answer it); None: all."""
    today = _day(now, tz)
    rows: list[DeskRow] = []
    for r in referrals:
        if r.status == REFERRAL_WAITING and (desks is None or set(r.pending_desks) & set(desks)):
            rows.append(DeskRow(ROW_REFERRAL, r, r.case_id, r.handed_at,
                                max(0.0, now - r.handed_at), risk_of_case(r.case_id)))
    for f in follow_ups:
        if f.status != FOLLOW_UP_SCHEDULED:
            continue
        due_day = _day(f.due_at, tz)
        if due_day > today:
            continue
        rows.append(DeskRow(ROW_FOLLOW_UP, f, f.case_id, f.due_at, max(0.0, now - f.due_at),
                            risk_of_case(f.case_id), missed=due_day < today))
    rows.sort(key=lambda row: (-row.risk_rank, row.since))
    return rows


def _day(at: float, tz: tzinfo | None) -> date:
    return datetime.fromtimestamp(at, tz).date()
