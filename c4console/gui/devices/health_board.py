"""The device health board: every device with its last report, battery, signal and state
(ok / low battery / silent / tampered, worst first), and the call tasks they opened —
highest risk first — with *Registrar llamada* (``record_health_call``).

Panel shape (docs/architecture.md "The console's panels"): the state it shows
(``ConsoleState.device_health``, ``health_tasks`` — as far as need-to-know lets this role
hold them: an operator gets open tasks only, with whom to call), its command (the
controller's ``record_health_call`` through the window's ``run``), and
:meth:`HealthBoard.follow`. A 30 s timer redraws the states, since silence grows with
time and no change announces it.
"""

from __future__ import annotations

import time
from collections.abc import Awaitable, Callable
from typing import Any

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from c4console.core.device_health import STATE_ORDER, DeviceHealth, HealthState, task_order
from c4console.gui.shell.labels import format_elapsed
from c4console.gui.shell.tasks import Run, run_async

REDRAW_MS = 30_000


class HealthBoard(QWidget):
    """Devices and their health; the call tasks to work."""

    def __init__(self, state, parent: QWidget | None = None, *,
                 record_health_call: Callable[[str, str], Awaitable[str]],
                 run: Run = run_async, clock: Callable[[], float] = time.time) -> None:
        super().__init__(parent)
        self.state = state
        self.record_health_call = record_health_call
        self.run = run
        self.clock = clock
        self.devices = QTableWidget(0, 6, self)
        self.devices.setObjectName("health_devices")
        self.devices.setHorizontalHeaderLabels(
            [self.tr("Dispositivo"), self.tr("Beneficiaria"), self.tr("Último reporte"),
             self.tr("Batería"), self.tr("Señal"), self.tr("Estado")])
        self.tasks = QTableWidget(0, 5, self)
        self.tasks.setObjectName("health_tasks")
        self.tasks.setHorizontalHeaderLabels(
            [self.tr("Riesgo"), self.tr("Nombre"), self.tr("Teléfono"), self.tr("Motivo"),
             self.tr("Abierta hace")])
        for table in (self.devices, self.tasks):
            table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
            table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
            table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
            table.horizontalHeader().setStretchLastSection(True)
        self.note = QLineEdit(self)
        self.note.setObjectName("health_call_note")
        self.note.setPlaceholderText(self.tr("Qué dijo ella (nota de la llamada)"))
        self.note.setMaxLength(1000)
        self.call_button = QPushButton(self.tr("Registrar llamada"), self)
        self.call_button.setObjectName("health_record_call")
        self.call_button.clicked.connect(self.record_call)
        self.message = QLabel(self)
        self.summary = QLabel(self)

        call_row = QHBoxLayout()
        call_row.addWidget(self.note, 1)
        call_row.addWidget(self.call_button)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(self.tr("Llamadas pendientes (mayor riesgo primero)"), self))
        layout.addWidget(self.tasks, 1)
        layout.addLayout(call_row)
        layout.addWidget(self.message)
        layout.addWidget(self.summary)
        layout.addWidget(self.devices, 2)
        self.timer = QTimer(self)
        self.timer.setInterval(REDRAW_MS)
        self.timer.timeout.connect(self.refresh)
        self.timer.start()
        self.refresh()

    # --- labels ---------------------------------------------------------------

    def state_label(self, state: HealthState) -> str:
        """A health state in words."""
        return {HealthState.OK: self.tr("Bien"), HealthState.LOW_BATTERY: self.tr("Batería baja"),
                HealthState.SILENT: self.tr("Sin reportar"),
                HealthState.TAMPERED: self.tr("Manipulado")}[state]

    def _battery(self, h: DeviceHealth) -> str:
        if h.battery is None:
            return self.tr("Batería baja") if h.low_battery_alarm else ""
        return f"{h.battery:.0f} %" + (" ⚡" if h.charging else "")

    def _last(self, at: float | None, now: float) -> str:
        if at is None:
            return self.tr("Nunca")
        return self.tr("hace %1").replace("%1", format_elapsed(max(0.0, now - at)))

    # --- drawing --------------------------------------------------------------

    def open_tasks(self) -> list:
        """The open call tasks, in the order worked (highest risk, then oldest)."""
        return sorted((t for t in self.state.health_tasks.values() if t.is_open), key=task_order)

    def device_rows(self) -> list[tuple[DeviceHealth, HealthState]]:
        """Every device held with its state now, worst first."""
        now = self.clock()
        rows = [(h, h.state(now)) for h in self.state.device_health.values()]
        return sorted(rows, key=lambda r: (STATE_ORDER.index(r[1]), r[0].id))

    def refresh(self, *_: Any) -> None:
        """Redraw both tables from the state (keeps the task selected)."""
        now = self.clock()
        chosen = self.selected_task()
        tasks = self.open_tasks()
        self.tasks.setRowCount(len(tasks))
        for r, t in enumerate(tasks):
            reason = HealthState(t.reason) if t.reason in HealthState._value2member_map_ else None
            cells = (t.risk_level or self.tr("sin evaluar"), t.name, t.phone,
                     self.state_label(reason) if reason else t.reason,
                     format_elapsed(max(0.0, now - t.opened_at)))
            for c, text in enumerate(cells):
                item = QTableWidgetItem(text)
                item.setData(Qt.ItemDataRole.UserRole, t.id)
                self.tasks.setItem(r, c, item)
            if t.id == chosen:
                self.tasks.selectRow(r)
        if chosen is None and tasks:
            self.tasks.selectRow(0)
        self.call_button.setEnabled(bool(tasks))
        names = {b.id: b.name for b in self.state.beneficiaries.values()}
        rows = self.device_rows()
        self.devices.setRowCount(len(rows))
        counts = {s: 0 for s in HealthState}
        for r, (h, st) in enumerate(rows):
            counts[st] += 1
            who = names.get(h.beneficiary_id or "", h.beneficiary_id or "") if h.kind == "panic" \
                else self.tr("Patrulla")
            cells = (h.id, who, self._last(h.last_report_at, now), self._battery(h),
                     "" if h.signal is None else f"{h.signal:g}", self.state_label(st))
            for c, text in enumerate(cells):
                item = QTableWidgetItem(text)
                item.setData(Qt.ItemDataRole.UserRole, st.value)
                if st is not HealthState.OK:
                    item.setForeground(Qt.GlobalColor.red if st in (HealthState.TAMPERED,
                                                                     HealthState.SILENT)
                                       else Qt.GlobalColor.darkYellow)
                self.devices.setItem(r, c, item)
        self.devices.setVisible(bool(rows))
        self.summary.setVisible(bool(rows))
        self.summary.setText(self.tr("Dispositivos: %1 · bien %2 · batería baja %3 · sin reportar "
                                     "%4 · manipulados %5")
                             .replace("%1", str(len(rows))).replace("%2", str(counts[HealthState.OK]))
                             .replace("%3", str(counts[HealthState.LOW_BATTERY]))
                             .replace("%4", str(counts[HealthState.SILENT]))
                             .replace("%5", str(counts[HealthState.TAMPERED])))

    def state_of(self, device_id: str) -> str:
        """The state shown for one device ('' if not listed)."""
        for r in range(self.devices.rowCount()):
            if self.devices.item(r, 0).text() == device_id:
                return self.devices.item(r, 5).data(Qt.ItemDataRole.UserRole)
        return ""

    def selected_task(self) -> str | None:
        """The id of the selected call task."""
        rows = self.tasks.selectionModel().selectedRows()
        return self.tasks.item(rows[0].row(), 0).data(Qt.ItemDataRole.UserRole) if rows else None

    # --- the call -------------------------------------------------------------

    def record_call(self) -> None:
        """The call to her was made: close the selected task with the note."""
        task_id = self.selected_task()
        if task_id is None:
            return
        note = self.note.text().strip()
        self.run(self._send(task_id, note), what=self.tr("registrar la llamada"))

    async def _send(self, task_id: str, note: str) -> None:
        await self.record_health_call(task_id, note)
        self.note.clear()
        self.message.setText(self.tr("Llamada registrada."))

    def follow(self, bridge) -> None:
        """Redraw when device health or a call task changes."""
        bridge.touched.connect(self._on_touched)

    def _on_touched(self, t) -> None:
        if t.health or t.health_tasks or t.beneficiaries:
            self.refresh()
