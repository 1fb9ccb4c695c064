"""The unit board at state scale: the right rows after bulk updates, and a patrol's tracker
reports (its position only, which the board does not show) redraw nothing."""

from __future__ import annotations

from PySide6.QtCore import Qt

from c4console.core.changes import Change
from c4console.gui.shell.state_bridge import StateBridge
from c4console.gui.units.unit_board import UnitBoard
from c4console.resources import load_catalogue
from c4console.sync.state import ConsoleState

LAT, LON = 21.88, -102.29


class Feed:
    """Unit changes as the central sends them (each a full snapshot)."""

    def __init__(self) -> None:
        self.seq = 0
        self.units: dict[str, dict] = {}

    def unit(self, uid: str, **fields) -> Change:
        self.seq += 1
        data = self.units.setdefault(uid, {"id": uid, "callsign": f"P-{uid}", "status": "available",
                                           "sector": "S1", "lat": LAT, "lon": LON, "position_at": 0.0})
        data.update(fields)
        return Change(self.seq, float(self.seq), "unit", uid, "upsert", dict(data))

    def gone(self, uid: str) -> Change:
        self.seq += 1
        self.units.pop(uid)
        return Change(self.seq, float(self.seq), "unit", uid, "delete", {})


def shown(board: UnitBoard) -> list[tuple[str, str]]:
    m = board.model
    return [(m.data(m.index(r, 0)), m.data(m.index(r, 1))) for r in range(m.rowCount())]


def test_bulk_updates_leave_the_right_rows_and_moves_redraw_nothing(qtbot):
    state = ConsoleState(load_catalogue(), "op")
    bridge = StateBridge(state)
    board = UnitBoard(state)
    qtbot.addWidget(board)
    board.follow(bridge)
    board.resize(600, 400)
    board.show()
    feed = Feed()
    ids = [f"{n:04d}" for n in range(1500, 0, -1)]  # arrive in reverse callsign order
    bridge.on_changes([feed.unit(uid) for uid in ids])
    assert [c for c, _ in shown(board)] == [f"P-{uid}" for uid in sorted(ids)]

    redrawn: list[tuple[int, int]] = []
    board.model.dataChanged.connect(lambda a, b, *_: redrawn.append((a.row(), b.row())))
    resets: list[bool] = []
    board.model.modelReset.connect(lambda: resets.append(True))
    for step in range(1, 4):  # every unit's tracker reports, three times
        bridge.on_changes([feed.unit(uid, lat=LAT + step * 1e-4, position_at=float(step)) for uid in ids])
    assert redrawn == [] and resets == []

    # Status changes among the moves: exactly those rows redraw, adjacent ones as one run.
    changed = ["0010", "0011", "0012", "0700"]
    bridge.on_changes([feed.unit(uid, lat=LAT + 5e-4) for uid in ids if uid not in changed]
                      + [feed.unit(uid, status="en_route") for uid in changed])
    rows = {board.model.row_of(uid) for uid in changed}
    assert sorted(redrawn) == [(board.model.row_of("0010"), board.model.row_of("0012")),
                               (board.model.row_of("0700"), board.model.row_of("0700"))]
    assert {r for first, last in redrawn for r in range(first, last + 1)} == rows
    en_route = board.model.data(board.model.index(board.model.row_of("0011"), 1))
    assert en_route != board.model.data(board.model.index(board.model.row_of("0013"), 1))
    assert resets == []

    # A unit joins and one leaves: the board re-sorts, every row is a unit the state holds.
    bridge.on_changes([feed.unit("0750b"), feed.gone("0001")])
    calls = [c for c, _ in shown(board)]
    assert calls == sorted(f"P-{uid}" for uid in feed.units) and "P-0001" not in calls
    assert calls.index("P-0750b") == calls.index("P-0750") + 1
    assert board.model.data(board.model.index(board.model.row_of("0700"), 0),
                            Qt.ItemDataRole.DisplayRole) == "P-0700"
