"""The timing category of an intervention relative to the violent episode (pure)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

HOUR = 3600.0
WINDOW_FROM_S = 12 * HOUR
WINDOW_TO_S = 48 * HOUR


def propose_timing(episode_at: float | None, prior_interventions_for_episode: Sequence[Any],
                   now: float, follow_up: Any | None = None) -> str:
    """The timing category the desk proposes for an intervention at ``now``; the
    specialist may correct it. The rule, first match wins:

    1. it fulfils a scheduled follow-up (``follow_up`` given) → ``seguimiento``;
    2. the same episode already had an intervention (``prior_interventions_for_episode``
       not empty) → ``subsecuente``;
    3. it happens 12 to 48 hours (both included) after the episode (``episode_at``) →
       ``12_48h``;
    4. otherwise (no episode time, under 12 h after it, or more than 48 h) → ``previa``
       (the accompaniment given before, or outside, that window).
    """
    if follow_up is not None:
        return "seguimiento"
    if prior_interventions_for_episode:
        return "subsecuente"
    if episode_at is not None and WINDOW_FROM_S <= now - episode_at <= WINDOW_TO_S:
        return "12_48h"
    return "previa"
