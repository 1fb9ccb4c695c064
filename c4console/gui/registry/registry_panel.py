"""The supervisors' beneficiary registry: list and search the women in the programme,
flag expiring (14 days or less) and expired protection orders, edit her record and her
trusted contacts and her device (model, delivery date: gui/registry/registry_device.py), pick her
home on the map, arm her device for its test activation, move her device along its life
(requested, approved, delivered, tested, in use, returned/lost/broken; the stock line above
the list counts the programme's devices per state), and import the devices already
delivered from a CSV file (gui/registry/registry_import.py).

Given the state it lists, its two commands (``update_beneficiary`` for Save,
``start_device_test`` for the test button: the controller's, outbox → central;
docs/protocol.md, "Beneficiary registry") and the central's API for the devices import;
it follows the changes itself. The main window lays it out as a dock with its menu for
the roles the core's table lets edit beneficiaries; the central refuses the others anyway.

Its layout, labels and Tab order are the Qt Designer form ui/registry.ui (her home row
and her devices: home_picker.ui, device_editor.ui); what it does is here.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Awaitable, Callable
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence, QShortcut
from PySide6.QtWidgets import QHeaderView, QLineEdit, QTableWidgetItem, QWidget

from c4console.core.device_lifecycle import (
    DeviceLifecycle,
    LifeState,
    implied_lifecycle,
    stock_counts,
)
from c4console.core.geo import Jurisdiction
from c4console.core.models import Beneficiary, Device
from c4console.gui.forms.ui_registry import Ui_RegistryPanel
from c4console.gui.registry.registry_home import parse_home
from c4console.gui.registry.registry_import import DeviceImporter
from c4console.gui.shell.labels import error_text
from c4console.gui.shell.tasks import Run, run_async
from c4console.sync.central_api import CentralApi

EXPIRING_DAYS = 14

OK, EXPIRING, EXPIRED = "ok", "expiring", "expired"


def order_flag(b: Beneficiary, today: dt.date) -> str:
    """``expired``, ``expiring`` (valid 14 days or less) or ``ok`` (also: no date)."""
    try:
        until = dt.date.fromisoformat(b.order_valid_until)
    except ValueError:
        return OK
    if until < today:
        return EXPIRED
    return EXPIRING if (until - today).days <= EXPIRING_DAYS else OK


_TEXT_FIELDS = ("name", "phone", "address", "colonia", "order_number", "order_authority",
                "order_valid_from", "order_valid_until", "aggressor")


class RegistryPanel(QWidget):
    """List, search and edit beneficiaries from the console state."""

    def __init__(self, state, parent: QWidget | None = None, *,
                 update_beneficiary: Callable[..., Awaitable[str]],
                 start_device_test: Callable[[str], Awaitable[str]],
                 cancel_device_test: Callable[[str], Awaitable[str]] | None = None,
                 api: CentralApi, jurisdiction: Jurisdiction | None = None,
                 run: Run = run_async,
                 submit: Callable[..., Awaitable[str]] | None = None) -> None:
        super().__init__(parent)
        self.state = state
        self.update_beneficiary = update_beneficiary
        self.start_device_test = start_device_test
        self.cancel_device_test = cancel_device_test
        self.submit = submit  # the controller's: a device's lifecycle steps
        self.run = run
        self.today: dt.date | None = None  # None: the local date (tests set it)
        self.current: str | None = None
        self._sent: set[str] = set()  # keys of the commands this panel sent
        self.last_refusal: dict | None = None

        self.ui = Ui_RegistryPanel()
        self.ui.setupUi(self)
        self.search = self.ui.registry_search
        self.search.textChanged.connect(self.refresh)
        self.table = self.ui.registry_list
        self.table.horizontalHeader().setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.table.itemSelectionChanged.connect(self._selected)

        self.fields: dict[str, QLineEdit] = {
            name: getattr(self.ui, f"registry_{name}") for name in _TEXT_FIELDS}
        # Her home: typed, or picked on the map (fills the colonia of the jurisdiction there).
        self.home_picker = self.ui.registry_home_picker
        self.home_picker.jurisdiction = jurisdiction
        self.home, self.pick_button = self.home_picker.edit, self.home_picker.pick_button
        self.place = self.home_picker.place
        self.home_picker.coloniaFound.connect(self.fields["colonia"].setText)
        self.home_picker.note.connect(self.message_text)
        self.measures = self.ui.registry_measures

        self.contacts = self.ui.registry_contacts
        self.contacts.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.add_contact = self.ui.registry_add_contact
        self.add_contact.clicked.connect(lambda: self._add_contact_row({}))
        self.remove_contact = self.ui.registry_remove_contact
        self.remove_contact.clicked.connect(self._remove_contact)

        self.device = self.ui.registry_device
        self.devices = self.device.devices
        self.test_button = self.device.test_button
        self.cancel_test_button = self.device.cancel_test_button
        self.device.testRequested.connect(self.start_test)
        self.device.cancelTestRequested.connect(self.cancel_test)
        # The device's life: the panel tells its section what the state holds, and sends
        # the step it asks for.
        life = self.device.life
        life.beneficiary = lambda: self.current
        life.case_for = self.case_of
        life.test_incident_for = self.test_incident_of
        life.stepRequested.connect(self.send_life_step)
        life.note.connect(self.message_text)
        self.stock = self.ui.registry_stock
        self.import_button = self.ui.registry_import
        self.importer = DeviceImporter(api, self)
        # The import as a menu entry too (the window puts it in its menu).
        self.import_action = QAction(self.tr("Importar CSV…"), self)
        self.import_action.setObjectName("registryImportAction")
        self.import_action.triggered.connect(self.importer.choose_and_send)
        self.import_button.clicked.connect(self.import_action.trigger)
        # Tab reaches the import after the form's device section, just before Save.
        QWidget.setTabOrder(self.device.test_button, self.device.cancel_test_button)
        QWidget.setTabOrder(self.device.cancel_test_button, self.import_button)
        # Esc anywhere in the registry cancels a pick (the page takes Esc when it has focus).
        self.escape = QShortcut(QKeySequence(Qt.Key.Key_Escape), self)
        self.escape.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        self.escape.activated.connect(self.home_picker.cancel)
        self.save = self.ui.registry_save
        self.save.clicked.connect(self.save_current)
        self.message = self.ui.registry_message
        self._set_form_enabled(False)
        self.refresh()

    # --- list ------------------------------------------------------------------

    def _today(self) -> dt.date:
        return self.today or dt.date.today()

    def flag_text(self, flag: str) -> str:
        """The word shown for an order's flag."""
        return {EXPIRED: self.tr("Vencida"), EXPIRING: self.tr("Por vencer"), OK: ""}[flag]

    def visible_ids(self) -> list[str]:
        """Ids of the listed beneficiaries (after the search), in list order."""
        return [self.table.item(r, 0).text() for r in range(self.table.rowCount())]

    def refresh(self, *_: Any) -> None:
        """Rebuild the list from the state (keeps the selection)."""
        words = self.search.text().casefold().split()
        rows = []
        for b in sorted(self.state.beneficiaries.values(), key=lambda b: b.name.casefold()):
            hay = " ".join((b.id, b.name, b.phone, b.colonia, b.order_number)).casefold()
            if all(w in hay for w in words):
                rows.append(b)
        today = self._today()
        self.table.blockSignals(True)
        self.table.setRowCount(len(rows))
        for r, b in enumerate(rows):
            flag = order_flag(b, today)
            for c, text in enumerate((b.id, b.name, b.order_valid_until, self.flag_text(flag))):
                item = QTableWidgetItem(text)
                item.setData(Qt.ItemDataRole.UserRole, flag)
                if flag != OK:
                    item.setForeground(Qt.GlobalColor.red if flag == EXPIRED
                                       else Qt.GlobalColor.darkYellow)
                self.table.setItem(r, c, item)
            if b.id == self.current:
                self.table.selectRow(r)
        self.table.blockSignals(False)
        # Her device's test mode and life, as they are now; the programme's stock.
        self.device.update_devices(self.state.devices, self.state.device_lifecycles)
        self.stock.setText(self.device.life.texts.stock(
            stock_counts(self.state.device_lifecycles.values(), self.state.devices.values())))

    def flag_of(self, beneficiary_id: str) -> str:
        """The flag shown in the list for one beneficiary ('' if not listed)."""
        for r in range(self.table.rowCount()):
            if self.table.item(r, 0).text() == beneficiary_id:
                return self.table.item(r, 3).data(Qt.ItemDataRole.UserRole)
        return ""

    def select(self, beneficiary_id: str) -> None:
        """Select one beneficiary in the list and load her record into the form."""
        for r in range(self.table.rowCount()):
            if self.table.item(r, 0).text() == beneficiary_id:
                self.table.selectRow(r)
                return

    def _selected(self) -> None:
        rows = self.table.selectionModel().selectedRows()
        bid = self.table.item(rows[0].row(), 0).text() if rows else None
        self.current = bid
        self._load(self.state.beneficiaries.get(bid) if bid else None)

    # --- form ------------------------------------------------------------------

    def _set_form_enabled(self, on: bool) -> None:
        for w in (*self.fields.values(), self.measures, self.contacts,
                  self.add_contact, self.remove_contact, self.save, self.device):
            w.setEnabled(on)
        self.home_picker.set_enabled(on)

    def _load(self, b: Beneficiary | None) -> None:
        self.message.clear()
        self._set_form_enabled(b is not None)
        for name, edit in self.fields.items():
            edit.setText(getattr(b, name) if b is not None else "")
        self.home_picker.load(b.home_lat if b else None, b.home_lon if b else None,
                              b.name if b else None)
        self.measures.setPlainText(b.order_measures if b is not None else "")
        self.contacts.setRowCount(0)
        for c in (b.trusted_contacts or []) if b is not None else []:
            self._add_contact_row(c)
        self.device.owner = b.id if b is not None else None
        self.device.load(self.devices_for(b), self.state.device_lifecycles)

    def devices_for(self, b: Beneficiary | None) -> list[Device]:
        """Her panic devices (registered to her, or whose life is for her), then the
        devices in stock that no woman in the registry holds (to request one for her)."""
        if b is None:
            return []
        lives = self.state.device_lifecycles
        panic = [d for d in self.state.devices.values() if d.kind == "panic"]
        hers = [d for d in panic if d.beneficiary_id == b.id
                or (d.id in lives and lives[d.id].beneficiary_id == b.id)]
        stock = [d for d in panic if d not in hers
                 and (lives[d.id].life_state if d.id in lives
                      else implied_lifecycle(d, 0.0).life_state) is LifeState.IN_STOCK
                 and d.beneficiary_id not in self.state.beneficiaries]
        return sorted(hers, key=lambda d: d.id) + sorted(stock, key=lambda d: d.id)

    def case_of(self, beneficiary_id: str) -> str | None:
        """Her case's id, if this console holds it (the approval names it)."""
        return next((c.id for c in self.state.cases.values()
                     if c.beneficiary_id == beneficiary_id and not c.merged_into), None)

    def test_incident_of(self, life: DeviceLifecycle) -> str | None:
        """The device's latest TEST incident of this delivery (after its request)."""
        since = life.requested_at or 0.0
        tests = [i for i in self.state.incidents.values()
                 if i.test and i.device_id == life.id and i.created_at >= since]
        return max(tests, key=lambda i: i.created_at).id if tests else None

    def send_life_step(self, kind: str, fields: dict) -> None:
        """Send one lifecycle step the device section asked for."""
        if self.submit is None:
            return
        self.run(self._send(self.submit(kind, **fields),
                            self.tr("Paso del dispositivo %1 enviado a la central.")
                            .replace("%1", str(fields.get("device_id", "")))),
                 what=self.tr("registrar el paso del dispositivo"))

    def _add_contact_row(self, c: dict[str, str]) -> None:
        r = self.contacts.rowCount()
        self.contacts.insertRow(r)
        for col, key in enumerate(("name", "phone", "relation")):
            self.contacts.setItem(r, col, QTableWidgetItem(str(c.get(key, ""))))

    def _remove_contact(self) -> None:
        r = self.contacts.currentRow()
        if r >= 0:
            self.contacts.removeRow(r)

    def form_fields(self) -> dict[str, Any] | None:
        """The command fields the form holds; None (and a message) if the home is not
        ``lat, lon``. The central judges the rest and says why it refuses."""
        out: dict[str, Any] = {name: edit.text().strip() for name, edit in self.fields.items()}
        out["order_measures"] = self.measures.toPlainText().strip()
        home = self.home.text().strip()
        if home:
            point = parse_home(home)
            if point is None:
                self.message.setText(self.tr("La ubicación debe ser «latitud, longitud»."))
                return None
            out["home_lat"], out["home_lon"] = point
        else:
            out["home_lat"] = out["home_lon"] = None
        contacts = []
        for r in range(self.contacts.rowCount()):
            cells = [(self.contacts.item(r, c).text().strip() if self.contacts.item(r, c) else "")
                     for c in range(3)]
            if any(cells):
                contacts.append(dict(zip(("name", "phone", "relation"), cells, strict=True)))
        out["trusted_contacts"] = contacts
        out.update(self.device.fields())
        return out

    def save_current(self) -> None:
        """Save: send update_beneficiary for the selected beneficiary."""
        if self.current is None:
            return
        fields = self.form_fields()
        if fields is None:
            return
        bid = self.current
        self.message.setText(self.tr("Guardando…"))
        self.run(self._send(self.update_beneficiary(bid, **fields),
                            self.tr("Cambios enviados a la central.")),
                 what=self.tr("guardar la beneficiaria"))

    def start_test(self, device_id: str = "") -> None:
        """Arm the selected device for its test activation."""
        device_id = device_id or self.devices.currentData()
        if device_id:
            self.run(self._send(self.start_device_test(device_id),
                                self.tr("Dispositivo %1 listo para la prueba de activación.")
                                .replace("%1", device_id)),
                     what=self.tr("armar la prueba del dispositivo"))

    def cancel_test(self, device_id: str = "") -> None:
        """End the selected device's test mode: her next alarm is an emergency."""
        device_id = device_id or self.devices.currentData()
        if device_id and self.cancel_device_test is not None:
            self.run(self._send(self.cancel_device_test(device_id),
                                self.tr("Prueba del dispositivo %1 cancelada.")
                                .replace("%1", device_id)),
                     what=self.tr("cancelar la prueba del dispositivo"))

    async def _send(self, coro, done: str) -> None:
        try:
            key = await coro
        except Exception as e:  # noqa: BLE001 - shown to the supervisor
            self.message.setText(self.tr("No se pudo guardar: %1").replace("%1", error_text(e)))
            return
        self._sent.add(key)
        self.message.setText(done)

    def message_text(self, text: str) -> None:
        """Show a sentence under the form ("" clears it)."""
        self.message.setText(text)

    def on_rejected(self, result: dict) -> None:
        """The central refused one of this panel's commands: say why."""
        if result.get("key") in self._sent:
            self.last_refusal = result
            self.message.setText(self.tr("La central rechazó el cambio: %1").replace(
                "%1", str(result.get("message") or result.get("reason"))))

    def follow(self, bridge) -> None:
        """Stay up to date with the feed and say why one of ours was refused."""
        bridge.changesApplied.connect(self.refresh)
        bridge.commandRejected.connect(self.on_rejected)

    def attach_map(self, map_view) -> None:
        """Pick the home on this map (*Elegir en el mapa*)."""
        if map_view is not None and hasattr(map_view, "start_pick"):
            self.home_picker.attach_map(map_view)
