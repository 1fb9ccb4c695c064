"""The *Mesas de coordinación* tool through a real demo central (issue 15): a supervisor
opens it from its menu, schedules a mesa with the DIF (*Nueva mesa…* offers every agency the
central lists, by name, the command carrying its id), reads its agenda (her
shared high-risk case), records the attendance of the DIF, sees a case not shared with the
DIF refused in plain Spanish, adds the shared case, an agreement and a DIF task, signs the
minutes (the button says why it is disabled for anyone but the chair) and saves the minutes
PDF (pdftotext: the agreement, the task and "Firmado por"). The list, the attendance and the
meeting show the agencies by name. An operator's console has no such tool. With the central
away, *Nueva mesa…* still opens, with the agencies the console knows by their id, and says
that their names could not be read."""

from __future__ import annotations

import subprocess

from PySide6.QtCore import QDate, QDateTime, QTime
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QDialogButtonBox

from c4console.central.agencies_demo import DEMO_AGENCIES
from c4console.gui.coordination.meetings_tool import MeetingsTool
from c4console.gui.coordination.new_meeting_dialog import ID_ROLE
from c4console.sync.processes import EmbeddedCentral
from tests.central.helpers import c4_today, client
from tests.central.test_agencies import send
from tests.gui.console_harness import DEMO_PASSWORD, demo_devices, start_session, stop_session, until

ROW, OTHER = 51, 52  # her case (shared with the DIF, risk alto) and one never shared
AGREEMENT = "El DIF acompaña a sus hijos a la escuela"
TASK = "Visita de trabajo social al domicilio"
NAMES = {a.id: a.name for a in DEMO_AGENCIES}
DIF, FISCALIA = NAMES["dif"], NAMES["fiscalia"]  # "DIF Municipal de Mexicali", "Fiscalía…"


async def share_her_case(api: str, case_id: str) -> None:
    """Her risk assessed alto (strangulation) and her case shared with the DIF at resumen."""
    async with client(api, "supervisora1", DEMO_PASSWORD) as s:
        for kind, fields in [("assess_risk", {"case_id": case_id,
                                              "answers": {"estrangulamiento": True}}),
                             ("share_case", {"case_id": case_id, "agency_id": "dif",
                                             "level": "resumen", "reason": "Mesa de coordinación"})]:
            res = await send(s, api, kind, **fields)
            assert res["outcome"] == "accepted", (kind, res)


def offered(form) -> list[tuple[str, str]]:
    """The agencies a new-meeting form offers: (id kept as the row's data, text shown)."""
    rows = [form.agencies.item(n) for n in range(form.agencies.count())]
    return [(row.data(ID_ROLE), row.text()) for row in rows]


def test_a_supervisor_runs_a_mesa_from_the_console(qapp, qloop, demo_central, tmp_path):
    her = f"case-{demo_devices()[ROW]['beneficiary_id']}"
    other = f"case-{demo_devices()[OTHER]['beneficiary_id']}"
    assert MeetingsTool.allowed("supervisor") and MeetingsTool.allowed("psicologa")
    assert not MeetingsTool.allowed("operator") and not MeetingsTool.allowed("enlace")

    async def scenario():
        await share_her_case(demo_central.api, her)
        s = await start_session(qapp, demo_central.api, tmp_path / "sup", "--operator",
                                "supervisora1")
        w = s.window
        try:
            await until(lambda: any(x.case_id == her for x in w.state.case_shares.values())
                        and other in w.state.cases, 20, "her case and its share at the console")
            action = w.findChild(QAction, "meetingsAction")
            assert action is not None and action.isVisible()
            action.trigger()
            tool = w.meetings
            assert w.meetings_tool.dock.isVisible()

            # Nueva mesa: today (the C4's day: its minutes are signed below), with the DIF.
            # The form offers every agency the central lists but the C4, by name (the cache
            # knows only the DIF, from her share), after reading them. It proposes tomorrow
            # at 10:00.
            assert tool.known_agencies() == ["dif"]
            tool.panel.new_button.click()
            new = await until(lambda: tool.new_dialog, 20, "the new-meeting form")
            assert offered(new) == [("dif", DIF), ("fiscalia", FISCALIA)]
            assert new.problem.text() == ""
            assert new.chair.currentText() == "supervisora1"
            assert new.when.dateTime().date() == QDate.currentDate().addDays(1)
            today = c4_today()
            new.when.setDateTime(QDateTime(QDate(today.year, today.month, today.day), QTime(10, 0)))
            new.ui.box.button(QDialogButtonBox.StandardButton.Ok).click()
            assert new.problem.text() == "Escriba el lugar de la mesa"  # the form checks first
            new.place.setText("Sala de juntas del C4")
            new.check("dif")
            new.ui.box.button(QDialogButtonBox.StandardButton.Ok).click()
            await until(lambda: tool.dialog is not None, 20, "the mesa scheduled and opened")
            dialog = tool.dialog
            mid = dialog.meeting_id
            meeting = w.state.meetings[mid]
            assert (meeting.agencies, meeting.chair) == (("dif",), "supervisora1")
            assert meeting.date == today.isoformat()
            assert tool.panel.row_texts(mid)[2:] == ["Sala de juntas del C4", DIF, "Borrador"]

            # Its agenda (the central's, read off the GUI thread): her shared high-risk case.
            await until(lambda: her in dialog.agenda.toPlainText(), 20, "the agenda")
            assert "riesgo alto" in dialog.agenda.toPlainText()
            assert f"compartido con {DIF}" in dialog.agenda.toPlainText()

            # Attendance: the DIF's social worker and the chair; the table shows the DIF by
            # name, the command carries its id (as the central recorded it).
            dialog.add_attendee("Lic. Laura Méndez", "dif")
            dialog.add_attendee("Supervisora de turno", "c4", "supervisora1")
            assert dialog.attendance_texts()[0] == ["Lic. Laura Méndez", DIF, ""]
            assert [p["agency_id"] for p in dialog.attendees()] == ["dif", "c4"]
            dialog.ui.attendanceSend.click()
            await until(lambda: w.state.meetings[mid].attendance_recorded, 20, "attendance")
            assert [(a["name"], a["agency_id"]) for a in w.state.meetings[mid].attendees] == [
                ("Lic. Laura Méndez", "dif"), ("Supervisora de turno", "c4")]
            assert dialog.attendance_texts()[0][1] == DIF

            # A case not shared with the DIF, at full view: the central's refusal, in Spanish.
            dialog.ui.caseChoice.setEditText(other)
            dialog.ui.caseView.setCurrentIndex(dialog.ui.caseView.findData("completo"))
            dialog.ui.caseAdd.click()
            await until(lambda: "no está compartido" in dialog.problem.text(), 20, "refusal")
            assert "not_shared" not in dialog.problem.text()
            assert w.state.meetings[mid].cases == ()

            # Her case, from the agenda's choices.
            choice = dialog.ui.caseChoice
            choice.setCurrentIndex(choice.findData(her))
            dialog.ui.caseAdd.click()
            await until(lambda: [c["case_id"] for c in w.state.meetings[mid].cases] == [her], 20,
                        "her case on the mesa")
            dialog.select_case(her)
            dialog.ui.agreementText.setPlainText(AGREEMENT)
            dialog.ui.agreementSend.click()
            await until(lambda: w.state.meetings[mid].agreements, 20, "the agreement")
            dialog.ui.taskWhat.setText(TASK)
            dialog.ui.taskAgency.setCurrentIndex(dialog.ui.taskAgency.findData("dif"))
            assert dialog.ui.taskAgency.currentText() == DIF
            dialog.ui.taskSend.click()
            await until(lambda: any(t.meeting_id == mid for t in
                                    w.state.coordination_tasks.values()), 20, "the DIF task")
            (task,) = tool.tasks_of(mid)
            assert (task.agency_id, task.case_id, task.what) == ("dif", her, TASK)
            await until(lambda: any(TASK in line for line in dialog.record_texts()), 10,
                        "the task listed under her case")
            assert any(AGREEMENT in line for line in dialog.record_texts())
            assert any(f"Tarea de {DIF}" in line for line in dialog.record_texts())

            # Only the chair signs: the button says why for anyone else.
            dialog.show_meeting(w.state.meetings[mid], tool.tasks_of(mid), "psicologa1", [])
            assert not dialog.sign.isEnabled()
            assert "Solo quien preside (supervisora1)" in dialog.sign_hint.text()
            assert dialog.sign.toolTip() == dialog.sign_hint.text()
            dialog.show_meeting(w.state.meetings[mid], tool.tasks_of(mid), "supervisora1", [])
            assert dialog.sign.isEnabled()
            dialog.sign.click()
            await until(lambda: w.state.meetings[mid].signed, 20, "signed")
            await until(lambda: not dialog.sign.isEnabled(), 10, "signed: nothing to sign")
            assert not dialog.ui.taskSend.isEnabled() and not dialog.ui.caseAdd.isEnabled()
            assert "Firmada por supervisora1" in dialog.sign_hint.text()
            await until(lambda: tool.panel.row_texts(mid)[4] == "Firmada", 10, "the list")

            # The minutes PDF, as "Guardar la minuta en PDF…" saves it (no file dialog, no viewer).
            path = await tool.save_minutes(mid, tmp_path / "minuta.pdf", open_it=False)
            text = subprocess.run(["pdftotext", "-layout", str(path), "-"], check=True,
                                  capture_output=True, text=True, timeout=30).stdout
            for wanted in (AGREEMENT, TASK, "Lic. Laura Méndez", "Firmado por supervisora1"):
                assert wanted in text, (wanted, text)
            assert "BORRADOR" not in text
            dialog.reject()
            await until(lambda: tool.dialog is None, 5, "dialog closed")
        finally:
            await stop_session(s)

        # An operator's console: no Coordinación menu, no tool.
        o = await start_session(qapp, demo_central.api, tmp_path / "op")
        try:
            assert getattr(o.window, "meetings_tool", None) is None
            assert o.window.findChild(QAction, "meetingsAction") is None
        finally:
            await stop_session(o)

    qloop.run_until_complete(scenario())


def test_the_new_meeting_form_still_opens_when_the_central_is_away(qapp, qloop, tmp_path):
    her = f"case-{demo_devices()[ROW]['beneficiary_id']}"
    central = EmbeddedCentral(tmp_path / "central-data", demo=True,
                              extra_args=["--no-demo-history"])

    async def scenario():
        endpoints = await central.start_and_wait()
        await share_her_case(endpoints.api, her)
        s = await start_session(qapp, endpoints.api, tmp_path / "sup", "--operator",
                                "supervisora1")
        w = s.window
        try:
            await until(lambda: any(x.case_id == her for x in w.state.case_shares.values()), 20,
                        "her share with the DIF at the console")
            tool = w.meetings
            central.stop()  # the central goes away: GET /agencies cannot be answered

            tool.panel.new_button.click()
            new = await until(lambda: tool.new_dialog, 30, "the new-meeting form")
            assert offered(new) == [("dif", "dif")]  # what the console knows, by its id
            why = "No se pudieron leer las instituciones de la central"
            assert new.problem.text().startswith(why)
            assert w.status.currentMessage().startswith(why)
            new.place.setText("Sala de juntas del C4")
            new.check("dif")
            assert new.chosen_agencies() == ["dif"]
        finally:
            await stop_session(s)

    try:
        qloop.run_until_complete(scenario())
    finally:
        central.stop()
