"""A shift lead reassigns a patrol to another sector on a real central: a unit row of
the board dropped on a sector under it sends ``reassign_unit``; the central's
``GET /api/v1/units`` shows the new sector and an operator's console shows it too. An
operator's board has no sector targets."""

from __future__ import annotations

from PySide6.QtCore import QPointF, Qt
from PySide6.QtGui import QDragEnterEvent, QDragMoveEvent, QDropEvent
from PySide6.QtWidgets import QApplication

from c4console.core.enums import UnitStatus
from c4console.resources import load_jurisdiction
from tests.gui.console_harness import get_json, start_session, stop_session, until


def _drag(win, uid):
    model = win.units.model
    return model.mimeData([model.index(model.row_of(uid), 0)])


def _sector_pos(targets, code):
    row = targets.sectors().index(code)
    return targets.visualItemRect(targets.item(row)).center()


async def _sector_at_central(api, uid):
    doc = await get_json(f"{api}/api/v1/units")
    return next(u for u in doc["units"] if u["id"] == uid)["sector"]


def test_unit_dropped_on_a_sector_is_reassigned_and_a_second_console_sees_it(
        qapp, qloop, demo_central, tmp_path):
    async def scenario():
        lead = await start_session(qapp, demo_central.api, tmp_path / "lead", user="jefe1")
        other = await start_session(qapp, demo_central.api, tmp_path / "other", user="operadora1")
        try:
            for s in (lead, other):
                await until(lambda s=s: len(s.window.state.units) >= 12, 15, "units synced")
            win, ow = lead.window, other.window
            targets = win.units.sector_targets
            await until(lambda: not targets.isHidden(), 10, "sector targets for the shift lead")
            assert targets.sectors() == load_jurisdiction().sectors()
            assert ow.units.sector_targets.isHidden()

            units = sorted(win.state.all_units(), key=lambda u: u.callsign)
            first, second = [u for u in units if u.status is UnitStatus.AVAILABLE][:2]
            # 1) The drop handler with the board's own drag payload.
            new1 = next(c for c in targets.sectors() if c != first.sector)
            assert targets.drop_unit(_drag(win, first.id), _sector_pos(targets, new1))
            await until(lambda: win.state.unit(first.id).sector == new1, 5, "drawn at once")

            async def moved_at_central(uid, code):
                return await _sector_at_central(demo_central.api, uid) == code

            await until(lambda: moved_at_central(first.id, new1), 10, "first unit at the central")

            # 2) Through the list's own drag-enter, drag-move and drop events.
            new2 = next(c for c in reversed(targets.sectors()) if c != second.sector)
            mime = _drag(win, second.id)
            pos = QPointF(_sector_pos(targets, new2))
            vp = targets.viewport()
            args = (Qt.DropAction.CopyAction, mime, Qt.MouseButton.LeftButton,
                    Qt.KeyboardModifier.NoModifier)
            enter = QDragEnterEvent(pos.toPoint(), *args)
            QApplication.sendEvent(vp, enter)
            assert enter.isAccepted()
            move = QDragMoveEvent(pos.toPoint(), *args)
            QApplication.sendEvent(vp, move)
            assert move.isAccepted()
            drop = QDropEvent(pos, *args)
            QApplication.sendEvent(vp, drop)
            assert drop.isAccepted()
            await until(lambda: moved_at_central(second.id, new2), 10, "second unit at the central")

            # 3) The operator's console shows both new sectors on her board.
            await until(lambda: ow.state.unit(first.id).sector == new1
                        and ow.state.unit(second.id).sector == new2, 10, "second console")
            board = ow.units.model
            assert board.data(board.index(board.row_of(first.id), 2)) == new1
            assert board.data(board.index(board.row_of(second.id), 2)) == new2
            await until(lambda: win.state.pending_count() == 0, 10, "nothing pending")
            assert win.rejections.list.count() == 0

            # Dropping a unit on its own sector sends nothing: the console says why.
            messages: list[str] = []
            win.controller.refused.connect(messages.append)
            assert targets.drop_unit(_drag(win, first.id), _sector_pos(targets, new1))
            await until(lambda: messages, 5, "same sector refused locally")
            assert new1 in messages[-1] and win.state.pending_count() == 0
        finally:
            await stop_session(lead)
            await stop_session(other)

    qloop.run_until_complete(scenario())
