"""The shift roster in the console, on a real demo central: a shift lead edits the demo
shift in the roster dock (it reaches the central and the other consoles), an operator's
queue puts her shift's incidents (its sectors, or hers) first, the owner shows in the
detail, and an operator taking another operator's patrol is refused in her Rechazadas."""

from __future__ import annotations

import time

from PySide6.QtCore import Qt

from c4console.core.enums import IncidentStatus, UnitStatus
from c4console.resources import load_jurisdiction
from tests.gui.console_harness import demo_devices, osmand, start_session, stop_session, until


def _check_only(widget, values):
    for n in range(widget.count()):
        item = widget.item(n)
        item.setCheckState(Qt.CheckState.Checked if item.data(Qt.ItemDataRole.UserRole) in values
                           else Qt.CheckState.Unchecked)


def _two_sectors():
    """Two demo devices whose homes are in different sectors: (row, sector) each."""
    where = load_jurisdiction()
    seen: dict[str, dict] = {}
    for row in demo_devices():
        place = where.locate(float(row["home_lat"]), float(row["home_lon"]))
        if place is not None and place.sector not in seen:
            seen[place.sector] = row
        if len(seen) == 2:
            break
    (sa, ra), (sb, rb) = seen.items()
    return (ra, sa), (rb, sb)


def test_lead_edits_the_roster_and_the_operators_queue_puts_her_shift_first(
        qapp, qloop, demo_central, tmp_path):
    async def scenario():
        lead = await start_session(qapp, demo_central.api, tmp_path / "lead", "--operator", "jefe1")
        op2 = await start_session(qapp, demo_central.api, tmp_path / "op2",
                                  "--operator", "operadora2")
        op1 = await start_session(qapp, demo_central.api, tmp_path / "op1")
        try:
            lw, ow = lead.window, op2.window
            await until(lambda: len(lw.state.units) >= 12 and "demo-turno" in lw.state.shifts,
                        15, "units and the demo shift synced")
            demo = lw.state.shifts["demo-turno"]
            assert demo.covers(time.time()) and demo.lead == "jefe1"
            assert set(demo.operators) == {"operadora1", "operadora2"}

            panel = lw.roster
            assert not panel.editor.isHidden()  # a lead edits ...
            assert ow.roster.editor.isHidden()  # ... an operator only reads
            await until(lambda: ow.roster.table.rowCount() >= 1, 10, "operator's roster")
            assert "Turno demo" in ow.roster.table.item(0, 0).text()
            await until(lambda: any(u["name"] == "operadora2" for u in panel.users), 10,
                        "accounts from GET /users")

            (row_a, sector_a), (row_b, sector_b) = _two_sectors()
            for row in (row_a, row_b):
                status, body = await osmand(demo_central.osmand, id=row["device_id"],
                                            lat=row["home_lat"], lon=row["home_lon"],
                                            timestamp=int(time.time()), alarm="sos")
                assert status == 200, body
            await until(lambda: len(ow.state.incidents) >= 2, 10, "two alarms at operadora2")
            inc_a, inc_b = sorted(ow.state.all_incidents(), key=lambda i: i.created_at)
            assert (inc_a.sector, inc_b.sector) == (sector_a, sector_b)
            model = ow.queue_model
            assert model.incident_id(0) == inc_a.id  # both hers (all sectors): oldest first

            # The lead narrows the shift to sector B and renames it, in the dock.
            panel.table.selectRow(0)
            assert panel.editing_id == "demo-turno"
            panel.name.setText("Matutino")
            _check_only(panel.sector_list, {sector_b})
            panel.save_button.click()
            await until(lambda: ow.state.shifts["demo-turno"].sectors == (sector_b,), 10,
                        "the edited shift at operadora2's console")
            assert ow.state.shifts["demo-turno"].name == "Matutino"
            assert ow.state.shifts["demo-turno"].updated_by == "jefe1"
            await until(lambda: model.incident_id(0) == inc_b.id, 5, "her sector first")
            assert model.is_mine(inc_b.id) and not model.is_mine(inc_a.id)
            assert "Matutino (en curso)" in ow.roster.table.item(0, 0).text()

            # She takes A: it is hers now (owner), so it is back on top (older), and the
            # detail says who has it.
            await ow.controller.acknowledge(inc_a.id)
            await until(lambda: ow.state.incidents[inc_a.id].owner == "operadora2", 10,
                        "acknowledged by her")
            await until(lambda: model.incident_id(0) == inc_a.id, 5, "owned: first again")
            await ow.controller.dispatch(inc_a.id)
            await until(lambda: ow.state.incidents[inc_a.id].status is IncidentStatus.DISPATCHED,
                        10, "dispatched")
            ow.queue.select_incident(inc_a.id)
            assert ow.detail.f_owner.text() == "operadora2"

            # operadora1 may not free operadora2's patrol: refused, in her Rechazadas.
            patrol = ow.state.incidents[inc_a.id].unit_id
            await until(lambda: op1.window.state.units[patrol].status is UnitStatus.ASSIGNED, 10,
                        "op1 sees the patrol assigned")
            await op1.window.controller.unit_status(patrol, "available", "la necesito")
            shown = op1.window.rejections.list
            await until(lambda: shown.count() == 1, 10, "refusal in Rechazadas")
            text = shown.item(0).text()
            assert "Su rol no permite" in text and inc_a.folio in text and "operadora2" in text
            [refused] = await op1.engine.db(op1.cache.rejected)
            assert refused.reason == "forbidden"
            assert op1.window.state.units[patrol].status is UnitStatus.ASSIGNED
        finally:
            for session in (op1, op2, lead):
                await stop_session(session)

    qloop.run_until_complete(scenario())
