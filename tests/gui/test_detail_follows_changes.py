"""The incident detail follows the changes itself and redraws only what changed: a
patrol's position report redraws nothing unless the ranking it shows changes."""

from __future__ import annotations

from c4console.core.changes import Change
from c4console.core.recommend import rank_units
from c4console.gui.incidents.incident_detail import IncidentDetail
from c4console.gui.shell.state_bridge import StateBridge
from c4console.resources import load_catalogue
from c4console.sync.state import ConsoleState

CAT = load_catalogue()
LAT, LON = 32.6245, -115.4523
DEG_PER_KM = 1 / 111.2  # of latitude


def unit(seq: int, uid: str, lat: float, status: str = "available", incident_id=None) -> Change:
    data = {"id": uid, "callsign": f"PM-{uid}", "status": status, "sector": "S1",
            "lat": lat, "lon": LON, "position_at": float(seq), "incident_id": incident_id}
    return Change(seq, float(seq), "unit", uid, "upsert", data)


def incident(seq: int, iid: str, **extra) -> Change:
    data = {"id": iid, "folio": f"C4-{iid}", "type_code": "30903", "priority": "ALTA",
            "channel": "panic_button", "status": "acknowledged", "created_at": 1.0,
            "lat": LAT, "lon": LON, **extra}
    return Change(seq, float(seq), "incident", iid, "upsert", data)


def test_touched_tells_a_move_from_a_status_change():
    state = ConsoleState(CAT, "op")
    state.apply_changes([unit(1, "A", LAT), unit(2, "B", LAT)])
    t = state.apply_changes([unit(3, "A", LAT + 0.01), unit(4, "B", LAT, status="en_route")])
    assert t.units == {"A", "B"} and t.moved == {"A"} and t.unit_states == {"B"}
    # Moved, then changed status in the same batch: a status change.
    t = state.apply_changes([unit(5, "A", LAT + 0.02), unit(6, "A", LAT + 0.02, status="en_route")])
    assert t.moved == set() and t.unit_states == {"A"}
    # A unit first seen is not "moved".
    assert state.apply_changes([unit(7, "C", LAT)]).moved == set()


def test_a_patrol_move_redraws_the_detail_only_when_what_it_shows_changes(qapp):
    state = ConsoleState(CAT, "op")
    bridge = StateBridge(state)
    ranked: list[str] = []

    def recommend(iid: str):
        ranked.append(iid)
        inc = state.incident(iid)
        return rank_units(state.all_units(), inc.lat, inc.lon)

    detail = IncidentDetail(state, CAT, recommend=recommend)
    detail.follow(bridge)
    bridge.on_changes([incident(1, "i1"), unit(2, "A", LAT + 0.8 * DEG_PER_KM),
                       unit(3, "B", LAT + 5 * DEG_PER_KM, status="on_scene", incident_id="i9")])
    detail.show_incident("i1")
    renders, label = detail.renders, detail.rec_label.text()
    assert "PM-A 0.8 km" in label
    ranked.clear()

    # A busy patrol moves: it is not ranked before or after; nothing is even ranked again.
    bridge.on_changes([unit(4, "B", LAT + 6 * DEG_PER_KM, status="on_scene", incident_id="i9")])
    assert ranked == [] and detail.renders == renders and detail.rec_label.text() == label

    # The ranked patrol moves a few metres: ranked again, nothing shown changes.
    bridge.on_changes([unit(5, "A", LAT + 0.801 * DEG_PER_KM)])
    assert ranked == ["i1"] and detail.rec_label.text() == label

    # It moves a kilometre: the recommendation line changes, not the rest of the panel.
    bridge.on_changes([unit(6, "A", LAT + 2 * DEG_PER_KM)])
    assert "PM-A 2.0 km" in detail.rec_label.text() and detail.renders == renders

    # The incident itself changes (a unit assigned): the whole panel.
    bridge.on_changes([incident(7, "i1", status="dispatched", unit_id="A"),
                       unit(8, "A", LAT + 2 * DEG_PER_KM, status="assigned", incident_id="i1")])
    assert detail.renders > renders and "Unidad asignada: PM-A" in detail.rec_label.text()
    renders, ranked[:] = detail.renders, []

    # The assigned unit's own change (not a move) redraws; its moves do not.
    bridge.on_changes([unit(9, "A", LAT + 2.5 * DEG_PER_KM, status="assigned", incident_id="i1")])
    assert detail.renders == renders
    bridge.on_changes([unit(10, "A", LAT + 2.5 * DEG_PER_KM, status="en_route", incident_id="i1")])
    assert detail.renders == renders + 1
