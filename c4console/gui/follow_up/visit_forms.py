"""The forms of one patrol visit: its outcome (``visit_outcome``; *incidente* names the
incident it led to) and a visit recorded by hand without GPS proof (``record_visit`` with
its reason). Layouts in ui/visit_outcome.ui and ui/manual_visit.ui; each form's
``commands()`` is what it sends, in order (an incident opened for it first), ``accept``
checks them first."""

from __future__ import annotations

import time
import uuid
from collections.abc import Iterable
from typing import Any

from PySide6.QtCore import QCoreApplication, QDateTime
from PySide6.QtWidgets import QComboBox, QDialog

from c4console.core.follow_up.records import OUTCOMES, PatrolVisit
from c4console.core.models import Incident
from c4console.gui.follow_up.labels import outcome_label, place_kind_label
from c4console.gui.forms.ui_manual_visit import Ui_ManualVisit
from c4console.gui.forms.ui_visit_outcome import Ui_VisitOutcome

# The incident choices that are not an existing incident: open one now (and, for a call,
# hand it to the specialist desk too).
NEW_INCIDENT, TO_SPECIALISTS = "+new", "+specialists"  # never an incident id
Commands = list[tuple[str, dict[str, Any]]]  # (command type, fields), sent in this order


def routed(choice: str, *, channel: str, point: tuple[float, float] | None,
           case_id: str = "") -> tuple[Commands, dict[str, Any]]:
    """The commands that come first for an incident choice (create it; hand it to the
    specialists) and the fields naming it in the follow-up command."""
    if choice not in (NEW_INCIDENT, TO_SPECIALISTS):
        return [], {"incident_id": choice}
    iid = f"incident-{uuid.uuid4()}"
    create: dict[str, Any] = {"incident_id": iid, "channel": channel}
    if point is not None and (point[0] or point[1]):
        create.update(lat=point[0], lon=point[1])
    first: Commands = [("create_incident", create)]
    if choice == NEW_INCIDENT:
        return first, {"incident_id": iid}
    rid = f"referral-{uuid.uuid4()}"
    hand: dict[str, Any] = {"incident_id": iid, "desks": ["psicologica", "juridica"],
                            "referral_id": rid}
    if case_id:
        hand["case_id"] = case_id
    return [*first, ("hand_to_specialists", hand)], {"incident_id": iid, "referral_id": rid}


def visit_text(v: PatrolVisit, callsign: str) -> str:
    """One line naming a visit: unit, due time, place kind."""
    return f"{callsign or v.unit_id} · {time.strftime('%Y-%m-%d %H:%M', time.localtime(v.due_at))} · " \
           f"{place_kind_label(v.place_kind)}"


def fill_incidents(box: QComboBox, incidents: Iterable[Incident], none_text: str,
                   *, specialists: bool = False) -> None:
    """A choice of incidents: none yet, open a new one (hand it to the specialists), or one
    of the open incidents, newest first."""
    box.addItem(none_text, "")
    box.addItem(QCoreApplication.translate("FollowUp", "Abrir incidente"), NEW_INCIDENT)
    if specialists:
        box.addItem(QCoreApplication.translate("FollowUp", "Turnar a especialistas"), TO_SPECIALISTS)
    for inc in sorted((i for i in incidents if i.is_open), key=lambda i: -i.created_at):
        box.addItem(f"{inc.folio} · {inc.type_code} · {inc.colonia or inc.address}", inc.id)


class VisitOutcomeDialog(QDialog):
    """The crew's outcome of a visit that happened."""

    def __init__(self, visit: PatrolVisit, callsign: str, incidents: Iterable[Incident],
                 parent=None) -> None:
        super().__init__(parent)
        self.ui = Ui_VisitOutcome()
        self.ui.setupUi(self)
        self.visit = visit
        self.ui.visit.setText(visit_text(visit, callsign))
        for o in OUTCOMES:
            self.ui.outcome.addItem(outcome_label(o), o)
        fill_incidents(self.ui.incident, incidents, self.tr("— elija el incidente —"))
        self.ui.outcome.currentIndexChanged.connect(lambda *_: self._sync())
        self.ui.box.accepted.connect(self.accept)
        self.ui.box.rejected.connect(self.reject)
        self._sync()

    def _sync(self) -> None:
        self.ui.incident.setEnabled(self.ui.outcome.currentData() == "incidente")

    def commands(self) -> Commands:
        """What to send, in order: the incident opened on the visit (if chosen), then
        ``visit_outcome``."""
        out: dict[str, Any] = {"visit_id": self.visit.id, "outcome": self.ui.outcome.currentData()}
        before: Commands = []
        if out["outcome"] == "incidente":
            # Opened on the visit: in person, at the visited place.
            before, named = routed(self.ui.incident.currentData(), channel="walk_in",
                                   point=(self.visit.lat, self.visit.lon))
            out.update(named)
        return [*before, ("visit_outcome", out)]

    def accept(self) -> None:
        if self.ui.outcome.currentData() == "incidente" and not self.ui.incident.currentData():
            self.ui.problem.setText(self.tr("Elija el incidente que se abrió en la visita"))
            self.ui.incident.setFocus()
            return
        super().accept()


class ManualVisitDialog(QDialog):
    """A visit made without GPS proof: when, and why there is no proof."""

    def __init__(self, visit: PatrolVisit, callsign: str, now: float, parent=None) -> None:
        super().__init__(parent)
        self.ui = Ui_ManualVisit()
        self.ui.setupUi(self)
        self.visit = visit
        self.ui.visit.setText(visit_text(visit, callsign))
        self.ui.at.setDateTime(QDateTime.fromSecsSinceEpoch(int(now)))
        self.ui.box.accepted.connect(self.accept)
        self.ui.box.rejected.connect(self.reject)

    def commands(self) -> Commands:
        """``record_visit`` with its reason."""
        return [("record_visit", self.fields())]

    def fields(self) -> dict[str, Any]:
        """The ``record_visit`` command's fields."""
        return {"visit_id": self.visit.id, "reason": self.ui.reason.text().strip(),
                "at": float(self.ui.at.dateTime().toSecsSinceEpoch())}

    def accept(self) -> None:
        if not self.ui.reason.text().strip():
            self.ui.problem.setText(self.tr("Escriba por qué la visita no tiene prueba GPS"))
            self.ui.reason.setFocus()
            return
        super().accept()
