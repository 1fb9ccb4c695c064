"""Tasks past their due date (issue 15): the central flags a task ``overdue`` once its due date
has passed (the C4's calendar) with the task still open, and puts it again so the feed carries
the flag to the C4 (and to the agency's liaison). Done tasks clear the flag themselves."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from zoneinfo import ZoneInfo

from c4console.central.cases.steps import c4_date
from c4console.central.coordination.store import open_tasks
from c4console.central.records import Tx
from c4console.central.tasks import PeriodicPass

SWEEP_S = 60.0


def flag_overdue(tx: Tx, tz: ZoneInfo, today: date | None = None) -> int:
    """Flag every open task due before today not yet flagged; returns how many."""
    today = today or c4_date(tx.now, tz)
    flagged = 0
    for task in open_tasks(tx.conn, due_before=today.isoformat()):
        if not task.overdue:
            tx.put(task.evolve(overdue=True))
            flagged += 1
    return flagged


class OverdueSweep(PeriodicPass):
    """Every ``every_s`` seconds, one write transaction of :func:`flag_overdue`."""

    def __init__(self, write: Callable, tz: ZoneInfo, every_s: float = SWEEP_S) -> None:
        self.write, self.tz = write, tz
        super().__init__(self.sweep_now, every_s, what="coordination tasks: the overdue sweep",
                         found="coordination tasks: %d became overdue")

    async def sweep_now(self) -> int:
        """One sweep (tests, and the loop)."""
        return await self.write(lambda tx: flag_overdue(tx, self.tz))
