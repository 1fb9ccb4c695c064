"""No silent failures: an action that fails or that the console refuses reaches the
operator who acted (status bar and *Rechazadas*), and every background task is held
until it ends."""

from __future__ import annotations

import asyncio
import gc
import time

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest

from c4console.core.enums import IncidentStatus
from c4console.demo.accounts import DEMO_OPERATOR, DEMO_PASSWORD
from c4console.gui.shell.tasks import run_async, running
from tests.cache_files import connect_cache, key_for_login
from tests.gui.console_harness import demo_devices, osmand, start_session, stop_session, until


def test_a_dispatch_that_fails_or_is_refused_is_shown_to_the_operator(qapp, qloop, demo_central,
                                                                       tmp_path):
    async def scenario():
        session = await start_session(qapp, demo_central.api, tmp_path / "console")
        win = session.window
        try:
            win.activateWindow()
            await until(lambda: len(win.state.units) >= 12, 15, "units synced")
            row = demo_devices()[3]
            status, body = await osmand(demo_central.osmand, id=row["device_id"],
                                        lat=row["home_lat"], lon=row["home_lon"],
                                        timestamp=int(time.time()), alarm="sos")
            assert status == 200, body
            inc = await until(lambda: next((i for i in win.state.incidents.values()
                                            if i.device_id == row["device_id"]), None), 10, "alarm")
            QTest.keyClick(win, Qt.Key.Key_F2)
            assert win.detail.incident_id == inc.id
            QTest.keyClick(win, Qt.Key.Key_F3)
            await until(lambda: win.state.pending_count() == 0 and win.state.incident(inc.id)
                        .status is IncidentStatus.ACKNOWLEDGED, 10, "acknowledged")

            # Refused by the console itself (acknowledged already): said and listed.
            QTest.keyClick(win, Qt.Key.Key_F3)
            await until(lambda: win.rejections.count() == 1, 5, "refusal listed")
            assert "Solo se atiende un incidente nuevo" in win.status.currentMessage()
            assert "Solo se atiende un incidente nuevo" in win.rejections.list.item(0).text()
            assert win.rejections_dock.windowTitle().endswith("(1)")

            # F4 while another program holds the cache's write lock: the outbox write
            # fails after the busy timeout, and the operator is told — not only the log.
            path = tmp_path / "console" / "cache.sqlite"
            lock = connect_cache(path, key_for_login(path, DEMO_OPERATOR, DEMO_PASSWORD),
                                 timeout=0, isolation_level=None)
            try:
                lock.execute("BEGIN EXCLUSIVE")
                QTest.keyClick(win, Qt.Key.Key_F4)
                await until(lambda: win.rejections.count() == 2, 15, "failed dispatch listed")
            finally:
                lock.execute("ROLLBACK")
                lock.close()
            message = win.status.currentMessage()
            assert "No se pudo despachar la recomendada" in message, message
            assert "database is locked" in message and "[SQL" not in message
            listed = win.rejections.list.item(1).text()
            assert "despachar la recomendada" in listed and "no se envió" in listed
            assert win.state.pending_count() == 0
            assert win.state.incident(inc.id).status is IncidentStatus.ACKNOWLEDGED

            # Dismissed like the central's refusals.
            for left in (1, 0):
                win.rejections.dismiss.click()
                await until(lambda n=left: win.rejections.count() == n, 5, "dismissed")
            assert win.rejections_dock.windowTitle().endswith("(0)")
        finally:
            await stop_session(session)

    qloop.run_until_complete(scenario())


def test_a_task_is_held_until_it_ends_and_its_failure_is_reported(qloop):
    async def scenario():
        release = asyncio.Event()
        failures: list[BaseException] = []

        async def waits() -> None:
            await release.wait()
            raise RuntimeError("falló")

        run_async(waits(), on_error=failures.append, what="test")  # no reference kept here
        gc.collect()
        [task] = [t for t in running() if not t.done()]
        release.set()
        await until(lambda: task.done() and failures, 5, "task ended")
        assert task not in running()
        assert [str(e) for e in failures] == ["falló"]

    qloop.run_until_complete(scenario())
