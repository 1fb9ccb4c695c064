"""The call-taker: opens the form for each screen pop addressed to this operator (one form
per call id, however many screen pops), and an empty one with F1; sends what the form
hands over through the console's command path (the outbox); shows the form again, as typed,
when the central refuses; selects the new incident so F4 dispatches the recommended unit.

Panel shape (docs/architecture.md): given the state, its reads (``fetch_call``,
``load_places``), its commands (``submit``) and ``run``; ``follow(bridge)`` connects what it
watches (``touched`` for calls and incidents, ``commandRejected``).
"""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable
from typing import Any

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QWidget

from c4console.core import access
from c4console.core.calls.records import Call
from c4console.core.catalogue import Catalogue
from c4console.core.places.search import PlaceIndex
from c4console.gui.calls.call_form import CallForm
from c4console.sync.places import ConsolePlaces, shipped_places
from c4console.sync.state import ConsoleState, Touched

log = logging.getLogger(__name__)

Submit = Callable[..., Awaitable[str | None]]


class CallTaker(QObject):
    """The forms of the calls this operator is taking (see module docstring)."""

    formShown = Signal(object)  # a CallForm, when it is first shown (benchmarks watch this)
    incidentTaken = Signal(str)  # the new incident's id, once its take_call is in the outbox

    def __init__(self, window: QWidget, state: ConsoleState, catalogue: Catalogue, *,
                 submit: Submit, run: Callable[..., Any],
                 fetch_call: Callable[[str], Awaitable[dict[str, Any] | None]],
                 load_places: Callable[[], Awaitable[ConsolePlaces]],
                 select_incident: Callable[[str], Any], say: Callable[[str], None]) -> None:
        super().__init__(window)
        self.window, self.state, self.catalogue = window, state, catalogue
        self._submit, self._run, self._fetch_call = submit, run, fetch_call
        self._load_places, self._select, self._say = load_places, select_incident, say
        self.user = ""
        self.places: ConsolePlaces | None = None
        self.reads_places = True  # set_role: whether the central serves this role the places
        self.forms: dict[str, CallForm] = {}  # call id (or the form's incident id for F1) → form
        self._sent: dict[str, CallForm] = {}  # command key → the form that sent it
        self._done: set[str] = set()  # calls whose form was closed here: never popped again
        self.map_view = None
        self._picking: CallForm | None = None

    # --- wiring ---------------------------------------------------------------------------
    def follow(self, bridge) -> None:
        """Watch calls and incidents (``touched``) and the central's refusals."""
        bridge.touched.connect(self.on_touched)
        bridge.commandRejected.connect(self.on_rejected)
        bridge.connectionChanged.connect(self._connected)

    def attach_map(self, map_view) -> None:
        """Use ``map_view`` (a MapView) for *Elegir en el mapa*."""
        self.map_view = map_view
        map_view.pointPicked.connect(self._picked)
        map_view.pickCancelled.connect(lambda: setattr(self, "_picking", None))

    def set_role(self, role: str) -> None:
        """The logged-in role: fetch the central's places only if it serves them to it
        (core/access.start_reads)."""
        self.reads_places = "places" in access.start_reads(role)

    def set_user(self, user: str) -> None:
        """The logged-in user: screen pops whose ``agent`` is this user open a form."""
        self.user = user
        for cid, call in list(self.state.calls.items()):
            self._maybe_pop(cid, call)

    def index(self) -> PlaceIndex:
        """The location search's index: the central's once fetched, the shipped one before."""
        if self.places is None:
            self.places = shipped_places()
        return self.places.index

    def _connected(self, connected: bool, _detail: str) -> None:
        if not self.reads_places:  # a role the central does not serve the places (a liaison)
            return
        if connected and (self.places is None or self.places.source != "central"):
            self._run(self._fetch_places(), self.tr("leer las calles de la central"))

    async def _fetch_places(self) -> None:
        self.places = await self._load_places()

    # --- opening forms ----------------------------------------------------------------------
    def on_touched(self, t: Touched) -> None:
        """Screen pops arrive as calls; a taken call's incident confirms its form."""
        for cid in t.calls:
            call = self.state.calls.get(cid)
            if call is not None:
                self._maybe_pop(cid, call)
        if t.incidents or t.calls:
            self._confirm_sent()

    def _maybe_pop(self, cid: str, call: Call) -> None:
        if (call.is_open and self.user and call.agent == self.user and cid not in self.forms
                and cid not in self._done):
            self.open_form(cid)

    def open_form(self, call_id: str | None = None) -> CallForm:
        """The form of this call (the one already open, if any), shown and in front."""
        key = call_id or ""
        form = self.forms.get(key) if key else None
        if form is None:
            form = CallForm(self.state, self.catalogue, self.index,
                            self.state.jurisdiction.parsed.locate, call_id, self.window)
            key = call_id or form.incident_id
            self.forms[key] = form
            form.saveRequested.connect(lambda fields, f=form: self._save(f, fields))
            form.linkRequested.connect(lambda fields, f=form: self._link(f, fields))
            form.pickRequested.connect(lambda f=form: self._pick(f))
            form.discarded.connect(lambda k=key: self._discard(k))
            form.show()
            self.formShown.emit(form)
        form.raise_()
        form.activateWindow()
        return form

    def new_call(self) -> CallForm:
        """F1: an empty form (a call typed in, a phone line, a walk-in)."""
        return self.open_form(None)

    async def open_call(self, call_id: str) -> CallForm | None:
        """Open the form of a call by its id, asking the central if the feed has not
        delivered it yet (``GET /calls/{id}``)."""
        if call_id not in self.state.calls:
            wire = await self._fetch_call(call_id)
            if wire is None:
                self._say(self.tr("La central no tiene la llamada {0}").format(call_id))
                return None
            self.state.calls.setdefault(call_id, Call.from_wire(wire))
        return self.open_form(call_id)

    def _discard(self, key: str) -> None:
        form = self.forms.pop(key, None)
        if form is not None:
            if form.call_id:
                self._done.add(form.call_id)
            form.deleteLater()

    # --- sending ---------------------------------------------------------------------------
    def _save(self, form: CallForm, fields: dict[str, Any]) -> None:
        self._run(self._send(form, "take_call", fields), self.tr("guardar la llamada"))

    def _link(self, form: CallForm, fields: dict[str, Any]) -> None:
        self._run(self._send(form, "link_call", fields), self.tr("vincular la llamada"))

    async def _send(self, form: CallForm, kind: str, fields: dict[str, Any]) -> None:
        form.hide()  # durable in the outbox next: the queue shows it at once
        try:
            key = await self._submit(kind, **fields)
        except Exception:
            form.show_refusal("unavailable", self.tr("no se pudo escribir en la bandeja de salida"))
            raise
        if key is None:
            form.show()
            return
        self._sent[key] = form
        if form.call_id:
            self._done.add(form.call_id)
        iid = fields["incident_id"]
        self._select(iid)
        self.window.activateWindow()
        if kind == "take_call":
            self.incidentTaken.emit(iid)
            self._say(self.tr("Llamada guardada: F4 despacha la unidad recomendada"))
        else:
            inc = self.state.incident(iid)
            self._say(self.tr("Llamada vinculada a {0}").format(inc.folio if inc else iid))

    def on_rejected(self, result: dict[str, Any]) -> None:
        """The central refused a command: if it was a form's, show that form again."""
        form = self._sent.pop(result.get("key", ""), None)
        if form is None:
            return
        if form.call_id:
            self._done.discard(form.call_id)
        form.show_refusal(str(result.get("reason", "")), str(result.get("message", "")))

    def _confirm_sent(self) -> None:
        """Forms whose command the central applied are finished (the incident exists, the
        call is no longer open)."""
        for key, form in list(self._sent.items()):
            call = form.call()
            taken = form.incident_id in self.state.incidents
            if taken or (call is not None and not call.is_open):
                del self._sent[key]
                self.forms.pop(form.call_id or form.incident_id, None)
                form.finish()
                form.deleteLater()

    # --- map pick -----------------------------------------------------------------------------
    def _pick(self, form: CallForm) -> None:
        if self.map_view is None:
            self._say(self.tr("Sin mapa: escriba la dirección"))
            return
        self._picking = form
        self.map_view.start_pick(self.tr("Haga clic en el lugar de la llamada (Esc cancela)"))
        self.window.activateWindow()

    def _picked(self, lat: float, lon: float) -> None:
        form, self._picking = self._picking, None
        if form is not None:
            form.set_point(lat, lon)
            form.show()
            form.raise_()
            form.activateWindow()
