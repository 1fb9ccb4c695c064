"""The desk's table from the feed: highest risk first then the oldest; a change to one
referral redraws its row only (no reset); the one timer moves the waiting column; a
follow-up appears on its day and is flagged missed the day after (the desk's clock)."""

from __future__ import annotations

import datetime as dt

from c4console.core.changes import Change
from c4console.gui.shell.state_bridge import StateBridge
from c4console.gui.specialists.desk_model import COL_WAITING, COL_WHAT
from c4console.gui.specialists.desk_panel import DeskPanel
from c4console.resources import load_catalogue
from c4console.sync.state import ConsoleState

T0 = dt.datetime(2026, 12, 5, 10, 0).timestamp()


class Feed:
    """Desk records as the central sends them (full snapshots)."""

    def __init__(self) -> None:
        self.seq = 0

    def change(self, entity: str, rid: str, data: dict) -> Change:
        self.seq += 1
        return Change(self.seq, float(self.seq), entity, rid, "upsert", {"id": rid, **data})

    def referral(self, rid: str, handed_at: float, **more) -> Change:
        return self.change("referral", rid, {"desks": ["psicologica", "juridica"],
                                             "handed_by": "operadora1", "handed_at": handed_at,
                                             "incident_id": f"inc-{rid}", **more})


def test_rows_order_redraw_and_follow_up_days(qtbot):
    state = ConsoleState(load_catalogue(), "psicologa1")
    bridge = StateBridge(state)
    clock = [T0]
    panel = DeskPanel(state, now=lambda: clock[0])
    qtbot.addWidget(panel)
    panel.follow(bridge)
    feed = Feed()
    bridge.on_changes([feed.referral("a", T0 - 600), feed.referral("b", T0 - 1200),
                       feed.referral("c", T0 - 60, call_id="call-1")])
    model = panel.model
    assert [r.record.id for r in model.rows] == ["b", "a", "c"]  # no risk known: oldest first
    assert model.index(2, 2).data() == "Llamada 911 · inc-c"
    assert model.index(0, COL_WAITING).data() == "20:00"

    redrawn: list[tuple[int, int, int, int]] = []
    model.dataChanged.connect(lambda a, b, *_: redrawn.append((a.row(), b.row(), a.column(),
                                                               b.column())))
    resets: list[bool] = []
    model.modelReset.connect(lambda: resets.append(True))
    bridge.on_changes([feed.referral("a", T0 - 600, narrative="Otra llamada")])
    full_rows = [(a, b) for a, b, c0, c1 in redrawn if (c0, c1) != (COL_WAITING, COL_WAITING)]
    assert full_rows == [(1, 1)] and not resets  # only her row

    redrawn.clear()
    clock[0] = T0 + 5
    panel.tick()  # the one timer: the waiting column only
    assert redrawn == [(0, 2, COL_WAITING, COL_WAITING)] and not resets
    assert model.index(0, COL_WAITING).data() == "20:05"

    tomorrow = T0 + 86400
    bridge.on_changes([feed.change("desk_follow_up", "f1", {
        "case_id": "case-1", "due_at": tomorrow, "channel": "whatsapp",
        "scheduled_by": "psicologa1", "scheduled_at": T0})])
    assert [r.kind for r in model.rows].count("follow_up") == 0  # not today
    clock[0] = tomorrow - 3600
    panel.tick()
    (fu,) = [r for r in model.rows if r.kind == "follow_up"]
    assert not fu.missed and model.index(model.rows.index(fu), COL_WHAT).data() == "Seguimiento de hoy"
    clock[0] = tomorrow + 86400
    panel.tick()
    (fu,) = [r for r in model.rows if r.kind == "follow_up"]
    assert fu.missed and "no realizado" in panel.count.text()
    # Attended referrals leave the desk.
    bridge.on_changes([feed.referral("b", T0 - 1200, status="attended")])
    assert "referral:b" not in [f"{r.kind}:{r.record.id}" for r in model.rows]
