"""Issue 13 at the console, on a real central seeded with the demo jurisdiction: a shift
lead's console shows a planned visit on the unit board, in the Seguimiento dock and as a
stop on the map; the unit's OsmAnd posts stopping two minutes at her home (the fix times
in the posts) prove the visit and take its stop off the map; an overdue call shows in the
overdue list and in the handover report; a visit dragged onto another unit's row moves to
it (a unit out of service refused), or to another time in the dock; an outcome for a visit not
made is refused and listed with its reason (from the operator's dock too); an operator's
console shows the stop of the visit she receives, without her case, and her dock records
what the crew reports; the interview and call forms record through the central."""

from __future__ import annotations

import time
import uuid

from PySide6.QtCore import QDateTime
from PySide6.QtWidgets import QDialog

from c4console.gui.follow_up.visit_forms import NEW_INCIDENT, TO_SPECIALISTS
from c4console.gui.follow_up.visit_rows import visits_today
from tests.central.helpers import client, post_commands
from tests.gui.console_harness import (
    DEMO_PASSWORD,
    demo_devices,
    osmand,
    page_js,
    start_session,
    stop_session,
    until,
)


def cmd(kind: str, **fields) -> dict:
    return {"key": str(uuid.uuid4()), "type": kind, **fields}


async def _stops(page) -> set[str]:
    return set((await page_js(page, "window.c4map.markerIds().stops")) or [])


def test_follow_up_at_the_shift_leads_console(qapp, qloop, demo_central, tmp_path):
    row = demo_devices()[7]
    case_id, plan_id = f"case-{row['beneficiary_id']}", f"plan-{row['beneficiary_id']}-gui"

    async def scenario():
        async with client(demo_central.api, "supervisora1", DEMO_PASSWORD) as sup, \
                client(demo_central.api, "jefe1", DEMO_PASSWORD) as lead:
            # Her plan: a visit every 8 h and a call every 2 s (late at once: the overdue list).
            (res,) = await post_commands(sup, demo_central.api, cmd(
                "set_follow_plan", id=plan_id, case_id=case_id, order_number=row["order_number"],
                visit_every_h=8, call_every_h=2 / 3600, interview_every_days=7,
                reason="riesgo extremo en la audiencia"))
            assert res["outcome"] == "accepted", res
            (res,) = await post_commands(lead, demo_central.api, cmd(
                "plan_visits", plan_id=plan_id, horizon_h=24))
            assert res["outcome"] == "accepted", res
        session = await start_session(qapp, demo_central.api, tmp_path / "lead", "--operator", "jefe1")
        win = session.window
        try:
            await _scenario(win)
        finally:
            await stop_session(session)

    async def _scenario(win):
        state, page = win.state, win.map_view.web_page()
        await until(win.map_view.is_ready, 30, "map page loaded")
        visits = await until(lambda: sorted((v for v in state.patrol_visits.values()
                                             if v.plan_id == plan_id), key=lambda v: v.due_at),
                             15, "her planned visits at the console")
        # Today's (the board's and the dock's day): the first of them; a fixture started
        # before midnight also planned yesterday's.
        todays = visits_today(visits, time.time()) or visits
        first = todays[0]
        unit = state.unit(first.unit_id)
        assert unit is not None and unit.kind == "fuerza_rosa"
        # The unit board: the day's visits and the next one's time; the kind visible.
        board = win.units.model
        r = board.row_of(unit.id)
        await until(lambda: board.data(board.index(r, 6)), 5, "visits on the board")
        today = len(visits_today([v for v in visits if v.unit_id == unit.id], time.time()))
        assert board.data(board.index(r, 6)).startswith(str(today))
        assert board.data(board.index(r, 5)) == "Fuerza Rosa"
        # The Seguimiento dock: the shift lead's menu opens it; her visit is listed.
        assert win.follow_up is not None
        win.follow_up.open()
        panel = win.follow_up.panel
        await until(lambda: panel.visits.row_of(first.id) >= 0, 5, "the visit in the dock")
        cells = panel.visits.text(panel.visits.row_of(first.id))
        assert cells[0] == unit.callsign and cells[4] == "Planeada", cells
        # The map: a planned stop with the unit's id.
        await until(lambda: _has(page, first.id), 10, "the planned stop on the map")
        info = await page_js(page, f"window.c4map.stopInfo({first.id!r})")
        assert info["unit"] == unit.id and info["pos"] == [round(first.lat, 6), round(first.lon, 6)]

        # An outcome for a visit not made: refused by the central, listed with its reason.
        forms = win.follow_up_forms
        dialog = forms.open("outcome", first.id)
        assert isinstance(dialog, QDialog)
        dialog.ui.outcome.setCurrentIndex(dialog.ui.outcome.findData("presente_sin_novedad"))
        dialog.accept()
        await until(lambda: any("no se ha hecho" in win.rejections.list.item(i).text()
                                for i in range(win.rejections.list.count())),
                    15, "the refusal listed in Rechazadas")

        # The overdue call: in the dock's overdue list and in the handover report.
        await until(lambda: panel.overdue.row_of(f"call:{plan_id}") >= 0, 10, "overdue call")
        html = await win.handover.html()
        assert "Seguimiento de órdenes de protección" in html and case_id in html
        assert "Atrasadas al entregar: 0 visitas, 1 llamadas" in html

        # A unit out of service: the visit dropped on it is refused, and the refusal shown.
        board_units = sorted(state.all_units(), key=lambda u: u.callsign)
        broken = next(u for u in board_units if u.id != unit.id and u.status.value == "available")
        async with client(demo_central.api, "jefe1", DEMO_PASSWORD) as lead:
            (res,) = await post_commands(lead, demo_central.api, cmd(
                "unit_status", unit_id=broken.id, status="out_of_service", reason="taller"))
            assert res["outcome"] == "accepted", res
        await until(lambda: state.unit(broken.id).status.value == "out_of_service", 10, "out")
        view = win.units.view
        mime = panel.visits.mimeData([panel.visits.index(panel.visits.row_of(first.id), 0)])
        assert view.drop_visit(mime, view.visualRect(board.index(board.row_of(broken.id), 0)).center())
        await until(lambda: any("fuera de servicio" in win.rejections.list.item(i).text()
                                for i in range(win.rejections.list.count())),
                    15, "the out-of-service refusal listed")
        assert state.patrol_visits[first.id].unit_id == unit.id

        # Drag the visit (a row of the dock) onto another unit's row on the board: moved.
        other = next(u for u in board_units if u.id not in (unit.id, broken.id)
                     and u.status.value == "available" and u.device_id)
        mime = panel.visits.mimeData([panel.visits.index(panel.visits.row_of(first.id), 0)])
        target = view.visualRect(board.index(board.row_of(other.id), 0)).center()
        assert view.drop_visit(mime, target)
        await until(lambda: state.patrol_visits[first.id].unit_id == other.id, 15,
                    "the visit moved to the other unit")
        await until(lambda: panel.visits.text(panel.visits.row_of(first.id))[0] == other.callsign,
                    5, "the dock shows the new unit")

        # Its time changed in the dock's time box.
        minute = int(first.due_at) // 60 * 60
        new_due = minute + 600 if minute + 600 < _end_of_day(first.due_at) else minute - 600
        panel.select_visit(first.id)
        panel.due_edit.setDateTime(QDateTime.fromSecsSinceEpoch(new_due))
        panel.move_button.click()
        await until(lambda: state.patrol_visits[first.id].due_at == new_due, 15, "the new time")

        # The operator's console: the stop of the visit she receives, without her case.
        op = await start_session(qapp, demo_central.api, tmp_path / "op", "--operator", "operadora1")
        try:
            await until(op.window.map_view.is_ready, 30, "the operator's map")
            seen = await until(lambda: op.window.state.patrol_visits.get(first.id), 15,
                               "the visit at the operator's console")
            assert seen.case_id == "" and seen.unit_id == other.id
            await until(lambda: _has(op.window.map_view.web_page(), first.id), 10,
                        "the stop on the operator's map")
            # Her dock: today's visits, to record what the crew reports; no moving, no
            # overdue list (she receives no plans).
            dock = op.window.follow_up
            assert dock is not None and dock.menu.menuAction().isVisible()
            op_panel = dock.panel
            dock.open()
            await until(lambda: op_panel.visits.row_of(first.id) >= 0, 10, "her visits")
            op_panel.select_visit(first.id)
            assert not op_panel.move_button.isVisibleTo(op_panel)
            assert not op_panel.overdue_view.isVisibleTo(op_panel)
            assert not op_panel.visit_view.dragEnabled()
            assert op_panel.outcome_button.isEnabled()
            # An outcome before the visit was made: her command reaches the central, which
            # refuses it, and her console lists why.
            dialog = op.window.follow_up_forms.open("outcome", first.id)
            dialog.ui.outcome.setCurrentIndex(dialog.ui.outcome.findData("presente_sin_novedad"))
            dialog.accept()
            rejections = op.window.rejections.list
            await until(lambda: rejections.count() > 0, 15, "the refusal at the operator")
            assert state.patrol_visits[first.id].outcome == ""
        finally:
            await stop_session(op)

        # Her home: that unit stops two minutes there (fix times in the posts) → GPS proof.
        t0 = time.time()
        for dt in range(0, 141, 20):
            status, body = await osmand(demo_central.osmand, id=other.device_id, lat=first.lat,
                                        lon=first.lon, timestamp=int(t0 + dt))
            assert status == 200, body
        await until(lambda: state.patrol_visits[first.id].status == "proven", 15, "GPS proof")
        assert state.patrol_visits[first.id].proof == "gps"
        await until(lambda: _gone(page, first.id), 10, "the stop leaves the map")
        await until(lambda: panel.visits.text(panel.visits.row_of(first.id))[4]
                    == "Comprobada por GPS", 5, "the dock shows the proof")
        # Proven at the fix 2 minutes in (ahead of the clock): the report a little later counts it.
        html = await win.handover.html(now=t0 + 200)
        assert "Visitas hechas en el turno: 1 (comprobadas por GPS: 1; registradas a mano: 0)" in html

        # The outcome now that it happened: an incident found there, opened from the form.
        dialog = forms.open("outcome", first.id)
        dialog.ui.outcome.setCurrentIndex(dialog.ui.outcome.findData("incidente"))
        dialog.accept()
        assert dialog.isVisible()  # no incident chosen: the form says so and stays
        dialog.ui.incident.setCurrentIndex(dialog.ui.incident.findData(NEW_INCIDENT))
        dialog.accept()
        await until(lambda: state.patrol_visits[first.id].outcome == "incidente", 15, "outcome")
        found = state.incident(state.patrol_visits[first.id].incident_id)
        assert found is not None and (found.lat, found.lon) == (first.lat, first.lon)

        # A follow-up call in which she asks for help, handed to the specialist desk.
        dialog = forms.open("call", "", plan_id)
        dialog.ui.result.setCurrentIndex(dialog.ui.result.findData("asks_help"))
        dialog.ui.incident.setCurrentIndex(dialog.ui.incident.findData(TO_SPECIALISTS))
        dialog.accept()
        helped = await until(lambda: [c for c in state.follow_calls.values()
                                      if c.plan_id == plan_id and c.result == "asks_help"],
                             15, "the call that asked for help")
        assert helped[0].referral_id and state.incident(helped[0].incident_id) is not None

        # The dock's forms: an interview and a call that reached her (the overdue call leaves).
        dialog = forms.open("interview", "", plan_id)
        dialog.ui.place.setText("Centro de Justicia para las Mujeres")
        dialog.ui.who.setText("Of. Ruiz, Of. Soto")
        dialog.ui.agreements.setPlainText("llamar si él se acerca")
        dialog.accept()
        await until(lambda: [i for i in state.interviews.values() if i.plan_id == plan_id], 15,
                    "the interview recorded")
        dialog = forms.open("call", "", plan_id)
        assert dialog.ui.number.text() == state.follow_plans[plan_id].phone != ""
        dialog.ui.result.setCurrentIndex(dialog.ui.result.findData("reached"))
        dialog.ui.minutes.setValue(4)
        dialog.accept()
        call = await until(lambda: [c for c in state.follow_calls.values()
                                    if c.plan_id == plan_id and c.result == "reached"],
                           15, "the call recorded")
        assert (call[0].result, call[0].duration_s) == ("reached", 240)
        # Judged a second after it (her calls are due every 2 s here), nothing is late.
        html = await win.handover.html(now=call[0].placed_at + 1)
        assert "Atrasadas al entregar: 0 visitas, 0 llamadas" in html
        assert "Entrevistas: 1" in html

    qloop.run_until_complete(scenario())


async def _has(page, vid: str) -> bool:
    return vid in await _stops(page)


async def _gone(page, vid: str) -> bool:
    return vid not in await _stops(page)


def _end_of_day(t: float) -> float:
    from c4console.gui.follow_up.visit_rows import day_bounds

    return day_bounds(t)[1]
