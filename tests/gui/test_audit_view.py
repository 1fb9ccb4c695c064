"""The supervisor's audit view in a real console on a real central: hidden from an
operator, filters by person and action, CSV export through the save dialog."""

from __future__ import annotations

import csv
import socket

from PySide6.QtWidgets import QApplication, QFileDialog

from tests.gui.console_harness import start_session, stop_session, until


def _visible(kind):
    return next((w for w in QApplication.topLevelWidgets()
                 if isinstance(w, kind) and w.isVisible()), None)


def test_supervisor_filters_the_audit_log_and_exports_csv(qapp, qloop, demo_central, tmp_path):
    async def scenario():
        operator = await start_session(qapp, demo_central.api, tmp_path / "op", user="operadora1")
        supervisor = await start_session(qapp, demo_central.api, tmp_path / "sup",
                                         user="supervisora1")
        try:
            assert getattr(operator.window, "audit", None) is None  # an operator has no audit view
            tools = supervisor.window.audit
            assert tools.action.isVisible() and tools.menu.menuAction().isVisible()
            await until(lambda: supervisor.engine.client is not None
                        and supervisor.engine.client.info is not None, 15, "supervisor logged in")

            view = tools.panel
            view.person.setText("operadora1")
            view.action.setCurrentText("login")
            tools.action.trigger()
            assert tools.dock.isVisible()
            await until(lambda: view.rows, 15, "entries listed")
            assert {(r["actor"], r["action"], r["outcome"]) for r in view.rows} == {
                ("operadora1", "login", "accepted")}
            # The console names its workstation on every request.
            assert socket.gethostname() in {r["workstation"] for r in view.rows}
            assert view.table.rowCount() == len(view.rows)
            assert view.table.item(0, 2).text() == "operadora1"

            out = tmp_path / "export" / "auditoria.csv"
            out.parent.mkdir()
            view.export.click()
            chooser = await until(lambda: _visible(QFileDialog), 5, "save dialog")
            chooser.selectFile(str(out))
            chooser.accept()
            await until(lambda: out.exists() and out.stat().st_size > 0, 10, "CSV written")
            with out.open(encoding="utf-8") as f:
                rows = list(csv.reader(f))
            assert rows[0][:3] == ["seq", "time", "actor"]
            assert [int(r[0]) for r in rows[1:]] == [r["seq"] for r in view.rows]

            # Demoted on the fly (role confirmed as operator): the view goes away.
            supervisor.window.apply_role("supervisora1", "operator")
            assert not tools.action.isVisible() and not tools.dock.isVisible()
        finally:
            await stop_session(supervisor)
            await stop_session(operator)

    qloop.run_until_complete(scenario())
