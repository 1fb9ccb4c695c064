"""The liaison's case view renders what her cache holds, nothing more: at completo her
history and interventions; her psychological notes only once they arrived (after the
psychologist's share_psych_notes); a withdrawn case leaves the list (a revoked share)."""

from __future__ import annotations

import datetime as dt

from c4console.core.changes import Change
from c4console.gui.liaison.shared_cases import SharedCasesPanel
from c4console.gui.shell.state_bridge import StateBridge
from c4console.resources import load_catalogue
from c4console.sync.state import ConsoleState

T0 = dt.datetime(2026, 12, 5, 10, 0).timestamp()
CASE = {"id": "case-1", "person": {"name": "Ana Ruiz"}, "created_at": T0,
        "orders": [{"number": "OP-7", "authority": "Juzgado 3", "valid_until": "2099-01-01"}],
        "risk_assessments": [{"id": "r1", "answers": {}, "level": "alto", "score": 0,
                              "assessed_by": "", "assessed_at": T0}],
        "share_level": "completo"}


def entry(seq: int, group: str, text: str) -> Change:
    return Change(seq, T0 + seq, "case_timeline", f"t-{seq}", "upsert", {
        "id": f"t-{seq}", "case_id": "case-1", "at": T0 + seq, "kind": group, "actor": "x",
        "text": text, "group": group})


def test_completo_shows_history_and_interventions_and_notes_only_once_held(qtbot):
    state = ConsoleState(load_catalogue(), "enlace_dif1")
    bridge = StateBridge(state)
    panel = SharedCasesPanel(state, today=lambda: dt.date(2026, 12, 5))
    qtbot.addWidget(panel)
    panel.follow(bridge)
    assert panel.case_ids() == [] and not panel.empty.isHidden()
    bridge.on_changes([Change(1, T0, "case", "case-1", "upsert", CASE),
                       entry(2, "history", "Alarma atendida"),
                       entry(3, "interventions", "")])
    assert panel.case_ids() == ["case-1"] and panel.empty.isHidden()
    text = panel.view.toPlainText()
    for wanted in ("Ana Ruiz", "ALTO", "OP-7 (Juzgado 3), hasta 2099-01-01", "Historial:",
                   "Alarma atendida", "Intervenciones:"):
        assert wanted in text, (wanted, text)
    assert "Notas psicológicas" not in text
    bridge.on_changes([entry(4, "psych_notes", "Refiere miedo")])
    assert "Notas psicológicas:" in panel.view.toPlainText()
    assert "Refiere miedo" in panel.view.toPlainText()
    bridge.on_changes([Change(5, T0, "case", "case-1", "delete", {})])
    assert panel.case_ids() == [] and panel.view.toPlainText() == ""
