"""The agencies admin window (issue 15; *Administración → Instituciones…*, admins): the
agencies with kind, contact, number of accounts and shares in force; add one (its kind from
the central's catalogue, resources/agencies/kinds.toml); change an agency's contact.

Reads and writes go to the central (``GET/POST /agencies``, ``PATCH /agencies/{id}``); a
refusal (a name that exists, an unknown kind, a bad id) is shown in the panel in the central's
own words, with what was typed kept."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from c4console.gui.shell.labels import error_text
from c4console.sync.client import CentralError

COLUMNS = ("name", "kind", "contact", "accounts", "active_shares")


class AgenciesPanel(QWidget):
    """The agencies' table, the add form and the contact editor."""

    def __init__(self, api, run: Callable[..., Any], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.api = api
        self.run = run
        self.rows: list[dict[str, Any]] = []
        self.kinds: dict[str, str] = {}
        self.table = QTableWidget(0, len(COLUMNS), self)
        self.table.setObjectName("agenciesTable")
        self.table.setHorizontalHeaderLabels([
            self.tr("Institución"), self.tr("Tipo"), self.tr("Contacto"), self.tr("Cuentas"),
            self.tr("Casos compartidos vigentes")])
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.itemSelectionChanged.connect(self._selected)

        self.new_id = QLineEdit(self)
        self.new_id.setObjectName("agencyId")
        self.new_id.setPlaceholderText(self.tr("p. ej. dif_tijuana"))
        self.new_name = QLineEdit(self)
        self.new_name.setObjectName("agencyName")
        self.new_kind = QComboBox(self)
        self.new_kind.setObjectName("agencyKind")
        self.new_contact = QLineEdit(self)
        self.new_contact.setObjectName("agencyContact")
        self.add_button = QPushButton(self.tr("Agregar institución"), self)
        self.add_button.setObjectName("addAgency")
        self.add_button.clicked.connect(self.add)
        form = QFormLayout()
        form.addRow(self.tr("Clave:"), self.new_id)
        form.addRow(self.tr("Nombre:"), self.new_name)
        form.addRow(self.tr("Tipo:"), self.new_kind)
        form.addRow(self.tr("Contacto:"), self.new_contact)
        form.addRow("", self.add_button)

        self.contact = QLineEdit(self)
        self.contact.setObjectName("editContact")
        self.save_contact = QPushButton(self.tr("Guardar contacto"), self)
        self.save_contact.setObjectName("saveContact")
        self.save_contact.clicked.connect(self.change_contact)
        edit = QHBoxLayout()
        edit.addWidget(QLabel(self.tr("Contacto de la seleccionada:"), self))
        edit.addWidget(self.contact, 1)
        edit.addWidget(self.save_contact)

        self.message = QLabel(self)
        self.message.setObjectName("agenciesMessage")
        self.message.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addWidget(self.table, 1)
        layout.addLayout(edit)
        layout.addWidget(QLabel(self.tr("Nueva institución"), self))
        layout.addLayout(form)
        layout.addWidget(self.message)

    # --- reads ----------------------------------------------------------------------
    def reload(self) -> None:
        """Read the agencies again (the menu's open, after a change)."""
        self.run(self.load(), self.tr("leer las instituciones"))

    async def load(self) -> None:
        """The agencies and kinds from the central, into the table and the kind list."""
        self.rows, self.kinds = await self.api.agencies()
        self._fill()

    def _fill(self) -> None:
        keep = self.selected_id()
        self.table.setRowCount(len(self.rows))
        for r, row in enumerate(self.rows):
            values = (row.get("name", ""), self.kinds.get(row.get("kind", ""), row.get("kind", "")),
                      row.get("contact", ""), str(row.get("accounts", 0)),
                      str(row.get("active_shares", 0)))
            for c, text in enumerate(values):
                self.table.setItem(r, c, QTableWidgetItem(str(text)))
        kind = self.new_kind.currentData()
        self.new_kind.clear()
        for key, label in self.kinds.items():
            if key != "c4":  # the C4's own agency exists once
                self.new_kind.addItem(label, key)
        if kind is not None and (i := self.new_kind.findData(kind)) >= 0:
            self.new_kind.setCurrentIndex(i)
        if keep is not None:
            self.select(keep)

    def select(self, agency_id: str) -> None:
        """Select an agency's row."""
        for r, row in enumerate(self.rows):
            if row.get("id") == agency_id:
                self.table.selectRow(r)

    def selected_id(self) -> str | None:
        """The selected agency's id."""
        rows = self.table.selectionModel().selectedRows() if self.table.selectionModel() else []
        return self.rows[rows[0].row()]["id"] if rows and rows[0].row() < len(self.rows) else None

    def _selected(self) -> None:
        agency_id = self.selected_id()
        row = next((r for r in self.rows if r.get("id") == agency_id), None)
        self.contact.setText(row.get("contact", "") if row else "")

    # --- writes ---------------------------------------------------------------------
    def add(self) -> None:
        """The add form's button: the central checks id, name (no duplicate) and kind."""
        self.run(self.add_now(), self.tr("agregar la institución"))

    async def add_now(self) -> bool:
        """Add the typed agency; True if the central created it (the form is cleared)."""
        agency_id, name = self.new_id.text().strip(), self.new_name.text().strip()
        if not agency_id or not name:
            self.say(self.tr("Escriba la clave y el nombre de la institución"), error=True)
            return False
        try:
            await self.api.add_agency(agency_id, name, self.new_kind.currentData() or "",
                                      self.new_contact.text().strip())
        except (CentralError, OSError) as e:  # the central's refusal, in its words
            self.say(self.tr("No se agregó: {0}").format(error_text(e)), error=True)
            return False
        for field in (self.new_id, self.new_name, self.new_contact):
            field.clear()
        self.say(self.tr("Institución {0} agregada").format(name))
        await self.load()
        self.select(agency_id)
        return True

    def change_contact(self) -> None:
        """The contact editor's button."""
        self.run(self.change_contact_now(), self.tr("guardar el contacto"))

    async def change_contact_now(self) -> bool:
        """Save the selected agency's contact; True if the central took it."""
        agency_id = self.selected_id()
        if agency_id is None:
            self.say(self.tr("Seleccione una institución"), error=True)
            return False
        try:
            await self.api.set_agency_contact(agency_id, self.contact.text().strip())
        except (CentralError, OSError) as e:  # the central's refusal, in its words
            self.say(self.tr("No se guardó el contacto: {0}").format(error_text(e)), error=True)
            return False
        self.say(self.tr("Contacto guardado"))
        await self.load()
        return True

    def say(self, text: str, error: bool = False) -> None:
        """A line under the form (red for a refusal)."""
        self.message.setStyleSheet("color: #b71c1c;" if error else "")
        self.message.setText(text)
