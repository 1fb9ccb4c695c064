"""Abrir expediente: the small form for the person a case is opened for (name, sex,
date of birth). Opened with ``open()`` and answered through ``accepted`` — never
``exec()``'d, which would stall the asyncio loop."""

from __future__ import annotations

import datetime as dt
from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
)

from c4console.core.cases.vocabulary import Sex
from c4console.gui.cases.case_labels import sex_label


def birth_date_problem(text: str, today: dt.date) -> str | None:
    """Why a typed date of birth is not acceptable (None: it is, or it was left empty)."""
    text = text.strip()
    if not text:
        return None
    try:
        born = dt.date.fromisoformat(text)
    except ValueError:
        return "format"
    return "future" if born > today else None


class OpenCaseDialog(QDialog):
    """Name, sex and date of birth of the person; ``submitted`` carries the command's
    ``person`` when the form is accepted (the central validates it again)."""

    submitted = Signal(dict)  # person {name, sex, date_of_birth}

    def __init__(self, incident_text: str, name: str = "", parent=None) -> None:
        super().__init__(parent)
        self.setObjectName("openCaseDialog")
        self.setWindowTitle(self.tr("Abrir expediente"))
        self.name = QLineEdit(name)
        self.name.setObjectName("caseName")
        self.sex = QComboBox()
        self.sex.setObjectName("caseSex")
        for s in (Sex.MUJER, Sex.HOMBRE, Sex.OTRO, Sex.NO_REGISTRADO):
            self.sex.addItem(sex_label(s), s.value)
        self.birth = QLineEdit()
        self.birth.setObjectName("caseBirthDate")
        self.birth.setPlaceholderText(self.tr("AAAA-MM-DD (opcional)"))
        self.problem = QLabel()
        self.problem.setObjectName("caseFormProblem")
        self.problem.setStyleSheet("color: #c62828;")
        self.problem.setWordWrap(True)
        form = QFormLayout()
        form.addRow(self.tr("Incidente:"), QLabel(incident_text))
        form.addRow(self.tr("Nombre:"), self.name)
        form.addRow(self.tr("Sexo:"), self.sex)
        form.addRow(self.tr("Fecha de nacimiento:"), self.birth)
        self.box = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                    | QDialogButtonBox.StandardButton.Cancel)
        self.box.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("Abrir expediente"))
        self.box.accepted.connect(self.accept)
        self.box.rejected.connect(self.reject)
        lay = QVBoxLayout(self)
        lay.addLayout(form)
        lay.addWidget(self.problem)
        lay.addWidget(self.box)
        for edit in (self.name, self.birth):
            edit.textChanged.connect(self._check)
        self._check()

    def _check(self) -> str | None:
        """Say in the form what is wrong; the OK button waits until nothing is."""
        problem = None
        if not self.name.text().strip():
            problem = self.tr("Escriba el nombre de la persona")
        else:
            why = birth_date_problem(self.birth.text(), dt.date.today())
            if why == "format":
                problem = self.tr("La fecha de nacimiento debe ser AAAA-MM-DD")
            elif why == "future":
                problem = self.tr("La fecha de nacimiento no puede ser futura")
        self.problem.setText(problem or "")
        self.box.button(QDialogButtonBox.StandardButton.Ok).setEnabled(problem is None)
        return problem

    def person(self) -> dict[str, Any]:
        """The ``person`` of the ``open_case`` command."""
        person: dict[str, Any] = {"name": self.name.text().strip(), "sex": self.sex.currentData()}
        if self.birth.text().strip():
            person["date_of_birth"] = self.birth.text().strip()
        return person

    def accept(self) -> None:
        if self._check() is not None:
            return
        self.submitted.emit(self.person())
        super().accept()
