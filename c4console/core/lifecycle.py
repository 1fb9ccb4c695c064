"""Incident lifecycle: which status may follow which, and why not otherwise."""

from __future__ import annotations

from c4console.core.enums import IncidentStatus as S

# new → acknowledged → dispatched → en route → on scene → closed, plus the
# terminal outcomes cancelled / false alarm / test. A dispatched incident may go
# back to acknowledged when its unit is withdrawn (the shift lead reassigns).
TRANSITIONS: dict[S, frozenset[S]] = {
    S.NEW: frozenset({S.ACKNOWLEDGED, S.CANCELLED, S.FALSE_ALARM, S.TEST}),
    S.ACKNOWLEDGED: frozenset({S.DISPATCHED, S.CLOSED, S.CANCELLED, S.FALSE_ALARM, S.TEST}),
    S.DISPATCHED: frozenset({S.EN_ROUTE, S.ON_SCENE, S.ACKNOWLEDGED, S.CLOSED, S.CANCELLED,
                             S.FALSE_ALARM}),
    S.EN_ROUTE: frozenset({S.ON_SCENE, S.ACKNOWLEDGED, S.CLOSED, S.CANCELLED, S.FALSE_ALARM}),
    S.ON_SCENE: frozenset({S.CLOSED, S.FALSE_ALARM}),
    S.CLOSED: frozenset(),
    S.CANCELLED: frozenset(),
    S.FALSE_ALARM: frozenset(),
    S.TEST: frozenset(),
}

# The order an operator's "advance status" key walks through.
ADVANCE: dict[S, S] = {
    S.NEW: S.ACKNOWLEDGED,
    S.DISPATCHED: S.EN_ROUTE,
    S.EN_ROUTE: S.ON_SCENE,
    S.ON_SCENE: S.CLOSED,
}

TERMINAL = frozenset(s for s, nxt in TRANSITIONS.items() if not nxt)


class TransitionRefused(ValueError):
    """An illegal status change; ``reason`` is a stable code, ``str()`` explains it."""

    def __init__(self, reason: str, message: str) -> None:
        super().__init__(message)
        self.reason = reason


def check_transition(current: S, target: S) -> None:
    """Raise :class:`TransitionRefused` unless ``current → target`` is allowed."""
    if current == target:
        raise TransitionRefused("no_change", f"incident is already {current.value}")
    if current in TERMINAL:
        raise TransitionRefused(
            "terminal", f"incident is {current.value}; a finished incident cannot change status"
        )
    if target not in TRANSITIONS[current]:
        raise TransitionRefused(
            "illegal_transition", f"cannot go from {current.value} to {target.value}"
        )
