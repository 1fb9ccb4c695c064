"""The specialist desk in the window: the "Mesa de especialistas" role dock (the desk's
roles attend it; supervisors read it), "Atender" on a row — her case selected in
Expedientes, the intervention form beside it, her WhatsApp chat for a WhatsApp follow-up —
and the form's commands (``record_intervention``, then ``schedule_follow_up``) through
the controller's outbox, with the central's refusals shown in the form."""

from __future__ import annotations

import datetime as dt
import time
from collections.abc import Callable, Coroutine
from datetime import tzinfo
from typing import Any

from PySide6.QtCore import QObject, Qt
from PySide6.QtWidgets import QDockWidget, QMainWindow

from c4console.core import access
from c4console.core.access import Role
from c4console.core.enums import Channel
from c4console.core.specialists.commands import DESKS_OF_KIND
from c4console.core.specialists.queue import ROW_FOLLOW_UP, DeskRow
from c4console.core.specialists.records import KINDS
from c4console.core.specialists.timing import propose_timing
from c4console.gui.shell.controller import ConsoleController
from c4console.gui.shell.role_dock import RoleDock
from c4console.gui.specialists.desk_panel import DeskPanel
from c4console.gui.specialists.intervention_form import Episode, InterventionForm

Send = Callable[[Coroutine[Any, Any, Any], str], None]
RECORD = "record_intervention"
SCHEDULE = "schedule_follow_up"


def kinds_of(role: str) -> list[str]:
    """The intervention kinds ``role`` may record (core/access.py)."""
    return [k for k in KINDS if access.command_refusal(role, {"type": RECORD, "kind": k}) is None]


def desks_of(role: str) -> frozenset[str] | None:
    """The desks whose referrals ``role`` answers (a referral handed to both desks stays on
    the lawyer's desk after the psychologist answered it); None: a reader of every row."""
    kinds = kinds_of(role)
    return frozenset(d for k in kinds for d in DESKS_OF_KIND[k]) if kinds else None


def desk_readers(role: str) -> bool:
    """The roles shown the desk: its own roles (they attend it) and supervisors (they read)."""
    return role in access.SPECIALISTS or role == Role.SUPERVISOR


class DeskActions(QObject):
    """The desk's dock, its Atender, and the intervention form's commands."""

    def __init__(self, window: QMainWindow, controller: ConsoleController, send: Send,
                 say: Callable[[str], None], *, select_case: Callable[[str], None],
                 open_chat: Callable[[str], None], now: Callable[[], float] = time.time,
                 tz: tzinfo | None = None) -> None:
        super().__init__(window)
        self.window, self.controller, self.state = window, controller, controller.state
        self.send, self.say = send, say
        self.select_case, self.open_chat = select_case, open_chat
        self.now, self.tz = now, tz
        self.role = ""
        self.form: InterventionForm | None = None  # the one open (tests fill it)
        self._keys: dict[str, str] = {}  # our commands waiting for the central → their type
        controller.saved.connect(self._saved)
        controller.bridge.commandRejected.connect(self._rejected)
        controller.bridge.touched.connect(self._touched)

    def build_dock(self) -> RoleDock:
        """The dock (built for the first role shown the desk)."""
        self.panel = DeskPanel(self.state, self.window, now=self.now, tz=self.tz)
        self.panel.model.desks = desks_of(self.role)
        self.panel.follow(self.controller.bridge)
        self.panel.attendRequested.connect(self.attend)
        tool = RoleDock(self.window, "deskDock", self.tr("Mesa de especialistas"), self.panel,
                        menu=self.tr("&Especialistas"), open_text=self.tr("Mesa de especialistas…"),
                        open_name="deskAction", area=Qt.DockWidgetArea.LeftDockWidgetArea,
                        on_open=self.panel.tick)
        queue = self.window.findChild(QDockWidget, "queueDock")
        if queue is not None:  # where the dispatch queue is (specialists do not see that one)
            self.window.tabifyDockWidget(queue, tool.dock)
            tool.dock.hide()
        return tool

    def apply_role(self, role: str) -> None:
        """The desk's roles attend; a supervisor only reads the queue."""
        self.role = role
        if hasattr(self, "panel"):
            self.panel.model.desks = desks_of(role)
            self.panel.set_read_only(not kinds_of(role))
            self.panel.model.refresh()

    def set_clock(self, now: Callable[[], float]) -> None:
        """The desk's clock (its queue's days and timers, the form's times): tests move it
        to a follow-up's day instead of waiting for it."""
        self.now = now
        if hasattr(self, "panel"):
            self.panel.model.now = now
            self.panel.tick()

    # --- Atender --------------------------------------------------------------------------
    def attend(self, row: DeskRow) -> None:
        """Open her case in Expedientes and the intervention form beside it (and her
        WhatsApp chat for a WhatsApp follow-up)."""
        kinds = kinds_of(self.role)
        if not kinds:
            return
        case = self.state.cases.get(row.case_id or "")
        if case is None:
            self.say(self.tr("Esta solicitud no tiene expediente: ábralo desde su incidente"))
            return
        self.select_case(case.id)
        rec = row.record
        follow_up = rec if row.kind == ROW_FOLLOW_UP else None
        episodes = self._episodes(case, None if follow_up else rec.incident_id)
        if follow_up is not None and follow_up.channel == Channel.WHATSAPP.value:
            chat = self._whatsapp_incident(case)
            if chat is not None:
                self.open_chat(chat)
        channel = follow_up.channel if follow_up else ("llamada_911" if rec.call_id else
                                                       "linea_telefonica")
        self._open_form(case, kinds, episodes, channel,
                        referral_id=None if follow_up else rec.id, follow_up=follow_up)

    def attend_case(self, case_id: str) -> None:
        """Registrar intervención on her case outside the queue (Expedientes): the form
        beside her case, answering nothing in the queue."""
        kinds = kinds_of(self.role)
        case = self.state.cases.get(case_id)
        if not kinds or case is None:
            return
        self._open_form(case, kinds, self._episodes(case, None), "linea_telefonica")

    def _open_form(self, case, kinds: list[str], episodes: list[Episode], channel: str, *,
                   referral_id: str | None = None, follow_up=None) -> None:
        if self.form is not None:
            self.form.close()
        form = InterventionForm(
            case.id, case.person.name or case.id, kinds, episodes,
            lambda iid, at, start: self._propose(case.id, iid, at, start, follow_up),
            channel=channel, referral_id=referral_id,
            follow_up_id=follow_up.id if follow_up else None, now=self.now, parent=self.window)
        form.submitted.connect(self._submit)
        form.finished.connect(lambda _code: self._closed(form))
        self.form = form
        form.show()
        form.raise_()

    def _episodes(self, case, first: str | None) -> list[Episode]:
        """Her episodes (the row's incident first), with when each happened: her case's
        episodes and incidents, and the incidents her referrals and interventions name
        (a call handed over is not always linked to her case)."""
        at = {e.incident_id: e.occurred_at for e in case.episodes}
        for i in self.state.interventions.values():
            if i.case_id == case.id and i.episode_incident_id and i.episode_at is not None:
                at.setdefault(i.episode_incident_id, i.episode_at)
        handed = sorted((r for r in self.state.referrals.values()
                         if r.case_id == case.id and r.incident_id),
                        key=lambda r: -r.handed_at)
        ids = [i for i in (first, *(r.incident_id for r in handed), *at, *case.incident_ids) if i]
        out, seen = [], set()
        for iid in ids:
            if iid in seen:
                continue
            seen.add(iid)
            inc = self.state.incident(iid)
            when = at.get(iid, inc.created_at if inc is not None else None)
            folio = inc.folio if inc is not None else iid
            day = dt.datetime.fromtimestamp(when, self.tz).strftime("%Y-%m-%d %H:%M") if when else "—"
            out.append(Episode(iid, f"{folio} · {day}", when))
        return out

    def _propose(self, case_id: str, iid: str | None, at: float | None, start: float,
                 follow_up) -> str:
        prior = [i for i in self.state.interventions.values()
                 if i.case_id == case_id and iid is not None and i.episode_incident_id == iid]
        return propose_timing(at, prior, start, follow_up)

    def _whatsapp_incident(self, case) -> str | None:
        chats = [i for i in map(self.state.incident, case.incident_ids)
                 if i is not None and i.channel is Channel.WHATSAPP]
        return max(chats, key=lambda i: i.created_at).id if chats else None

    def _closed(self, form: InterventionForm) -> None:
        if self.form is form:
            self.form = None
        form.deleteLater()

    # --- the commands and the central's answers -------------------------------------------
    def _submit(self, fields: dict, follow_up: dict | None) -> None:
        self.send(self.controller.submit(RECORD, **fields), self.tr("registrar la intervención"))
        if follow_up is not None:
            self.send(self.controller.submit(SCHEDULE, **follow_up),
                      self.tr("agendar el próximo contacto"))

    def _saved(self, key: str, type_: str) -> None:
        if type_ in (RECORD, SCHEDULE) and self.form is not None:
            self._keys[key] = type_

    def _rejected(self, result: dict) -> None:
        if result.get("key") in self._keys:
            del self._keys[result["key"]]
            if self.form is not None:
                self.form.show_refusal(str(result.get("reason", "")), str(result.get("message", "")))

    def _touched(self, t) -> None:
        form = self.form
        if form is None or not (t.interventions or t.desk_follow_ups):
            return
        if form.next_id in self.state.desk_follow_ups:
            form.next_scheduled = True  # a retry after a refusal does not schedule it twice
        stored = form.intervention_id in self.state.interventions
        if stored and (not form.next.isChecked() or form.next_scheduled):
            self.say(self.tr("Intervención registrada"))
            form.accept()
