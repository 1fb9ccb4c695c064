"""What follows a call on the incident (menu *Incidente* and the detail panel's buttons):
*Reclasificar…* (Ctrl+R: type and priority with a reason, ``reclassify_incident``) and
*Turnar a especialistas* (Ctrl+T: one action, ``hand_to_specialists`` to the psychological
and legal desks with the call's narrative and her case; the operator is then free). The
main window builds one and gives it the current incident, its ``send`` and ``say``."""

from __future__ import annotations

from collections.abc import Callable, Coroutine
from typing import Any

from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMainWindow

from c4console.core.calls.intake_fields import MAX_NARRATIVE
from c4console.core.calls.records import DESKS
from c4console.core.catalogue import Catalogue
from c4console.gui.calls.reclassify_dialog import ReclassifyDialog
from c4console.sync.state import ConsoleState

Send = Callable[[Coroutine[Any, Any, Any], str], None]
Submit = Callable[..., Coroutine[Any, Any, Any]]


class CallActions(QObject):
    """Reclassify and hand over the current incident."""

    def __init__(self, window: QMainWindow, state: ConsoleState, catalogue: Catalogue,
                 submit: Submit, current: Callable[[], str | None], send: Send,
                 say: Callable[[str], None]) -> None:
        super().__init__(window)
        self.window, self.state, self.catalogue = window, state, catalogue
        self.submit, self.current, self.send, self.say = submit, current, send, say
        self.dialog: ReclassifyDialog | None = None  # the one open (tests fill it)
        self.a_reclassify = self._action("reclassify", self.tr("Reclasificar… (Ctrl+R)"), "Ctrl+R",
                                         self.reclassify)
        self.a_hand = self._action("handToSpecialists",
                                   self.tr("Turnar a especialistas (Ctrl+T)"), "Ctrl+T",
                                   self.hand_to_specialists)
        for action, short in ((self.a_reclassify, self.tr("Reclasificar")),
                              (self.a_hand, self.tr("Turnar a especialistas"))):
            action.setIconText(short)
            action.setToolTip(action.text())
        self.actions = [self.a_reclassify, self.a_hand]

    def _action(self, name: str, text: str, key: str, slot) -> QAction:
        a = QAction(text, self.window)
        a.setObjectName(name)
        a.setShortcut(QKeySequence(key))
        a.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
        a.triggered.connect(slot)
        self.window.addAction(a)
        return a

    def reclassify(self) -> None:
        """Open the reclassify dialog for the current incident."""
        inc = self.state.incident(self.current() or "")
        if inc is None:
            self.say(self.tr("Seleccione un incidente para reclasificar"))
            return
        self.dialog = ReclassifyDialog(inc, self.catalogue, self.window)
        self.dialog.submitted.connect(
            lambda fields: self.send(self.submit("reclassify_incident", **fields),
                                     self.tr("reclasificar")))
        self.dialog.open()

    def hand_to_specialists(self) -> None:
        """Hand the current incident over to the specialist desk (both desks; the patrol
        flag says whether a unit goes too)."""
        inc = self.state.incident(self.current() or "")
        if inc is None:
            self.say(self.tr("Seleccione un incidente para turnar"))
            return
        fields: dict[str, Any] = {"incident_id": inc.id, "desks": list(DESKS),
                                  "patrol": bool(inc.unit_id)}
        # What every call about it said (taken, then linked), for the desk to read first.
        narrative = "\n".join(e.text for e in self.state.timeline(inc.id)
                              if e.kind in ("call_taken", "call_linked") and e.text)
        if narrative:
            fields["narrative"] = narrative[:MAX_NARRATIVE]
        case = self.state.case_of_incident(inc.id)
        if case is not None:
            fields["case_id"] = case.id
        self.send(self.submit("hand_to_specialists", **fields), self.tr("turnar a especialistas"))
        self.say(self.tr("{0} turnado a la mesa de especialistas").format(inc.folio))
