"""Exponential backoff with full jitter for reconnects."""

from __future__ import annotations

import random
from dataclasses import dataclass, field


@dataclass
class Backoff:
    """Delays that double from ``base`` up to ``cap``, each drawn uniformly below the ceiling."""

    base: float = 0.25
    cap: float = 10.0
    attempt: int = 0
    rng: random.Random = field(default_factory=random.Random)

    def next(self) -> float:
        """The next delay in seconds."""
        ceiling = min(self.cap, self.base * (2 ** self.attempt))
        self.attempt += 1
        # Full jitter keeps many consoles from reconnecting in lock-step.
        return self.rng.uniform(ceiling / 2, ceiling)

    def reset(self) -> None:
        """Back to the shortest delay (after a successful connection)."""
        self.attempt = 0
