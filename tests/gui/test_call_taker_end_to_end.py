"""Issue 11's "done when" at the console, on a real central: a screen pop posted as the PBX
posts it (a telephony service account) with the number of a woman with history opens the
call-taker's form with that history; the operator types an address, picks the type by typing
"violencia fam", saves with Enter and dispatches the recommended unit with F4; a second call
from the same block within 10 minutes is linked to the first with one key; the incident is
reclassified and handed to the specialist desk, and the referral exists at the central.
Bad input: a refused take_call shows the form again with everything typed."""

from __future__ import annotations

import asyncio
import time
import uuid
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest

from c4console.central.bootstrap import DEMO_PASSWORD
from c4console.sync.processes import EmbeddedCentral
from tests.central.helpers import CentralAccess, client, password_file
from tests.gui.console_harness import demo_devices, get_json, start_session, stop_session, until

PBX = "conmutador"
PBX_PASSWORD = "pbx-secret-c4"


@pytest.fixture
def pbx_central(tmp_path):
    """The demo central with a telephony service account (docs/telephony.md) for the PBX."""
    secret = password_file(tmp_path / "pbx-secret", PBX_PASSWORD)
    proc = EmbeddedCentral(tmp_path / "central-data", demo=True, extra_args=[
        "--no-demo-history", "--bootstrap-user", f"{PBX}:telephony",
        "--bootstrap-password-file", str(secret)])
    endpoints = asyncio.run(proc.start_and_wait())
    yield CentralAccess(endpoints.api, endpoints.osmand, endpoints.pid, "operadora1",
                        DEMO_PASSWORD, password_file(tmp_path / "secrets", DEMO_PASSWORD))
    proc.stop()


async def screen_pop(api: str, number: str, agent: str = "operadora1", call_id: str | None = None,
                     **more: Any) -> dict[str, Any]:
    """POST /api/v1/calls as the PBX does."""
    body = {"call_id": call_id or f"{time.time():.0f}.{uuid.uuid4().int % 10**6}",
            "number": number, "answered_at": time.time() - 1, "agent": agent, **more}
    async with client(api, PBX, PBX_PASSWORD) as pbx, \
            pbx.post(f"{api}/api/v1/calls", json=body) as r:
        answer = await r.json()
        assert r.status in (200, 201), answer
        return answer["call"]


async def activate(qapp, widget) -> None:
    widget.show()
    widget.raise_()
    widget.activateWindow()
    await until(lambda: qapp.activeWindow() is widget, 5, f"{widget.objectName()} active")


def test_screen_pop_to_dispatch_link_and_hand_over(qapp, qloop, pbx_central, tmp_path):
    row = demo_devices()[7]
    api = pbx_central.api

    async def scenario():
        session = await start_session(qapp, api, tmp_path / "op")
        w = session.window
        taker = w.call_taker
        try:
            await until(lambda: len(w.state.units) >= 12, 15, "units synced")
            # 1. The PBX announces her call: the form opens with her number and history.
            call = await screen_pop(api, row["phone"])
            form = await until(lambda: taker.forms.get(call["id"]), 10, "the form popped up")
            assert form.isVisible() and form.callback.text() == row["phone"]
            assert form.history.isVisibleTo(form)
            summary = form.history.summary.text()
            assert "Sin historial" not in summary
            suggestions = [form.history.suggestions.item(i).text()
                           for i in range(form.history.suggestions.count())]
            assert any("mismo número" in s for s in suggestions), suggestions
            assert form.victim_case.isVisibleTo(form) and not form.victim_case.isChecked()
            assert "Datos mínimos 0:0" in form.header.text()
            # A second screen pop of the same call opens no second form.
            await screen_pop(api, row["phone"], call_id=call["id"])
            # A barrier instead of a pause: a later call for another operator reaches this
            # console's state after anything the repeat could have published (one feed).
            barrier = await screen_pop(api, "+52 686 555 0000", agent="operadora2")
            await until(lambda: barrier["id"] in w.state.calls, 10, "the barrier call")
            assert list(taker.forms) == [call["id"]]

            # 2. Address, type by words, her case confirmed, narrative; Enter saves.
            await activate(qapp, form)
            QTest.keyClicks(form.location, "Uxmal 120")
            assert form.place is not None and form.place.cuadrante == "S4-C3"
            assert "S4-C3" in form.where.text()
            QTest.keyClicks(form.type_edit, "violencia fam")
            assert form.itype is not None and form.itype.code == "30503"
            assert form.priority.currentData() == "ALTA"
            form.victim_case.setChecked(True)
            QTest.keyClicks(form.narrative, "Vecina escucha gritos en el domicilio")
            QTest.keyClick(form.narrative, Qt.Key.Key_Return)
            iid = form.incident_id
            await until(lambda: w.queue.current_incident() == iid, 5, "the new incident selected")
            assert not form.isVisible()
            await activate(qapp, w)
            QTest.keyClick(w, Qt.Key.Key_F4)  # dispatch the recommended unit

            async def dispatched():
                doc = await get_json(f"{api}/api/v1/incidents/{iid}")
                return doc if doc.get("status") == "dispatched" else None

            doc = await until(dispatched, 15, "dispatched at the central")
            assert doc["type_code"] == "30503" and doc["call_id"] == call["id"]
            assert doc["address"].startswith("Calle Uxmal 120")
            kinds = [e.kind for e in w.state.timeline(iid)]
            assert kinds[:2] == ["created", "call_taken"] and "dispatched" in kinds
            taken = next(e for e in w.state.timeline(iid) if e.kind == "call_taken")
            hers = f"case-{row['beneficiary_id']}"
            assert {"role": "victim", "name": "", "case_id": hers} in taken.data["persons"]
            await until(lambda: iid not in taker._sent and call["id"] not in taker.forms, 10,
                        "the form finished")

            # 3. A second call from the same block within 10 minutes: linked with one key.
            second = await screen_pop(api, "+52 686 555 7788")
            form2 = await until(lambda: taker.forms.get(second["id"]), 10, "second form")
            await activate(qapp, form2)
            QTest.keyClicks(form2.location, "Uxmal 140")
            await until(lambda: iid in form2.duplicate_ids(), 5, "the first call listed")
            QTest.keyClicks(form2.narrative, "Otro vecino reporta la misma pelea")
            QTest.keyClick(form2, Qt.Key.Key_D, Qt.KeyboardModifier.ControlModifier)
            await until(lambda: any(e.kind == "call_linked" and not e.id.startswith("pending-")
                                    for e in w.state.timeline(iid)), 15, "linked at the central")
            linked = next(e for e in w.state.timeline(iid) if e.kind == "call_linked")
            assert linked.text == "Otro vecino reporta la misma pelea"
            assert linked.data["call_id"] == second["id"]
            assert len([i for i in w.state.incidents.values() if i.call_id == second["id"]]) == 0

            # 4. Reclassify with a reason, then hand over to the specialist desk.
            await activate(qapp, w)
            w.queue.select_incident(iid)
            QTest.keyClick(w, Qt.Key.Key_R, Qt.KeyboardModifier.ControlModifier)
            dialog = w.call_actions.dialog
            assert dialog is not None and dialog.objectName() == "reclassifyDialog"
            QTest.keyClicks(dialog.type_edit, "violencia de par")
            QTest.keyClicks(dialog.reason, "Es su expareja, no un familiar")
            dialog.accept()
            await until(lambda: any(e.kind == "reclassified" and not e.id.startswith("pending-")
                                    for e in w.state.timeline(iid)), 15, "reclassified")
            assert w.state.incidents[iid].type_code == "30502"
            await activate(qapp, w)
            QTest.keyClick(w, Qt.Key.Key_T, Qt.KeyboardModifier.ControlModifier)
            await until(lambda: any(e.kind == "handed_to_specialists"
                                    and not e.id.startswith("pending-")
                                    for e in w.state.timeline(iid)), 15, "handed over")
            shown = [w.detail.timeline.item(i).text() for i in range(w.detail.timeline.count())]
            assert any("Turnado a especialistas" in t for t in shown), shown
            assert any("Reclasificado" in t and "30503" in t and "30502" in t for t in shown)
            referrals = (await get_json(f"{api}/api/v1/referrals?status=waiting",
                                        user="supervisora1"))["referrals"]
            ref = next(r for r in referrals if r["incident_id"] == iid)
            assert ref["case_id"] == hers and ref["patrol"] is True
            assert ref["narrative"] == ("Vecina escucha gritos en el domicilio\n"
                                        "Otro vecino reporta la misma pelea")
            assert set(ref["desks"]) == {"psicologica", "juridica"}
        finally:
            await stop_session(session)

    qloop.run_until_complete(scenario())


def test_a_refused_call_keeps_what_was_typed_and_f1_opens_an_empty_form(qapp, qloop, pbx_central,
                                                                        tmp_path):
    api = pbx_central.api

    async def scenario():
        session = await start_session(qapp, api, tmp_path / "op")
        w = session.window
        taker = w.call_taker
        try:
            # A call for another operator does not pop up here.
            other = await screen_pop(api, "6869990001", agent="operadora2")
            mine = await screen_pop(api, "6869990002")
            form = await until(lambda: taker.forms.get(mine["id"]), 10, "my call's form")
            assert other["id"] not in taker.forms
            await activate(qapp, form)
            # The form's own checks: no type yet.
            QTest.keyClick(form.location, Qt.Key.Key_Return)
            assert "tipo" in form.problem.text() and form.isVisible()
            QTest.keyClicks(form.location, "Uxmal y Pal")
            assert form.place is not None and form.place.hit.kind == "crossing"
            QTest.keyClicks(form.type_edit, "30702")
            assert form.priority.currentData() == "MEDIA"
            form.priority.setCurrentIndex(form.priority.findData("ALTA"))
            form.priority.activated.emit(form.priority.currentIndex())
            QTest.keyClick(form.type_edit, Qt.Key.Key_Return)
            assert "motivo" in form.problem.text()
            QTest.keyClicks(form.priority_reason, "La sigue en un auto")
            form.callback.setText("686-ABC-1234")  # the central refuses this number
            QTest.keyClicks(form.aggressor, "J. P.")
            QTest.keyClicks(form.narrative, "La siguen desde la parada")
            QTest.keyClick(form.narrative, Qt.Key.Key_Return)
            await until(lambda: form.isVisible() and "rechazó" in form.problem.text(), 15,
                        "the refusal shown in the form")
            assert "Número telefónico inválido" in form.problem.text()
            assert form.location.text() == "Uxmal y Pal" and form.itype.code == "30702"
            assert form.narrative.toPlainText() == "La siguen desde la parada"
            assert form.aggressor.text() == "J. P." and form.priority_reason.text()
            assert form.incident_id not in w.state.incidents
            # Fixed, it goes through with the overridden priority and its reason.
            form.callback.setText("6869990002")
            QTest.keyClick(form.callback, Qt.Key.Key_Return)
            iid = form.incident_id
            inc = await until(lambda: w.state.incidents.get(iid), 15, "taken")
            assert inc.priority.value == "ALTA" and inc.type_code == "30702"

            # F1: an empty form, walk-in chosen; Esc with something typed asks first.
            await activate(qapp, w)
            QTest.keyClick(w, Qt.Key.Key_F1)
            empty = await until(lambda: next((f for f in taker.forms.values() if not f.call_id),
                                             None), 5, "F1 form")
            assert empty.callback.text() == "" and not empty.history.isVisibleTo(empty)
            assert empty.channel.isEnabled()
            empty.channel.setCurrentIndex(empty.channel.findData("walk_in"))
            await activate(qapp, empty)
            QTest.keyClicks(empty.narrative, "Llega a la caseta")
            QTest.keyClick(empty, Qt.Key.Key_Escape)
            assert empty.isVisible() and "Esc otra vez" in empty.problem.text()
            QTest.keyClicks(empty.type_edit, "violencia contra")
            QTest.keyClicks(empty.location, "Uxmal 120")
            QTest.keyClick(empty.type_edit, Qt.Key.Key_Return)
            walk_in = await until(lambda: w.state.incidents.get(empty.incident_id), 15, "walk-in")
            assert walk_in.channel.value == "walk_in" and walk_in.type_code == "30903"

            # GET /calls/{id}: a call the feed has not delivered yet opens from the central.
            w.state.calls.pop(other["id"], None)
            fetched = await taker.open_call(other["id"])
            assert fetched is not None and fetched.callback.text() == "6869990001"
            assert await taker.open_call("no-such-call") is None
        finally:
            await stop_session(session)

    qloop.run_until_complete(scenario())
