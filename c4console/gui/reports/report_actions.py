"""*Estadística → Informe del periodo…* and *Datos abiertos…* (issue 14): for the roles
that may read them (core/access.py READ_ROLES ``period_report``, ``open_data``; hidden
for the others — the central refuses them anyway). Each opens a :class:`ReportDialog`;
*Guardar…* asks where (a non-blocking file dialog), then the file is fetched through the
console's authenticated API on the event loop (never blocking the window) and written
there. The central's refusals are said in Spanish."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from datetime import date
from pathlib import Path

from PySide6.QtCore import QObject
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QFileDialog, QMainWindow

from c4console.core import access
from c4console.gui.reports.report_dialog import ReportDialog
from c4console.gui.shell.labels import error_text
from c4console.gui.shell.stats_menu import stats_menu
from c4console.gui.shell.tasks import Run
from c4console.platform_support import write_private
from c4console.sync.central_api import CentralApi, CentralError, ReportRefusedByCentral

PERIOD_FORMATS = ("pdf", "xlsx", "csv", "json")
OPEN_DATA_FORMATS = ("csv", "json")
FILTERS = {"pdf": "PDF (*.pdf)", "xlsx": "Excel (*.xlsx)", "csv": "CSV (*.csv)",
           "json": "JSON (*.json)", "zip": "ZIP (*.zip)"}
Fetch = Callable[[str, str, str], Awaitable[bytes]]


class ReportActions(QObject):
    """The two *Estadística* actions, their dialog and the saving of the file."""

    def __init__(self, window: QMainWindow, api: CentralApi, run: Run,
                 today: Callable[[], date] = date.today) -> None:
        super().__init__(window)
        self.window = window
        self.api = api
        self.run = run
        self.today = today
        self.dialog: ReportDialog | None = None  # the one open (tests fill it)
        self.file_dialog: QFileDialog | None = None  # where to save (tests answer it)
        self.saved: Path | None = None  # the last file written
        menu = stats_menu(window)
        self.a_period = QAction(self.tr("Informe del periodo…"), window)
        self.a_period.setObjectName("periodReportAction")
        self.a_period.triggered.connect(self.open_period_report)
        self.a_open_data = QAction(self.tr("Datos abiertos…"), window)
        self.a_open_data.setObjectName("openDataAction")
        self.a_open_data.triggered.connect(self.open_open_data)
        menu.addAction(self.a_period)
        menu.addAction(self.a_open_data)
        self.apply_role("")

    def apply_role(self, role: str) -> None:
        """Each action for the roles that may read it; the menu itself when any action of
        it is visible (another tool's entries count)."""
        self.a_period.setVisible(access.may_read(role, "period_report"))
        self.a_open_data.setVisible(access.may_read(role, "open_data"))
        menu = stats_menu(self.window)
        menu.menuAction().setVisible(any(a.isVisible() for a in menu.actions()))

    # --- the dialogs ----------------------------------------------------------------
    def open_period_report(self) -> ReportDialog:
        """The period report's dialog (this month by default)."""
        return self._open(self.tr("Informe del periodo"), PERIOD_FORMATS, "informe",
                          self.api.period_report)

    def open_open_data(self) -> ReportDialog:
        """The open-data export's dialog (whole months: a day stands for its month)."""
        dialog = self._open(self.tr("Datos abiertos (sin datos personales)"), OPEN_DATA_FORMATS,
                            "datos_abiertos", self.api.open_data)
        dialog.show_message(self.tr("Se publican meses completos por colonia; las cifras "
                                    "menores de 5 aparecen como «<5»."))
        return dialog

    def _open(self, title: str, formats, stem: str, fetch: Fetch) -> ReportDialog:
        if self.dialog is not None:
            self.dialog.close()
        dialog = self.dialog = ReportDialog(title, formats, self.today(), self.window)
        dialog.saveRequested.connect(
            lambda first, last, fmt: self._ask_path(dialog, stem, fetch, first, last, fmt))
        dialog.finished.connect(lambda _code: self._closed(dialog))
        dialog.open()
        return dialog

    def _closed(self, dialog: ReportDialog) -> None:
        if self.dialog is dialog:
            self.dialog = None
        dialog.deleteLater()

    def _ask_path(self, dialog: ReportDialog, stem: str, fetch: Fetch, first: str, last: str,
                  fmt: str) -> None:
        """Where to save (non-blocking); fetching starts once she chooses."""
        suffix = "zip" if stem == "informe" and fmt == "csv" else fmt  # the report's CSV is a zip
        suggested = str(Path.home() / f"{stem}_{first}_{last}.{suffix}")
        file_dialog = self.file_dialog = QFileDialog(dialog, self.tr("Guardar como"), suggested)
        file_dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptSave)
        file_dialog.setNameFilter(FILTERS[suffix])
        file_dialog.setDefaultSuffix(suffix)
        file_dialog.fileSelected.connect(lambda name: self.run(
            self.save(dialog, fetch, first, last, fmt, Path(name)), self.tr("guardar el informe")))
        file_dialog.finished.connect(lambda _code: file_dialog.deleteLater())
        file_dialog.open()

    async def save(self, dialog: ReportDialog, fetch: Fetch, first: str, last: str, fmt: str,
                   path: Path) -> None:
        """Fetch the file from the central and write it to ``path``; the dialog says what
        happened."""
        dialog.show_message(self.tr("Pidiendo el informe a la central…"))
        try:
            data = await fetch(first, last, fmt)
        except ReportRefusedByCentral as e:
            self._say(dialog, self.refusal_text(e, first, last))
            return
        except CentralError as e:
            self._say(dialog, self.tr("La central no lo entregó: {0}").format(error_text(e)))
            return
        write_private(path, data)  # counts only, but a report of the C4: not for everyone
        self.saved = path
        self._say(dialog, self.tr("Guardado en {0} ({1} KB)").format(path, max(1, len(data) // 1024)))

    def refusal_text(self, error: ReportRefusedByCentral, first: str, last: str) -> str:
        """The central's refusal in plain Spanish (its codes say what was wrong)."""
        if error.reason == "bad_format":
            return self.tr("La central no conoce ese formato.")
        if error.reason == "bad_period":
            if last < first:
                return self.tr("El periodo termina ({0}) antes de empezar ({1}): corrija las "
                               "fechas.").format(last, first)
            if "5 years" in str(error):
                return self.tr("El periodo del {0} al {1} pasa de 5 años: pida periodos más "
                               "cortos.").format(first, last)
            return self.tr("Fechas no válidas: {0} a {1}.").format(first, last)
        return self.tr("La central lo rechazó: {0}").format(str(error))

    @staticmethod
    def _say(dialog: ReportDialog, text: str) -> None:
        from shiboken6 import isValid

        if isValid(dialog):  # she may have closed it while the central answered
            dialog.show_message(text)
