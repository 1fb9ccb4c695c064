"""Which shift a person works now, and which incidents are hers (pure).

The queue puts "her" incidents first: those in one of her shift's sectors, and those
she owns. Her shift is the one covering ``now`` that lists her as an operator or has
her as its lead; if several do (an overlap at a change of shift), the one that
started last.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from c4console.core.models import Incident, Shift


def shift_of(shifts: Iterable[Shift], user: str, now: float) -> Shift | None:
    """The shift ``user`` works at ``now`` (as operator or lead), or None."""
    mine = [s for s in shifts if s.covers(now) and (user in s.operators or user == s.lead)]
    return max(mine, key=lambda s: (s.starts_at, s.id), default=None)


def current_and_next(shifts: Iterable[Shift], now: float) -> list[Shift]:
    """Shifts not yet over at ``now``, in start order (the current ones first)."""
    return sorted((s for s in shifts if s.ends_at > now), key=lambda s: (s.starts_at, s.id))


@dataclass(frozen=True, slots=True)
class Desk:
    """What makes an incident "mine" for one person: her login and her shift's sectors."""

    user: str = ""
    sectors: frozenset[str] = frozenset()

    @classmethod
    def of(cls, shifts: Iterable[Shift], user: str, now: float) -> Desk:
        """Her desk now (no shift: only the incidents she owns are hers)."""
        shift = shift_of(shifts, user, now)
        return cls(user, frozenset(shift.sectors) if shift else frozenset())

    def is_mine(self, inc: Incident) -> bool:
        """True if the incident is in her shift's sectors or she owns it."""
        return (bool(inc.sector) and inc.sector in self.sectors) or (
            bool(self.user) and inc.owner == self.user)
