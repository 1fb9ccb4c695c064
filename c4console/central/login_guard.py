"""Flood guards in front of the password check (issue 16 points 7 and 12).

- :class:`AddressBackoff`: an address that keeps failing to log in (whatever user
  names it tries) waits longer and longer between attempts. After ``free_failures``
  failures (a person mistyping stays well below) it waits ``base_s``, and each
  further failure doubles the wait, from ``base_s`` up to ``max_s``; a successful login or
  ``forget_s`` without failures clears the address. Kept in memory per node:
  it slows one address down, the per-(user, address) lock in the database is the rule.
- :class:`HashingSlots`: at most ``limit`` password checks queued or running at
  once. Argon2 costs ~50 ms of a core by design; an unbounded queue let 60 fake
  logins hold a real one up for 0.7 s. A login that finds the slots full is answered
  429 at once instead of waiting behind the flood.
"""

from __future__ import annotations

from collections import OrderedDict

FREE_FAILURES = 10
BASE_S = 1.0
MAX_S = 60.0
FORGET_S = 900.0
MAX_ADDRESSES = 10_000  # remembered at most (the oldest are forgotten first)
HASH_SLOTS = 16  # checks queued or running (2 threads hash; ~0.4 s of queue at most)


class TooManyAttempts(Exception):
    """A login refused before the password is checked; ``retry_after`` in seconds."""

    def __init__(self, message: str, retry_after: float) -> None:
        super().__init__(message)
        self.retry_after = retry_after


class AddressBackoff:
    """Per-address back-off after repeated failed logins."""

    def __init__(self, *, free_failures: int = FREE_FAILURES, base_s: float = BASE_S,
                 max_s: float = MAX_S, forget_s: float = FORGET_S,
                 max_addresses: int = MAX_ADDRESSES) -> None:
        self.free_failures = free_failures
        self.base_s = base_s
        self.max_s = max_s
        self.forget_s = forget_s
        self.max_addresses = max_addresses
        # address → (failures, time of the last failure, earliest next attempt)
        self._seen: OrderedDict[str, tuple[int, float, float]] = OrderedDict()

    def wait_s(self, source: str, now: float) -> float:
        """Seconds ``source`` must still wait before its next attempt (0: go ahead)."""
        entry = self._seen.get(source)
        if entry is None:
            return 0.0
        failures, last, next_at = entry
        if now - last > self.forget_s:
            del self._seen[source]
            return 0.0
        return max(0.0, next_at - now)

    def failed(self, source: str, now: float) -> None:
        """Count a failed login from ``source``."""
        failures, last, _ = self._seen.pop(source, (0, now, now))
        if now - last > self.forget_s:
            failures = 0
        failures += 1
        over = failures - self.free_failures + 1  # the free_failures-th starts the wait
        delay = 0.0 if over <= 0 else min(self.max_s, self.base_s * 2 ** min(over - 1, 30))
        self._seen[source] = (failures, now, now + delay)
        while len(self._seen) > self.max_addresses:
            self._seen.popitem(last=False)

    def succeeded(self, source: str) -> None:
        """A good login from ``source``: it starts afresh."""
        self._seen.pop(source, None)


class HashingSlots:
    """A bound on the password checks waiting for or using the hashing threads."""

    def __init__(self, limit: int = HASH_SLOTS) -> None:
        self.limit = limit
        self.used = 0

    def take(self) -> None:
        """Take a slot or raise :class:`TooManyAttempts` (the queue is full)."""
        if self.used >= self.limit:
            raise TooManyAttempts("the central is checking too many logins at once; "
                                  "try again in a moment", 1.0)
        self.used += 1

    def give(self) -> None:
        """Give a slot back."""
        self.used -= 1
