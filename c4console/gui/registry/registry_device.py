"""The registry form's device section: her panic device(s), the identifier (IMEI or app
id, read-only once registered), the model and the delivery date, the test button, and her
device's test mode: until when it lasts (or that it expired or was cancelled) and *Cancelar
prueba* (``cancel_device_test``; core/device_testing.py says when the mode holds), and its
life — state, history, next step (gui/registry/registry_device_life.py).

The edits travel inside ``update_beneficiary`` (``device_id``, ``device_model``,
``device_delivered_on``; docs/protocol.md); the central refuses a date that is not a
past YYYY-MM-DD with ``bad_date``. Its layout and labels are the Qt Designer form
ui/device_editor.ui.
"""

from __future__ import annotations

import datetime as dt
import time
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QDate, Signal
from PySide6.QtWidgets import QWidget

from c4console.core.device_lifecycle import DeviceLifecycle
from c4console.core.device_testing import in_test_mode, mode_ends_at
from c4console.core.models import Device
from c4console.gui.forms.ui_device_editor import Ui_DeviceEditor
from c4console.gui.registry.registry_device_life import DeviceLifeSection

# The QDateEdit's minimum stands for "no date" (shown as the special text).
NO_DATE = QDate(2000, 1, 1)


class DeviceEditor(QWidget):
    """Her devices (a combo when she has more than one) and the selected one's fields."""

    testRequested = Signal(str)  # device id
    cancelTestRequested = Signal(str)  # device id

    def __init__(self, parent: QWidget | None = None, *,
                 clock: Callable[[], float] = time.time) -> None:
        super().__init__(parent)
        self.clock = clock
        self._devices: dict[str, Device] = {}
        self.ui = Ui_DeviceEditor()
        self.ui.setupUi(self)
        self.devices = self.ui.registry_devices
        self.devices.currentIndexChanged.connect(self._show_selected)
        self.device_id = self.ui.registry_device_id  # read-only: fixed once registered
        self.model = self.ui.registry_device_model
        self.delivered = self.ui.registry_delivered_on
        self.delivered.setMinimumDate(NO_DATE)  # shown as "Sin entregar"
        self.no_date = self.ui.registry_no_date
        self.no_date.clicked.connect(lambda: self.set_delivered_on(""))
        self.test_button = self.ui.registry_device_test
        self.test_button.clicked.connect(self._test)
        self.cancel_test_button = self.ui.registry_cancel_test
        self.cancel_test_button.clicked.connect(self._cancel_test)
        self.test_mode = self.ui.registry_test_mode
        # Its life: state, history, next step (gui/registry/registry_device_life.py).
        self._lifecycles: dict[str, DeviceLifecycle] = {}
        self.owner: str | None = None  # the woman shown: Save edits only her own devices
        self.life = DeviceLifeSection(self.ui, self)
        self.life.delivered_on = self.delivered_on
        self.load([])

    def load(self, devices: list[Device],
             lifecycles: dict[str, DeviceLifecycle] | None = None) -> None:
        """Show these devices (hers, sorted by id) and their lives; the first is selected."""
        self._devices = {d.id: d for d in devices}
        self._lifecycles = lifecycles if lifecycles is not None else self._lifecycles
        self.devices.blockSignals(True)
        self.devices.clear()
        for d in devices:
            self.devices.addItem(f"{d.id} {d.model}".strip(), d.id)
        self.devices.blockSignals(False)
        self._show_selected()

    def selected(self) -> Device | None:
        """The device whose fields are shown."""
        return self._devices.get(self.devices.currentData() or "")

    def _show_selected(self, *_: Any) -> None:
        d = self.selected()
        for w in (self.model, self.delivered, self.no_date, self.test_button):
            w.setEnabled(d is not None)
        self.device_id.setText(d.id if d else "")
        self.model.setText(d.model if d else "")
        self.set_delivered_on(d.delivered_on if d else "")
        self.show_test_mode()
        self.show_life()

    def update_devices(self, devices: dict[str, Device],
                       lifecycles: dict[str, DeviceLifecycle] | None = None) -> None:
        """Take the shown devices' newer records and lives (the feed) without touching the
        edits."""
        for device_id in list(self._devices):
            if device_id in devices:
                self._devices[device_id] = devices[device_id]
        if lifecycles is not None:
            self._lifecycles = lifecycles
        self.show_test_mode()
        self.show_life()

    def show_life(self) -> None:
        """Show the selected device's state, history and next step."""
        d = self.selected()
        self.life.show(d, self._lifecycles.get(d.id) if d is not None else None)

    def show_test_mode(self) -> None:
        """Say whether the selected device is in test mode, until when, or how it ended."""
        d = self.selected()
        now = self.clock()
        active = d is not None and in_test_mode(d, now)
        self.cancel_test_button.setEnabled(active)
        if d is None:
            self.test_mode.setText("")
        elif active:
            until = dt.datetime.fromtimestamp(mode_ends_at(d) or now).strftime("%H:%M")
            self.test_mode.setText(self.tr("En prueba hasta las %1 (armado por %2): su próxima "
                                           "activación es la prueba").replace("%1", until)
                                   .replace("%2", d.test_armed_by or "?"))
        elif d.test_armed_at is not None:
            self.test_mode.setText(self.tr("Prueba vencida sin activación: sus alarmas son reales"))
        elif d.test_cancelled_by:
            self.test_mode.setText(self.tr("Sin prueba (la última la canceló %1)")
                                   .replace("%1", d.test_cancelled_by))
        else:
            self.test_mode.setText(self.tr("Sin prueba: sus alarmas son reales"))

    def set_delivered_on(self, iso: str) -> None:
        """Show a delivery date (YYYY-MM-DD), or none ("")."""
        # No date after today: a device is delivered on a day that has come.
        self.delivered.setMaximumDate(QDate.currentDate())
        day = QDate.fromString(iso, "yyyy-MM-dd") if iso else NO_DATE
        self.delivered.setDate(day if day.isValid() else NO_DATE)

    def delivered_on(self) -> str:
        """The delivery date shown, YYYY-MM-DD, or "" for none."""
        day = self.delivered.date()
        if day == NO_DATE:
            return ""
        return dt.date(day.year(), day.month(), day.day()).isoformat()

    def fields(self) -> dict[str, Any]:
        """The command fields for the selected device ({} when she has none)."""
        d = self.selected()
        if d is None or (self.owner is not None and d.beneficiary_id != self.owner):
            return {}  # a device from the stock: its steps say whose it becomes
        return {"device_id": d.id, "device_model": self.model.text().strip(),
                "device_delivered_on": self.delivered_on()}

    def _test(self) -> None:
        d = self.selected()
        if d is not None:
            self.testRequested.emit(d.id)

    def _cancel_test(self) -> None:
        d = self.selected()
        if d is not None:
            self.cancelTestRequested.emit(d.id)
