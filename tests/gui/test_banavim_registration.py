"""Registro BANAVIM at the console through a real central (issue 12): a supervisor opens
her case in Expedientes, marks it for BANAVIM, saves its record as CSV where she picks
(complete and valid against the documented field map), enters BANAVIM's folio; the same
folio for another case is refused in the dialog naming the case it belongs to, and a
case without her date of birth is not exported, the dialog naming the missing field."""

from __future__ import annotations

import csv
import io
import os
import stat

from PySide6.QtCore import QDate

from c4console.gui.banavim.banavim_actions import BanavimActions
from c4console.resources import load_banavim_field_map
from tests.central.helpers import c4_today, client, key, post_commands
from tests.central.test_banavim import case_with_episode
from tests.gui.console_harness import DEMO_PASSWORD, start_session, stop_session, until

FIRST, SECOND, NO_BIRTH = "case-bnv-gui-1", "case-bnv-gui-2", "case-bnv-gui-3"
FOLIO = "BNV-2026-000900"


def test_supervisor_marks_exports_and_registers_a_case(qapp, qloop, demo_central, tmp_path):
    assert BanavimActions.allowed("supervisor") and BanavimActions.allowed("psicologa")
    assert not BanavimActions.allowed("operator") and not BanavimActions.allowed("admin")
    field_map = load_banavim_field_map()

    async def scenario():
        api = demo_central.api
        async with client(api, "supervisora1", DEMO_PASSWORD) as sup:
            iid = await case_with_episode(sup, api, FIRST, "1990-07-01")
            await case_with_episode(sup, api, SECOND, "1992-01-20")
            await case_with_episode(sup, api, NO_BIRTH, "")
            for case_id in (SECOND, NO_BIRTH):  # marked already (by the desk, say)
                (res,) = await post_commands(sup, api, {"key": key(), "type": "mark_for_banavim",
                                                        "case_id": case_id})
                assert res["outcome"] == "accepted", res
        s = await start_session(qapp, api, tmp_path / "sup", "--operator", "supervisora1")
        w = s.window
        try:
            await until(lambda: {FIRST, SECOND, NO_BIRTH} <= set(w.state.cases), 15, "cases")
            w.cases_tool.open()
            panel = w.case_actions.panel
            actions = w.case_actions.banavim
            panel.select_case(FIRST)
            assert panel.banavim.isVisibleTo(panel) and panel.banavim.isEnabled()
            panel.banavim.click()
            dialog = actions.dialog
            assert dialog is not None and dialog.objectName() == "banavimDialog"
            assert dialog.episode.count() == 2  # her latest, and the one episode by date
            dialog.episode.setCurrentIndex(1)
            assert dialog.incident_id() == iid
            assert not dialog.export_csv.isEnabled() and not dialog.register.isEnabled()

            dialog.mark.click()
            await until(lambda: actions.registration() is not None, 20, "marked at the central")
            assert dialog.export_csv.isEnabled() and dialog.register.isEnabled()
            assert "falta el folio" in dialog.status.text()

            # Export: the file is saved where she picks, complete and valid.
            dialog.export_csv.click()
            picked = tmp_path / "banavim-ana.csv"
            actions.file_dialog.selectFile(str(picked))
            actions.file_dialog.accept()
            await until(lambda: actions.exported == picked, 20, "CSV written")
            if os.name == "posix":  # her victim profile: private like the cache
                assert stat.S_IMODE(picked.stat().st_mode) == 0o600
            reader = csv.DictReader(io.StringIO(picked.read_text(encoding="utf-8")))
            assert reader.fieldnames == [spec.field for spec in field_map]
            (row,) = reader
            assert row["expediente.id"] == f"{FIRST}:{iid}"
            assert row["victima.fecha_nacimiento"] == "1990-07-01"
            assert "1 registro(s) guardados" in dialog.message.text()

            # The folio, then the same folio for another case: refused, naming hers.
            dialog.folio.setText(FOLIO)
            # The day BANAVIM registered it, as the C4 counts days (its workstations' clock;
            # this test machine's UTC date runs ahead of Mexicali's each night).
            dialog.registered_on.setDate(QDate.fromString(c4_today().isoformat(), "yyyy-MM-dd"))
            dialog.register.click()
            await until(lambda: actions.registration().registered, 20, "folio recorded")
            assert FOLIO in dialog.status.text() and not dialog.register.isEnabled()
            dialog.reject()
            await until(lambda: actions.dialog is None, 5, "closed")

            panel.select_case(SECOND)
            panel.banavim.click()
            dialog = actions.dialog
            assert dialog.case_id == SECOND and dialog.register.isEnabled()
            dialog.folio.setText(FOLIO)
            dialog.registered_on.setDate(QDate.fromString(c4_today().isoformat(), "yyyy-MM-dd"))
            dialog.register.click()
            await until(lambda: "Rechazado" in dialog.message.text(), 20, "the refusal")
            assert FIRST in dialog.message.text()
            dialog.reject()

            # Her date of birth missing: nothing saved, the field and the case named.
            panel.select_case(NO_BIRTH)
            panel.banavim.click()
            dialog = actions.dialog
            dialog.export_json.click()
            lost = tmp_path / "sin-nacimiento.json"
            actions.file_dialog.selectFile(str(lost))
            actions.file_dialog.accept()
            await until(lambda: "No se exportó" in dialog.message.text(), 20, "left out")
            assert "victima.fecha_nacimiento" in dialog.message.text()
            assert NO_BIRTH in dialog.message.text() and not lost.exists()
            dialog.reject()
        finally:
            await stop_session(s)

    qloop.run_until_complete(scenario())
