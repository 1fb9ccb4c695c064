"""The forms of her follow-up plan: an interview (``record_interview``) and a follow-up
call (``record_follow_call``: the number comes from her case, through the plan; *pide
ayuda* names the incident it led to). Layouts in ui/follow_interview.ui and
ui/follow_call.ui."""

from __future__ import annotations

import uuid
from collections.abc import Iterable
from typing import Any

from PySide6.QtCore import QDateTime
from PySide6.QtWidgets import QDialog

from c4console.core.follow_up.records import CALL_RESULTS, FollowPlan
from c4console.core.models import Incident
from c4console.gui.follow_up.labels import call_result_label
from c4console.gui.follow_up.visit_forms import Commands, fill_incidents, routed
from c4console.gui.forms.ui_follow_call import Ui_FollowCall
from c4console.gui.forms.ui_follow_interview import Ui_FollowInterview


class InterviewDialog(QDialog):
    """Date, place, who, notes and agreements of an interview with her."""

    def __init__(self, plan: FollowPlan, now: float, parent=None) -> None:
        super().__init__(parent)
        self.ui = Ui_FollowInterview()
        self.ui.setupUi(self)
        self.plan = plan
        self.ui.case.setText(f"{plan.case_id} · {plan.order_number}")
        self.ui.heldAt.setDateTime(QDateTime.fromSecsSinceEpoch(int(now)))
        self.ui.box.accepted.connect(self.accept)
        self.ui.box.rejected.connect(self.reject)

    def commands(self) -> Commands:
        """``record_interview``."""
        return [("record_interview", self.fields())]

    def fields(self) -> dict[str, Any]:
        """The ``record_interview`` command's fields (a new id)."""
        return {"id": f"interview-{uuid.uuid4()}", "plan_id": self.plan.id,
                "held_at": float(self.ui.heldAt.dateTime().toSecsSinceEpoch()),
                "place": self.ui.place.text().strip(), "who": self.ui.who.text().strip(),
                "notes": self.ui.notes.toPlainText().strip(),
                "agreements": self.ui.agreements.toPlainText().strip()}

    def accept(self) -> None:
        for edit, problem in ((self.ui.place, self.tr("Escriba dónde fue la entrevista")),
                              (self.ui.who, self.tr("Escriba quién la entrevistó"))):
            if not edit.text().strip():
                self.ui.problem.setText(problem)
                edit.setFocus()
                return
        super().accept()


class FollowCallDialog(QDialog):
    """A follow-up call to her number: result, duration, notes; asking for help names
    the incident opened for it."""

    def __init__(self, plan: FollowPlan, now: float, incidents: Iterable[Incident],
                 parent=None) -> None:
        super().__init__(parent)
        self.ui = Ui_FollowCall()
        self.ui.setupUi(self)
        self.plan = plan
        self.placed_at = now
        self.ui.case.setText(f"{plan.case_id} · {plan.order_number}")
        self.ui.number.setText(plan.phone or self.tr("(sin número en su expediente)"))
        for r in CALL_RESULTS:
            self.ui.result.addItem(call_result_label(r), r)
        fill_incidents(self.ui.incident, incidents, self.tr("— elija el incidente abierto —"),
                       specialists=True)
        self.ui.result.currentIndexChanged.connect(lambda *_: self._sync())
        self.ui.box.accepted.connect(self.accept)
        self.ui.box.rejected.connect(self.reject)
        self._sync()

    def _sync(self) -> None:
        self.ui.incident.setEnabled(self.ui.result.currentData() == "asks_help")

    def commands(self) -> Commands:
        """What to send, in order: for *pide ayuda*, the incident opened for her (at her
        home) and its hand-over to the specialists if chosen; then ``record_follow_call``
        (a new id)."""
        out: dict[str, Any] = {"id": f"call-{uuid.uuid4()}", "plan_id": self.plan.id,
                               "result": self.ui.result.currentData(), "placed_at": self.placed_at,
                               "duration_s": float(self.ui.minutes.value() * 60),
                               "notes": self.ui.notes.toPlainText().strip()}
        before: Commands = []
        if out["result"] == "asks_help":
            home = next((p for p in self.plan.places if p.kind == "home"), None)
            before, named = routed(self.ui.incident.currentData(), channel="phone",
                                   point=(home.lat, home.lon) if home else None,
                                   case_id=self.plan.case_id)
            out.update(named)
        return [*before, ("record_follow_call", out)]

    def accept(self) -> None:
        if self.ui.result.currentData() == "asks_help" and not self.ui.incident.currentData():
            self.ui.problem.setText(self.tr("Pide ayuda: abra un incidente, túrnela a "
                                            "especialistas o elija el incidente abierto"))
            self.ui.incident.setFocus()
            return
        super().accept()
