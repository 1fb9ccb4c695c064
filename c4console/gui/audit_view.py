"""The supervisor's audit view: the central's audit log, filtered by person, incident,
action and time, exported as CSV.

Shown to supervisors and administrators only (:func:`apply_audit_role`, called from
``MainWindow.apply_role``); the central refuses the other roles anyway (403, and the
refusal is itself audited). Reads the audit log through the sync layer's typed API
(:class:`~c4console.sync.central_api.CentralApi`) (docs/protocol.md, "Audit log").
"""

from __future__ import annotations

import datetime as dt
import json
import logging
from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import QDateTime, QObject, Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDateTimeEdit,
    QDockWidget,
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

from c4console.core import access
from c4console.gui.role_tools import tools_for_role
from c4console.gui.tasks import run_async
from c4console.sync.central_api import CentralApi

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
            self.status.setText(self.tr("No se pudo leer la bitácora: {0}").format(e))
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
            path.write_bytes(data)
        except Exception as e:
            self.status.setText(self.tr("No se exportó: {0}").format(e))
            return None
        self.status.setText(self.tr("Exportada a {0}").format(path))
        return path


class AuditTools(QObject):
    """The audit dock and its menu entry in a main window."""

    def __init__(self, window) -> None:
        super().__init__(window)
        self.window = window
        self.view = AuditView(self.fetch, self.fetch_csv, window)
        self.dock = QDockWidget(self.tr("Bitácora de auditoría"), window)
        self.dock.setObjectName("auditDock")
        self.dock.setWidget(self.view)
        window.addDockWidget(Qt.DockWidgetArea.BottomDockWidgetArea, self.dock)
        self.dock.hide()
        self.action = QAction(self.tr("Bitácora de auditoría…"), window)
        self.action.setObjectName("auditAction")
        self.action.triggered.connect(self.show_view)
        self.menu = window.menuBar().addMenu(self.tr("&Auditoría"))
        self.menu.addAction(self.action)

    def _api(self) -> CentralApi:
        api: CentralApi = self.window.controller.engine.api
        if not api.connected:
            raise RuntimeError(self.tr("sin conexión con la central"))
        return api

    async def fetch(self, params: dict[str, str]) -> dict[str, Any]:
        """The audit log (JSON) with the engine's login."""
        return await self._api().audit(params)

    async def fetch_csv(self, params: dict[str, str]) -> bytes:
        """The central's own CSV export of the same filters."""
        return await self._api().audit_csv(params)

    def set_allowed(self, allowed: bool) -> None:
        """Show or hide the audit tools."""
        self.menu.menuAction().setVisible(allowed)
        self.action.setVisible(allowed)
        self.dock.toggleViewAction().setVisible(allowed)
        if not allowed:
            self.dock.hide()

    def show_view(self) -> None:
        """Menu: show the view and load the latest entries."""
        self.dock.show()
        self.dock.raise_()
        run_async(self.view.reload())


def apply_audit_role(window, role: str) -> AuditTools | None:
    """Give supervisors and administrators the audit view; hide it from other roles."""
    return tools_for_role(window, "audit", access.may_read(role, "audit"), AuditTools)
