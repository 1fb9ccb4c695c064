"""The case's actions at the console: abrir expediente, link a possible duplicate to her
case (one keystroke), confirm a suggested case, and the risk assessment (supervisors,
admins) — their QActions, dialogs and the role-only "Expedientes" panel.

The main window builds one, puts the actions in its Incidente menu and the history
section, and tells it the role; the commands go through the controller and the window's
``send`` (a failure reaches the status bar and *Rechazadas*)."""

from __future__ import annotations

from collections.abc import Callable, Coroutine
from typing import Any

from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QDockWidget, QMainWindow

from c4console.core import access
from c4console.core.cases.risk import RiskQuestionnaire
from c4console.gui.banavim.banavim_actions import BanavimActions
from c4console.gui.cases.case_panel import CasePanel
from c4console.gui.cases.history_section import HistorySection
from c4console.gui.cases.open_case_dialog import OpenCaseDialog
from c4console.gui.cases.risk_dialog import RiskDialog
from c4console.gui.cases.sharing_actions import SharingActions
from c4console.gui.cases.zone_actions import ZoneActions
from c4console.gui.referrals.referral_actions import ReferralActions
from c4console.gui.shell.controller import ConsoleController
from c4console.gui.shell.role_dock import RoleDock, role_dock
from c4console.gui.specialists.desk_actions import kinds_of
from c4console.resources import load_case_catalogues

Send = Callable[[Coroutine[Any, Any, Any], str], None]


class CaseActions(QObject):
    """Actions on the current incident's case and the supervisors' case panel."""

    def __init__(self, window: QMainWindow, controller: ConsoleController, history: HistorySection,
                 current: Callable[[], str | None], send: Send, say: Callable[[str], None]) -> None:
        super().__init__(window)
        self.window = window
        self.controller = controller
        self.state = controller.state
        self.history = history
        self.current = current
        self.send = send
        self.say = say
        self.role = ""
        self.dialog: OpenCaseDialog | RiskDialog | None = None  # the one open (tests fill it)
        # Registrar intervención on a case (the window gives the desk's; None: not offered).
        self.intervene: Callable[[str], None] | None = None
        self._questionnaire: RiskQuestionnaire | None = None
        self.zones = ZoneActions(window, controller, send, say)  # an order's exclusion zones
        self.banavim = BanavimActions(window, controller, send, say)  # Registro BANAVIM
        self.referrals = ReferralActions(window, controller, send, say)  # Canalizar
        self.sharing = SharingActions(window, controller, send, say)  # Compartir (issue 15)
        self.a_open = self._action("openCase", self.tr("Abrir expediente… (Ctrl+E)"), "Ctrl+E",
                                   self.open_case)
        self.a_link_duplicate = self._action(
            "linkDuplicate", self.tr("Vincular duplicado al expediente (Ctrl+L)"), "Ctrl+L",
            self.link_duplicate)
        self.a_confirm = self._action("confirmSuggestedCase",
                                      self.tr("Confirmar expediente sugerido"), "",
                                      self.confirm_suggestion)
        self.a_assess = self._action("assessRisk", self.tr("Evaluar riesgo…"), "",
                                     self.assess_current)
        self.actions = [self.a_open, self.a_link_duplicate, self.a_confirm, self.a_assess]
        # Short texts for the buttons beside her history (the detail dock stays narrow).
        for action, short in ((self.a_open, self.tr("Abrir expediente")),
                              (self.a_link_duplicate, self.tr("Vincular duplicado")),
                              (self.a_confirm, self.tr("Confirmar sugerido")),
                              (self.a_assess, self.tr("Evaluar riesgo"))):
            action.setIconText(short)
            action.setToolTip(action.text())

    def _action(self, name: str, text: str, key: str, slot) -> QAction:
        a = QAction(text, self.window)
        a.setObjectName(name)
        if key:
            a.setShortcut(QKeySequence(key))
            a.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
        a.triggered.connect(slot)
        self.window.addAction(a)
        return a

    @property
    def questionnaire(self) -> RiskQuestionnaire:
        """The risk questionnaire (resources/cases), read once."""
        if self._questionnaire is None:
            self._questionnaire = load_case_catalogues().risk
        return self._questionnaire

    def apply_role(self, role: str) -> None:
        """The risk assessment and the case panel for the roles that may assess."""
        self.role = role
        assess = access.may_send(role, "assess_risk")
        self.a_assess.setVisible(assess)
        self.a_assess.setEnabled(assess)
        # The specialist desk refers her case from the same panel (issue 12).
        refer = ReferralActions.allowed(role)
        self.referrals.role = role
        role_dock(self.window, "cases_tool", assess or refer, self._case_dock)
        self.sharing.apply_role(role)  # after role_dock: it showed every entry of the menu
        if hasattr(self, "panel"):  # the zones, risk and referral actions follow the role too
            self.panel.set_zones_allowed(ZoneActions.allowed(role))
            self.panel.set_banavim_allowed(BanavimActions.allowed(role))
            self.panel.assess.setVisible(assess)
            self.panel.refer.setVisible(refer)
            self.panel.set_intervene_allowed(self.intervene is not None and bool(kinds_of(role)))

    def _case_dock(self) -> RoleDock:
        self.panel = CasePanel(self.state, self.window)
        self.panel.follow(self.controller.bridge)
        self.panel.assessRequested.connect(self.assess)
        self.panel.zonesRequested.connect(self.zones.open)
        self.panel.banavimRequested.connect(self.banavim.open)
        self.panel.referRequested.connect(self.referrals.open)
        self.panel.interveneRequested.connect(lambda cid: self.intervene and self.intervene(cid))
        self.sharing.attach(self.panel)
        tool = RoleDock(self.window, "casesDock", self.tr("Expedientes"), self.panel,
                        menu=self.tr("&Expedientes"), open_text=self.tr("Expedientes…"),
                        open_name="casesAction", on_open=self._opened)
        tool.add_action(self.sharing.action)
        units = self.window.findChild(QDockWidget, "unitDock")
        if units is not None:  # wide enough for the list beside her profile
            self.window.tabifyDockWidget(units, tool.dock)
            tool.dock.hide()  # tabifying shows it: hidden until opened, like every RoleDock
        return tool

    def _opened(self) -> None:
        """Expedientes opened: the list again, and the agencies' names for her shares."""
        self.panel.reload()
        self.sharing.load_agency_names()

    # --- abrir expediente ---------------------------------------------------------
    def open_case(self) -> None:
        """Ctrl+E: the form for a case opened from the current incident."""
        iid = self.current()
        inc = self.state.incident(iid) if iid else None
        if inc is None:
            self.say(self.tr("Seleccione un incidente para abrir su expediente"))
            return
        case_id = self.history.case_id() if self.history.incident_id == iid else None
        if case_id is None and (case := self.state.case_of_incident(iid)) is not None:
            case_id = case.id
        if case_id:
            self.say(self.tr("El incidente {0} ya tiene expediente ({1})").format(inc.folio, case_id))
            return
        b = self.state.beneficiaries.get(inc.beneficiary_id or "")
        dialog = OpenCaseDialog(f"{inc.folio} · {inc.caller or '—'}", b.name if b else "",
                                self.window)
        dialog.submitted.connect(lambda person: self.send(
            self.controller.open_case(iid, person), self.tr("abrir el expediente")))
        self._show(dialog)

    def _show(self, dialog) -> None:
        self.dialog = dialog
        dialog.finished.connect(lambda _code: self._closed(dialog))
        dialog.open()

    def _closed(self, dialog) -> None:
        if self.dialog is dialog:
            self.dialog = None
        dialog.deleteLater()

    # --- links ---------------------------------------------------------------------
    def link_duplicate(self) -> None:
        """Ctrl+L: the selected possible duplicate joins her case (both timelines kept).

        The core has no incident-to-incident link: the duplicate is linked to the case
        of the incident shown, so it appears in her history and her case."""
        iid = self.current()
        if not iid or self.history.incident_id != iid:
            return
        dup = self.history.chosen_duplicate()
        if dup is None:
            self.say(self.tr("No hay posibles duplicados de este incidente"))
            return
        self.send(self.controller.link_incident(self.history.case_id(), dup),
                  self.tr("vincular el duplicado"))

    def confirm_suggestion(self) -> None:
        """A person confirms that the current incident belongs to a suggested case."""
        iid = self.current()
        if not iid or self.history.incident_id != iid:
            return
        cid = self.history.chosen_suggestion()
        if cid is None:
            self.say(self.tr("No hay expedientes sugeridos para este incidente"))
            return
        self.send(self.controller.link_incident(cid, iid), self.tr("vincular al expediente"))

    # --- risk ------------------------------------------------------------------------
    def assess_current(self) -> None:
        """The risk assessment of the current incident's case."""
        iid = self.current()
        cid = self.history.case_id() if iid and self.history.incident_id == iid else None
        if cid is None:
            self.say(self.tr("Este incidente no tiene expediente: ábralo primero"))
            return
        self.assess(cid)

    def assess(self, case_id: str) -> None:
        """The questionnaire for this case; saving sends ``assess_risk``."""
        if not access.may_send(self.role, "assess_risk"):
            return
        case = self.state.cases.get(case_id)
        who = case.person.name if case is not None and case.person.name else case_id
        dialog = RiskDialog(self.questionnaire, who, self.window)
        dialog.submitted.connect(lambda answers, note: self.send(
            self.controller.assess_risk(case_id, answers, note), self.tr("guardar la evaluación")))
        self._show(dialog)
