"""The shift lead's unit board on a real central: a unit dragged onto an incident of
the queue is dispatched there (a second console sees it), the drag says where the
unit ranks by ETA, and status changes — out of service needs a reason and a shift
lead's role; the central refuses it from an operator."""

from __future__ import annotations

import time

from PySide6.QtCore import QPointF, Qt
from PySide6.QtGui import QDragEnterEvent, QDragMoveEvent, QDropEvent
from PySide6.QtWidgets import QApplication

from c4console.core.enums import UnitStatus
from c4console.gui.units.unit_board import UNIT_MIME, unit_from_mime
from tests.gui.console_harness import (
    demo_devices,
    get_json,
    osmand,
    start_session,
    stop_session,
    until,
)


async def _alarm(central, row) -> None:
    status, body = await osmand(central.osmand, id=row["device_id"], lat=row["home_lat"],
                                lon=row["home_lon"], timestamp=int(time.time()), alarm="sos")
    assert status == 200, body


def _incident_of(state, device_id):
    return next((i for i in state.incidents.values() if i.device_id == device_id), None)


def _unit_drag(win, uid):
    """The QMimeData the unit board's view builds when that unit's row is dragged."""
    model = win.units.model
    row = model.row_of(uid)
    assert row >= 0
    mime = model.mimeData([model.index(row, 0)])
    assert mime.hasFormat(UNIT_MIME) and unit_from_mime(mime) == uid
    assert UNIT_MIME in model.mimeTypes()
    assert model.flags(model.index(row, 0)) & Qt.ItemFlag.ItemIsDragEnabled
    return mime


def _row_centre(win, iid):
    view = win.queue.view
    row = win.queue_model.row_of(iid)
    assert row >= 0
    ix = win.queue_model.index(row, 1)
    view.scrollTo(ix)
    return view.visualRect(ix).center()


def test_unit_dropped_on_incident_dispatches_it_and_a_second_console_sees_it(
        qapp, qloop, demo_central, tmp_path):
    async def scenario():
        lead = await start_session(qapp, demo_central.api, tmp_path / "lead", "--operator", "jefe1")
        other = await start_session(qapp, demo_central.api, tmp_path / "other",
                                    "--operator", "operadora2")
        win = lead.window
        try:
            for s in (lead, other):
                await until(lambda s=s: len(s.window.state.units) >= 12, 15, "units synced")
            rows = demo_devices()
            await _alarm(demo_central, rows[2])
            await _alarm(demo_central, rows[7])
            first = await until(lambda: _incident_of(win.state, rows[2]["device_id"]), 10,
                                "first alarm in the lead's console")
            second = await until(lambda: _incident_of(win.state, rows[7]["device_id"]), 10,
                                 "second alarm in the lead's console")

            # 1) The drop handler with the board's own drag payload; the second-ranked
            # unit, so that it is the dragged unit that goes, not the recommended one.
            ranked = win.controller.recommendations(first.id)
            assert len(ranked) >= 2
            chosen = ranked[1].unit
            hint, ok = win.queue.drop_hint(first.id, chosen.id)
            assert ok and chosen.callsign in hint and first.folio in hint
            assert f"2.ª de {len(ranked)}" in hint and ranked[0].unit.callsign in hint
            hints: list[str] = []
            win.queue.dragHint.connect(hints.append)
            mime = _unit_drag(win, chosen.id)
            assert win.queue.view.drop_unit(mime, _row_centre(win, first.id))
            # shown as soon as the outbox holds it (pending), then confirmed by the central
            await until(lambda: win.state.incident(first.id).unit_id == chosen.id, 5,
                        "dispatch drawn in the lead's console")

            async def dispatched_at_central(iid, uid):
                doc = await get_json(f"{demo_central.api}/api/v1/incidents/{iid}")
                return doc["status"] == "dispatched" and doc["unit_id"] == uid

            await until(lambda: dispatched_at_central(first.id, chosen.id), 10,
                        "dispatch of the dropped unit at the central")

            # 2) Through the view's own drag-move and drop events, on the second incident.
            best = win.controller.recommendations(second.id)[0].unit
            assert best.id != chosen.id
            mime2 = _unit_drag(win, best.id)
            pos = QPointF(_row_centre(win, second.id))
            vp = win.queue.view.viewport()
            # Qt routes move and drop events to the widget that accepted the enter.
            enter = QDragEnterEvent(pos.toPoint(), Qt.DropAction.CopyAction, mime2,
                                    Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier)
            QApplication.sendEvent(vp, enter)
            assert enter.isAccepted()
            move = QDragMoveEvent(pos.toPoint(), Qt.DropAction.CopyAction, mime2,
                                  Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier)
            QApplication.sendEvent(vp, move)
            assert move.isAccepted()
            assert any("1.ª de" in h and best.callsign in h for h in hints)
            # The unit already sent cannot be dropped again: the hint says why, no command.
            busy_mime = _unit_drag(win, chosen.id)  # the event keeps only a pointer to it
            busy = QDragMoveEvent(pos.toPoint(), Qt.DropAction.CopyAction, busy_mime,
                                  Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier)
            QApplication.sendEvent(vp, busy)
            assert not busy.isAccepted()
            assert "no está disponible" in hints[-1]
            drop = QDropEvent(pos, Qt.DropAction.CopyAction, mime2, Qt.MouseButton.LeftButton,
                              Qt.KeyboardModifier.NoModifier)
            QApplication.sendEvent(vp, drop)
            assert drop.isAccepted()
            await until(lambda: dispatched_at_central(second.id, best.id), 10,
                        "dispatch through dropEvent at the central")

            # 3) The second console shows both incidents dispatched with those units.
            ow = other.window

            def seen(iid, uid):
                inc = ow.state.incident(iid)
                return inc is not None and inc.status.value == "dispatched" and inc.unit_id == uid

            await until(lambda: seen(first.id, chosen.id) and seen(second.id, best.id), 10,
                        "second console converged")
            board = ow.units.model
            assert board.data(board.index(board.row_of(chosen.id), 3)) == first.folio
            assert ow.state.unit(best.id).status is UnitStatus.ASSIGNED
            # The lead's own commands are confirmed when their changes reach her console,
            # which may be after the other console saw them.
            await until(lambda: lead.window.state.pending_count() == 0, 10,
                        "the lead's commands confirmed")
        finally:
            await stop_session(lead)
            await stop_session(other)

    qloop.run_until_complete(scenario())


def test_out_of_service_with_reason_from_the_board_and_refused_for_an_operator(
        qapp, qloop, demo_central, tmp_path):
    async def scenario():
        lead = await start_session(qapp, demo_central.api, tmp_path / "lead", "--operator", "jefe1")
        op = await start_session(qapp, demo_central.api, tmp_path / "op", "--operator", "operadora2")
        try:
            for s in (lead, op):
                await until(lambda s=s: len(s.window.state.units) >= 12, 15, "units synced")
            win = lead.window
            units = sorted(win.state.all_units(), key=lambda u: u.callsign)
            unit = next(u for u in units if u.status is UnitStatus.AVAILABLE)
            board = win.units
            board.select_unit(unit.id)
            assert board.current_unit() == unit.id and board.apply.isEnabled()
            board.status_box.setCurrentIndex(board.status_box.findData("out_of_service"))
            # no reason: the console says so and sends nothing
            messages: list[str] = []
            win.controller.refused.connect(messages.append)
            board.apply.click()
            await until(lambda: messages, 5, "refusal without a reason")
            assert "motivo" in messages[-1]
            assert win.state.pending_count() == 0
            board.reason.setText("Falla mecánica: llanta ponchada")
            board.apply.click()

            async def central_unit(uid):
                doc = await get_json(f"{demo_central.api}/api/v1/units")
                return next(u for u in doc["units"] if u["id"] == uid)

            async def out_at_central():
                return (await central_unit(unit.id))["status"] == "out_of_service"

            await until(out_at_central, 10, "out of service at the central")
            await until(lambda: op.window.state.unit(unit.id).status
                        is UnitStatus.OUT_OF_SERVICE, 10, "operator's board shows it")
            ob = op.window.units.model
            from c4console.gui.shell.labels import unit_status_label
            assert ob.data(ob.index(ob.row_of(unit.id), 1)) == unit_status_label(
                UnitStatus.OUT_OF_SERVICE)

            # An operator may bring a unit back? No: the central refuses taking another
            # one out of service from an operator's console, and the refusal is listed.
            target = next(u for u in sorted(op.window.state.all_units(), key=lambda u: u.callsign)
                          if u.status is UnitStatus.AVAILABLE)
            op.window.units.select_unit(target.id)
            op.window.units.request_status(UnitStatus.OUT_OF_SERVICE, "prueba")
            await until(lambda: op.window.rejections.list.count() == 1, 10, "refusal listed")
            rejected = await op.engine.db(op.cache.rejected)
            assert rejected[0].reason == "forbidden"
            assert "Su rol no permite" in op.window.rejections.list.item(0).text()
            assert (await central_unit(target.id))["status"] == "available"

            # The shift lead puts the first one back in service (no reason needed).
            board.select_unit(unit.id)
            board.request_status(UnitStatus.AVAILABLE)
            await until(lambda: win.state.unit(unit.id).status is UnitStatus.AVAILABLE
                        and win.state.pending_count() == 0, 10, "back in service")
        finally:
            await stop_session(lead)
            await stop_session(op)

    qloop.run_until_complete(scenario())
