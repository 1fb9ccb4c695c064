"""Which risk level the console shows for an incident: the history's (computed when the
incident was created) or her case's latest assessment, whichever is newer."""

from __future__ import annotations

from c4console.core.cases.history_record import IncidentHistory
from c4console.core.cases.records import Case
from c4console.core.cases.vocabulary import RiskLevel


def current_risk(history: IncidentHistory | None, case: Case | None) -> RiskLevel | None:
    """Her level now: a supervisor's assessment made after the history was computed wins
    (the history is not recomputed for it); otherwise the history's level, else the case's."""
    latest = case.latest_assessment if case is not None else None
    if latest is not None and (history is None or not history.risk_level
                               or latest.assessed_at >= history.computed_at):
        return latest.level
    if history is not None and history.risk_level:
        return RiskLevel(history.risk_level)
    return latest.level if latest is not None else None
