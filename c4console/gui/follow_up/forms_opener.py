"""Opens the follow-up's forms for a visit or a plan and sends what they answer (the
dock's ``formRequested`` and its context menu lead here)."""

from __future__ import annotations

import time
from collections.abc import Callable

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QDialog, QWidget

from c4console.gui.follow_up.contact_forms import FollowCallDialog, InterviewDialog
from c4console.gui.follow_up.follow_up_panel import Send
from c4console.gui.follow_up.visit_forms import ManualVisitDialog, VisitOutcomeDialog
from c4console.sync.state import ConsoleState


class FollowUpForms(QObject):
    """``open(kind, visit_id, plan_id)``: outcome, manual (a visit), interview, call (a plan).
    The dialog answers through ``send`` (the outbox); ``say`` explains what cannot open."""

    def __init__(self, parent: QWidget, state: ConsoleState, send: Send,
                 say: Callable[[str], None], clock: Callable[[], float] = time.time) -> None:
        super().__init__(parent)
        self._parent = parent
        self.state = state
        self._send = send
        self._say = say
        self._clock = clock
        self.dialog: QDialog | None = None  # the one open (tests fill it in)

    def open(self, kind: str, visit_id: str = "", plan_id: str = "") -> QDialog | None:
        """Open a form; returns it (None if its visit or plan is not held)."""
        state, now = self.state, self._clock()
        visit = state.patrol_visits.get(visit_id) if visit_id else None
        plan = state.follow_plans.get(plan_id or (visit.plan_id if visit else ""))
        unit = state.unit(visit.unit_id) if visit else None
        callsign = unit.callsign if unit else ""
        dialog: QDialog
        if kind == "outcome" and visit is not None:
            dialog = VisitOutcomeDialog(visit, callsign, state.all_incidents(), self._parent)
            what = self.tr("registrar el resultado de la visita")
        elif kind == "manual" and visit is not None:
            dialog = ManualVisitDialog(visit, callsign, now, self._parent)
            what = self.tr("registrar la visita sin GPS")
        elif kind == "interview" and plan is not None:
            dialog = InterviewDialog(plan, now, self._parent)
            what = self.tr("registrar la entrevista")
        elif kind == "call" and plan is not None:
            dialog = FollowCallDialog(plan, now, state.all_incidents(), self._parent)
            what = self.tr("registrar la llamada de seguimiento")
        else:
            self._say(self.tr("Esta consola no tiene el plan de seguimiento de esa visita"))
            return None
        dialog.accepted.connect(lambda: self._send_all(dialog.commands(), what))
        dialog.finished.connect(lambda _r: dialog.deleteLater())
        self.dialog = dialog
        dialog.open()
        return dialog

    def _send_all(self, commands, what: str) -> None:
        # In order through the outbox: the incident exists before the command naming it.
        for command, fields in commands:
            self._send(command, fields, what)
