"""The "Registro BANAVIM" dialog of one case: which episode, whether it is marked or
registered (and its folio), and the three steps — mark, export, enter the folio. It only
asks; :class:`c4console.gui.banavim.banavim_actions.BanavimActions` sends and writes."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QDate, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from c4console.core.banavim.registration import BanavimRegistration
from c4console.core.cases.records import Case


class BanavimDialog(QDialog):
    """Mark, export and register one case (or episode) in BANAVIM."""

    markRequested = Signal(str)  # incident id of the episode, "" for her latest
    exportRequested = Signal(str)  # "json" or "csv"
    folioRequested = Signal(str, str, str)  # incident id ("" latest), folio, YYYY-MM-DD

    def __init__(self, case: Case, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("banavimDialog")
        self.case_id = case.id
        self.setWindowTitle(self.tr("Registro BANAVIM — {0}").format(case.person.name or case.id))
        self.episode = QComboBox()
        self.episode.setObjectName("banavimEpisode")
        self.episode.addItem(self.tr("Último episodio"), "")
        for e in sorted(case.episodes, key=lambda e: e.occurred_at, reverse=True):
            when = dt.datetime.fromtimestamp(e.occurred_at).strftime("%Y-%m-%d %H:%M")
            self.episode.addItem(self.tr("Episodio del {0} ({1})").format(when, ", ".join(e.types)),
                                 e.incident_id)
        self.status = QLabel()
        self.status.setObjectName("banavimStatus")
        self.mark = QPushButton(self.tr("Marcar para BANAVIM"))
        self.mark.setObjectName("banavimMark")
        self.mark.clicked.connect(lambda: self.markRequested.emit(self.incident_id()))
        self.export_json = QPushButton(self.tr("Exportar JSON…"))
        self.export_json.setObjectName("banavimExportJson")
        self.export_json.clicked.connect(lambda: self.exportRequested.emit("json"))
        self.export_csv = QPushButton(self.tr("Exportar CSV…"))
        self.export_csv.setObjectName("banavimExportCsv")
        self.export_csv.clicked.connect(lambda: self.exportRequested.emit("csv"))
        self.folio = QLineEdit()
        self.folio.setObjectName("banavimFolio")
        self.folio.setMaxLength(40)
        self.folio.setPlaceholderText(self.tr("Folio que dio BANAVIM"))
        self.registered_on = QDateEdit(QDate.currentDate())
        self.registered_on.setObjectName("banavimRegisteredOn")
        self.registered_on.setCalendarPopup(True)
        self.registered_on.setDisplayFormat("yyyy-MM-dd")
        self.registered_on.setMaximumDate(QDate.currentDate())
        self.register = QPushButton(self.tr("Registrar folio"))
        self.register.setObjectName("banavimRegister")
        self.register.clicked.connect(self._register)
        self.message = QLabel()
        self.message.setObjectName("banavimMessage")
        self.message.setWordWrap(True)
        close = QPushButton(self.tr("Cerrar"))
        close.clicked.connect(self.reject)
        form = QFormLayout()
        form.addRow(self.tr("Episodio"), self.episode)
        form.addRow(self.tr("Estado"), self.status)
        steps = QHBoxLayout()
        for button in (self.mark, self.export_json, self.export_csv):
            steps.addWidget(button)
        folio_row = QHBoxLayout()
        folio_row.addWidget(self.folio, 1)
        folio_row.addWidget(self.registered_on)
        folio_row.addWidget(self.register)
        lay = QVBoxLayout(self)
        lay.addLayout(form)
        lay.addLayout(steps)
        lay.addLayout(folio_row)
        lay.addWidget(self.message)
        lay.addWidget(close)
        self._registration: BanavimRegistration | None = None

    def incident_id(self) -> str:
        """The chosen episode's incident id ("" for her latest episode)."""
        return str(self.episode.currentData() or "")

    def show_registration(self, registration: BanavimRegistration | None) -> None:
        """Draw the chosen episode's state: not marked, marked, or registered with its folio."""
        self._registration = registration
        if registration is None:
            self.status.setText(self.tr("Sin marcar"))
        elif registration.registered:
            self.status.setText(self.tr("Registrado en BANAVIM: folio {0} ({1})").format(
                registration.folio, registration.registered_on))
        else:
            self.status.setText(self.tr("Marcado por {0}; falta el folio").format(
                registration.marked_by))
        marked = registration is not None
        self.mark.setEnabled(not marked)
        self.export_json.setEnabled(marked)
        self.export_csv.setEnabled(marked)
        done = marked and registration.registered
        for widget in (self.folio, self.registered_on, self.register):
            widget.setEnabled(marked and not done)

    def show_message(self, text: str) -> None:
        """A result or a refusal, in the dialog."""
        self.message.setText(text)

    def _register(self) -> None:
        folio = self.folio.text().strip()
        if not folio:
            self.show_message(self.tr("Escriba el folio que dio BANAVIM"))
            return
        self.folioRequested.emit(self.incident_id(), folio,
                                 self.registered_on.date().toString("yyyy-MM-dd"))
