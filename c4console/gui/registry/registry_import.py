"""The registry's "Importar CSV…": a supervisor or admin sends the devices already
delivered (a CSV file) to the central and reads its row-by-row report.

The file goes as it is to the central's devices import (the same importer as
``c4central devices import``); the report dialog lists every row — imported, updated,
unchanged, or refused with its line and reason — and saves it as CSV. A file the
central refuses whole (not UTF-8, empty, missing columns, too large) is shown with the
central's sentence: nothing of it was imported.
"""

from __future__ import annotations

import logging
from pathlib import Path

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QHeaderView,
    QLabel,
    QMessageBox,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from c4console.core.csv_cells import csv_writer
from c4console.gui.shell.plain_text import plain_labels
from c4console.gui.shell.tasks import run_async
from c4console.platform_support import create_private_file
from c4console.sync.central_api import CentralApi
from c4console.sync.devices_import import ImportRefused, ImportReport

log = logging.getLogger(__name__)

MAX_FILE_BYTES = 1 << 20  # the central's limit: a larger file is not even sent


class ImportReportDialog(QDialog):
    """The central's report of one import: a summary line and one table row per CSV row."""

    def __init__(self, report: ImportReport, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.report = report
        self.setWindowTitle(self.tr("Importación de dispositivos: %1").replace("%1", report.source))
        c = report.counts
        self.summary = QLabel(self.tr("%1 importados, %2 actualizados, %3 sin cambios, %4 rechazados")
                              .replace("%1", str(c.get("imported", 0)))
                              .replace("%2", str(c.get("updated", 0)))
                              .replace("%3", str(c.get("unchanged", 0)))
                              .replace("%4", str(c.get("refused", 0))), self)
        self.table = QTableWidget(len(report.rows), 4, self)
        self.table.setHorizontalHeaderLabels(
            [self.tr("Línea"), self.tr("Dispositivo"), self.tr("Resultado"), self.tr("Motivo")])
        self.table.horizontalHeader().setSectionResizeMode(3, QHeaderView.ResizeMode.Stretch)
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        for r, row in enumerate(report.rows):
            cells = (str(row.line), row.device_id, self.outcome_text(row.outcome), row.reason)
            for col, text in enumerate(cells):
                item = QTableWidgetItem(text)
                item.setData(Qt.ItemDataRole.UserRole, row.outcome)
                if row.outcome == "refused":
                    item.setForeground(Qt.GlobalColor.red)
                self.table.setItem(r, col, item)
        self.save_button = QPushButton(self.tr("Guardar como CSV…"), self)
        self.save_button.clicked.connect(self.choose_and_save)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.addButton(self.save_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.rejected.connect(self.reject)
        self.message = QLabel(self)
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.message)
        layout.addWidget(buttons)
        plain_labels(self)  # the file's name and the central's words: text, never markup
        self.resize(760, 480)

    def outcome_text(self, outcome: str) -> str:
        """The word shown for a row's outcome."""
        return {"imported": self.tr("Importado"), "updated": self.tr("Actualizado"),
                "unchanged": self.tr("Sin cambios"), "refused": self.tr("Rechazado")}.get(outcome,
                                                                                       outcome)

    def choose_and_save(self) -> None:
        """Ask where, then save the report."""
        path, _ = QFileDialog.getSaveFileName(
            self, self.tr("Guardar el reporte"),
            str(Path.home() / f"reporte-{Path(self.report.source).stem}.csv"),
            self.tr("Archivos CSV (*.csv)"))
        if path:
            self.save(Path(path))

    def save(self, path: Path) -> None:
        """Write the report as CSV (line, device_id, outcome, reason), UTF-8."""
        try:
            create_private_file(path)
            with path.open("w", encoding="utf-8", newline="") as f:
                w = csv_writer(f)  # a device id or reason from the file never runs
                w.writerow(["line", "device_id", "outcome", "reason"])
                for row in self.report.rows:
                    w.writerow([row.line, row.device_id, row.outcome, row.reason])
        except OSError as e:
            self.message.setText(self.tr("No se pudo guardar el reporte: %1").replace("%1", str(e)))
            return
        self.message.setText(self.tr("Reporte guardado en %1").replace("%1", str(path)))


class DeviceImporter(QObject):
    """Choose a file, send it, show the report (``finished`` says how it ended)."""

    finished = Signal(str)  # "report" | "refused" | "failed" | "cancelled"

    def __init__(self, api: CentralApi, parent: QWidget) -> None:
        super().__init__(parent)
        self.api = api
        self.window = parent
        self.dialog: ImportReportDialog | None = None
        self.last_error = ""

    def choose_and_send(self) -> None:
        """The action: a file dialog, then the upload in the background."""
        path, _ = QFileDialog.getOpenFileName(
            self.window, self.tr("Importar dispositivos entregados"), str(Path.home()),
            self.tr("Archivos CSV (*.csv);;Todos los archivos (*)"))
        if not path:
            self.finished.emit("cancelled")
            return
        run_async(self.send(Path(path)))

    async def send(self, path: Path) -> None:
        """Read ``path`` and send it; show the report, or why nothing was imported."""
        try:
            size = path.stat().st_size
            if size > MAX_FILE_BYTES:  # the central would refuse it: not even sent
                self._fail("refused", self.tr("El archivo pesa %1 KiB; el máximo es %2 KiB. "
                                              "Divídalo en partes.")
                           .replace("%1", str(size // 1024))
                           .replace("%2", str(MAX_FILE_BYTES // 1024)))
                return
            data = path.read_bytes()
            if not self.api.connected:
                raise ConnectionError(self.tr("la consola aún no está conectada a la central"))
            report = await self.api.import_devices(data, path.name)
        except ImportRefused as e:
            self._fail("refused", self.tr("La central no importó ninguna fila de %1:\n%2")
                       .replace("%1", path.name).replace("%2", str(e)))
            return
        except Exception as e:  # noqa: BLE001 - unreachable central, unreadable file: shown
            log.warning("device import of %s failed: %s", path, e)
            self._fail("failed", self.tr("No se pudo enviar %1: %2")
                       .replace("%1", path.name).replace("%2", str(e)))
            return
        self.dialog = ImportReportDialog(report, self.window)
        self.dialog.show()
        self.finished.emit("report")

    def _fail(self, how: str, text: str) -> None:
        self.last_error = text
        box = QMessageBox(QMessageBox.Icon.Warning, self.tr("Importar CSV"), text,
                          QMessageBox.StandardButton.Ok, self.window)
        box.setTextFormat(Qt.TextFormat.PlainText)  # a file name, the central's sentence
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        box.open()  # not modal-blocking: the console keeps running
        self.finished.emit(how)
