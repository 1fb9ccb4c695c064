"""Back-off after wrong passwords at the console's lock (issue 16 point 16).

The lock's password is checked at the workstation, against a hash in memory, so the
central's login lock does not see these tries: without a bound, someone at an unattended
console could guess as fast as they type (or a script could). Per user: after
``free_failures`` wrong passwords, each further try waits ``base_s`` seconds, doubling up
to ``max_s``; the right password clears it. Pure (the caller gives the time).
"""

from __future__ import annotations

from dataclasses import dataclass, field

FREE_FAILURES = 3
BASE_S = 5.0
MAX_S = 300.0


@dataclass
class UnlockBackoff:
    """Wrong unlock passwords per user, and until when each user must wait."""

    free_failures: int = FREE_FAILURES
    base_s: float = BASE_S
    max_s: float = MAX_S
    _state: dict[str, tuple[int, float]] = field(default_factory=dict)  # user → (failures, next_at)

    def wait_s(self, user: str, now: float) -> float:
        """Seconds ``user`` must still wait before the next try (0: go ahead)."""
        _, next_at = self._state.get(user, (0, 0.0))
        return max(0.0, next_at - now)

    def failed(self, user: str, now: float) -> float:
        """Count a wrong password of ``user``; returns the wait before the next try."""
        failures = self._state.get(user, (0, 0.0))[0] + 1
        over = failures - self.free_failures  # the first wrong one past the free ones waits base_s
        delay = 0.0 if over <= 0 else min(self.max_s, self.base_s * 2 ** min(over - 1, 30))
        self._state[user] = (failures, now + delay)
        return delay

    def succeeded(self, user: str) -> None:
        """The right password: ``user`` starts afresh."""
        self._state.pop(user, None)


# One per console process: a new lock (or a new session of the same user) keeps the count.
SHARED = UnlockBackoff()
