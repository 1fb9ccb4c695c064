"""The device health board in real consoles on a real central: a supervisor sees every
device with its state; a device in use reporting a low battery shows low and opens a call
task that an operator (who holds only the task) records, and it leaves both consoles; the
handover report lists the devices not heard in 24 h."""

from __future__ import annotations

import time

from c4console.core.device_health import HealthState
from tests.gui.console_harness import demo_devices, osmand, start_session, stop_session, until


def test_low_battery_opens_a_call_task_that_the_operator_records(qapp, qloop, demo_central,
                                                                 tmp_path):
    async def scenario():
        supervisor = await start_session(qapp, demo_central.api, tmp_path / "sup",
                                         user="supervisora1")
        operator = await start_session(qapp, demo_central.api, tmp_path / "op", user="operadora1")
        try:
            for session in (supervisor, operator):
                await until(lambda s=session: s.engine.client is not None
                            and s.engine.client.info is not None, 15, "logged in")
            board = supervisor.window.health.panel
            supervisor.window.health.action.trigger()
            assert supervisor.window.health.dock.isVisible()
            row = demo_devices()[27]
            device = row["device_id"]
            await until(lambda: board.state_of(device) == HealthState.SILENT.value, 15,
                        "her never-heard device listed as silent")

            status, body = await osmand(demo_central.osmand, id=device, lat=row["home_lat"],
                                        lon=row["home_lon"], timestamp=int(time.time()),
                                        batt="9", charge="false")
            assert status == 200, body
            await until(lambda: board.state_of(device) == HealthState.LOW_BATTERY.value, 15,
                        "low battery on the board")
            await until(lambda: board.tasks.rowCount() >= 1, 15, "the call task on the board")

            op_board = operator.window.health.panel
            operator.window.health.action.trigger()

            def her_task():
                return [t for t in op_board.open_tasks() if t.device_id == device]
            (task,) = await until(her_task, 15, "the operator has her call task")
            assert task.name == row["name"] and task.phone  # whom to call, and nothing else
            assert task.beneficiary_id == ""
            # No health record of hers (patrol trackers' health is not personal).
            held = operator.window.state.device_health.values()
            assert held and all(h.kind == "unit" for h in held)
            assert op_board.state_of(device) == ""

            for r in range(op_board.tasks.rowCount()):
                if op_board.tasks.item(r, 0).data(0x0100) == task.id:
                    op_board.tasks.selectRow(r)
            op_board.note.setText("Va a cargarlo")
            op_board.call_button.click()
            await until(lambda: not her_task(), 15, "the task leaves the operator's board")
            await until(lambda: not [t for t in board.open_tasks() if t.device_id == device], 15,
                        "and the supervisor's")
            closed = supervisor.window.state.health_tasks[task.id]
            assert (closed.close_reason, closed.closed_by, closed.note) == (
                "call_recorded", "operadora1", "Va a cargarlo")

            html = await supervisor.window.handover.html()
            assert "Dispositivos sin reporte en 24 h" in html
            assert demo_devices()[28]["device_id"] in html  # never heard
        finally:
            await stop_session(operator)
            await stop_session(supervisor)

    qloop.run_until_complete(scenario())
