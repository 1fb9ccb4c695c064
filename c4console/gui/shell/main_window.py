"""The operator's main window: map in the centre, dockable queue, detail and units.

It lays the panels out as docks and the actions in menus. Each panel is given what it
needs — the state it shows, the typed API or the specific reads, its commands, the
window's ``tasks.run`` so its failures reach the status bar — and follows the changes it
cares about itself (``panel.follow(bridge)``); the window pushes nothing to them.

A 911 call: the screen pop opens the call-taker's form (or F1 an empty one); Enter saves it,
the new incident is selected, F4 dispatches the recommended unit.

Keyboard path from a new alarm to a dispatched unit: F2 (next new alarm),
F3 (acknowledge), F4 (dispatch the recommended unit) — or F2, F4: dispatching a
new incident acknowledges it first.
"""

from __future__ import annotations

from PySide6.QtCore import QByteArray, Qt, QTimer
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence
from PySide6.QtWidgets import QDockWidget, QMainWindow, QWidget

from c4console.core import access
from c4console.core.catalogue import Catalogue
from c4console.core.enums import IncidentStatus
from c4console.gui.audio.audio_panel import AudioPanel
from c4console.gui.audio.recordings_library import RecordingsLibrary, RecordingsService, recordings_cache
from c4console.gui.audio.replay_panel import ReplayPanel
from c4console.gui.audit.audit_view import AuditView
from c4console.gui.calls.call_actions import CallActions
from c4console.gui.calls.call_taker import CallTaker
from c4console.gui.cases.case_actions import CaseActions
from c4console.gui.cases.history_section import HistorySection
from c4console.gui.chat.chat_panel import ChatPanel
from c4console.gui.coordination.meetings_tool import MeetingsTool
from c4console.gui.devices.health_board import HealthBoard
from c4console.gui.follow_up.follow_up_panel import FollowUpPanel
from c4console.gui.follow_up.forms_opener import FollowUpForms
from c4console.gui.incidents.incident_detail import IncidentDetail
from c4console.gui.incidents.queue_model import IncidentQueueModel, queue_key
from c4console.gui.incidents.queue_panel import QueuePanel
from c4console.gui.incidents.rejections_panel import RejectionsPanel
from c4console.gui.liaison.agencies_panel import AgenciesPanel
from c4console.gui.liaison.liaison_layout import apply_liaison_layout
from c4console.gui.observatory.observatory_actions import ObservatoryActions
from c4console.gui.registry.registry_panel import RegistryPanel
from c4console.gui.reports.report_actions import ReportActions
from c4console.gui.shell.controller import ConsoleController
from c4console.gui.shell.labels import error_text, role_label
from c4console.gui.shell.mfa_dialog import MfaEnrolDialog
from c4console.gui.shell.plain_text import plain_labels
from c4console.gui.shell.role_dock import RoleDock, role_dock
from c4console.gui.shell.settings import ConsoleSettings
from c4console.gui.shell.state_bridge import StateBridge
from c4console.gui.shell.status_bar import ConsoleStatusBar
from c4console.gui.shell.tasks import Tasks
from c4console.gui.shift.handover_actions import HandoverActions
from c4console.gui.shift.roster_panel import RosterPanel
from c4console.gui.specialists.desk_actions import DeskActions, desk_readers
from c4console.gui.specialists.desk_layout import apply_desk_layout
from c4console.gui.units.unit_board import UnitBoard


class MainWindow(QMainWindow):
    """Lays out the panels, menus and shortcuts; starts the operator's actions."""

    def __init__(self, bridge: StateBridge, controller: ConsoleController, catalogue: Catalogue,
                 settings: ConsoleSettings, map_view: QWidget | None = None,
                 alerts=None, audio=None) -> None:
        super().__init__()
        self.setObjectName("mainWindow")
        self.setWindowTitle(self.tr("C4 · Consola de despacho — violencia de género"))
        self.bridge = bridge
        self.state = bridge.state
        self.controller = controller
        self.settings = settings
        self.catalogue = catalogue
        self.alerts = alerts
        self.map_view = map_view
        self.audio_panel: AudioPanel | None = None

        # Every background action goes through here: a failure reaches the operator.
        self.tasks = Tasks(self)
        self.api = controller.api
        state, run = self.state, self.tasks.run
        self.handover = HandoverActions(
            self, state, catalogue, user=lambda: self.user,
            outbox=lambda: _outbox(controller),
            say=lambda text: self.status.showMessage(text, 10000), run=run)
        self.queue_model = IncidentQueueModel(state, catalogue, self)
        self.queue = QueuePanel(self.queue_model, self)
        self.detail = IncidentDetail(state, catalogue, self, recommend=controller.recommendations)
        # Her history under the incident's place and person: visible on selection.
        self.history = HistorySection(state, catalogue, self.detail)
        self.detail.add_section(self.history)
        self.units = UnitBoard(state, self)
        self.rejections = RejectionsPanel(state, self, load=controller.rejected,
                                          dismiss=controller.dismiss, run=run)
        self.chat = ChatPanel(state, self, fetch_media=self.api.media)
        self.status = ConsoleStatusBar(self)
        self.setStatusBar(self.status)
        # The shift roster: everyone reads it, leads edit it (apply_role).
        self.user = ""
        self.roster = RosterPanel(state, self, submit=controller.submit,
                                  fetch_users=self.api.users, run=run)
        # The 911 call-taker: screen pops and F1 open its form (gui/calls/).
        self.call_taker = CallTaker(self, state, catalogue, submit=controller.submit, run=run,
                                    fetch_call=self.api.call, load_places=controller.places,
                                    select_incident=self.queue.select_incident,
                                    say=lambda text: self.status.showMessage(text, 10000))
        followers: list = [self.status, self.queue_model, self.units, self.detail, self.history,
                           self.chat, self.rejections, self.roster, self.call_taker]

        if map_view is not None:
            self.setCentralWidget(map_view)
        queue_dock = self._dock("queueDock", self.tr("Incidentes"), self.queue,
                                Qt.DockWidgetArea.LeftDockWidgetArea)
        detail_dock = self._dock("detailDock", self.tr("Detalle del incidente"), self.detail,
                                 Qt.DockWidgetArea.RightDockWidgetArea)
        unit_dock = self._dock("unitDock", self.tr("Unidades"), self.units,
                               Qt.DockWidgetArea.BottomDockWidgetArea)
        self.rejections_dock = self._dock("rejectionsDock", self.tr("Rechazadas"), self.rejections,
                                          Qt.DockWidgetArea.BottomDockWidgetArea)
        self.tabifyDockWidget(unit_dock, self.rejections_dock)
        self._dock("chatDock", self.tr("Chat de WhatsApp"), self.chat,
                   Qt.DockWidgetArea.RightDockWidgetArea)
        if audio is not None:
            self.audio_panel = AudioPanel(state, audio, self)
            followers.append(self.audio_panel)
            self._dock("audioDock", self.tr("Audio en vivo"), self.audio_panel,
                       Qt.DockWidgetArea.RightDockWidgetArea)
        roster_dock = self._dock("rosterDock", self.tr("Turno"), self.roster,
                                 Qt.DockWidgetArea.RightDockWidgetArea)
        chat_dock = self.findChild(QDockWidget, "chatDock")
        if chat_dock is not None:
            self.tabifyDockWidget(chat_dock, roster_dock)
            chat_dock.raise_()
        unit_dock.raise_()
        if map_view is not None:
            followers.append(map_view)
            self.call_taker.attach_map(map_view)
        for panel in followers:
            panel.follow(bridge)
        # First-run layout (a saved layout replaces it): the queue wide enough to
        # read priority, folio, type and place, the map keeping the middle (at 1600 px a
        # 700 px queue left the map 340 px wide); the unit board a few rows high.
        self.resizeDocks([queue_dock, detail_dock], [540, 380], Qt.Orientation.Horizontal)
        self.resizeDocks([unit_dock], [210], Qt.Orientation.Vertical)
        self._make_actions()
        self._wire()
        plain_labels(self)  # names, notes, messages: shown as text, never as markup
        self.queue_model.reset_from_state()
        self.units.model.reset_from_state()
        self._timer = QTimer(self)
        self._timer.setInterval(500)
        self._timer.timeout.connect(self._tick)
        self._timer.start()
        self.resize(1600, 950)
        self._restore_layout()
        if settings.warning:
            self.status.showMessage(self.tr("Configuración: {0}").format(settings.warning))

    # --- construction ------------------------------------------------------
    def _dock(self, name: str, title: str, widget: QWidget, area: Qt.DockWidgetArea) -> QDockWidget:
        d = QDockWidget(title, self)
        d.setObjectName(name)
        d.setWidget(widget)
        self.addDockWidget(area, d)
        return d

    def _action(self, name: str, text: str, key: str, slot, checkable: bool = False) -> QAction:
        a = QAction(text, self)
        a.setObjectName(name)
        a.setShortcut(QKeySequence(key))
        a.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
        a.setCheckable(checkable)
        a.triggered.connect(slot)
        self.addAction(a)
        return a

    def _make_actions(self) -> None:
        self.a_new_call = self._action("newCall", self.tr("Nueva llamada (F1)"), "F1",
                                       lambda: self.call_taker.new_call())
        self.a_next = self._action("nextAlarm", self.tr("Siguiente alarma (F2)"), "F2",
                                   self.select_next_new)
        self.a_ack = self._action("acknowledge", self.tr("Atender (F3)"), "F3", self.acknowledge)
        self.a_dispatch = self._action("dispatchRecommended", self.tr("Despachar recomendada (F4)"),
                                       "F4", self.dispatch_recommended)
        self.a_other = self._action("dispatchOther", self.tr("Otra unidad (F5)"), "F5",
                                    self.detail.focus_other_unit)
        self.a_advance = self._action("advance", self.tr("Avanzar estado (F6)"), "F6", self.advance)
        self.a_close = self._action("close", self.tr("Cerrar (F8)"), "F8", self.detail.focus_close)
        self.a_note = self._action("note", self.tr("Nota (Ctrl+N)"), "Ctrl+N", self.detail.focus_note)
        self.a_search = self._action("search", self.tr("Buscar (Ctrl+F)"), "Ctrl+F",
                                     self.queue.focus_search)
        self.a_mute = self._action("mute", self.tr("Silenciar voz (Ctrl+M)"), "Ctrl+M",
                                   self._mute_toggled, checkable=True)
        self.a_mute.setChecked(self.settings.muted)
        self.a_listen = self._action("listen", self.tr("Escuchar audio (F9)"), "F9", self.listen)
        self.detail.add_action_buttons([self.a_ack, self.a_dispatch, self.a_advance])
        self.case_actions = CaseActions(self, self.controller, self.history, self.current,
                                        self._send, lambda text: self.status.showMessage(text, 8000))
        self.history.add_action_buttons(self.case_actions.actions)
        # The specialist desk (gui/specialists): its dock, Atender and the intervention form.
        self.desk_actions = DeskActions(self, self.controller, self._send,
                                        lambda text: self.status.showMessage(text, 8000),
                                        select_case=self._show_case, open_chat=self._open_chat)
        self.case_actions.intervene = self.desk_actions.attend_case
        self.call_actions = CallActions(self, self.state, self.catalogue, self.controller.submit,
                                        self.current, self._send,
                                        lambda text: self.status.showMessage(text, 8000))
        self.detail.add_action_buttons(self.call_actions.actions)
        bar = self.menuBar()
        m_inc = self.m_inc = bar.addMenu(self.tr("&Incidente"))
        for a in (self.a_new_call, self.a_next, self.a_ack, self.a_dispatch, self.a_other, self.a_advance,
                  self.a_close, self.a_note, self.a_search, self.a_listen):
            m_inc.addAction(a)
        for a in self.call_actions.actions:
            m_inc.addAction(a)
        m_inc.addSeparator()
        for a in self.case_actions.actions:
            m_inc.addAction(a)
        self.a_handover_pdf = self._action(
            "handoverPdf", self.tr("Reporte de entrega de turno (PDF)…"), "", self.handover.save)
        self.a_handover_print = self._action(
            "handoverPrint", self.tr("Imprimir reporte de entrega de turno…"), "",
            self.handover.print)
        m_shift = self.m_shift = bar.addMenu(self.tr("&Turno"))
        m_shift.addAction(self.a_handover_pdf)
        m_shift.addAction(self.a_handover_print)
        # Estadística → Observatorio… (issue 14; supervisors and admins, apply_role).
        self.observatory_actions = ObservatoryActions(self)
        m_view = bar.addMenu(self.tr("&Ver"))
        m_view.addAction(self.a_mute)
        for dock in self.findChildren(QDockWidget):
            m_view.addAction(dock.toggleViewAction())
        m_account = bar.addMenu(self.tr("&Cuenta"))
        self.a_mfa = self._action("mfaEnrolAction", self.tr("Verificación en dos pasos…"), "",
                                  self.enrol_second_factor)
        m_account.addAction(self.a_mfa)
        # Estadística (issue 14): the period report and open data, for the roles that read them.
        self.report_actions = ReportActions(self, self.api, self.tasks.run)
        m_lang = bar.addMenu(self.tr("Idioma / Language"))
        for code, label in (("es", "Español"), ("en", "English")):
            a = m_lang.addAction(label)
            a.setCheckable(True)
            a.setChecked(self.settings.language == code)
            a.triggered.connect(lambda _=False, c=code: self._set_language(c))

    def enrol_second_factor(self) -> MfaEnrolDialog:
        """Account menu: bind her account to her phone's authenticator app (opened, not
        exec()'d); returns the dialog."""
        dialog = MfaEnrolDialog(self.api.mfa_enrol, self.api.mfa_confirm, self)
        dialog.finished.connect(dialog.deleteLater)
        dialog.open()
        return dialog

    def _wire(self) -> None:
        self.bridge.newIncidents.connect(self._on_new_incidents)
        self.rejections.countChanged.connect(self._rejections_counted)
        self.rejections.attention.connect(self._raise_rejections)
        self.controller.refused.connect(self._on_refused_here)
        self.tasks.failed.connect(self._on_action_failed)
        self.queue.incidentSelected.connect(self._incident_selected)
        self.chat.replyRequested.connect(
            lambda fields: self._send(self.controller.submit("chat_message", **fields),
                                     self.tr("enviar la respuesta")))
        self.units.unitSelected.connect(self._unit_selected)
        self.detail.noteEntered.connect(
            lambda i, t: self._send(self.controller.note(i, t), self.tr("agregar la nota")))
        self.detail.closeRequested.connect(self._close_requested)
        self.detail.otherUnitChosen.connect(
            lambda i, u: self._send(self.controller.dispatch(i, u), self.tr("despachar")))
        self.queue.recommend = self.controller.recommendations
        self.queue.unitDropped.connect(self._unit_dropped)
        self.queue.dragHint.connect(
            lambda text: self.status.showMessage(text, 5000) if text else None)
        self.units.statusRequested.connect(
            lambda u, st, reason: self._send(self.controller.unit_status(u, st, reason),
                                             self.tr("cambiar el estado de la unidad")))
        # A follow-up visit (a row of the Seguimiento dock) dropped on a unit's row.
        self.units.visitMoveRequested.connect(
            lambda v, u: self._send(self.controller.submit("move_visit", visit_id=v, unit_id=u),
                                    self.tr("reasignar la visita")))
        self.units.sectorRequested.connect(
            lambda u, sector: self._send(self.controller.reassign_unit(u, sector),
                                         self.tr("cambiar la unidad de sector")))
        if self.map_view is not None:
            self.map_view.incidentClicked.connect(self.queue.select_incident)
            self.map_view.unitClicked.connect(self._unit_selected)

    # --- roles -------------------------------------------------------------------
    def apply_role(self, user: str, role: str, agency_name: str = "") -> None:
        """Show this role its tools. Hiding is a convenience, not security: the central
        refuses what a role may not do. At an offline start the role is the one her cache was
        last sent for (a new cache: the operator's tools) until the central confirms it.
        ``agency_name``: her agency's, named in a liaison's title (issue 15)."""
        self.role = role
        self.status.set_user(user, role_label(role))
        shift = access.may_read(role, "handover_report")
        self.m_shift.menuAction().setVisible(shift)
        self.a_handover_pdf.setVisible(shift)
        self.a_handover_print.setVisible(shift)
        self.units.allow_out_of_service(
            access.may_send(role, "unit_status", status="out_of_service"))
        self.user = user
        self.queue_model.set_user(user)
        self.call_taker.set_role(role)  # a liaison's console does not ask for the places
        self.call_taker.set_user(user)  # screen pops addressed to this user open the form
        sectors = self.state.jurisdiction.sectors()  # the central's (sync/jurisdiction.py)
        self.roster.apply_role(role, sectors)
        # Sectors as drop targets to reassign a patrol: the roles the central lets (LEADS).
        self.units.show_sector_targets(sectors if access.may_send(role, "reassign_unit") else None)
        # The recordings library and replay, the audit log, the beneficiary registry: built
        # for the first role allowed them (core/access.py), then shown or hidden.
        replay = access.may_read(role, "recordings") and access.may_read(role, "replay")
        role_dock(self, "recordings", replay, self._recordings_dock)
        self.detail.set_replay_enabled(replay)
        role_dock(self, "audit", access.may_read(role, "audit"), self._audit_dock)
        role_dock(self, "registry", access.may_send(role, "update_beneficiary"),
                  self._registry_dock)
        # Device health: every role works the call tasks it receives; the board's device
        # list holds what the central sends this role (none for an operator).
        role_dock(self, "health", access.may_send(role, "record_health_call"), self._health_dock)
        self.case_actions.apply_role(role)  # the risk assessment and the Expedientes panel
        self.report_actions.apply_role(role)  # Estadística: supervisors and admins
        self.observatory_actions.apply_role(role)
        # Fuerza Rosa's follow-up (issue 13): the shift leads and supervisors move visits
        # and follow the overdue list; operators record what the crews report of a visit.
        tool = role_dock(self, "follow_up", access.may_send(role, "visit_outcome"),
                         self._follow_up_dock)
        if tool is not None:
            tool.panel.set_can_move(access.may_send(role, "move_visit"))
        # Coordination meetings with other agencies (issue 15): those who convene them.
        role_dock(self, "meetings_tool", MeetingsTool.allowed(role), self._meetings_dock)
        # The specialist desk: its roles attend it, supervisors read it; a specialist's
        # window is the desk and her case (gui/specialists/desk_layout.py).
        role_dock(self, "desk", desk_readers(role), self.desk_actions.build_dock)
        self.desk_actions.apply_role(role)
        apply_desk_layout(self, role)
        # Agencies (issue 15): the admin's window on them; a liaison's window is her
        # agency's shared cases and the coordination tools (gui/liaison/liaison_layout.py).
        role_dock(self, "agencies_tool", access.may_read(role, "agency_admin"),
                  self._agencies_dock)
        apply_liaison_layout(self, role, agency_name)

    def _show_case(self, case_id: str) -> None:
        """Expedientes in front with her case selected (the desk's Atender)."""
        tool = getattr(self, "cases_tool", None)
        if tool is not None:
            tool.open()
            self.case_actions.panel.select_case(case_id)

    def _open_chat(self, iid: str) -> None:
        """Her WhatsApp conversation in the chat dock (a WhatsApp follow-up)."""
        dock = self.findChild(QDockWidget, "chatDock")
        if dock is not None:
            dock.show()
            dock.raise_()
        self.chat.show_incident(iid)

    def _follow_up_dock(self) -> RoleDock:
        def send(command: str, fields: dict, what: str) -> None:
            self._send(self.controller.submit(command, **fields), what)

        panel = FollowUpPanel(self.state, send, self)
        panel.follow(self.bridge)
        self.follow_up_forms = FollowUpForms(self, self.state, send,
                                             lambda text: self.status.showMessage(text, 8000))
        panel.formRequested.connect(self.follow_up_forms.open)
        return RoleDock(self, "followUpDock", self.tr("Seguimiento"), panel,
                        menu=self.tr("&Seguimiento"),
                        open_text=self.tr("Seguimiento de órdenes de protección…"),
                        open_name="followUpAction", on_open=panel.refresh)

    def _meetings_dock(self) -> RoleDock:
        self.meetings = MeetingsTool(self, self.controller, lambda: self.user,
                                     lambda text: self.status.showMessage(text, 8000),
                                     role=lambda: self.role)
        return self.meetings.build_dock()

    def _recordings_dock(self) -> RoleDock:
        service = RecordingsService(self.api, recordings_cache(self.settings))
        library = RecordingsLibrary(service, self.state, self)
        self.replay = ReplayPanel(self.state, self, service=service, row_of=library.row_of,
                                  submit=self.controller.submit, run=self.tasks.run)
        self.replay.follow(self.bridge)
        tool = RoleDock(self, "recordingsDock", self.tr("Grabaciones"), library,
                        menu=self.tr("&Grabaciones"), open_text=self.tr("Biblioteca de grabaciones"),
                        open_name="recordingsLibraryAction", start_hidden=False,
                        on_open=lambda: self.tasks.run(library.reload(),
                                                       self.tr("leer las grabaciones")))
        replay_dock = tool.add_dock("replayDock", self.tr("Reproducción"), self.replay)
        tool.list_docks_in_menu()
        tool.on_hidden = self.replay.stop
        library.openRequested.connect(self.replay.open)
        self.detail.replayRequested.connect(self.replay.open)
        self.replay.opening.connect(lambda _sid: tool.raise_dock(replay_dock))
        self.replay.opened.connect(lambda _sid: library.apply_filters())  # the cache column
        return tool

    def _agencies_dock(self) -> RoleDock:
        panel = AgenciesPanel(self.api, self.tasks.run, self)
        return RoleDock(self, "agenciesDock", self.tr("Instituciones"), panel,
                        menu=self.tr("&Administración"), open_text=self.tr("Instituciones…"),
                        open_name="agenciesAction", area=Qt.DockWidgetArea.RightDockWidgetArea,
                        on_open=panel.reload)

    def _audit_dock(self) -> RoleDock:
        view = AuditView(self.api.audit, self.api.audit_csv, self)
        return RoleDock(self, "auditDock", self.tr("Bitácora de auditoría"), view,
                        menu=self.tr("&Auditoría"), open_text=self.tr("Bitácora de auditoría…"),
                        open_name="auditAction",
                        on_open=lambda: self.tasks.run(view.reload(),
                                                       self.tr("leer la bitácora")))

    def _health_dock(self) -> RoleDock:
        board = HealthBoard(self.state, self, record_health_call=self.controller.record_health_call,
                            run=self.tasks.run)
        board.follow(self.bridge)
        return RoleDock(self, "healthDock", self.tr("Salud de dispositivos"), board,
                        menu=self.tr("&Dispositivos"),
                        open_text=self.tr("Salud de dispositivos y llamadas…"),
                        open_name="healthAction", area=Qt.DockWidgetArea.RightDockWidgetArea,
                        on_open=board.refresh)

    def _registry_dock(self) -> RoleDock:
        panel = RegistryPanel(self.state, self, update_beneficiary=self.controller.update_beneficiary,
                              start_device_test=self.controller.start_device_test,
                              cancel_device_test=self.controller.cancel_device_test, api=self.api,
                              jurisdiction=self.state.jurisdiction.parsed, run=self.tasks.run,
                              submit=self.controller.submit)
        panel.follow(self.bridge)
        panel.attach_map(self.map_view)
        tool = RoleDock(self, "registryDock", self.tr("Padrón de beneficiarias"), panel,
                        menu=self.tr("&Padrón"), open_text=self.tr("Padrón de beneficiarias…"),
                        open_name="registryAction", area=Qt.DockWidgetArea.RightDockWidgetArea,
                        on_open=panel.refresh)
        tool.dock.visibilityChanged.connect(panel.home_picker.set_shown)
        tool.add_action(panel.import_action)
        return tool

    def enable_idle_lock(self, operator: str, password_hash: str, minutes: float) -> None:
        """Cover the window after ``minutes`` without input; the login password unlocks.

        While locked, the window's shortcuts (F2 acknowledge, F4 dispatch…) are off:
        nobody acts on data they cannot see.
        """
        from c4console.gui.shell.idle_lock import IdleWatch, LockCover

        self.lock_cover = LockCover(operator, password_hash, self)
        plain_labels(self.lock_cover)
        self.idle_watch = IdleWatch(self, minutes, self)
        self.idle_watch.idle.connect(self.lock_cover.lock)
        self.lock_cover.locked_changed.connect(self._set_actions_locked)

    def _set_actions_locked(self, locked: bool) -> None:
        off = getattr(self, "liaison_disabled", set())  # a liaison's window keeps these off
        for action in self.actions():
            action.setEnabled(not locked and action not in off)
        self.menuBar().setEnabled(not locked)

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        cover = getattr(self, "lock_cover", None)
        if cover is not None:
            cover.setGeometry(self.rect())

    def _on_new_incidents(self, ids: list[str]) -> None:
        cover = getattr(self, "lock_cover", None)
        if cover is not None and cover.locked:
            cover.count_alarm(len(ids))
        if self.alerts is not None:
            self.alerts.announce([i for i in map(self.state.incident, ids) if i is not None])

    async def refresh_rejections(self, raise_panel: bool = False) -> None:
        """Reload the refused, undismissed commands from the outbox."""
        await self.rejections.reload(raise_panel)

    def _rejections_counted(self, n: int) -> None:
        self.rejections_dock.setWindowTitle(self.tr("Rechazadas ({0})").format(n))

    def _raise_rejections(self) -> None:
        self.rejections_dock.show()
        self.rejections_dock.raise_()

    # --- actions that fail before reaching the central ------------------------------
    def _send(self, coro, what: str) -> None:
        """Run an operator's command action; if it fails (the outbox write, a rule that
        raises…), the status bar says so and *Rechazadas* lists it (nothing was sent)."""
        self.tasks.run(coro, what, on_error=lambda e: self._list_unsent(
            self.tr("{0}: {1}").format(what, error_text(e))))

    def _on_action_failed(self, what: str, error: BaseException) -> None:
        self.status.showMessage(self.tr("No se pudo {0}: {1}").format(what, error_text(error)),
                                15000)

    def _on_refused_here(self, message: str) -> None:
        """The console itself refused an action (the controller says why)."""
        self.status.showMessage(message, 8000)
        self._list_unsent(message)

    def _list_unsent(self, text: str) -> None:
        # Listed and counted in the tab's title, not raised: the panel the operator is
        # working in (often the unit board, in the same tabs) stays in front.
        self.rejections.add_local(text)

    def _tick(self) -> None:
        self.queue_model.tick()  # also her desk, as shifts start and end
        self.units.model.tick()
        self.detail.tick()
        self.status.tick()
        if self.audio_panel is not None:
            self.audio_panel.tick()

    # --- selection -----------------------------------------------------------
    def _incident_selected(self, iid: str) -> None:
        self.detail.show_incident(iid)
        self.history.show_incident(iid)
        self.chat.show_incident(iid)
        if self.map_view is not None:
            self.map_view.select_incident(iid)
        audio = self.audio_panel.offer(iid) if self.audio_panel is not None else None
        if audio is not None:
            self.status.showMessage(self.tr("{0} tiene audio en vivo: F9 para escuchar").format(
                audio.folio), 8000)

    def _unit_selected(self, uid: str) -> None:
        self.units.select_unit(uid)
        if self.map_view is not None:
            self.map_view.select_unit(uid)
        u = self.state.unit(uid)
        if u is not None and u.incident_id:
            self.queue.select_incident(u.incident_id)

    def current(self) -> str | None:
        """The incident the operator is working on."""
        return self.detail.incident_id or self.queue.current_incident()

    # --- actions ---------------------------------------------------------------
    def select_next_new(self) -> None:
        """F2: the most urgent, longest-waiting new alarm."""
        new = [i for i in self.state.all_incidents() if i.status is IncidentStatus.NEW]
        if not new:
            self.status.showMessage(self.tr("No hay alarmas nuevas"), 5000)
            return
        desk = self.queue_model.desk
        self.queue.select_incident(min(new, key=lambda i: queue_key(i, desk)).id)

    def acknowledge(self) -> None:
        """F3."""
        if (iid := self.current()) is not None:
            self._send(self.controller.acknowledge(iid), self.tr("atender"))

    def dispatch_recommended(self) -> None:
        """F4."""
        if (iid := self.current()) is not None:
            self._send(self.controller.dispatch(iid), self.tr("despachar la recomendada"))

    def advance(self) -> None:
        """F6."""
        if (iid := self.current()) is not None:
            self._send(self.controller.advance(iid), self.tr("avanzar el estado"))

    def listen(self) -> None:
        """F9: listen to the live audio of the current incident (or the one selected in the panel)."""
        if self.audio_panel is None:
            return
        if (iid := self.current()) is not None:
            self.audio_panel.offer(iid)
        self.audio_panel.listen_selected()

    def _unit_dropped(self, iid: str, uid: str) -> None:
        """A unit dragged from the board onto a queue row: dispatch it there."""
        inc, unit = self.state.incident(iid), self.state.unit(uid)
        if inc is not None and unit is not None:
            self.status.showMessage(self.tr("Despachando {0} a {1}").format(
                unit.callsign, inc.folio), 8000)
        self._send(self.controller.dispatch(iid, uid), self.tr("despachar"))

    def _close_requested(self, iid: str, status: str, disposition: str) -> None:
        if status == "closed" and not disposition:
            self.status.showMessage(self.tr("Escriba la disposición para cerrar"), 8000)
            self.detail.focus_close()
            return
        self._send(self.controller.close(iid, status, disposition), self.tr("cerrar"))
        self.detail.disposition.clear()

    def _mute_toggled(self, muted: bool) -> None:
        self.settings.muted = muted
        self.settings.save()
        if self.alerts is not None:
            self.alerts.set_muted(muted)

    def _set_language(self, code: str) -> None:
        self.settings.language = code
        self.settings.save()
        self.status.showMessage(self.tr("El idioma se aplicará al reiniciar la consola"), 8000)

    # --- layout persistence ---------------------------------------------------
    def _restore_layout(self) -> None:
        q = self.settings.qsettings
        geo, state = q.value("window/geometry"), q.value("window/state")
        if isinstance(geo, QByteArray):
            self.restoreGeometry(geo)
        if isinstance(state, QByteArray):
            self.restoreState(state)

    def save_layout(self) -> None:
        """Persist the dock layout and window geometry."""
        q = self.settings.qsettings
        q.setValue("window/geometry", self.saveGeometry())
        q.setValue("window/state", self.saveState())
        q.sync()

    def closeEvent(self, event: QCloseEvent) -> None:
        self.save_layout()
        super().closeEvent(event)


async def _outbox(controller: ConsoleController) -> list:
    """This console's pending and refused commands (for the handover report)."""
    return await controller.pending() + await controller.rejected()
