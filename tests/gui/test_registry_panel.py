"""The supervisors' beneficiary registry in a real console on a real central: a supervisor
edits her phone and a trusted contact and saves (the central has it), arms her device
for its test activation; an operator has no registry; expired and expiring orders flagged."""

from __future__ import annotations

import datetime as dt

from c4console.core.models import Beneficiary
from c4console.gui.registry.registry_panel import EXPIRED, EXPIRING, OK, order_flag
from tests.gui.console_harness import get_json, start_session, stop_session, until


def _changes(api: str, since: int):
    return get_json(f"{api}/api/v1/changes?since={since}&limit=5000", user="supervisora1")


def test_supervisor_edits_a_beneficiary_and_arms_her_device(qapp, qloop, demo_central, tmp_path):
    async def scenario():
        operator = await start_session(qapp, demo_central.api, tmp_path / "op", user="operadora1")
        supervisor = await start_session(qapp, demo_central.api, tmp_path / "sup",
                                         user="supervisora1")
        api = demo_central.api
        try:
            assert getattr(operator.window, "registry", None) is None  # no registry for her
            await until(lambda: supervisor.engine.client is not None
                        and supervisor.engine.client.info is not None, 15, "supervisor logged in")
            tools = supervisor.window.registry
            assert tools.action.isVisible()
            tools.action.trigger()
            assert tools.dock.isVisible()
            panel = tools.panel
            await until(lambda: "B0001" in panel.visible_ids(), 15, "beneficiaries listed")
            panel.search.setText("martha leyva")
            assert panel.visible_ids() == ["B0001"]
            panel.select("B0001")
            assert panel.fields["name"].text() == "Martha Leyva Rivera"
            assert panel.contacts.rowCount() == 1
            assert panel.contacts.item(0, 0).text() == "Leticia Meza Valenzuela"
            assert panel.flag_of("B0001") == OK

            yesterday = (dt.date.today() - dt.timedelta(days=1)).isoformat()
            state = supervisor.window.state
            since = state.cursor
            panel.fields["phone"].setText("+52 686 555 0101")
            panel.fields["order_valid_until"].setText(yesterday)
            panel.contacts.item(0, 1).setText("+52 686 555 0202")
            panel.save.click()

            async def saved():
                return [ch["data"] for ch in (await _changes(api, since))["changes"]
                        if ch["entity"] == "beneficiary" and ch["data"]["id"] == "B0001"]
            her = (await until(saved, 15, "the central has her edit"))[-1]
            assert her["phone"] == "+52 686 555 0101"
            assert her["order_valid_until"] == yesterday
            assert her["trusted_contacts"] == [{"name": "Leticia Meza Valenzuela",
                                                "phone": "+52 686 555 0202", "relation": "prima"}]
            assert her["name"] == "Martha Leyva Rivera"
            await until(lambda: state.beneficiaries["B0001"].phone == "+52 686 555 0101", 15,
                        "the edit back in the console")
            await until(lambda: panel.flag_of("B0001") == EXPIRED, 5, "expired order flagged")

            # Refused by the central (bad phone): nothing changes there.
            since = state.cursor
            panel.fields["phone"].setText("sin teléfono")
            panel.save.click()
            await until(lambda: (panel.last_refusal or {}).get("reason") == "bad_phone", 15,
                        "the refusal shown")
            assert "sin teléfono" in panel.message.text()

            panel.select("B0001")
            assert panel.devices.count() == 1
            device_id = panel.devices.currentData()
            panel.test_button.click()

            async def armed():
                return [ch["data"] for ch in (await _changes(api, since))["changes"]
                        if ch["entity"] == "device" and ch["data"]["id"] == device_id
                        and ch["data"].get("test_armed_by") == "supervisora1"]
            await until(armed, 15, "device armed for its test activation")
            # Her device shows its test mode, until when, and a supervisor can cancel it.
            await until(lambda: "En prueba hasta" in panel.device.test_mode.text(), 15,
                        "test mode shown on her device")
            assert panel.cancel_test_button.isEnabled()
            panel.cancel_test_button.click()

            async def cancelled():
                return [ch["data"] for ch in (await _changes(api, since))["changes"]
                        if ch["entity"] == "device" and ch["data"]["id"] == device_id
                        and ch["data"].get("test_cancelled_by") == "supervisora1"]
            (last,) = (await until(cancelled, 15, "test mode cancelled at the central"))[-1:]
            assert last["test_armed_at"] is None
            await until(lambda: "la canceló supervisora1" in panel.device.test_mode.text(), 15,
                        "cancellation shown")
            assert not panel.cancel_test_button.isEnabled()

            supervisor.window.apply_role("supervisora1", "operator")
            assert not tools.action.isVisible() and not tools.dock.isVisible()
        finally:
            await stop_session(supervisor)
            await stop_session(operator)

    qloop.run_until_complete(scenario())


def test_order_flags():
    today = dt.date(2026, 11, 30)

    def flag(until: str) -> str:
        return order_flag(Beneficiary(id="b", name="x", order_valid_until=until), today)
    assert flag("2026-11-29") == EXPIRED
    assert flag("2026-11-30") == EXPIRING
    assert flag("2026-12-14") == EXPIRING
    assert flag("2026-12-15") == OK
    assert flag("") == OK
