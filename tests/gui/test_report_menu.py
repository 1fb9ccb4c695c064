"""*Estadística → Informe del periodo…* and *Datos abiertos…* at the console (issue 14),
on the demo's embedded central: a supervisor opens the dialog from the menu, saves the
period report as PDF (its text, through pdftotext, has the Spanish title and period) and
as XLSX (one sheet per table), is told in Spanish when the end comes before the start,
and saves the open-data CSV; an operator's window has no *Estadística* menu."""

from __future__ import annotations

import io
import shutil
import subprocess
from datetime import date

from openpyxl import load_workbook
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QMenu

from tests.gui.console_harness import start_session, stop_session, until

TABLES = ["personas", "incidentes_canal", "incidentes_tipo", "incidentes_prioridad",
          "tiempos_nt911", "seguimiento", "intervenciones_tipo", "intervenciones_momento",
          "intervenciones_medio", "canalizaciones", "banavim", "dispositivos"]


def stats_visible(window) -> bool:
    menu = window.menuBar().findChild(QMenu, "statsMenu")
    return menu is not None and menu.menuAction().isVisible()


async def save_as(actions, dialog, fmt: str, path) -> None:
    """Choose ``fmt``, press Guardar…, answer the file dialog with ``path``; wait for it."""
    dialog.set_format(fmt)
    dialog.save.click()
    actions.file_dialog.selectFile(str(path))
    actions.file_dialog.accept()
    await until(lambda: actions.saved == path and path.is_file(), 60, f"{fmt} saved")


def test_supervisor_saves_the_period_report_and_open_data_operator_sees_no_menu(
        qapp, qloop, demo_central, tmp_path):
    async def scenario():
        s = await start_session(qapp, demo_central.api, tmp_path / "sup", "--operator",
                                "supervisora1")
        w = s.window
        try:
            await until(lambda: w.role == "supervisor", 15, "supervisor's tools")
            assert stats_visible(w)
            actions = w.report_actions
            w.findChild(QAction, "periodReportAction").trigger()
            dialog = actions.dialog
            today = date.today()
            assert dialog.first.date().toString("yyyy-MM-dd") == today.replace(day=1).isoformat()
            assert dialog.last.date().toString("yyyy-MM-dd") == today.isoformat()
            # PDF: the Spanish title and the period, read back by pdftotext.
            pdf = tmp_path / "informe.pdf"
            await save_as(actions, dialog, "pdf", pdf)
            assert shutil.which("pdftotext")
            text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], check=True,
                                  capture_output=True, text=True).stdout
            assert "Informe del periodo" in text and "Personas atendidas" in text
            assert f"del {today.replace(day=1).isoformat()} al {today.isoformat()}" in text
            assert "Guardado en" in dialog.message.text()
            # XLSX: one sheet per table.
            xlsx = tmp_path / "informe.xlsx"
            await save_as(actions, dialog, "xlsx", xlsx)
            book = load_workbook(io.BytesIO(xlsx.read_bytes()))
            assert book.sheetnames == ["informe", *TABLES]
            # The end before the start: the central refuses; she reads why, in Spanish.
            dialog.set_period(date(2026, 3, 31), date(2026, 3, 1))
            dialog.save.click()
            actions.file_dialog.selectFile(str(tmp_path / "mal.pdf"))
            actions.file_dialog.accept()
            await until(lambda: "antes de empezar" in dialog.message.text(), 30, "refusal")
            assert not (tmp_path / "mal.pdf").exists()
            dialog.set_period(date(2019, 1, 1), date(2026, 3, 1))
            dialog.save.click()
            actions.file_dialog.selectFile(str(tmp_path / "largo.pdf"))
            actions.file_dialog.accept()
            await until(lambda: "pasa de 5 años" in dialog.message.text(), 30, "refusal")
            dialog.reject()
            # Datos abiertos: the CSV of counts per colonia and month.
            w.findChild(QAction, "openDataAction").trigger()
            dialog = actions.dialog
            assert [dialog.format.itemData(i) for i in range(dialog.format.count())] == ["csv", "json"]
            csv_file = tmp_path / "abiertos.csv"
            await save_as(actions, dialog, "csv", csv_file)
            lines = csv_file.read_text(encoding="utf-8-sig").splitlines()
            assert lines[0] == "mes,colonia,incidentes" and len(lines) > 1
            month = today.strftime("%Y-%m")
            assert all(line.startswith(month + ",") for line in lines[1:]), lines[:3]
            dialog.reject()
        finally:
            await stop_session(s)
        op = await start_session(qapp, demo_central.api, tmp_path / "op")
        try:
            await until(lambda: op.window.role == "operator", 15, "operator's tools")
            assert not stats_visible(op.window)
            assert not op.window.findChild(QAction, "periodReportAction").isVisible()
        finally:
            await stop_session(op)

    qloop.run_until_complete(scenario())
