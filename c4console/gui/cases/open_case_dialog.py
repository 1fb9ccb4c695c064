"""Abrir expediente: the small form for the person a case is opened for (name, sex,
date of birth). Opened with ``open()`` and answered through ``accepted`` — never
``exec()``'d, which would stall the asyncio loop. Its layout and labels are the Qt
Designer form ui/open_case.ui; the checks and what it sends are here."""

from __future__ import annotations

import datetime as dt
from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QDialog, QDialogButtonBox

from c4console.core.cases.vocabulary import Sex
from c4console.gui.cases.case_labels import sex_label
from c4console.gui.forms.ui_open_case import Ui_OpenCaseDialog
from c4console.gui.shell.plain_text import plain_labels


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
        self.ui = Ui_OpenCaseDialog()
        self.ui.setupUi(self)
        self.ui.caseIncident.setText(incident_text)
        self.name = self.ui.caseName
        self.name.setText(name)
        self.sex = self.ui.caseSex
        for s in (Sex.MUJER, Sex.HOMBRE, Sex.OTRO, Sex.NO_REGISTRADO):
            self.sex.addItem(sex_label(s), s.value)
        self.birth = self.ui.caseBirthDate
        self.problem = self.ui.caseFormProblem
        self.box = self.ui.box
        self.box.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("Abrir expediente"))
        self.box.accepted.connect(self.accept)
        self.box.rejected.connect(self.reject)
        for edit in (self.name, self.birth):
            edit.textChanged.connect(self._check)
        plain_labels(self)  # the incident's caller and folio: text, never markup
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
