"""Issue 10's "done when" at the console, on a real central with two real consoles: a new
alarm from a woman with two prior incidents and an order in force shows both incidents,
the order, her risk level and the aggressor beside the incident; a supervisor's console
reassesses her risk through the questionnaire and the operator's console handling her
incident shows the new level; the operator's console never shows her phone; "abrir
expediente" from a 911 incident creates a case, and a refused one is listed readably."""

from __future__ import annotations

import time
import uuid

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QLabel, QListWidget

from tests.central.helpers import client, post_commands
from tests.gui.console_harness import (
    DEMO_PASSWORD,
    demo_devices,
    osmand,
    start_session,
    stop_session,
    until,
)


def cmd(kind: str, **fields) -> dict:
    return {"key": str(uuid.uuid4()), "type": kind, **fields}


async def _alarm(central, row, at: int) -> None:
    status, body = await osmand(central.osmand, id=row["device_id"], lat=row["home_lat"],
                                lon=row["home_lon"], timestamp=at, alarm="sos")
    assert status == 200, body


def _open_incident_of(state, device_id):
    return next((i for i in state.incidents.values()
                 if i.device_id == device_id and i.is_open), None)


def _shown_text(widget) -> str:
    """Every text the widget and its children show (labels and list rows)."""
    texts = [lab.text() for lab in widget.findChildren(QLabel) if lab.isVisibleTo(widget)]
    for lst in widget.findChildren(QListWidget):
        texts += [lst.item(i).text() for i in range(lst.count())]
    return "\n".join(texts)


async def _prior_incidents(central, row, op) -> None:
    """Two earlier alarms of hers, each acknowledged and closed."""
    for n in range(2):
        await _alarm(central, row, int(time.time()) - 3600 + n)

        async def opened():
            async with op.get(f"{central.api}/api/v1/incidents?status=open") as r:
                found = [i for i in (await r.json())["incidents"]
                         if i.get("device_id") == row["device_id"]]
            return found[0] if found else None

        inc = await until(opened, 10, "prior alarm at the central")
        results = await post_commands(op, central.api, cmd("acknowledge", incident_id=inc["id"]),
                                      cmd("close", incident_id=inc["id"], status="closed",
                                          disposition=f"atendido {n}"))
        assert [r["outcome"] for r in results] == ["accepted", "accepted"], results


def test_her_history_and_a_supervisors_reassessment_reach_the_operator(qapp, qloop, demo_central,
                                                                        tmp_path):
    row = demo_devices()[41]
    case_id, phone = f"case-{row['beneficiary_id']}", row["phone"]
    aggressor = row["aggressor"].split(" (")[0]

    async def scenario():
        async with client(demo_central.api, "supervisora1", DEMO_PASSWORD) as sup, \
                client(demo_central.api, "operadora2", DEMO_PASSWORD) as op:
            await _prior_incidents(demo_central, row, op)
            (res,) = await post_commands(sup, demo_central.api, cmd(
                "assess_risk", case_id=case_id, answers={"estrangulamiento": True}))
            assert res["outcome"] == "accepted", res
        o = await start_session(qapp, demo_central.api, tmp_path / "op", "--operator", "operadora1")
        s = await start_session(qapp, demo_central.api, tmp_path / "sup", "--operator",
                                "supervisora1")
        ow, sw = o.window, s.window
        try:
            await _alarm(demo_central, row, int(time.time()))
            inc = await until(lambda: _open_incident_of(ow.state, row["device_id"]), 15,
                              "her new alarm at the operator's console")
            ow.queue.select_incident(inc.id)
            assert ow.detail.incident_id == inc.id and ow.history.incident_id == inc.id
            await until(lambda: inc.id in ow.state.histories, 10, "her history")
            summary = ow.history.summary.text()
            assert "ALTO" in summary and row["order_number"] in summary and "VIGENTE" in summary
            assert aggressor in summary
            prior = [ow.history.prior.item(i).text() for i in range(ow.history.prior.count())]
            assert len(prior) == 2 and all("misma persona" in p for p in prior), prior
            assert any("atendido 0" in p for p in prior) and any("atendido 1" in p for p in prior)
            # The operator's console shows no phone of hers, anywhere in the detail panel.
            digits = phone.replace(" ", "").removeprefix("+52")
            shown = _shown_text(ow.detail)
            assert phone not in shown and digits not in shown.replace(" ", "")
            assert ow.case_actions.a_assess.isVisible() is False

            # The supervisor, on the same incident, reassesses her risk through the dialog.
            await until(lambda: s.window.state.incident(inc.id), 10, "incident at the supervisor")
            sw.queue.select_incident(inc.id)
            await until(lambda: sw.history.case_id() == case_id, 10, "her case at the supervisor")
            sw.case_actions.a_assess.trigger()
            dialog = sw.case_actions.dialog
            assert dialog is not None and dialog.objectName() == "riskDialog"
            dialog.set_answer("amenaza_muerte", True)
            dialog.set_answer("acceso_armas", True)
            assert "EXTREMO" in dialog.level.text()
            dialog.accept()
            await until(lambda: "EXTREMO" in ow.history.summary.text(), 15,
                        "the new level at the operator's console")
            # Her case in the supervisor's Expedientes panel: orders, risk history, aggressor.
            sw.cases_tool.open()
            panel = sw.case_actions.panel
            panel.search.setText(row["name"].split()[0])
            panel.select_case(case_id)
            await until(lambda: "EXTREMO" in panel.profile.text(), 10, "the case panel")
            profile = panel.profile.text()
            assert row["order_number"] in profile and aggressor in profile and "ALTO" in profile
        finally:
            await stop_session(o)
            await stop_session(s)

    qloop.run_until_complete(scenario())


def test_abrir_expediente_from_a_911_incident_then_link_and_refusals(qapp, qloop, demo_central,
                                                                     tmp_path):
    row = demo_devices()[3]
    here = {"lat": float(row["home_lat"]), "lon": float(row["home_lon"])}

    async def call(w, iid: str, caller: str, **where) -> None:
        await w.controller.submit("create_incident", incident_id=iid, channel="call_911",
                                  caller=caller, **(where or here))
        await until(lambda: iid in w.state.incidents and iid in w.state.histories, 10, iid)

    async def scenario():
        o = await start_session(qapp, demo_central.api, tmp_path / "op", "--operator", "operadora1")
        w = o.window
        try:
            await call(w, "I-911-a", "+52 686 555 0101")
            w.queue.select_incident("I-911-a")
            w.case_actions.a_open.trigger()
            dialog = w.case_actions.dialog
            assert dialog is not None and dialog.objectName() == "openCaseDialog"
            dialog.name.setText("Ana Ruiz Soto")
            dialog.birth.setText("2999-01-01")  # refused in the form before the central
            assert "futura" in dialog.problem.text()
            dialog.birth.setText("1990-05-04")
            assert dialog.problem.text() == ""
            dialog.accept()
            case = await until(lambda: w.state.case_of_incident("I-911-a"), 15,
                               "her case at the console")
            assert case.person.name == "Ana Ruiz Soto"
            await until(lambda: "Ana Ruiz Soto" in w.history.summary.text(), 5, "shown")
            async with client(demo_central.api, "supervisora1", DEMO_PASSWORD) as sup, \
                    sup.get(f"{demo_central.api}/api/v1/cases/{case.id}?purpose=case_work") as r:
                assert r.status == 200
                held = await r.json()
            assert held["incident_ids"] == ["I-911-a"] and held["phones"] == ["+52 686 555 0101"]
            assert held["date_of_birth"] == "1990-05-04"

            # She calls again: her case is suggested, the first call a possible duplicate.
            await call(w, "I-911-b", "+52 686 555 0101")
            w.queue.select_incident("I-911-b")
            rows = [w.history.suggestions.item(i).text() for i in range(w.history.suggestions.count())]
            hers = next(i for i, text in enumerate(rows) if "Ana Ruiz Soto" in text)
            assert "mismo número" in rows[hers], rows  # (the registry's woman at 0 m too)
            w.history.suggestions.setCurrentRow(hers)
            folio_a = w.state.incident("I-911-a").folio
            assert w.history.duplicates.count() == 1 and folio_a in w.history.duplicates.item(0).text()
            w.case_actions.a_confirm.trigger()  # a person confirms the suggestion
            await until(lambda: "Ana Ruiz Soto" in w.history.summary.text(), 10, "linked")
            await until(lambda: w.state.pending_count() == 0, 10, "sent")
            assert w.rejections.list.count() == 0
            # One keystroke links the duplicate to her case: already there, refused readably
            # (by the console itself: the history now names her case, which holds it).
            w.activateWindow()
            w.raise_()
            await until(lambda: qapp.activeWindow() is w, 5, "window active")
            QTest.keyClick(w, Qt.Key.Key_L, Qt.KeyboardModifier.ControlModifier)
            await until(lambda: w.rejections.list.count() == 1, 15, "refusal listed")
            text = w.rejections.list.item(0).text()
            assert "ya está en el expediente" in text, text

            # Another call, another number: the same person (name and birth date) again.
            await call(w, "I-911-c", "+52 686 555 0999", lat=here["lat"] + 0.05, lon=here["lon"])
            w.queue.select_incident("I-911-c")
            assert "Sin historial" not in w.history.summary.text()
            w.case_actions.a_open.trigger()
            w.case_actions.dialog.name.setText("Ana Ruiz Soto")
            w.case_actions.dialog.birth.setText("1990-05-04")
            w.case_actions.dialog.accept()
            await until(lambda: w.rejections.list.count() == 2, 15, "second refusal listed")
            texts = [w.rejections.list.item(i).text() for i in range(2)]
            text = next((t for t in texts if "Abrir expediente" in t), texts)
            assert "ya tiene expediente" in text, text
            assert case.id in text  # the case to link to instead
        finally:
            await stop_session(o)

    qloop.run_until_complete(scenario())
