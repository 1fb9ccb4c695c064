"""The registry form's device section: her panic device(s), the identifier (IMEI or app
id, read-only once registered), the model and the delivery date, and the test button.

The edits travel inside ``update_beneficiary`` (``device_id``, ``device_model``,
``device_delivered_on``; docs/protocol.md); the central refuses a date that is not a
past YYYY-MM-DD with ``bad_date``. Its layout and labels are the Qt Designer form
ui/device_editor.ui.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from PySide6.QtCore import QDate, Signal
from PySide6.QtWidgets import QWidget

from c4console.core.models import Device
from c4console.gui.forms.ui_device_editor import Ui_DeviceEditor

# The QDateEdit's minimum stands for "no date" (shown as the special text).
NO_DATE = QDate(2000, 1, 1)


class DeviceEditor(QWidget):
    """Her devices (a combo when she has more than one) and the selected one's fields."""

    testRequested = Signal(str)  # device id

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
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
        self.load([])

    def load(self, devices: list[Device]) -> None:
        """Show these devices (hers, sorted by id); the first is selected."""
        self._devices = {d.id: d for d in devices}
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
        if d is None:
            return {}
        return {"device_id": d.id, "device_model": self.model.text().strip(),
                "device_delivered_on": self.delivered_on()}

    def _test(self) -> None:
        d = self.selected()
        if d is not None:
            self.testRequested.emit(d.id)
