"""Sharing a case from the console and what the C4 sees on it (issue 15), on the real demo
central with two consoles: a supervisor selects a high-risk case in *Expedientes* and opens
*Compartir con una institución…* (the DIF offered by name and kind, the C4 never); a share
ending in the past is refused in plain Spanish with the dialog's input kept; she shares it with
the DIF at resumen with a reason. The DIF liaison's console receives the case; that delivery is
the liaison's read, which the supervisor's *Lecturas de otras instituciones* lists after
*Consultar lecturas*. A DIF task the liaison marks done appears in the supervisor's *Línea de
tiempo* with its note; the supervisor retires the share from the case view (with a reason) and
the liaison's console no longer holds the case. The *Línea de tiempo* says, in Spanish, with who,
that the case was shared with the DIF (level, reason) and that its access was retired (reason);
the liaison's cache file never holds such an entry. An operator's window has no sharing tool; the
psychological notes step is offered to a psychologist only."""

from __future__ import annotations

import contextlib
import json
from datetime import timedelta
from typing import Any

from PySide6.QtCore import QDate
from PySide6.QtGui import QAction

from c4console.central.bootstrap import DEMO_PASSWORD
from c4console.core.agencies.timeline import KINDS as SHARING_KINDS
from c4console.gui.cases.sharing_actions import SharingActions
from tests.cache_files import connect_cache, key_for_login
from tests.central.helpers import c4_today, client, key, post_commands
from tests.gui.console_harness import demo_devices, start_session, stop_session, until

ROW = 41  # a woman no other GUI test calls for
NOTE = "Visita hecha, los niños están en la escuela"
TASK = "Visita de trabajo social"


async def _send(user: str, api: str, command: str, **fields: Any) -> dict[str, Any]:
    async with client(api, user, DEMO_PASSWORD) as s:
        (res,) = await post_commands(s, api, {"key": key(), "type": command, **fields})
        return res


def test_a_supervisor_shares_a_case_and_sees_who_else_sees_it(qapp, qloop, demo_central,
                                                              tmp_path):
    api = demo_central.api
    row = demo_devices()[ROW]
    hers = f"case-{row['beneficiary_id']}"
    assert SharingActions.allowed("supervisor") and SharingActions.allowed("psicologa")
    assert not SharingActions.allowed("operator") and not SharingActions.allowed("enlace")

    async def scenario():
        res = await _send("supervisora1", api, "assess_risk", case_id=hers,
                          answers={"estrangulamiento": True})  # alto
        assert res["outcome"] == "accepted", res
        sup = await start_session(qapp, api, tmp_path / "sup", user="supervisora1")
        dif = None
        w = sup.window
        try:
            await until(lambda: hers in w.state.cases and w.state.cases[hers].risk_level == "alto"
                        and w.api.connected, 20, "her high-risk case")
            w.findChild(QAction, "casesAction").trigger()
            panel = w.case_actions.panel
            sharing = w.case_actions.sharing
            panel.select_case(hers)
            assert panel.selected() == hers and "ALTO" in panel.profile.text()
            assert panel.share.isVisible() and sharing.action.isVisible()
            assert panel.sections.share_rows() == []

            # Compartir con una institución…: the agencies by name and kind, not the C4.
            panel.share.click()
            await until(lambda: sharing.dialog is not None, 20, "the share dialog")
            dialog = sharing.dialog
            offered = dialog.agency_ids()
            assert "dif" in offered and "c4" not in offered
            dialog.choose("dif", "resumen")
            assert dialog.agency.currentText().startswith("DIF Municipal de Mexicali (")
            assert "nombre, nivel de riesgo" in dialog.level_info.text()
            dialog.choose("dif", "completo")
            assert "notas psicológicas" in dialog.level_info.text()
            dialog.choose("dif", "resumen")
            dialog.ok_button().click()  # no reason: the form says so, nothing sent
            assert dialog.problem.text().startswith("Escriba el motivo")
            assert not w.state.case_shares

            # A share ending in the past: the central's refusal in Spanish, the input kept.
            reason = "Mesa de coordinación: seguimiento del DIF a sus hijos"
            dialog.reason.setPlainText(reason)
            past = c4_today() - timedelta(days=3)
            dialog.has_end.setChecked(True)
            dialog.ends_on.setDate(QDate(past.year, past.month, past.day))
            dialog.ok_button().click()
            await until(lambda: "ya pasó" in dialog.problem.text(), 20, "the refusal")
            assert dialog.problem.text().startswith("La fecha de término ya pasó")
            assert sharing.dialog is dialog and dialog.ok_button().isEnabled()
            assert dialog.reason.toPlainText() == reason
            assert dialog.agency.currentData() == "dif" and dialog.level.currentData() == "resumen"
            assert dialog.ends_on.date() == QDate(past.year, past.month, past.day)

            # Without the end date: shared, the dialog closes, the case view lists the share.
            dialog.has_end.setChecked(False)
            dialog.ok_button().click()
            await until(lambda: sharing.dialog is None and w.state.case_shares, 20, "shared")
            (share,) = w.state.case_shares.values()
            assert (share.case_id, share.agency_id, share.level) == (hers, "dif", "resumen")
            await until(lambda: panel.sections.share_rows(), 10, "Compartido con")
            (cells,) = panel.sections.share_rows()
            assert cells[0] == "DIF Municipal de Mexicali" and cells[1] == "Resumen"
            assert cells[3] == "sin fecha" and cells[4] == reason
            assert cells[5] == "supervisora1" and cells[6] == "Vigente"

            # The DIF liaison's console receives her case: that delivery is the DIF's read.
            dif = await start_session(qapp, api, tmp_path / "dif", user="enlace_dif1")
            await until(lambda: hers in dif.window.state.cases, 20, "her case at the DIF")
            sections = panel.sections
            sections.setCurrentIndex(1)  # Lecturas de otras instituciones
            assert sections.reads_button.isVisible()

            async def dif_read_listed():
                sections.reads_of = None  # wait for this click's answer
                sections.reads_button.click()
                await until(lambda: sections.reads_of == hers, 10, "the reads answered")
                return [t for t in sections.read_texts() if "enlace_dif1" in t]
            line = (await until(dif_read_listed, 20, "the DIF's read in Lecturas"))[0]
            assert "DIF Municipal de Mexicali" in line and "Resumen" in line
            assert "recibido en su consola" in line and "nombre, órdenes vigentes, nivel de riesgo" in line

            # A mesa gives the DIF a task; the liaison marks it done in her Tareas: the
            # supervisor's Línea de tiempo shows it with its note.
            today = c4_today().isoformat()
            for command, fields in (
                    ("schedule_meeting", {"meeting_id": "mesa-exp", "date": today, "time": "10:00",
                                          "place": "C4", "agencies": ["dif"]}),
                    ("record_attendance", {"meeting_id": "mesa-exp", "attendees": [
                        {"name": "Lic. DIF", "agency_id": "dif"}]}),
                    ("add_case_to_meeting", {"meeting_id": "mesa-exp", "case_id": hers}),
                    ("assign_task", {"meeting_id": "mesa-exp", "task_id": "tarea-exp",
                                     "case_id": hers, "agency_id": "dif", "what": TASK,
                                     "due_on": today})):
                res = await _send("supervisora1", api, command, **fields)
                assert res["outcome"] == "accepted", (command, res)
            tasks = dif.window.liaison_tasks.panel
            await until(lambda: "tarea-exp" in tasks.task_ids(), 20, "her task in Tareas")
            tasks.select("tarea-exp")
            tasks.note.setText(NOTE)
            tasks.mark_done()
            await until(lambda: any(NOTE in t for t in sections.timeline_texts()), 20,
                        "the task done in the supervisor's Línea de tiempo")
            sections.setCurrentIndex(2)
            assert sections.timeline.isVisible()
            done = next(t for t in sections.timeline_texts() if NOTE in t)
            assert "Tarea de coordinación hecha" in done and TASK in done and "enlace_dif1" in done
            shared_line = next(t for t in sections.timeline_texts() if t.split(" · ")[1].startswith(
                "Compartido con"))
            assert " · Compartido con DIF Municipal de Mexicali (resumen) · " in shared_line
            assert f"motivo: {reason}" in shared_line and shared_line.endswith("supervisora1")

            # Retirar from the case view, with a reason: the liaison's console drops her case.
            sections.setCurrentIndex(0)  # Compartido con
            sections.select_share(share.id)
            assert sections.revoke.isEnabled() and sections.revoke.isVisible()
            assert sections.psych.isHidden()  # a supervisor: not the psychologists' step
            sections.revoke.click()
            step = sharing.step
            assert step is not None and "DIF Municipal de Mexicali" in step.ui.shareStepWhat.text()
            step.ok_button().click()  # the reason is required
            assert step.problem.text().startswith("Escriba el motivo")
            step.reason.setPlainText("La mesa cerró el seguimiento")
            step.ok_button().click()
            await until(lambda: sharing.step is None
                        and w.state.case_shares[share.id].revoked_at is not None, 20, "revoked")
            await until(lambda: hers not in dif.window.state.cases, 20, "gone from the DIF")
            assert sections.share_rows()[0][6].startswith("Retirado el ")
            assert not sections.revoke.isEnabled()
            # Her Línea de tiempo, newest first: access retired, after the share.
            await until(lambda: any("Acceso retirado" in t for t in sections.timeline_texts()),
                        20, "the revocation in the Línea de tiempo")
            lines = sections.timeline_texts()
            retired = next(i for i, t in enumerate(lines) if "Acceso retirado" in t)
            given = next(i for i, t in enumerate(lines) if "Compartido con DIF" in t)
            assert retired < given
            assert lines[retired].split(" · ")[1:] == [
                "Acceso retirado a DIF Municipal de Mexicali",
                "motivo: La mesa cerró el seguimiento", "supervisora1"]
            # The DIF's console never held an entry of the sharing of her case: its cache file.
            await until(lambda: dif.window.state.case_shares.get(share.id) is not None
                        and dif.window.state.case_shares[share.id].revoked_at is not None,
                        20, "the revocation at the DIF")
            path = tmp_path / "dif" / "cache.sqlite"
            with contextlib.closing(connect_cache(
                    path, key_for_login(path, "enlace_dif1", DEMO_PASSWORD))) as db:
                held = [json.loads(d) for (d,) in db.execute(
                    "SELECT data FROM records WHERE entity = 'case_timeline'")]
                shares = [json.loads(d) for (d,) in db.execute(
                    "SELECT data FROM records WHERE entity = 'case_share'")]
            assert [s["id"] for s in shares] == [share.id]  # the file is the DIF console's
            assert not [e for e in held if e["group"] == "sharing" or e["kind"] in SHARING_KINDS]
            assert not [e for e in dif.window.state.case_timeline.values()
                        if e.group == "sharing"]

            # Roles: the psychological notes step for a psychologist only; an operator's window
            # has no sharing tool at all.
            w.apply_role("psicologa1", "psicologa")
            assert not panel.share.isHidden() and not sections.psych.isHidden()
            w.apply_role("abogada1", "abogada")
            assert not panel.share.isHidden() and sections.psych.isHidden()
            w.apply_role("operadora1", "operator")
            assert panel.share.isHidden() and not sharing.action.isVisible()
            assert not w.cases_tool.dock.isVisible()
            assert not w.cases_tool.menu.menuAction().isVisible()
        finally:
            if dif is not None:
                await stop_session(dif)
            await stop_session(sup)

    qloop.run_until_complete(scenario())


def test_an_operator_console_has_no_share_tool(qapp, qloop, demo_central, tmp_path):
    async def scenario():
        op = await start_session(qapp, demo_central.api, tmp_path / "op", user="operadora1")
        try:
            w = op.window
            assert getattr(w, "cases_tool", None) is None  # no Expedientes for her role
            action = w.findChild(QAction, "shareCaseAction")
            assert action is not None and not action.isVisible() and not action.isEnabled()
        finally:
            await stop_session(op)

    qloop.run_until_complete(scenario())
