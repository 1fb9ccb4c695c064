"""Her history inside the call-taker's form: the case issue's history section
(gui/cases/history_section.py) fed from the call record's ``history`` (computed by the central
in the screen pop's transaction), so it shows before the operator types anything."""

from __future__ import annotations

from c4console.core.cases.history_record import IncidentHistory
from c4console.core.cases.records import Case
from c4console.gui.cases.history_section import HistorySection
from c4console.sync.state import Touched


class CallHistorySection(HistorySection):
    """The history section of one call (``show_incident(call_id)`` names the call)."""

    def __init__(self, state, catalogue, parent=None) -> None:
        super().__init__(state, catalogue, parent)
        self.setObjectName("callHistorySection")

    def history(self) -> IncidentHistory | None:
        """The call's history as this console holds it (None for a call typed in)."""
        call = self.state.calls.get(self.incident_id or "")
        if call is None or not call.history:
            return None
        return IncidentHistory.from_wire({**call.history, "id": call.id})

    def case(self) -> Case | None:
        """Her case, when the history names it and this console holds it."""
        history = self.history()
        return self.state.cases.get(history.case_id) if history and history.case_id else None

    def on_touched(self, t: Touched) -> None:
        """Redraw when the call or a case changes."""
        if self.incident_id and (self.incident_id in t.calls or t.cases):
            self.refresh()
