"""An operator's console holds the patrol visits the crews need (issue 13): the central
sends an operator a ``patrol_visit`` projected to the crew's fields (never her case id,
resources/cases/access.toml ``[follow_up]``), and the console state takes it — it used to
refuse the record for its missing ``case_id``, which stopped the console's stream."""

from __future__ import annotations

from c4console.core.changes import Change
from c4console.core.follow_up.records import PatrolVisit
from c4console.resources import load_catalogue, load_feed_policy
from c4console.sync.state import ConsoleState


def test_an_operator_console_takes_the_crews_projection_of_a_visit():
    visit = PatrolVisit(id="v1", plan_id="plan-case-B0001", case_id="case-B0001", unit_id="P03",
                        due_at=1_800_000_000.0, lat=32.648341, lon=-115.490097)
    projected = load_feed_policy().access.project("operator", "patrol_visit", visit.to_wire())
    assert projected is not None and "case_id" not in projected
    state = ConsoleState(load_catalogue(), "operadora1")
    state.apply_changes([Change(seq=1, at=1_800_000_000.0, entity="patrol_visit", id="v1", op="upsert",
                                data=dict(projected))])
    held = state.patrol_visits["v1"]
    assert (held.unit_id, held.lat, held.due_at, held.case_id) == ("P03", 32.648341, 1_800_000_000.0, "")
    # The whole record (a supervisor's console) is unchanged by the round trip.
    assert PatrolVisit.from_wire(visit.to_wire()) == visit
