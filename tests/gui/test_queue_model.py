"""The queue model under a stream of changes, checked by Qt's own model tester."""

from __future__ import annotations

import random

from PySide6.QtCore import Qt
from PySide6.QtTest import QAbstractItemModelTester

from c4console.core.changes import Change
from c4console.gui.incidents.queue_model import Col, IncidentQueueModel
from c4console.gui.incidents.queue_panel import QueuePanel
from c4console.resources import load_catalogue
from c4console.sync.state import ConsoleState

CAT = load_catalogue()
PRIORITY = {"30903": "ALTA", "30702": "MEDIA", "60207": "BAJA"}


def inc_change(seq: int, iid: str, status: str = "new", code: str = "30903", created: float = 0.0,
               **extra) -> Change:
    data = {"id": iid, "folio": f"C4-{iid}", "type_code": code, "priority": PRIORITY[code],
            "channel": "panic_button", "status": status, "created_at": created or float(seq),
            "colonia": "Centro", "sector": "S1", **extra}
    return Change(seq, float(seq), "incident", iid, "upsert", data)


def order(model: IncidentQueueModel) -> list[str]:
    return [model.incident_id(r) for r in range(model.rowCount())]


def test_queue_stays_sorted_and_consistent_under_a_stream_of_changes(qapp):
    state = ConsoleState(CAT, "op")
    model = IncidentQueueModel(state, CAT)
    QAbstractItemModelTester(model, QAbstractItemModelTester.FailureReportingMode.Fatal)
    model.set_filter(False, "")  # every incident, closed too
    rng = random.Random(7)
    codes = list(PRIORITY)
    statuses = ["new", "acknowledged", "dispatched", "closed"]
    for seq in range(1, 401):
        iid = f"i{rng.randint(1, 60)}"
        prev = state.incidents.get(iid)
        created = prev.created_at if prev else float(seq)
        ch = inc_change(seq, iid, rng.choice(statuses), rng.choice(codes), created)
        touched = state.apply_changes([ch])
        model.refresh(touched.incidents)
        # invariant: rows are exactly the incidents, in the queue's order
        ids = order(model)
        assert sorted(ids) == sorted(state.incidents)
        keys = [(not state.incidents[i].is_open, state.incidents[i].priority.rank,
                 state.incidents[i].created_at) for i in ids]
        assert keys == sorted(keys)
        for r, i in enumerate(ids):
            assert model.row_of(i) == r


def test_display_and_breach_highlight(qapp):
    state = ConsoleState(CAT, "op")
    model = IncidentQueueModel(state, CAT)
    state.apply_changes([inc_change(1, "a", created=1000.0)])
    model.reset_from_state()
    model.tick(now=1000.0 + 95)  # past the 90 s minimum-data target
    ix = model.index(0, Col.ELAPSED)
    assert model.data(ix) == "1:35"
    assert model.data(ix, Qt.ItemDataRole.BackgroundRole) is not None
    assert "minimum_data" in model.data(ix, Qt.ItemDataRole.ToolTipRole)
    assert model.data(model.index(0, Col.TYPE)) == "30903 Violencia contra las mujeres"
    model.tick(now=1000.0 + 30)
    assert model.data(model.index(0, Col.ELAPSED), Qt.ItemDataRole.BackgroundRole) in (
        None, model.data(model.index(0, Col.FOLIO), Qt.ItemDataRole.BackgroundRole))


def test_pending_command_shows_badge_until_confirmed(qapp):
    state = ConsoleState(CAT, "op")
    model = IncidentQueueModel(state, CAT)
    state.apply_changes([inc_change(1, "a")])
    model.reset_from_state()
    t = state.add_pending({"key": "k1", "type": "acknowledge", "incident_id": "a"})
    model.refresh(t.incidents)
    assert model.data(model.index(0, Col.STATUS)) == "Atendida"
    assert "⏳1" in model.data(model.index(0, Col.FOLIO))
    t = state.take_results([{"key": "k1", "outcome": "accepted", "seq": 2}])
    model.refresh(t.incidents)
    assert "⏳1" in model.data(model.index(0, Col.FOLIO))  # until change 2 arrives
    t = state.apply_changes([inc_change(2, "a", status="acknowledged", created=1.0)])
    model.refresh(t.incidents)
    assert model.data(model.index(0, Col.FOLIO)) == "C4-a"
    assert model.data(model.index(0, Col.STATUS)) == "Atendida"


def test_rejected_pending_command_returns_to_central_state(qapp):
    state = ConsoleState(CAT, "op")
    state.apply_changes([inc_change(1, "a")])
    state.add_pending({"key": "k1", "type": "acknowledge", "incident_id": "a"})
    assert state.incident("a").status.value == "acknowledged"
    state.take_results([{"key": "k1", "outcome": "rejected", "reason": "already_acknowledged"}])
    assert state.incident("a").status.value == "new"
    assert state.pending_count() == 0


def test_filter_search_and_header_sort(qtbot):
    state = ConsoleState(CAT, "op")
    model = IncidentQueueModel(state, CAT)
    state.apply_changes([inc_change(1, "a"), inc_change(2, "b", code="30702", colonia="Pueblo Nuevo"),
                         inc_change(3, "c", status="closed")])
    model.reset_from_state()
    panel = QueuePanel(model)
    qtbot.addWidget(panel)
    assert model.rowCount() == 2  # open only
    panel.scope.setCurrentIndex(1)
    assert model.rowCount() == 3
    qtbot.keyClicks(panel.search, "pueblo")
    assert model.rowCount() == 1
    panel.search.clear()
    assert model.rowCount() == 3
    panel.view.horizontalHeader().sectionClicked.emit(Col.FOLIO)
    assert order(model) == ["a", "b", "c"]
    panel.view.horizontalHeader().sectionClicked.emit(Col.FOLIO)
    assert order(model) == ["c", "b", "a"]
    panel.view.horizontalHeader().sectionClicked.emit(Col.FOLIO)  # back to queue order
    assert order(model) == ["a", "b", "c"]
    assert panel.select_incident("b") and panel.current_incident() == "b"
