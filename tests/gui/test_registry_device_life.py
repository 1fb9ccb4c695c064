"""A panic device's life in the registry of a real console on a real central: the stock
line counts the programme's devices (144 of 200 delivered in the demo); a supervisor takes
an undelivered woman's device through request, approval (refused until her case has a risk
level), delivery with training, her test call (the TEST incident her alarm opened) and into
use — each step from the device section's next-step button, its history growing."""

from __future__ import annotations

import csv
import time

from c4console.core.device_lifecycle import LifeState
from c4console.resources import RESOURCES
from tests.gui.console_harness import osmand, start_session, stop_session, until


def _undelivered() -> dict[str, str]:
    with open(RESOURCES / "demo" / "beneficiaries.csv", encoding="utf-8") as f:
        return next(r for r in csv.DictReader(f) if not r["delivered_on"])


def test_supervisor_takes_her_device_from_stock_to_use(qapp, qloop, demo_central, tmp_path):
    her = _undelivered()
    bid, device_id = her["beneficiary_id"], her["device_id"]

    async def scenario():
        sup = await start_session(qapp, demo_central.api, tmp_path / "sup", user="supervisora1")
        try:
            await until(lambda: sup.engine.client is not None
                        and sup.engine.client.info is not None, 15, "supervisor logged in")
            tools = sup.window.registry
            tools.action.trigger()
            panel, state = tools.panel, sup.window.state
            await until(lambda: bid in panel.visible_ids() and device_id in state.device_lifecycles
                        and f"case-{bid}" in state.cases, 15, "her record, device life and case")
            # The stock line, once every device's life has arrived: 144 of 200 delivered.
            await until(lambda: panel.stock.text().startswith("Entregados 144 de 200"), 15,
                        "the stock line")
            panel.select(bid)
            life = panel.device.life
            assert panel.devices.currentData() == device_id
            assert life.state_label.text().startswith("En almacén")

            def at(step: LifeState):
                return lambda: state.device_lifecycles[device_id].state == step.value

            assert life.next_button.text() == "Solicitar para ella"
            life.next_button.click()
            await until(at(LifeState.REQUESTED), 15, "requested for her")
            await until(lambda: life.next_button.text() == "Aprobar (análisis de su caso)", 5,
                        "the next step offered")

            # Approval after her case analysis: refused while her case has no risk level.
            life.next_button.click()
            await until(lambda: panel.last_refusal is not None, 15, "the central's refusal")
            assert panel.last_refusal["reason"] == "no_risk_level"
            assert "rechazó" in panel.message.text()
            await sup.window.controller.submit("assess_risk", case_id=f"case-{bid}",
                                               answers={"estrangulamiento": True})
            await until(lambda: state.cases[f"case-{bid}"].risk_level is not None, 15, "assessed")
            life.next_button.click()
            await until(at(LifeState.APPROVED), 15, "approved")
            await until(lambda: "riesgo al aprobar: alto" in life.state_label.text(), 5, "risk shown")

            # Delivery: who handed it over, the training and by whom.
            assert life.delivered_by.isEnabled()
            life.delivered_by.setText("Lic. Ruiz")
            life.training.setChecked(True)
            life.trained_by.setText("Psic. Mora")
            life.next_button.click()
            await until(at(LifeState.DELIVERED), 15, "delivered")
            got = state.device_lifecycles[device_id]
            assert (got.delivered_by, got.training_given, got.trained_by) == (
                "Lic. Ruiz", True, "Psic. Mora")
            await until(lambda: panel.stock.text().startswith("Entregados 145 de 200"), 5,
                        "the stock line counts her device")

            # Her test call: nothing to record before it; then armed, her alarm, recorded.
            await until(lambda: life.next_button.text() == "Registrar llamada de prueba", 5, "next")
            life.next_button.click()
            assert "Aún no hay llamada de prueba" in panel.message.text()
            panel.test_button.click()
            await until(lambda: state.devices[device_id].test_armed_at is not None, 15, "armed")
            status, _ = await osmand(demo_central.osmand, id=device_id, lat=her["home_lat"],
                                     lon=her["home_lon"], alarm="sos", timestamp=int(time.time()))
            assert status == 200
            await until(lambda: any(i.test and i.device_id == device_id
                                    for i in state.incidents.values()), 15, "her TEST incident")
            life.next_button.click()
            await until(at(LifeState.TESTED), 15, "her test call recorded")
            assert state.device_lifecycles[device_id].test_folio in life.state_label.text()
            life.next_button.click()
            await until(at(LifeState.IN_USE), 15, "in use")
            await until(lambda: life.history.count() == 6, 5, "every step in her device's history")
            assert life.history.item(0).text().endswith("supervisora1")  # newest first
            assert not life.next_button.isEnabled() and life.end_button.isEnabled()
        finally:
            await stop_session(sup)

    qloop.run_until_complete(scenario())
