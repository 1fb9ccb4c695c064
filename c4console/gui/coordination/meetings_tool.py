"""The *Mesas de coordinación* tool (issue 15) for supervisors and the specialist desk: the
role dock with the meetings list, *Nueva mesa…*, a meeting opened in its dialog with the
agenda the central prepares, attendance, cases, agreements, tasks, the chair's signature and
the minutes saved as PDF.

Commands (``schedule_meeting``, ``record_attendance``, ``add_case_to_meeting``,
``record_agreement``, ``assign_task``, ``sign_minutes``) go through the controller's outbox;
the meetings and tasks come back on the feed into the console state; the agenda and the
minutes are read through the sync layer's API on the event loop (never blocking the window),
as the referral letter is. The central's refusals are shown in the dialog in plain Spanish.

The agencies are read from the central (``GET /agencies``, for the roles that may) when the
tool opens and before *Nueva mesa…* shows its form, which offers every one of them but the C4;
the list, the form and the meeting show them by name. With the central away the form still
opens, with the agencies the console knows, and says the names could not be read."""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import date
from pathlib import Path

from PySide6.QtCore import QObject, Qt, QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QFileDialog, QMainWindow

from c4console.core import access
from c4console.core.agencies.records import C4_AGENCY
from c4console.core.coordination.records import Meeting
from c4console.gui.coordination.meeting_dialog import MeetingDialog
from c4console.gui.coordination.meetings_panel import MeetingsPanel
from c4console.gui.coordination.new_meeting_dialog import NewMeetingDialog
from c4console.gui.shell.agency_names import agency_label, read_agencies
from c4console.gui.shell.controller import ConsoleController
from c4console.gui.shell.role_dock import RoleDock
from c4console.gui.shell.tasks import run_async
from c4console.platform_support import write_private

log = logging.getLogger(__name__)
SCHEDULE = "schedule_meeting"
NEW = ""  # the key's target while the meeting is the new-meeting form's


class MeetingsTool(QObject):
    """The dock, its dialogs, their commands and reads."""

    def __init__(self, window: QMainWindow, controller: ConsoleController,
                 user: Callable[[], str], say: Callable[[str], None], *,
                 role: Callable[[], str], today: Callable[[], date] = date.today) -> None:
        """``user``, ``role``: the logged-in account's; ``say``: a line in the status bar."""
        super().__init__(window)
        self.window, self.controller, self.state = window, controller, controller.state
        self.user, self.role, self.say, self.today = user, role, say, today
        self.agency_names: dict[str, str] = {}  # agency id → name, as last read from the central
        self.new_dialog: NewMeetingDialog | None = None  # the one open (tests fill it)
        self.dialog: MeetingDialog | None = None
        self.agendas: dict[str, dict] = {}  # meeting id → the agenda last read
        self.last_minutes: Path | None = None
        self._keys: dict[str, str] = {}  # our commands waiting for an answer → meeting id / NEW
        controller.bridge.commandRejected.connect(self._rejected)
        controller.bridge.touched.connect(self._touched)

    @staticmethod
    def allowed(role: str) -> bool:
        """The roles that convene meetings (core/access.py): supervisors, the specialist desk."""
        return access.may_send(role, SCHEDULE)

    def build_dock(self) -> RoleDock:
        """The dock (built for the first role allowed it)."""
        self.panel = MeetingsPanel(self.state, self.window)
        self.panel.follow(self.controller.bridge)
        self.panel.newRequested.connect(self.new_meeting)
        self.panel.openRequested.connect(self.open_meeting)
        return RoleDock(self.window, "meetingsDock", self.tr("Mesas de coordinación"), self.panel,
                        menu=self.tr("&Coordinación"), open_text=self.tr("Mesas de coordinación…"),
                        open_name="meetingsAction", area=Qt.DockWidgetArea.RightDockWidgetArea,
                        on_open=self._opened)

    def _opened(self) -> None:
        self.panel.refresh()
        self.load_agencies()

    # --- the agencies, by name ----------------------------------------------------------------
    def may_read_agencies(self) -> bool:
        """Whether this role may read the agencies from the central (core/access.py)."""
        return access.may_read(self.role(), "agencies")

    def load_agencies(self) -> None:
        """Read the agencies' names from the central (on the loop), if this role may; a
        failure is said in the status bar (ids are shown meanwhile)."""
        if self.may_read_agencies():
            run_async(self.read_agencies(), what="leer las instituciones",
                      on_error=lambda e: self.say(self._names_not_read(e)))

    async def read_agencies(self) -> dict[str, str]:
        """The agencies from the central (id → name), shown wherever the tool names one."""
        self.agency_names = (await read_agencies(self.controller.api)).names
        self.panel.set_agency_names(self.agency_names)
        meeting = self.state.meetings.get(self.dialog.meeting_id) if self.dialog is not None else None
        if meeting is not None:
            self._show(meeting)
            if meeting.id in self.agendas:
                self.dialog.show_agenda(self.agendas[meeting.id])
        return self.agency_names

    def agency_name(self, agency_id: str) -> str:
        """An agency as a person reads it: its name, its id while the name is unknown."""
        return agency_label(self.agency_names, agency_id)

    def _names_not_read(self, error: BaseException) -> str:
        return self.tr("No se pudieron leer las instituciones de la central ({0}): se muestran "
                       "las que la consola conoce.").format(error)

    # --- what the console knows -------------------------------------------------------------
    def known_agencies(self) -> list[str]:
        """The agencies the cache knows: those her cases are shared with today and those of
        earlier meetings (never the C4: it convenes)."""
        today = self.today()
        shared = [s.agency_id for s in self.state.case_shares.values() if s.in_force(today)]
        met = [a for m in self.state.meetings.values() for a in m.agencies]
        return sorted(set(shared + met) - {C4_AGENCY})

    def offered_agencies(self) -> list[str]:
        """The agencies a meeting can invite: every one read from the central and those the
        cache knows (never the C4), by name."""
        ids = (set(self.known_agencies()) | set(self.agency_names)) - {C4_AGENCY}
        return sorted(ids, key=lambda a: (self.agency_name(a).casefold(), a))

    def _case_choices(self, meeting: Meeting) -> list[tuple[str, str]]:
        """The agenda's cases first, then the cases shared with an agency at the table."""
        out: dict[str, str] = {}
        for c in self.agendas.get(meeting.id, {}).get("cases", []):
            out[c["case_id"]] = f"{c['case_id']} · {c['name']} · {c['risk_level']}"
        today = self.today()
        for share in self.state.case_shares.values():
            if share.agency_id in meeting.agencies and share.in_force(today):
                case = self.state.cases.get(share.case_id)
                name = case.person.name if case is not None else ""
                out.setdefault(share.case_id, f"{share.case_id} · {name}")
        return list(out.items())

    def tasks_of(self, meeting_id: str) -> list:
        """The tasks of one meeting the cache holds."""
        return [t for t in self.state.coordination_tasks.values() if t.meeting_id == meeting_id]

    # --- Nueva mesa ---------------------------------------------------------------------------
    def new_meeting(self) -> None:
        """The form of a new meeting, once the agencies are read (on the loop)."""
        run_async(self.open_new_meeting(), what="nueva mesa",
                  on_error=lambda e: self.say(self.tr("No se pudo abrir la mesa nueva: {0}").format(e)))

    async def open_new_meeting(self) -> NewMeetingDialog:
        """Read the agencies (if this role may), then show the form (returned). If the read
        fails the form still opens, with the agencies the console knows, and says why."""
        problem = ""
        if self.may_read_agencies():
            try:
                await self.read_agencies()
            except Exception as e:  # the central away, or refusing: the form opens without it
                log.warning("agencies not read for a new meeting: %s", e)
                problem = self._names_not_read(e)
                self.say(problem)
        if self.new_dialog is not None:
            self.new_dialog.close()
        dialog = NewMeetingDialog([(a, self.agency_name(a)) for a in self.offered_agencies()],
                                  self.user(), self.window)
        dialog.problem.setText(problem)
        dialog.submitted.connect(lambda fields: self._send(SCHEDULE, fields, NEW))
        dialog.finished.connect(lambda _code: self._closed_new(dialog))
        self.new_dialog = dialog
        dialog.show()
        return dialog

    def _closed_new(self, dialog: NewMeetingDialog) -> None:
        if self.new_dialog is dialog:
            self.new_dialog = None
        dialog.deleteLater()

    # --- a meeting ------------------------------------------------------------------------------
    def open_meeting(self, meeting_id: str) -> None:
        """Its dialog, and its agenda asked of the central."""
        meeting = self.state.meetings.get(meeting_id)
        if meeting is None:
            return
        if self.dialog is not None:
            self.dialog.close()
        dialog = MeetingDialog(meeting_id, self.window, agency_name=self.agency_name)
        dialog.commandRequested.connect(lambda kind, fields: self._send(kind, fields, meeting_id))
        dialog.agendaRequested.connect(self.fetch_agenda)
        dialog.minutesRequested.connect(self.choose_and_save_minutes)
        dialog.finished.connect(lambda _code: self._closed(dialog))
        self.dialog = dialog
        self._show(meeting)
        dialog.show()
        self.fetch_agenda(meeting_id)

    def _show(self, meeting: Meeting) -> None:
        dialog = self.dialog
        if dialog is None or dialog.meeting_id != meeting.id:
            return
        dialog.show_meeting(meeting, self.tasks_of(meeting.id), self.user(),
                            self.offered_agencies())
        dialog.set_case_choices(self._case_choices(meeting))

    def _closed(self, dialog: MeetingDialog) -> None:
        if self.dialog is dialog:
            self.dialog = None
        dialog.deleteLater()

    def fetch_agenda(self, meeting_id: str) -> None:
        """Ask the central for the meeting's agenda (on the loop), then show it."""
        run_async(self.load_agenda(meeting_id), what="orden del día de la mesa",
                  on_error=lambda e: self._say_in_dialog(
                      meeting_id, self.tr("No se pudo leer el orden del día: {0}").format(e)))

    async def load_agenda(self, meeting_id: str) -> dict:
        """The agenda of ``meeting_id`` from the central, shown in its dialog if open."""
        agenda = await self.controller.api.meeting_agenda(meeting_id)
        self.agendas[meeting_id] = agenda
        dialog = self.dialog
        if dialog is not None and dialog.meeting_id == meeting_id:
            dialog.show_agenda(agenda)
            meeting = self.state.meetings.get(meeting_id)
            if meeting is not None:
                dialog.set_case_choices(self._case_choices(meeting))
        return agenda

    def _say_in_dialog(self, meeting_id: str, text: str) -> None:
        if self.dialog is not None and self.dialog.meeting_id == meeting_id:
            self.dialog.say(text)
        else:
            self.say(text)

    # --- the minutes ---------------------------------------------------------------------------
    def choose_and_save_minutes(self, meeting_id: str) -> None:
        """Ask where, then fetch the minutes, save them there and open them."""
        meeting = self.state.meetings.get(meeting_id)
        day = meeting.date if meeting is not None else "mesa"
        path, _ = QFileDialog.getSaveFileName(
            self.window, self.tr("Guardar la minuta de la mesa"),
            str(Path.home() / f"minuta-{day}.pdf"), self.tr("PDF (*.pdf)"))
        if path:
            run_async(self.save_minutes(meeting_id, Path(path)), what="minuta de la mesa",
                      on_error=lambda e: self._say_in_dialog(
                          meeting_id, self.tr("No se pudo guardar la minuta: {0}").format(e)))

    async def save_minutes(self, meeting_id: str, path: Path, *, open_it: bool = True) -> Path:
        """The central's minutes of ``meeting_id`` written to ``path`` (then opened with the
        system's PDF viewer, unless ``open_it`` is false)."""
        pdf = await self.controller.api.meeting_minutes(meeting_id)
        write_private(path, pdf)  # names of the people present and her case: kept private
        self.last_minutes = path
        self._say_in_dialog(meeting_id, self.tr("Minuta guardada en {0}").format(path))
        if open_it:
            QDesktopServices.openUrl(QUrl.fromLocalFile(str(path)))
        return path

    # --- commands and the central's answers -------------------------------------------------
    def _send(self, kind: str, fields: dict, target: str) -> None:
        run_async(self._submit(kind, fields, target), what=kind,
                  on_error=lambda e: self._say_in_dialog(
                      target, self.tr("No se pudo guardar: {0}").format(e)))

    async def _submit(self, kind: str, fields: dict, target: str) -> None:
        key = await self.controller.submit(kind, **fields)
        self._keys[key] = target

    def _rejected(self, result: dict) -> None:
        target = self._keys.pop(result.get("key", ""), None)
        if target is None:
            return
        reason = str(result.get("reason", ""))
        if target == NEW and self.new_dialog is not None:
            self.new_dialog.show_refusal(reason)
        elif self.dialog is not None and self.dialog.meeting_id == target:
            self.dialog.show_refusal(reason)

    def _touched(self, t) -> None:
        if not t.coordination:
            return
        new = self.new_dialog
        if new is not None and new.sent_id and new.sent_id in self.state.meetings:
            mid = new.sent_id
            new.accept()
            self.say(self.tr("Mesa programada"))
            self.open_meeting(mid)
            return
        dialog = self.dialog
        meeting = self.state.meetings.get(dialog.meeting_id) if dialog is not None else None
        if meeting is not None:
            self._show(meeting)
            if dialog.sending:
                dialog.say(self.tr("Registrado en la central"))
