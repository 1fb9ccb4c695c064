"""Norma Técnica 911 response-time targets, measured on an incident."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from c4console.core.models import Incident


class TimerState(StrEnum):
    """Where a timer stands."""

    RUNNING = "running"
    MET = "met"
    BREACHED = "breached"


@dataclass(frozen=True, slots=True)
class Target:
    """One response-time target: its name, limit in seconds and the stamp that stops it."""

    name: str
    limit_s: float
    stop_field: str


# Minimum data captured ≤ 90 s (we count the acknowledgement: type and location
# confirmed by an operator); unit assigned ≤ 120 s; unit on scene ≤ 10 min.
NT911_TARGETS: tuple[Target, ...] = (
    Target("minimum_data", 90.0, "acknowledged_at"),
    Target("unit_assigned", 120.0, "dispatched_at"),
    Target("on_scene", 600.0, "on_scene_at"),
)


@dataclass(frozen=True, slots=True)
class TimerReading:
    """A target read at a moment: elapsed seconds and state."""

    target: Target
    elapsed_s: float
    state: TimerState

    @property
    def remaining_s(self) -> float:
        """Seconds left before the breach (negative once breached)."""
        return self.target.limit_s - self.elapsed_s


def read_timers(inc: Incident, now: float,
                targets: tuple[Target, ...] = NT911_TARGETS) -> list[TimerReading]:
    """Each target's reading for this incident at ``now``.

    A timer stops at its stamp; an incident finished without reaching that stamp
    (closed, false alarm, test) stops its timers at ``closed_at``.
    """
    out = []
    for t in targets:
        stop = getattr(inc, t.stop_field)
        end = stop if stop is not None else inc.closed_at
        elapsed = (end if end is not None else now) - inc.created_at
        if elapsed > t.limit_s:
            state = TimerState.BREACHED
        elif stop is not None:
            state = TimerState.MET
        elif end is not None:
            state = TimerState.MET  # finished before the stamp was needed
        else:
            state = TimerState.RUNNING
        out.append(TimerReading(t, max(0.0, elapsed), state))
    return out


def breaches(inc: Incident, now: float) -> list[str]:
    """Names of the targets this incident has breached at ``now``."""
    return [r.target.name for r in read_timers(inc, now) if r.state is TimerState.BREACHED]
