"""The specialist desk's feed records: ``intervention`` (a psychological and/or legal
intervention with her) and ``desk_follow_up`` (the next contact a specialist scheduled).

Both are personal data: the feed gives them to the roles ``resources/cases/access.toml``
names in ``[interventions]`` (:mod:`c4console.core.specialists.access`). Wire values are
Spanish, lower case (the contracts of issue 12)."""

from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import Any

from c4console.core.wire import _Wire

KINDS = ("psicologica", "juridica", "ambas")
CHANNELS = ("llamada_911", "linea_telefonica", "whatsapp", "videollamada", "presencial")
TIMINGS = ("previa", "12_48h", "subsecuente", "seguimiento")
# A follow-up stays ``scheduled`` until an intervention answers it (``done``) or a specialist
# cancels it (``cancelled``); ``missed`` is what the desk's queue shows for one whose day
# passed (core/specialists/queue.py), and may be stored by a specialist closing it as such.
FOLLOW_UP_SCHEDULED = "scheduled"
FOLLOW_UP_DONE = "done"
FOLLOW_UP_MISSED = "missed"
FOLLOW_UP_CANCELLED = "cancelled"
FOLLOW_UP_STATUSES = (FOLLOW_UP_SCHEDULED, FOLLOW_UP_DONE, FOLLOW_UP_MISSED, FOLLOW_UP_CANCELLED)
# The referral (issue 11's queue record) an intervention answers leaves the queue with
# this status.
REFERRAL_ATTENDED = "attended"

# Fields of a psychological intervention that only psychologists read (need-to-know):
# what she said and what was agreed, not that it happened.
CONTENT_FIELDS = ("notes", "next_steps", "outcome", "video_link")
# What an operator with her open incident learns of any intervention: that it happened.
HAPPENED_FIELDS = ("id", "case_id", "kind", "channel", "timing", "started_at", "ended_at",
                   "duration_s", "by", "recorded_at")


@dataclass(frozen=True, slots=True)
class Intervention(_Wire):
    """One intervention with her by the specialist desk.

    ``kind`` psicologica|juridica|ambas; ``channel`` how it was given; ``timing`` the
    category relative to the violent episode (proposed by
    :func:`c4console.core.specialists.timing.propose_timing`, correctable);
    ``episode_incident_id`` the incident of the episode it refers to and ``episode_at``
    when that episode happened; ``referral_id`` the desk queue record it answers and
    ``follow_up_id`` the scheduled follow-up it fulfils (both optional). ``video_link`` is
    the link used for a video call (the call happens in the institution's own tool)."""

    id: str
    case_id: str
    kind: str
    channel: str
    timing: str
    started_at: float
    ended_at: float
    duration_s: float
    by: str
    recorded_at: float
    episode_incident_id: str | None = None
    episode_at: float | None = None
    referral_id: str | None = None
    follow_up_id: str | None = None
    notes: str = ""
    next_steps: str = ""
    outcome: str = ""
    video_link: str = ""
    timing_proposed: str = ""  # what the rule proposed, when the specialist corrected it

    def to_wire(self) -> dict[str, Any]:
        """Plain dict for JSON."""
        return asdict(self)


@dataclass(frozen=True, slots=True)
class DeskFollowUp(_Wire):
    """The next contact with her a specialist scheduled: its day and time (``due_at``) and
    channel; ``done_by_intervention`` names the intervention that fulfilled it."""

    id: str
    case_id: str
    due_at: float
    channel: str
    scheduled_by: str
    scheduled_at: float
    status: str = FOLLOW_UP_SCHEDULED
    done_by_intervention: str | None = None
    note: str = ""

    def to_wire(self) -> dict[str, Any]:
        """Plain dict for JSON."""
        return asdict(self)
