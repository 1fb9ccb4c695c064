"""The console's state holds the call intake's records from the feed (the form's data) and
draws a pending take_call at once, with the same rules the central uses; a withdrawal
(need-to-know) takes the call out."""

from __future__ import annotations

import time

from c4console.core.calls.records import Call, CallLocation
from c4console.core.changes import Change
from c4console.resources import load_catalogue
from c4console.sync.state import ConsoleState

NOW = time.time()


def call_change(seq: int, **fields) -> Change:
    call = Call(id="1733400000.9", number="6861234567", answered_at=NOW - 5, received_at=NOW - 4,
                location=CallLocation(32.6245, -115.4523, 30.0, "device"),
                history={"case_id": None, "possible_duplicates": []}, **fields)
    return Change(seq, NOW, "call", call.id, "upsert", call.to_wire())


def test_calls_are_held_and_a_pending_take_call_is_drawn_then_withdrawn():
    state = ConsoleState(load_catalogue(), "operadora1")
    touched = state.apply_changes([call_change(1)])
    assert touched.calls == {"1733400000.9"}
    call = state.calls["1733400000.9"]
    assert call.is_open and call.location is not None and call.location.radius_m == 30.0
    state.add_pending({"key": "k1", "type": "take_call", "incident_id": "i-1",
                       "call_id": call.id, "type_code": "30503", "narrative": "gritos"})
    drawn = state.incident("i-1")
    assert drawn is not None and drawn.call_id == call.id and drawn.caller == "6861234567"
    assert (drawn.lat, drawn.lon) == (32.6245, -115.4523)  # the carrier's, until one is picked
    touched = state.apply_changes([Change(2, NOW, "call", call.id, "delete", {})])
    assert touched.calls == {call.id} and call.id not in state.calls
