"""The follow-up's console pieces without a central: a visit's situation and the day's
visits per unit, the dock's table redrawing only changed rows, and the map batch's
planned stops (their own keys, removed once made, sent again after a renderer crash)."""

from __future__ import annotations

from c4console.core.follow_up.records import PatrolVisit
from c4console.gui.follow_up.rows_model import RowsModel
from c4console.gui.follow_up.visit_rows import (
    day_bounds,
    is_stop,
    stop_payload,
    visit_state,
    visits_by_unit,
)
from c4console.gui.map.batch import PendingUpdates

NOON = day_bounds(1_800_000_000)[0] + 12 * 3600


def _visit(vid: str, unit: str, due: float, **kw) -> PatrolVisit:
    return PatrolVisit(id=vid, plan_id="plan-1", case_id="case-1", unit_id=unit, due_at=due,
                       lat=32.62, lon=-115.45, **kw)


def test_a_visits_situation_and_each_units_day():
    done = _visit("v1", "P03", NOON - 7200, status="proven", proof="gps", proven_at=NOON - 7000)
    by_hand = _visit("v2", "P03", NOON - 3000, status="manual", proof="manual", proven_at=NOON)
    missed = _visit("v3", "P08", NOON - 3700)
    soon = _visit("v4", "P08", NOON + 1800)
    tomorrow = _visit("v5", "P08", NOON + 86400)
    assert [visit_state(v, NOON) for v in (done, by_hand, missed, soon)] == \
        ["gps", "manual", "missed", "planned"]
    day = visits_by_unit([done, by_hand, missed, soon, tomorrow], NOON)
    assert (day["P03"].count, day["P03"].next_due) == (2, None)
    assert (day["P08"].count, day["P08"].next_due) == (2, NOON + 1800)
    assert [is_stop(v, NOON) for v in (done, missed, soon, tomorrow)] == [False, True, True, False]
    stop = stop_payload(soon, "PM-303")
    assert set(stop) == {"id", "pos", "unit", "callsign", "due", "place"}  # no name, no case


def test_the_table_redraws_only_the_rows_that_changed(qapp):
    model = RowsModel(["a", "b"])
    changed: list[tuple[int, int]] = []
    resets: list[bool] = []
    model.dataChanged.connect(lambda tl, br, *_: changed.append((tl.row(), br.row())))
    model.modelReset.connect(lambda: resets.append(True))
    assert model.set_rows([("k1", ("x", "1")), ("k2", ("y", "2")), ("k3", ("z", "3"))]) == 3
    assert resets == [True]
    assert model.set_rows([("k1", ("x", "1")), ("k2", ("y", "9")), ("k3", ("z", "3"))]) == 1
    assert changed == [(1, 1)] and resets == [True]
    assert model.set_rows([("k1", ("x", "1")), ("k3", ("z", "3"))]) == 2  # a row left: reset
    assert resets == [True, True] and model.keys() == ["k1", "k3"]


def test_planned_stops_travel_in_the_batch():
    pending = PendingUpdates()
    stop = stop_payload(_visit("v4", "P08", NOON), "PM-303")
    pending.remove_stops(["never-shown"])
    assert not pending  # a stop the page never had costs nothing
    pending.put_stops([stop])
    assert not pending.moves_only()
    batch, _ = pending.take(1)
    assert batch["stops"] == [stop] and batch["removeStops"] == []
    pending.resend_all()  # the renderer restarted: the stop comes back
    batch, _ = pending.take(2)
    assert batch["stops"] == [stop]
    pending.remove_stops(["v4"])  # proven: off the map
    batch, _ = pending.take(3)
    assert batch["stops"] == [] and batch["removeStops"] == ["v4"]
