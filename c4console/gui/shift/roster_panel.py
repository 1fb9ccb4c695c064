"""The shift roster dock: the current and next shifts for everyone; shift leads and
administrators edit them (the central decides ``set_shift`` and checks the role).

A shift is chosen in the table and edited in the form below it; "Guardar turno" sends
``set_shift`` with the whole roster of that shift. The operators offered come from
the central's list of accounts (read by leads, supervisors and admins) plus whoever the shift
already lists, so editing works even if that read fails.
"""

from __future__ import annotations

import time
import uuid
from collections.abc import Awaitable, Callable, Iterable
from typing import Any

from PySide6.QtCore import QDateTime, Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDateTimeEdit,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from c4console.core import access
from c4console.core.models import Shift
from c4console.core.shifts import current_and_next
from c4console.gui.shell.labels import error_text
from c4console.gui.shell.tasks import Run, run_async
from c4console.gui.shift.unlock_login import UnlockLoginBox
from c4console.sync.central_api import NotConnected
from c4console.sync.state import ConsoleState, Touched

Submit = Callable[..., Awaitable[str]]  # (command type, **fields) -> key
FetchUsers = Callable[[], Awaitable[list[dict[str, Any]]]]

DEFAULT_HOURS = 8
_FORMAT = "yyyy-MM-dd HH:mm"


def _when(t: float) -> str:
    return time.strftime("%Y-%m-%d %H:%M", time.localtime(t))


def _checked(widget: QListWidget) -> list[str]:
    return [widget.item(n).data(Qt.ItemDataRole.UserRole) for n in range(widget.count())
            if widget.item(n).checkState() == Qt.CheckState.Checked]


def _fill(widget: QListWidget, options: Iterable[tuple[str, str]], checked: Iterable[str]) -> None:
    """Checkable items (value, text); ``checked`` values ticked, unknown ones added."""
    ticked = set(checked)
    values = dict(options)
    for value in ticked - values.keys():
        values[value] = value
    widget.clear()
    for value, text in values.items():
        item = QListWidgetItem(text)
        item.setData(Qt.ItemDataRole.UserRole, value)
        item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
        item.setCheckState(Qt.CheckState.Checked if value in ticked else Qt.CheckState.Unchecked)
        widget.addItem(item)


class RosterPanel(QWidget):
    """Table of the current and next shifts, and the form that edits one."""

    saveRequested = Signal(dict)  # set_shift fields (without key and type)

    COLUMNS = 6

    def __init__(self, state: ConsoleState, parent: QWidget | None = None, *,
                 submit: Submit | None = None, fetch_users: FetchUsers | None = None,
                 run: Run = run_async) -> None:
        super().__init__(parent)
        self.setObjectName("rosterPanel")
        self.state = state
        self.submit = submit
        self.fetch_users = fetch_users
        self.run = run
        self.sent: set[str] = set()  # keys of the set_shift commands this panel sent
        self.role = ""
        self.users: list[dict[str, str]] = []
        self.sectors: list[str] = []
        self.editing_id = ""
        self.now = time.time

        self.table = QTableWidget(0, self.COLUMNS)
        self.table.setObjectName("rosterTable")
        self.table.setHorizontalHeaderLabels([
            self.tr("Turno"), self.tr("Periodo"), self.tr("Jefe de turno"), self.tr("Operadoras"),
            self.tr("Unidades"), self.tr("Sectores")])
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.table.verticalHeader().hide()
        self.table.itemSelectionChanged.connect(self._selected)

        self.editor = QWidget()
        form = QFormLayout(self.editor)
        self.name = QLineEdit()
        self.name.setObjectName("shiftName")
        self.starts = QDateTimeEdit()
        self.starts.setObjectName("shiftStarts")
        self.ends = QDateTimeEdit()
        self.ends.setObjectName("shiftEnds")
        for edit in (self.starts, self.ends):
            edit.setDisplayFormat(_FORMAT)
            edit.setCalendarPopup(True)
        self.lead = QComboBox()
        self.lead.setObjectName("shiftLead")
        self.lead.setEditable(True)
        self.operators = QListWidget()
        self.operators.setObjectName("shiftOperators")
        self.units = QListWidget()
        self.units.setObjectName("shiftUnits")
        self.sector_list = QListWidget()
        self.sector_list.setObjectName("shiftSectors")
        for w in (self.operators, self.units, self.sector_list):
            w.setMaximumHeight(110)
        form.addRow(self.tr("Nombre:"), self.name)
        form.addRow(self.tr("Inicia:"), self.starts)
        form.addRow(self.tr("Termina:"), self.ends)
        form.addRow(self.tr("Jefe de turno:"), self.lead)
        form.addRow(self.tr("Operadoras:"), self.operators)
        form.addRow(self.tr("Unidades:"), self.units)
        form.addRow(self.tr("Sectores:"), self.sector_list)
        buttons = QHBoxLayout()
        self.new_button = QPushButton(self.tr("Nuevo turno"))
        self.new_button.setObjectName("newShift")
        self.new_button.clicked.connect(self.new_shift)
        self.save_button = QPushButton(self.tr("Guardar turno"))
        self.save_button.setObjectName("saveShift")
        self.save_button.clicked.connect(self.save)
        buttons.addWidget(self.new_button)
        buttons.addWidget(self.save_button)
        buttons.addStretch(1)
        form.addRow(buttons)

        self.message = QLabel()
        self.message.setObjectName("rosterMessage")
        self.message.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.editor)
        layout.addWidget(self.message)
        # The leads unlock a login locked after failed attempts (command unlock_login).
        self.unlock_box = UnlockLoginBox(self, submit=submit, run=run)
        layout.addWidget(self.unlock_box)
        self.set_editable(False)
        self.refresh()
        # Shifts start and end with no change on the feed: redraw "(en curso)" each minute.
        self._timer = QTimer(self)
        self._timer.setInterval(60_000)
        self._timer.timeout.connect(self.refresh)
        self._timer.start()
        self.saveRequested.connect(
            lambda fields: self.run(self.send(fields), what=self.tr("guardar el turno")))

    # --- what is shown ------------------------------------------------------
    def set_editable(self, editable: bool) -> None:
        """Leads and administrators edit; everyone else reads the roster."""
        self.editor.setVisible(editable)

    def set_users(self, users: list[dict[str, str]]) -> None:
        """Accounts (name, role) from the central, for the lead and operator choices."""
        self.users = users
        self.unlock_box.set_users(users)
        self._load(self.state.shifts.get(self.editing_id))

    def set_sectors(self, sectors: Iterable[str]) -> None:
        """The jurisdiction's sector codes."""
        self.sectors = sorted(sectors)
        self._load(self.state.shifts.get(self.editing_id))

    def shown_shifts(self) -> list[Shift]:
        """The shifts in the table: not over yet, in start order."""
        return current_and_next(self.state.shifts.values(), self.now())

    def refresh(self) -> None:
        """Rebuild the table from the state (a shift changed or one ended)."""
        now = self.now()
        shifts = self.shown_shifts()
        callsign = {u.id: u.callsign for u in self.state.all_units()}
        self.table.blockSignals(True)
        self.table.setRowCount(len(shifts))
        for row, s in enumerate(shifts):
            name = (self.tr("{0} (en curso)").format(s.name) if s.covers(now) else s.name)
            cells = [name, f"{_when(s.starts_at)} – {_when(s.ends_at)}", s.lead,
                     ", ".join(s.operators), ", ".join(callsign.get(u, u) for u in s.units),
                     ", ".join(s.sectors)]
            for col, text in enumerate(cells):
                item = QTableWidgetItem(text)
                item.setData(Qt.ItemDataRole.UserRole, s.id)
                self.table.setItem(row, col, item)
            if s.id == self.editing_id:
                self.table.selectRow(row)
        self.table.blockSignals(False)
        if not self.editing_id and shifts:
            self.table.selectRow(0)  # the current (or next) shift
        elif not shifts and not self.editing_id:
            self.new_shift()

    def _selected(self) -> None:
        items = self.table.selectedItems()
        if items:
            sid = items[0].data(Qt.ItemDataRole.UserRole)
            self.editing_id = sid
            self._load(self.state.shifts.get(sid))

    # --- the form ---------------------------------------------------------------
    def new_shift(self) -> None:
        """An empty shift starting at the next full hour, eight hours long."""
        start = (int(self.now()) // 3600 + 1) * 3600.0
        self.editing_id = f"turno-{uuid.uuid4().hex[:12]}"
        self.table.clearSelection()
        self._load(Shift(self.editing_id, "", start, start + DEFAULT_HOURS * 3600.0))

    def _load(self, shift: Shift | None) -> None:
        if shift is None:
            return
        self.name.setText(shift.name)
        self.starts.setDateTime(QDateTime.fromSecsSinceEpoch(int(shift.starts_at)))
        self.ends.setDateTime(QDateTime.fromSecsSinceEpoch(int(shift.ends_at)))
        leads = [u["name"] for u in self.users if u.get("role") in access.LEADS]
        self.lead.clear()
        self.lead.addItems(list(dict.fromkeys(["", *leads, shift.lead])))
        self.lead.setCurrentText(shift.lead)
        _fill(self.operators, [(u["name"], u["name"]) for u in self.users
                               if u.get("role") == "operator"], shift.operators)
        _fill(self.units, sorted(((u.id, u.callsign) for u in self.state.all_units()),
                                 key=lambda p: p[1]), shift.units)
        _fill(self.sector_list, [(s, s) for s in self.sectors], shift.sectors)

    def fields(self) -> dict[str, Any]:
        """The ``set_shift`` fields of the form."""
        return {"shift_id": self.editing_id, "name": self.name.text().strip(),
                "starts_at": float(self.starts.dateTime().toSecsSinceEpoch()),
                "ends_at": float(self.ends.dateTime().toSecsSinceEpoch()),
                "lead": self.lead.currentText().strip(), "operators": _checked(self.operators),
                "units": _checked(self.units), "sectors": _checked(self.sector_list)}

    def save(self) -> None:
        """Send the shift (the central decides; a refusal shows here and in Rechazadas)."""
        fields = self.fields()
        if not fields["name"]:
            self.message.setText(self.tr("Escriba el nombre del turno"))
            self.name.setFocus()
            return
        if fields["ends_at"] <= fields["starts_at"]:
            self.message.setText(self.tr("El turno debe terminar después de empezar"))
            return
        self.message.setText(self.tr("Turno {0} enviado a la central").format(fields["name"]))
        self.saveRequested.emit(fields)

    # --- the central -----------------------------------------------------------------
    def follow(self, bridge) -> None:
        """Redraw when shifts change, say why one of ours was refused, and read the
        accounts once the central answers (``bridge`` signals)."""
        bridge.touched.connect(self._touched)
        bridge.commandRejected.connect(self._rejected)
        bridge.commandRejected.connect(self.unlock_box.rejected)
        bridge.connectionChanged.connect(self._connection)

    async def send(self, fields: dict[str, Any]) -> str | None:
        """Write the set_shift command to the outbox; returns its key."""
        if self.submit is None:
            return None
        key = await self.submit("set_shift", **fields)
        self.sent.add(key)
        return key

    def _touched(self, t: Touched) -> None:
        if t.shifts:  # not on unit moves: they come by the hundred
            self.refresh()

    def _rejected(self, result: dict) -> None:
        if result.get("key") in self.sent:
            self.message.setText(self.tr("La central rechazó el turno: {0}").format(
                result.get("message") or result.get("reason")))

    def apply_role(self, role: str, sectors: Iterable[str]) -> None:
        """Everyone sees the roster; leads and admins edit it (and get the accounts)."""
        self.role = role
        self.set_editable(access.may_send(role, "set_shift"))
        self.unlock_box.apply_role(role)
        self.set_sectors(sectors)
        if access.may_read(role, "users"):
            self.run(self.load_users(), what=self.tr("leer la lista de usuarios"))

    def _connection(self, connected: bool, _detail: str) -> None:
        # At start-up the role comes before the engine's client: read the accounts once
        # the central answers.
        if connected and access.may_read(self.role, "users") and not self.users:
            self.run(self.load_users(), what=self.tr("leer la lista de usuarios"))

    async def load_users(self) -> None:
        """The accounts for the operator and lead choices (kept as they were if it fails)."""
        if self.fetch_users is None:
            return
        try:
            users = await self.fetch_users()
        except NotConnected:
            return  # the connection signal reads them when the central answers
        except Exception as e:  # noqa: BLE001 - shown; the roster still edits known names
            self.message.setText(self.tr("No se pudo leer la lista de usuarios: {0}")
                                 .format(error_text(e)))
            return
        self.set_users(users)
