"""The supervisor's audit view: the central's audit log, filtered by person, incident,
action and time, exported as CSV.

Given its two reads (the JSON page and the CSV export: ``CentralApi.audit`` and
``audit_csv``, docs/protocol.md "Audit log"); the main window lays it out as a dock
with its menu for the roles the core's table lets read the audit log. The central
refuses the other roles anyway (403, and the refusal is itself audited)."""

from __future__ import annotations

import datetime as dt
import json
import logging
from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import QDateTime, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDateTimeEdit,
    QFileDialog,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from c4console.gui.shell.labels import error_text
from c4console.gui.shell.tasks import run_async
from c4console.platform_support import write_private

log = logging.getLogger(__name__)

LIMIT = 2000
ACTIONS = ("", "login", "logout", "command", "audio.listen", "recordings.list", "audit.read",
           "evidence.export", "user", "device")

Fetch = Callable[[dict[str, str]], Awaitable[dict[str, Any]]]
FetchCsv = Callable[[dict[str, str]], Awaitable[bytes]]


class AuditView(QWidget):
    """Filters, the table of entries (newest first) and the CSV export."""

    def __init__(self, fetch: Fetch, fetch_csv: FetchCsv, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("auditView")
        self.fetch, self.fetch_csv = fetch, fetch_csv
        self.rows: list[dict[str, Any]] = []
        self.export_dialog: QFileDialog | None = None

        self.person = QLineEdit(self)
        self.person.setObjectName("auditPerson")
        self.person.setPlaceholderText(self.tr("usuario, p. ej. operadora1"))
        self.incident = QLineEdit(self)
        self.incident.setObjectName("auditIncident")
        self.incident.setPlaceholderText(self.tr("id del incidente"))
        self.action = QComboBox(self)
        self.action.setObjectName("auditAction")
        self.action.setEditable(True)
        self.action.addItems(ACTIONS)
        self.action.setToolTip(self.tr("Una acción o su prefijo: «command» incluye todos los comandos"))
        now = QDateTime.currentDateTime()
        self.use_since = QCheckBox(self.tr("Desde"), self)
        self.since = QDateTimeEdit(now.addDays(-1), self)
        self.use_until = QCheckBox(self.tr("Hasta"), self)
        self.until = QDateTimeEdit(now, self)
        for edit in (self.since, self.until):
            edit.setCalendarPopup(True)
            edit.setDisplayFormat("yyyy-MM-dd HH:mm")
        self.search = QPushButton(self.tr("Buscar"), self)
        self.search.setObjectName("auditSearch")
        self.export = QPushButton(self.tr("Exportar CSV…"), self)
        self.export.setObjectName("auditExport")
        self.status = QLabel(self)
        self.status.setObjectName("auditStatus")

        grid = QGridLayout()
        grid.addWidget(QLabel(self.tr("Persona"), self), 0, 0)
        grid.addWidget(self.person, 0, 1)
        grid.addWidget(QLabel(self.tr("Incidente"), self), 0, 2)
        grid.addWidget(self.incident, 0, 3)
        grid.addWidget(QLabel(self.tr("Acción"), self), 0, 4)
        grid.addWidget(self.action, 0, 5)
        grid.addWidget(self.use_since, 1, 0)
        grid.addWidget(self.since, 1, 1)
        grid.addWidget(self.use_until, 1, 2)
        grid.addWidget(self.until, 1, 3)
        buttons = QHBoxLayout()
        buttons.addWidget(self.search)
        buttons.addWidget(self.export)
        grid.addLayout(buttons, 1, 5)

        self.table = QTableWidget(0, 9, self)
        self.table.setObjectName("auditTable")
        self.table.setHorizontalHeaderLabels([
            self.tr("N.º"), self.tr("Hora"), self.tr("Persona"), self.tr("Rol"), self.tr("Puesto"),
            self.tr("Acción"), self.tr("Incidente"), self.tr("Resultado"), self.tr("Detalle")])
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.verticalHeader().setVisible(False)
        self.table.horizontalHeader().setSectionResizeMode(8, QHeaderView.ResizeMode.Stretch)

        layout = QVBoxLayout(self)
        layout.addLayout(grid)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.status)

        self.search.clicked.connect(lambda: run_async(self.reload()))
        for edit in (self.person, self.incident):
            edit.returnPressed.connect(lambda: run_async(self.reload()))
        self.export.clicked.connect(self.ask_csv_path)

    def params(self) -> dict[str, str]:
        """The query of the current filters (empty ones left out)."""
        out = {"limit": str(LIMIT)}
        for name, value in (("actor", self.person.text()), ("incident", self.incident.text()),
                            ("action", self.action.currentText())):
            if value.strip():
                out[name] = value.strip()
        for name, use, edit in (("since", self.use_since, self.since),
                                ("until", self.use_until, self.until)):
            if use.isChecked():
                out[name] = str(edit.dateTime().toSecsSinceEpoch())
        return out

    async def reload(self) -> bool:
        """Fetch the entries matching the filters; False (and the reason shown) if refused."""
        self.status.setText(self.tr("Consultando la central…"))
        try:
            body = await self.fetch(self.params())
        except Exception as e:
            self.status.setText(self.tr("No se pudo leer la bitácora: {0}").format(error_text(e)))
            return False
        self.show_entries(list(body.get("entries") or []))
        return True

    def show_entries(self, rows: list[dict[str, Any]]) -> None:
        """Fill the table (newest first)."""
        self.rows = rows
        self.table.setRowCount(len(rows))
        for n, r in enumerate(rows):
            when = dt.datetime.fromtimestamp(float(r.get("at") or 0)).strftime("%Y-%m-%d %H:%M:%S")
            detail = r.get("detail") or {}
            cells = [str(r.get("seq", "")), when, r.get("actor") or "?", r.get("role") or "",
                     r.get("workstation") or "", r.get("action") or "", r.get("incident_id") or "",
                     r.get("outcome") or "",
                     json.dumps(detail, ensure_ascii=False, sort_keys=True) if detail else ""]
            for col, text in enumerate(cells):
                item = QTableWidgetItem(text)
                if col == 0:
                    item.setData(Qt.ItemDataRole.UserRole, r.get("seq"))
                self.table.setItem(n, col, item)
        self.status.setText(self.tr("{0} entradas (las más recientes primero)").format(len(rows)))

    def ask_csv_path(self) -> QFileDialog:
        """Ask where to save the CSV of the current filters (non-blocking)."""
        dialog = self.export_dialog = QFileDialog(self, self.tr("Guardar bitácora de auditoría"),
                                                  str(Path.home() / "auditoria.csv"))
        dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptSave)
        dialog.setNameFilter(self.tr("CSV (*.csv)"))
        dialog.setDefaultSuffix("csv")
        dialog.fileSelected.connect(lambda name: run_async(self.write_csv(Path(name))))
        dialog.open()
        return dialog

    async def write_csv(self, path: Path) -> Path | None:
        """Write the central's CSV export of the current filters to ``path``."""
        try:
            data = await self.fetch_csv(self.params())
            write_private(path, data)
        except Exception as e:
            self.status.setText(self.tr("No se exportó: {0}").format(error_text(e)))
            return None
        self.status.setText(self.tr("Exportada a {0}").format(path))
        return path
