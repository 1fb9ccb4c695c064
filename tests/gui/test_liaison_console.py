"""The liaison's console (issue 15) on the real demo central: a supervisor shares a high-risk
case with the DIF at resumen; the DIF liaison (enlace_dif1) logs in to the same console and
gets a window of the shared cases and Tareas — no queue, map, units, audio, Incidente or
Turno menus, and no incident shortcut left on any action — titled with her agency; her case
shows the resumen fields only. A task a mesa gives the DIF reaches her *Tareas* (not the
Fiscalía's) and she marks it done. Her start-up asks the central for nothing it refuses her (no
refusal in the audit log under her name). A liaison of the Fiscalía sees no case. The admin's
*Instituciones* window lists the agencies, adds one, refuses a duplicate name with the
central's sentence, and saves a contact."""

from __future__ import annotations

from typing import Any

from PySide6.QtGui import QAction
from PySide6.QtWidgets import QDockWidget

from c4console.central.bootstrap import DEMO_PASSWORD
from c4console.sync.processes import EmbeddedCentral
from tests.central.helpers import c4_today, client, get_json, key, post_commands
from tests.central.kannel import free_port
from tests.gui.console_harness import demo_devices, start_session, stop_session, until

ROW = 31  # a woman no other GUI test calls for
DISPATCH = ("queueDock", "detailDock", "unitDock", "audioDock", "rosterDock", "chatDock")


async def _send(user: str, api: str, command: str, **fields: Any) -> dict[str, Any]:
    async with client(api, user, DEMO_PASSWORD) as s:
        (res,) = await post_commands(s, api, {"key": key(), "type": command, **fields})
        return res


async def _refusals_of(api: str, user: str) -> list[dict[str, Any]]:
    async with client(api, "supervisora1", DEMO_PASSWORD) as s:
        body = await get_json(s, f"{api}/api/v1/audit?actor={user}&limit=500")
    return [e for e in body["entries"] if e["outcome"] == "refused"]


def _shortcuts(window) -> list[str]:
    return [f"{a.objectName()}={a.shortcut().toString()}" for a in window.findChildren(QAction)
            if not a.shortcut().isEmpty()]


def test_the_dif_liaison_sees_only_the_case_shared_with_her_agency(qapp, qloop, demo_central,
                                                                    tmp_path):
    api = demo_central.api
    row = demo_devices()[ROW]
    hers = f"case-{row['beneficiary_id']}"

    async def scenario():
        res = await _send("supervisora1", api, "assess_risk", case_id=hers,
                          answers={"estrangulamiento": True})
        assert res["outcome"] == "accepted", res
        res = await _send("supervisora1", api, "share_case", case_id=hers, agency_id="dif",
                          level="resumen", reason="Mesa de coordinación: seguimiento DIF")
        assert res["outcome"] == "accepted", res

        dif = await start_session(qapp, api, tmp_path / "dif", user="enlace_dif1")
        fge = await start_session(qapp, api, tmp_path / "fge", user="enlace_fiscalia1")
        w, f = dif.window, fge.window
        try:
            assert w.isVisible() and "DIF Municipal de Mexicali" in w.windowTitle()
            panel = w.liaison_cases.panel
            head = (await get_json_as(api, "supervisora1", "/api/v1/health"))["head"]
            await until(lambda: w.state.cursor >= head, 20, "the DIF synced")
            assert panel.case_ids() == [hers]
            assert w.liaison_cases.dock.isVisible()
            assert w.liaison_tasks.dock.objectName() == "tasksDock"
            text = panel.view.toPlainText()
            assert row["name"] in text and "ALTO" in text, text
            assert "Órdenes de protección vigentes" in text
            # resumen: no phone, no address, no history or interventions.
            assert row["phone"] not in text and "Historial" not in text
            assert "Intervenciones" not in text
            # No dispatch tools, no map, no audio, no Incidente/Turno menus, no shortcut.
            assert w.centralWidget() is None and w.audio_panel is None
            for name in DISPATCH:
                dock = w.findChild(QDockWidget, name)
                assert dock is None or not dock.isVisible(), name
            assert not w.m_inc.menuAction().isVisible() and not w.m_shift.menuAction().isVisible()
            assert _shortcuts(w) == []
            assert not w.a_dispatch.isEnabled() and not w.a_new_call.isEnabled()
            # The Fiscalía's liaison: her window, no case at all.
            assert "Fiscalía" in f.windowTitle()
            await until(lambda: f.state.cursor >= head, 20, "the Fiscalía synced")
            assert f.liaison_cases.panel.case_ids() == [] and not f.state.cases
            assert f.liaison_cases.panel.empty.isVisible() or not f.isVisible()
            # Her Tareas: a task of a mesa with the DIF reaches her panel; she marks it done.
            today = c4_today().isoformat()
            for command, fields in (
                    ("schedule_meeting", {"meeting_id": "mesa-gui", "date": today, "time": "10:00",
                                          "place": "C4", "agencies": ["dif"]}),
                    ("record_attendance", {"meeting_id": "mesa-gui", "attendees": [
                        {"name": "Lic. DIF", "agency_id": "dif"}]}),
                    ("add_case_to_meeting", {"meeting_id": "mesa-gui", "case_id": hers}),
                    ("assign_task", {"meeting_id": "mesa-gui", "task_id": "tarea-gui",
                                     "case_id": hers, "agency_id": "dif",
                                     "what": "Visita de trabajo social", "due_on": today})):
                res = await _send("supervisora1", api, command, **fields)
                assert res["outcome"] == "accepted", (command, res)
            tasks = w.liaison_tasks.panel
            await until(lambda: "tarea-gui" in tasks.task_ids(), 20, "her task in Tareas")
            assert "tarea-gui" not in f.liaison_tasks.panel.task_ids()  # not the Fiscalía's
            tasks.select("tarea-gui")
            tasks.note.setText("Visita hecha, sin novedad")
            tasks.mark_done()
            await until(lambda: w.state.coordination_tasks["tarea-gui"].status == "hecha", 20,
                        "her task done")
            # Her start-up asked for nothing the central refuses her.
            assert await _refusals_of(api, "enlace_dif1") == []
            assert await _refusals_of(api, "enlace_fiscalia1") == []
        finally:
            await stop_session(dif)
            await stop_session(fge)

    qloop.run_until_complete(scenario())


async def get_json_as(api: str, user: str, path: str) -> Any:
    async with client(api, user, DEMO_PASSWORD) as s:
        return await get_json(s, f"{api}{path}")


def test_the_admin_manages_the_agencies_in_her_window(qapp, qloop, demo_central, tmp_path):
    api = demo_central.api

    async def scenario():
        admin = await start_session(qapp, api, tmp_path / "admin", user="admin1")
        w = admin.window
        try:
            tool = w.agencies_tool
            assert tool.menu.menuAction().isVisible()
            panel = tool.panel
            await until(lambda: w.api.connected, 20, "connected")
            await panel.load()
            names = [r["name"] for r in panel.rows]
            assert "DIF Municipal de Mexicali" in names
            dif = next(r for r in panel.rows if r["id"] == "dif")
            assert dif["accounts"] == 1 and dif["active_shares"] == 0
            assert panel.new_kind.findData("instituto_mujer") >= 0
            assert panel.new_kind.findData("c4") < 0

            panel.new_id.setText("imm")
            panel.new_name.setText("Instituto Municipal de la Mujer")
            panel.new_kind.setCurrentIndex(panel.new_kind.findData("instituto_mujer"))
            panel.new_contact.setText("686 555 0101")
            assert await panel.add_now()
            assert any(r["id"] == "imm" for r in panel.rows)
            # A duplicate name (case and spaces aside): the central's sentence, form kept.
            panel.new_id.setText("imm2")
            panel.new_name.setText("instituto  municipal de la mujer")
            assert not await panel.add_now()
            assert "already exists" in panel.message.text()
            assert panel.new_name.text() == "instituto  municipal de la mujer"

            panel.select("imm")
            panel.contact.setText("Lic. Ana Ruiz, 686 555 0199")
            assert await panel.change_contact_now()
            assert next(r for r in panel.rows if r["id"] == "imm")["contact"].startswith("Lic. Ana")

            # The liaison's layout on this window, then the admin's again: all given back.
            keys, title = sorted(_shortcuts(w)), w.windowTitle()
            assert "dispatchRecommended=F4" in keys and "newCall=F1" in keys
            w.apply_role("enlace_dif1", "enlace", "DIF Municipal de Mexicali")
            assert _shortcuts(w) == [] and "DIF" in w.windowTitle()
            assert w.liaison_cases.dock.isVisible() and not tool.menu.menuAction().isVisible()
            w.apply_role("admin1", "admin")
            assert sorted(_shortcuts(w)) == keys and w.windowTitle() == title
            assert w.a_dispatch.isEnabled() and w.findChild(QDockWidget, "queueDock").isVisible()
            assert not w.liaison_cases.dock.isVisible() and tool.menu.menuAction().isVisible()
        finally:
            await stop_session(admin)

    qloop.run_until_complete(scenario())


def test_a_liaison_starting_offline_gets_her_window_and_makes_no_refused_request(
        qapp, qloop, tmp_path):
    # Her console last synced as the DIF's liaison; the central is away at her next start:
    # the window is hers from the first moment (from the role her cache was sent for), and
    # once the central is back it asks nothing it refuses her.
    row = demo_devices()[ROW]
    hers = f"case-{row['beneficiary_id']}"
    port = free_port()  # the same address after the restart: the console keeps its --server
    central = EmbeddedCentral(tmp_path / "central-data", demo=True,
                              extra_args=["--no-demo-history", "--listen", f"127.0.0.1:{port}"])

    async def scenario():
        api = (await central.start_and_wait()).api
        res = await _send("supervisora1", api, "share_case", case_id=hers, agency_id="dif",
                          level="resumen", reason="Mesa de coordinación: seguimiento DIF")
        assert res["outcome"] == "accepted", res
        first = await start_session(qapp, api, tmp_path / "dif", user="enlace_dif1")
        try:
            await until(lambda: first.window.liaison_cases.panel.case_ids() == [hers], 30,
                        "her shared case in the DIF's cache")
        finally:
            await stop_session(first)
        central.stop()

        offline = await start_session(qapp, api, tmp_path / "dif", user="enlace_dif1")
        w = offline.window
        try:
            assert offline._login is None  # nobody answered: an offline start
            assert w.centralWidget() is None and w.audio_panel is None
            for name in DISPATCH:
                dock = w.findChild(QDockWidget, name)
                assert dock is None or not dock.isVisible(), name
            assert w.liaison_cases.dock.isVisible() and _shortcuts(w) == []
            assert w.liaison_cases.panel.case_ids() == [hers]  # from her encrypted cache

            await central.start_and_wait()
            await until(lambda: w.api.connected and offline._role_confirmed, 60,
                        "the central back and her role confirmed")
            await until(lambda: "DIF Municipal de Mexicali" in w.windowTitle(), 10,
                        "her agency in the title")
            head = (await get_json_as(api, "supervisora1", "/api/v1/health"))["head"]
            await until(lambda: w.state.cursor >= head, 30, "the DIF synced again")
            assert w.centralWidget() is None and _shortcuts(w) == []
            assert await _refusals_of(api, "enlace_dif1") == []
        finally:
            await stop_session(offline)

    try:
        qloop.run_until_complete(scenario())
    finally:
        central.stop()
