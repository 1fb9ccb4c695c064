"""The console keeps cases and histories from the feed (and forgets withdrawn ones); the
history section beside the incident shows what arrived, and her case's newer risk
assessment wins over the level the history was computed with."""

from __future__ import annotations

from c4console.core.changes import Change
from c4console.gui.cases.history_section import HistorySection
from c4console.gui.cases.risk_dialog import RiskDialog
from c4console.gui.shell.state_bridge import StateBridge
from c4console.resources import load_case_catalogues, load_catalogue
from c4console.sync.state import ConsoleState

CAT = load_catalogue()


def incident(seq: int, iid: str, **extra) -> Change:
    data = {"id": iid, "folio": f"C4-{iid}", "type_code": "30903", "priority": "ALTA",
            "channel": "panic_button", "status": "new", "created_at": 1.0, **extra}
    return Change(seq, float(seq), "incident", iid, "upsert", data)


def history(seq: int, iid: str, **extra) -> Change:
    data = {"id": iid, "case_id": "case-1", "prior_total": 2, "computed_at": 100.0,
            "prior": [{"incident_id": "p1", "created_at": 10.0, "reasons": ["same_case"],
                       "folio": "C4-P1", "type_code": "30903", "status": "closed",
                       "disposition": "atendido"},
                      {"incident_id": "p2", "created_at": 20.0,
                       "reasons": ["same_address"], "distance_m": 30.0, "folio": "C4-P2",
                       "type_code": "30903", "status": "false_alarm"}],
            "orders": [{"number": "OP-7", "authority": "Juzgado", "valid_until": "2099-01-01",
                        "in_force": True}],
            "risk_level": "medio", "aggressor_names": ["J. P."], "repeat_within_30_days": True,
            "possible_duplicates": [{"incident_id": "d1", "reasons": ["nearby"],
                                     "distance_m": 120.0, "folio": "C4-D1", "status": "new"}],
            **extra}
    return Change(seq, float(seq), "history", iid, "upsert", data)


def case(seq: int, assessed_at: float, level: str) -> Change:
    data = {"id": "case-1", "person": {"name": "María López"}, "created_at": 1.0,
            "incident_ids": ["i1"],
            "risk_assessments": [{"id": "r1", "answers": {}, "level": level, "score": 0,
                                  "assessed_by": "", "assessed_at": assessed_at}]}
    return Change(seq, float(seq), "case", "case-1", "upsert", data)


def test_state_keeps_cases_and_histories_and_forgets_withdrawn_ones():
    state = ConsoleState(CAT, "op")
    t = state.apply_changes([incident(1, "i1"), history(2, "i1"), case(3, 50.0, "bajo")])
    assert t.histories == {"i1"} and t.cases == {"case-1"}
    assert state.histories["i1"].prior_total == 2 and state.case_of_incident("i1").id == "case-1"
    t = state.apply_changes([Change(4, 4.0, "case", "case-1", "delete", {}),
                             Change(5, 5.0, "history", "i1", "delete", {})])
    assert t.cases == {"case-1"} and t.histories == {"i1"}
    assert state.cases == {} and state.histories == {} and state.case_of_incident("i1") is None
    state.apply_changes([history(6, "i1"), case(7, 50.0, "bajo")])
    t = state.clear_records()
    assert t.cases == {"case-1"} and t.histories == {"i1"} and not state.cases


def test_history_section_shows_what_arrived_and_the_newer_level(qapp):
    state = ConsoleState(CAT, "op")
    bridge = StateBridge(state)
    section = HistorySection(state, CAT)
    section.follow(bridge)
    bridge.on_changes([incident(1, "i1"), incident(2, "old")])
    section.show_incident("old")
    assert section.summary.text() == "Sin historial"
    section.show_incident("i1")
    assert section.summary.text() == "Sin historial"
    bridge.on_changes([history(3, "i1")])  # arrives after the incident: redrawn
    text = section.summary.text()
    assert "medio" in text and "OP-7" in text and "VIGENTE" in text and "J. P." in text
    assert "REPITE EN 30 DÍAS" in text
    rows = [section.prior.item(i).text() for i in range(section.prior.count())]
    assert "C4-P1" in rows[0] and "misma persona" in rows[0] and "atendido" in rows[0]
    assert "C4-P2" in rows[1] and "mismo domicilio" in rows[1] and "30 m" in rows[1]
    assert section.chosen_duplicate() == "d1" and section.duplicates.isVisibleTo(section)
    # An older assessment in her case does not override the history's level…
    bridge.on_changes([case(4, 50.0, "bajo")])
    assert "medio" in section.summary.text() and "María López" in section.summary.text()
    # …a newer one does (a supervisor reassessed her after the incident opened).
    bridge.on_changes([case(5, 200.0, "extremo")])
    assert "EXTREMO" in section.summary.text() and "#b71c1c" in section.summary.text()


def test_risk_dialog_shows_the_level_as_she_answers(qapp):
    dialog = RiskDialog(load_case_catalogues().risk, "María López")
    assert "no apreciado" in dialog.level.text()
    dialog.set_answer("estrangulamiento", True)  # a floor: at least alto
    assert "ALTO" in dialog.level.text()
    dialog.set_answer("amenaza_muerte", True)
    dialog.set_answer("acceso_armas", True)
    assert "EXTREMO" in dialog.level.text()
    got = []
    dialog.submitted.connect(lambda answers, note: got.append((answers, note)))
    dialog.set_answer("acceso_armas", False)
    dialog.note.setText("llamada de seguimiento")
    dialog.accept()
    answers, note = got[0]
    assert answers["estrangulamiento"] is True and answers["acceso_armas"] is False
    assert answers["embarazo"] is None and note == "llamada de seguimiento"


def test_state_loads_cases_and_histories_from_the_cache():
    state = ConsoleState(CAT, "op")
    hist, held = history(2, "i1").record(), case(3, 50.0, "bajo").record()
    state.load({"incident": {"i1": incident(1, "i1").record()}, "history": {"i1": hist},
                "case": {"case-1": held}}, 3, [])
    assert state.histories["i1"] == hist and state.case_of_incident("i1") == held
