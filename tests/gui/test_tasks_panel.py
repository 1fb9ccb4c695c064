"""The tasks panel on its own (issue 15), on a real central and a real sync engine for the DIF
liaison: it lists the DIF's tasks only (not the Fiscalía's), the overdue one highlighted;
*Marcar como hecha* needs a note, goes through the outbox, and the row shows it done."""

from __future__ import annotations

from datetime import timedelta

from c4console.gui.coordination.tasks_panel import TasksPanel
from c4console.gui.shell.controller import ConsoleController
from c4console.gui.shell.state_bridge import StateBridge
from c4console.resources import load_catalogue
from c4console.store.cache import LocalCache
from c4console.sync.engine import SyncEngine
from c4console.sync.state import ConsoleState
from tests.cache_files import TEST_KEY
from tests.central.helpers import TEST_PASSWORD, c4_today, client, running_central
from tests.central.test_agencies import HER_CASE, add_agencies_and_liaisons, send
from tests.gui.console_harness import until


async def convene(api: str) -> None:
    """A meeting yesterday with the DIF and the Fiscalía: an overdue DIF task, a DIF task due
    next week, a Fiscalía task."""
    today = c4_today()
    day = lambda n: (today + timedelta(days=n)).isoformat()  # noqa: E731
    async with client(api, "supervisora1") as s:
        steps = [("share_case", {"case_id": HER_CASE, "agency_id": "dif", "level": "resumen",
                                 "reason": "Mesa"}),
                 ("schedule_meeting", {"meeting_id": "m1", "date": day(-3), "time": "10:00",
                                       "place": "Sala C4", "agencies": ["dif", "fge"]}),
                 ("add_case_to_meeting", {"meeting_id": "m1", "case_id": HER_CASE,
                                          "view": "reducido"})]
        task = {"meeting_id": "m1", "case_id": HER_CASE}
        steps += [("assign_task", {**task, "task_id": tid, "agency_id": agency, "due_on": due,
                                   "what": what})
                  for tid, agency, due, what in [("t-old", "dif", day(-1), "Valoración"),
                                                 ("t-dif", "dif", day(7), "Visita domiciliaria"),
                                                 ("t-fge", "fge", day(7), "Citar al agresor")]]
        for kind, fields in steps:
            res = await send(s, api, kind, **fields)
            assert res["outcome"] == "accepted", (kind, res)


def test_the_liaison_marks_her_task_done(qapp, qloop, tmp_path):
    async def scenario():
        async with running_central(tmp_path) as c:
            await add_agencies_and_liaisons(c.service)
            await convene(c.api_url)
            state = ConsoleState(load_catalogue(), "enlace_dif")
            bridge = StateBridge(state)
            cache = LocalCache(tmp_path / "dif" / "cache.sqlite", TEST_KEY)
            engine = SyncEngine(cache, c.api_url, bridge, actor="enlace_dif",
                                username="enlace_dif", password=TEST_PASSWORD)
            controller = ConsoleController(engine, bridge)
            panel = TasksPanel(controller, agency="dif")
            panel.show()
            engine.start()
            try:
                await until(lambda: set(panel.task_ids()) == {"t-old", "t-dif"}, 15,
                            "the DIF's two tasks")
                assert panel.task_ids() == ["t-old", "t-dif"]  # soonest due first
                assert panel.is_highlighted("t-old") and not panel.is_highlighted("t-dif")
                panel.select("t-dif")
                panel.done_button.click()
                assert panel.message.text() == "Escriba una nota de lo que se hizo"
                panel.note.setText("Visita hecha; sin novedad")
                panel.done_button.click()
                await until(lambda: state.coordination_tasks["t-dif"].status == "hecha"
                            and not state.pending_count(), 15, "the central's answer")
                await until(lambda: panel.table.item(panel.task_ids().index("t-dif"), 4)
                            .text() == "Hecha: Visita hecha; sin novedad", 15, "the row done")
                assert state.coordination_tasks["t-dif"].done_by == "enlace_dif"
                assert panel.task_ids() == ["t-old", "t-dif"]  # open first, then done
            finally:
                await engine.close()
                cache.close()
                panel.close()
                panel.deleteLater()

    qloop.run_until_complete(scenario())
