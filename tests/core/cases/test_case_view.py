"""A case as a reader holds it on the feed (core/cases/case_view.py)."""

from __future__ import annotations

from c4console.core.cases.case_view import case_view
from c4console.core.cases.records import Case
from tests.core.cases.builders import TODAY, case


def test_the_dispatch_view_carries_her_incidents_ids_and_nothing_of_her_phones(cats):
    her = case().evolve(incident_ids=("I-1", "I-2"))
    fields = cats.access.fields_of(cats.access.groups.keys() & {"dispatch"})
    seen = case_view(her, frozenset(fields), TODAY)
    assert seen is not None
    held = Case.from_wire(seen)
    assert held.incident_ids == ("I-1", "I-2")  # her prior incidents, for the history
    assert held.phones == () and held.person.name == her.person.name
    assert "phones" not in seen["shown"]
