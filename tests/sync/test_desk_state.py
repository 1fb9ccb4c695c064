"""The console's state holds the specialist desk's records as the feed gives them: an
operator's projection of an intervention (that it happened) and a follow-up; a withdrawal
(her incident closed) takes the intervention out, and both survive a reload of the cache."""

from __future__ import annotations

import time

from c4console.core.changes import Change
from c4console.core.specialists.records import DeskFollowUp
from c4console.resources import load_catalogue
from c4console.sync.state import ConsoleState

NOW = time.time()
HAPPENED = {"id": "i-1", "case_id": "case-B0042", "kind": "psicologica", "channel": "llamada_911",
            "timing": "12_48h", "started_at": NOW - 900, "ended_at": NOW - 60,
            "duration_s": 840.0, "by": "psicologa1", "recorded_at": NOW}


def test_interventions_and_follow_ups_are_held_then_withdrawn():
    state = ConsoleState(load_catalogue(), "operadora1")
    follow_up = DeskFollowUp("f-1", "case-B0042", NOW + 86400, "whatsapp", "psicologa1", NOW)
    touched = state.apply_changes([
        Change(1, NOW, "intervention", "i-1", "upsert", HAPPENED),
        Change(2, NOW, "desk_follow_up", "f-1", "upsert", follow_up.to_wire())])
    assert touched.interventions == {"i-1"} and touched.desk_follow_ups == {"f-1"}
    held = state.interventions["i-1"]
    assert (held.kind, held.timing, held.notes) == ("psicologica", "12_48h", "")
    assert state.desk_follow_ups["f-1"] == follow_up
    touched = state.apply_changes([Change(3, NOW, "intervention", "i-1", "delete", {})])
    assert touched.interventions == {"i-1"} and "i-1" not in state.interventions

    again = ConsoleState(load_catalogue(), "operadora1")
    again.load({"desk_follow_up": {"f-1": follow_up}}, 3, [])
    assert again.desk_follow_ups == {"f-1": follow_up} and again.interventions == {}
    assert again.clear_records().desk_follow_ups == {"f-1"} and not again.desk_follow_ups
