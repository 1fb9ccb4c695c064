"""Reclasificar: a new CNIE type (type-ahead) and priority (the type's unless changed), with
the reason the timeline keeps (``reclassify_incident``). Opened with ``open()``, answered
through ``submitted``; layout in ui/reclassify.ui."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QDialog, QDialogButtonBox

from c4console.core.catalogue import Catalogue, IncidentType
from c4console.core.enums import Priority
from c4console.core.models import Incident
from c4console.gui.calls.type_ahead import type_chooser
from c4console.gui.forms.ui_reclassify import Ui_ReclassifyDialog
from c4console.gui.shell.labels import priority_label


class ReclassifyDialog(QDialog):
    """Type, priority and reason for one incident; ``submitted`` carries the command's
    fields (``incident_id``, ``type_code``, ``reason``, ``priority``)."""

    submitted = Signal(dict)

    def __init__(self, incident: Incident, catalogue: Catalogue, parent=None) -> None:
        super().__init__(parent)
        self.ui = Ui_ReclassifyDialog()
        self.ui.setupUi(self)
        self.incident = incident
        current = catalogue.types.get(incident.type_code)
        self.ui.reclassIncident.setText(f"{incident.folio} · {incident.type_code} "
                                        f"{current.name if current else ''} · {incident.priority.value}")
        self.type_edit, self.reason = self.ui.reclassType, self.ui.reclassReason
        self.priority, self.problem = self.ui.reclassPriority, self.ui.reclassProblem
        for p in Priority:
            self.priority.addItem(priority_label(p), p.value)
        self.priority.setCurrentIndex(self.priority.findData(incident.priority.value))
        self.itype: IncidentType | None = current
        self.types = type_chooser(catalogue, self.type_edit, self.ui.reclassTypes)
        self.types.chosen.connect(self._type_chosen)
        self.ui.box.accepted.connect(self.accept)
        self.ui.box.rejected.connect(self.reject)
        self.ui.box.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("Reclasificar"))

    def _type_chosen(self, itype: IncidentType | None) -> None:
        self.itype = itype
        if itype is not None:
            self.priority.setCurrentIndex(self.priority.findData(itype.priority.value))

    def fields(self) -> dict[str, Any]:
        """The ``reclassify_incident`` command's fields."""
        assert self.itype is not None
        return {"incident_id": self.incident.id, "type_code": self.itype.code,
                "priority": self.priority.currentData(), "reason": self.reason.text().strip()}

    def accept(self) -> None:
        if self.itype is None:
            self.problem.setText(self.tr("Elija el tipo de incidente"))
            self.type_edit.setFocus()
            return
        if not self.reason.text().strip():
            self.problem.setText(self.tr("Escriba el motivo de la reclasificación"))
            self.reason.setFocus()
            return
        self.submitted.emit(self.fields())
        super().accept()
