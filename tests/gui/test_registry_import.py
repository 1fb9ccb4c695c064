"""The registry's "Importar CSV…" in a real console on a real central: a supervisor imports
a generated file of 20 delivered devices, 3 of them bad; the report dialog lists every row
(the refused ones with their line and reason) and saves as CSV; the 17 good devices reach
the console through the feed. A file that is not UTF-8 is refused whole with the
central's sentence. An operator has no import action."""

from __future__ import annotations

import csv
from pathlib import Path

import c4console.gui.registry.registry_import as registry_import
from tests.gui.console_harness import demo_devices, start_session, stop_session, until


def generated_csv(path: Path) -> Path:
    taken = demo_devices()[0]["device_id"]  # B0001's device
    rows = [{"device_id": f"86123499{n:07d}", "name": f"Beneficiaria {n}", "phone": "686 555 0100",
             "device_model": "EV-07B", "delivered_on": f"2026-06-{n:02d}"} for n in range(1, 21)]
    rows[3]["delivered_on"] = "2026-02-30"
    rows[10]["name"] = ""
    rows[15]["device_id"] = taken
    with path.open("w", encoding="utf-8", newline="") as f:
        w = csv.DictWriter(f, fieldnames=list(rows[0]))
        w.writeheader()
        w.writerows(rows)
    return path


def test_supervisor_imports_a_csv_and_reads_the_report(qapp, qloop, demo_central, tmp_path,
                                                        monkeypatch):
    good = generated_csv(tmp_path / "entregas.csv")
    chosen: list[str] = [str(good)]
    monkeypatch.setattr(registry_import.QFileDialog, "getOpenFileName",
                        staticmethod(lambda *a, **k: (chosen[0], "")))
    saved_to = tmp_path / "reporte.csv"
    monkeypatch.setattr(registry_import.QFileDialog, "getSaveFileName",
                        staticmethod(lambda *a, **k: (str(saved_to), "")))

    async def scenario():
        op = await start_session(qapp, demo_central.api, tmp_path / "op", user="operadora1")
        sup = await start_session(qapp, demo_central.api, tmp_path / "sup", user="supervisora1")
        try:
            assert getattr(op.window, "registry", None) is None
            await until(lambda: sup.engine.client is not None
                        and sup.engine.client.info is not None, 15, "supervisor logged in")
            tools = sup.window.registry
            assert tools.panel.import_action.isVisible()
            tools.action.trigger()
            outcomes: list[str] = []
            tools.panel.importer.finished.connect(outcomes.append)
            tools.panel.import_button.click()
            await until(lambda: outcomes, 20, "the import finished")
            assert outcomes == ["report"], tools.panel.importer.last_error
            dialog = tools.panel.importer.dialog
            assert dialog is not None and dialog.isVisible()
            assert dialog.summary.text() == "17 importados, 0 actualizados, 0 sin cambios, 3 rechazados"
            assert dialog.table.rowCount() == 20
            refused = [(dialog.table.item(r, 0).text(), dialog.table.item(r, 2).text(),
                        dialog.table.item(r, 3).text()) for r in range(20)
                       if dialog.table.item(r, 2).data(registry_import.Qt.ItemDataRole.UserRole)
                       == "refused"]
            assert [(line, word) for line, word, _ in refused] == [
                ("5", "Rechazado"), ("12", "Rechazado"), ("17", "Rechazado")]
            assert "2026-02-30" in refused[0][2] and "YYYY-MM-DD" in refused[0][2]
            assert refused[1][2] == "empty name"
            assert "registered to beneficiary B0001" in refused[2][2]

            dialog.save_button.click()
            with saved_to.open(encoding="utf-8", newline="") as f:
                report = list(csv.DictReader(f))
            assert len(report) == 20 and report[3] == {
                "line": "5", "device_id": "861234990000004", "outcome": "refused",
                "reason": refused[0][2]}
            assert sum(r["outcome"] == "imported" for r in report) == 17
            assert "reporte.csv" in dialog.message.text()

            state = sup.window.state
            await until(lambda: "861234990000001" in state.devices, 15, "the devices in the console")
            assert state.devices["861234990000001"].delivered_on == "2026-06-01"
            assert "861234990000004" not in state.devices
            await until(lambda: "B-861234990000001" in tools.panel.visible_ids(), 15,
                        "her record in the registry list")

            # Not UTF-8: nothing imported, the central's reason shown.
            bad = tmp_path / "latin1.csv"
            bad.write_bytes("device_id,name\n861234990000099,Mar\xeda\n".encode("latin-1"))
            chosen[0] = str(bad)
            outcomes.clear()
            tools.panel.import_action.trigger()
            await until(lambda: outcomes, 20, "the bad file answered")
            assert outcomes == ["refused"]
            assert "not UTF-8" in tools.panel.importer.last_error
            assert "latin1.csv" in tools.panel.importer.last_error
            assert "861234990000099" not in state.devices

            # Over the central's 1 MiB: not even sent.
            big = tmp_path / "grande.csv"
            big.write_bytes(b"device_id,name\n" + b"861234990000098,Ana\n" * 60_000)
            chosen[0] = str(big)
            outcomes.clear()
            tools.panel.import_action.trigger()
            await until(lambda: outcomes, 20, "the big file answered")
            assert outcomes == ["refused"] and "1024 KiB" in tools.panel.importer.last_error
            assert "861234990000098" not in state.devices

            chosen[0] = ""  # the supervisor closes the file dialog
            outcomes.clear()
            tools.panel.import_action.trigger()
            assert outcomes == ["cancelled"]
        finally:
            await stop_session(sup)
            await stop_session(op)

    qloop.run_until_complete(scenario())
