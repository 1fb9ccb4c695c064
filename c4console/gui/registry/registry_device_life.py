"""The device section's life rows: the selected device's state (core/device_lifecycle.py),
its history (one line per dated, signed step), the button for its next step and the
*Fin de uso* menu (returned, lost, broken), and the registry's stock line.

The section says what the next step's command needs from the form (the delivery's date,
who delivered, the training) and asks the panel for what the state holds (her case for the
approval, her TEST incident for the test call); the panel sends the command, and the
central's refusal, if any, is shown under the form like any other.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QMenu, QWidget

from c4console.core.device_lifecycle import (
    TRANSITIONS,
    DeviceLifecycle,
    LifeState,
    StockCounts,
    implied_lifecycle,
)
from c4console.core.models import Device

S = LifeState
# The command that takes a device to each state (its next step).
STEP_COMMAND = {S.REQUESTED: "request_device", S.APPROVED: "approve_device",
                S.DELIVERED: "deliver_device", S.TESTED: "record_device_test",
                S.IN_USE: "put_device_in_use", S.IN_STOCK: "restock_device"}


class LifeTexts(QObject):
    """The words for the states and steps (one translation context)."""

    def state(self, state: LifeState) -> str:
        """The state's name as the registry shows it."""
        return {S.IN_STOCK: self.tr("En almacén"), S.REQUESTED: self.tr("Solicitado"),
                S.APPROVED: self.tr("Aprobado"), S.DELIVERED: self.tr("Entregado"),
                S.TESTED: self.tr("Probado"), S.IN_USE: self.tr("En uso"),
                S.RETURNED: self.tr("Devuelto"), S.LOST: self.tr("Perdido"),
                S.BROKEN: self.tr("Dañado")}[state]

    def action(self, state: LifeState) -> str:
        """The next step's button text."""
        return {S.REQUESTED: self.tr("Solicitar para ella"),
                S.APPROVED: self.tr("Aprobar (análisis de su caso)"),
                S.DELIVERED: self.tr("Registrar entrega"),
                S.TESTED: self.tr("Registrar llamada de prueba"),
                S.IN_USE: self.tr("Poner en uso"),
                S.IN_STOCK: self.tr("Regresar al almacén")}[state]

    def stock(self, counts: StockCounts) -> str:
        """The stock line: "Entregados 144 de 200 · En almacén 40 · …"."""
        parts = [self.tr("Entregados %1 de %2").replace("%1", str(counts.delivered))
                 .replace("%2", str(counts.total))]
        parts += [f"{self.state(s)} {counts[s]}" for s in LifeState if counts[s]]
        return " · ".join(parts)


class DeviceLifeSection(QObject):
    """Binds the life rows of the device form (``Ui_DeviceEditor``)."""

    # (command type, fields) of the step asked for; the panel sends it.
    stepRequested = Signal(str, dict)
    # A sentence for the form's message line (why a step cannot be asked yet).
    note = Signal(str)

    def __init__(self, ui: Any, parent: QWidget) -> None:
        super().__init__(parent)
        self.texts = LifeTexts(self)
        self.state_label = ui.registry_life_state
        self.history = ui.registry_life_history
        self.next_button = ui.registry_life_next
        self.end_button = ui.registry_life_end
        self.delivered_by = ui.registry_delivered_by
        self.training = ui.registry_training
        self.trained_by = ui.registry_trained_by
        self.next_button.clicked.connect(self._next)
        menu = QMenu(parent)
        self.end_actions: dict[LifeState, QAction] = {}
        for state, text in ((S.RETURNED, self.tr("Devuelto por ella")),
                            (S.LOST, self.tr("Perdido")), (S.BROKEN, self.tr("Dañado"))):
            act = menu.addAction(text)
            act.setObjectName(f"lifeEnd_{state.value}")
            act.triggered.connect(lambda _=False, s=state: self._end(s))
            self.end_actions[state] = act
        self.end_button.setMenu(menu)
        # What the panel knows: the woman shown, her case, the device's test incident.
        self.beneficiary: Callable[[], str | None] = lambda: None
        self.case_for: Callable[[str], str | None] = lambda beneficiary_id: None
        self.test_incident_for: Callable[[DeviceLifecycle], str | None] = lambda life: None
        self.delivered_on: Callable[[], str] = lambda: ""
        self.device: Device | None = None
        self.life: DeviceLifecycle | None = None
        self.show(None, None)

    def show(self, device: Device | None, life: DeviceLifecycle | None) -> None:
        """Show the device's life (a device with no record yet: where the registry puts it)."""
        self.device = device
        self.life = life if life is not None or device is None else implied_lifecycle(device, 0.0)
        self.history.clear()
        life = self.life
        if life is None:
            self.state_label.setText("")
            self.next_button.setEnabled(False)
            self.end_button.setEnabled(False)
            return
        self.state_label.setText(self._summary(life))
        for step in reversed(life.steps):  # newest first
            when = step.day or dt.datetime.fromtimestamp(step.at).date().isoformat()
            line = f"{when} · {self.texts.state(S(step.state))} · {step.by}"
            self.history.addItem(line + (f" — {step.note}" if step.note else ""))
        nxt = life.next_state
        self.next_button.setEnabled(nxt is not None)
        self.next_button.setText(self.texts.action(nxt) if nxt is not None
                                 else self.tr("Sin siguiente paso"))
        can_end = {s: s in TRANSITIONS[life.life_state] for s in self.end_actions}
        for state, act in self.end_actions.items():
            act.setEnabled(can_end[state])
        self.end_button.setEnabled(any(can_end.values()))
        for w in (self.delivered_by, self.training, self.trained_by):
            w.setEnabled(nxt is S.DELIVERED)

    def _summary(self, life: DeviceLifecycle) -> str:
        text = self.texts.state(life.life_state)
        if life.risk_level:
            text += " · " + self.tr("riesgo al aprobar: %1").replace("%1", life.risk_level)
        if life.delivered_on:
            text += " · " + self.tr("entregado %1").replace("%1", life.delivered_on)
            if life.delivered_by:
                text += " " + self.tr("por %1").replace("%1", life.delivered_by)
        if life.training_given is not None:
            text += " · " + (self.tr("capacitación: %1").replace("%1", life.trained_by)
                             if life.training_given else self.tr("sin capacitación"))
        if life.test_folio:
            text += " · " + self.tr("prueba: %1").replace("%1", life.test_folio)
            if life.test_audio_sessions:
                text += " " + self.tr("(con grabación)")
        return text

    def _next(self) -> None:
        life, device = self.life, self.device
        if life is None or device is None or life.next_state is None:
            return
        to = life.next_state
        fields: dict[str, Any] = {"device_id": device.id}
        if to is S.REQUESTED:
            bid = self.beneficiary()
            if not bid:
                return
            fields["beneficiary_id"] = bid
        elif to is S.APPROVED:
            case_id = self.case_for(life.beneficiary_id or "")
            if case_id:  # none: the central says a case is needed
                fields["case_id"] = case_id
        elif to is S.DELIVERED:
            fields.update(delivered_on=self.delivered_on() or dt.date.today().isoformat(),
                          delivered_by=self.delivered_by.text().strip(),
                          training_given=self.training.isChecked(),
                          trained_by=self.trained_by.text().strip())
        elif to is S.TESTED:
            incident_id = self.test_incident_for(life)
            if incident_id is None:
                self.note.emit(self.tr("Aún no hay llamada de prueba de este dispositivo: pulse "
                                       "«Prueba de activación» y pídale que lo active."))
                return
            fields["incident_id"] = incident_id
        self.stepRequested.emit(STEP_COMMAND[to], fields)

    def _end(self, outcome: LifeState) -> None:
        if self.device is not None:
            self.stepRequested.emit("end_device_use", {"device_id": self.device.id,
                                                       "outcome": outcome.value})

