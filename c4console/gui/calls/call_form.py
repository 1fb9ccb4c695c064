"""The 911 call-taker's form: opened by a screen pop (the call's number, the carrier's
location and her history already there) or empty with F1 (a call typed in, a phone line, a
walk-in). Its layout, labels, buddies and Tab order are the Qt Designer form ui/call_form.ui;
what it searches, checks and sends is here.

Keyboard: Tab walks the fields; in *Ubicación* and *Tipo* the list under the field re-ranks
as the operator types and Up/Down move the choice; Enter saves (``take_call``); Ctrl+D — or
Alt+1…9 — links the call to a listed duplicate instead (``link_call``); Esc cancels, asking
first (a second Esc) when something was typed. The form is shown with ``show()``, never
``exec()``'d (qasync). It does not send: ``saveRequested``/``linkRequested`` carry the
command's fields to :class:`~c4console.gui.calls.call_taker.CallTaker`, which hides the form
and shows it again, as typed, if the central refuses the command (:meth:`show_refusal`).
"""

from __future__ import annotations

import datetime as dt
import time
import uuid
from collections.abc import Callable
from html import escape
from typing import Any

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QDialog, QDialogButtonBox

from c4console.core.calls import intake_fields
from c4console.core.calls.duplicates import Duplicate, possible_duplicates
from c4console.core.calls.records import Call
from c4console.core.catalogue import Catalogue, IncidentType
from c4console.core.enums import Channel, Priority
from c4console.core.geo import Cuadrante
from c4console.core.places.search import ChosenPlace, PlaceHit, PlaceIndex, place_in_jurisdiction
from c4console.core.timers import NT911_TARGETS
from c4console.gui.calls.call_history import CallHistorySection
from c4console.gui.calls.type_ahead import ListChooser, type_chooser
from c4console.gui.cases.case_labels import reasons_text
from c4console.gui.forms.ui_call_form import Ui_CallForm
from c4console.gui.shell.labels import channel_label, format_elapsed, priority_label, rejection_label
from c4console.sync.state import ConsoleState

DATA_TARGET_S = next(t.limit_s for t in NT911_TARGETS if t.name == "minimum_data")
CHANNELS = (Channel.CALL_911, Channel.PHONE, Channel.WALK_IN)
PLACE_ROWS = 8


class CallForm(QDialog):
    """One call being taken (``call_id`` None: typed in with F1)."""

    saveRequested = Signal(dict)  # take_call fields
    linkRequested = Signal(dict)  # link_call fields
    pickRequested = Signal()  # the operator wants to click the place on the map
    discarded = Signal()  # cancelled (Esc, twice when something was typed)

    def __init__(self, state: ConsoleState, catalogue: Catalogue,
                 places: Callable[[], PlaceIndex],
                 locate: Callable[[float, float], Cuadrante | None],
                 call_id: str | None = None, parent=None) -> None:
        super().__init__(parent)
        self.ui = Ui_CallForm()
        self.ui.setupUi(self)
        self.setWindowFlag(Qt.WindowType.Window, True)
        self.state, self.catalogue = state, catalogue
        self._places, self._locate = places, locate
        self.call_id = call_id
        self.incident_id = str(uuid.uuid4())  # the new incident's (kept across a refusal)
        self.opened_at = time.time()
        self.place: ChosenPlace | None = None
        self.itype: IncidentType | None = None
        self._confirm_discard = False
        self._priority_overridden = False
        ui = self.ui
        self.header, self.problem, self.where = ui.callHeader, ui.callProblem, ui.callWhere
        self.channel, self.callback, self.caller_name = ui.callChannel, ui.callCallback, ui.callCallerName
        self.location, self.places_list = ui.callLocation, ui.callPlaces
        self.type_edit, self.types_list = ui.callType, ui.callTypes
        self.priority, self.priority_reason = ui.callPriority, ui.callPriorityReason
        self.narrative = ui.callNarrative
        self.victim, self.victim_case = ui.callVictim, ui.callVictimCase
        self.aggressor, self.witness = ui.callAggressor, ui.callWitness
        self.weapons, self.children = ui.callWeapons, ui.callChildren
        self.duplicates = ui.callDuplicates
        for c in CHANNELS:
            self.channel.addItem(channel_label(c), c.value)
        for p in Priority:
            self.priority.addItem(priority_label(p), p.value)
        self.priority.setCurrentIndex(-1)
        ui.box.button(QDialogButtonBox.StandardButton.Save).setText(self.tr("Guardar (Enter)"))
        ui.box.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("Cancelar (Esc)"))
        ui.box.accepted.connect(self.accept)
        ui.box.rejected.connect(self.reject)
        ui.callPickMap.clicked.connect(self.pickRequested)
        ui.callLink.clicked.connect(lambda: self.link_duplicate())
        self.history = CallHistorySection(state, catalogue, self)
        ui.historyHolder.addWidget(self.history)
        self.types = type_chooser(catalogue, self.type_edit, self.types_list)
        self.types.chosen.connect(self._type_chosen)
        self.place_search = ListChooser(self.location, self.places_list, self._place_rows)
        self.place_search.chosen.connect(self._place_chosen)
        self.priority.activated.connect(self._priority_changed)
        self.narrative.installEventFilter(self)
        QShortcut(QKeySequence("Ctrl+D"), self, activated=lambda: self.link_duplicate())
        for n in range(1, 10):
            QShortcut(QKeySequence(f"Alt+{n}"), self, activated=lambda n=n: self.link_duplicate(n - 1))
        for edit in (self.callback, self.caller_name, self.location, self.type_edit,
                     self.priority_reason, self.victim, self.aggressor, self.witness, self.weapons):
            edit.textEdited.connect(self._edited)
        self.narrative.textChanged.connect(self._edited)
        self._clock = QTimer(self)
        self._clock.setInterval(1000)
        self._clock.timeout.connect(self._draw_header)
        self._clock.start()
        self._fill_from_call()
        self.location.setFocus()

    # --- the call -----------------------------------------------------------------------
    def call(self) -> Call | None:
        """The call record as this console holds it (None for a call typed in)."""
        return self.state.calls.get(self.call_id) if self.call_id else None

    @property
    def answered_at(self) -> float:
        """When the NT911 "data" timer started: the call's answer, else the form's opening."""
        call = self.call()
        return call.answered_at if call is not None else self.opened_at

    def _fill_from_call(self) -> None:
        call = self.call()
        self.history.show_incident(self.call_id)
        self.history.setVisible(call is not None)
        if call is not None:
            self.channel.setCurrentIndex(max(0, self.channel.findData(call.channel)))
            self.channel.setEnabled(False)  # a telephone call is a 911 call
            if not call.withheld:
                self.callback.setText(call.number)
            self.caller_name.setText(call.caller_name)
            history = call.history or {}
            if history.get("case_id") or history.get("suggestions"):
                self.victim_case.setChecked(bool(history.get("case_id")))
            else:
                self.victim_case.setVisible(False)
        else:
            self.victim_case.setVisible(False)
        self._draw_where()
        self._draw_header()
        self._find_duplicates()

    def _draw_header(self) -> None:
        call = self.call()
        elapsed = time.time() - self.answered_at
        late = elapsed > DATA_TARGET_S
        timer = self.tr("Datos mínimos {0} / {1}").format(format_elapsed(elapsed),
                                                          format_elapsed(DATA_TARGET_S))
        if call is not None:
            who = call.number if not call.withheld else self.tr("número oculto")
            head = self.tr("Llamada de {0} · contestada {1}").format(
                who, dt.datetime.fromtimestamp(call.answered_at).strftime("%H:%M:%S"))
        else:
            head = self.tr("Llamada capturada a mano")
        colour = "#b71c1c" if late else "#1b5e20"
        self.header.setText(f"<b>{escape(head)}</b> · "
                            f'<span style="color:{colour};">{escape(timer)}</span>')

    # --- location -------------------------------------------------------------------------
    def _place_rows(self, text: str) -> list[tuple[str, PlaceHit]]:
        return [(f"{h.label} · {h.colonia}" if h.colonia and h.colonia not in h.label else h.label, h)
                for h in self._places().search(text, PLACE_ROWS)]

    def _place_chosen(self, hit: PlaceHit | None) -> None:
        self.place = place_in_jurisdiction(hit, self._locate) if hit is not None else None
        self._draw_where()
        self._find_duplicates()

    def set_point(self, lat: float, lon: float) -> None:
        """A point clicked on the map becomes the location."""
        label = f"{lat:.5f}, {lon:.5f}"
        self.location.setText(label)
        self.places_list.clear()
        self.place = place_in_jurisdiction(PlaceHit("point", label, lat, lon), self._locate)
        self._edited()
        self._draw_where()
        self._find_duplicates()

    def point(self) -> tuple[float, float] | None:
        """The chosen place's point, else the carrier's."""
        if self.place is not None:
            return self.place.hit.lat, self.place.hit.lon
        call = self.call()
        if call is not None and call.location is not None:
            return call.location.lat, call.location.lon
        return None

    def outside(self) -> bool:
        """True when the location is outside the jurisdiction (taken, flagged for transfer)."""
        if self.place is not None:
            return self.place.outside
        call = self.call()
        return bool(call is not None and call.location is not None and call.outside_jurisdiction)

    def _draw_where(self) -> None:
        call = self.call()
        if self.place is not None:
            sector, cuadrante, colonia = self.place.sector, self.place.cuadrante, self.place.colonia
            source = ""
        elif call is not None and call.location is not None:
            sector, cuadrante, colonia = call.sector, call.cuadrante, call.colonia
            source = self.tr("Posición del operador telefónico (radio {0} m)").format(
                round(call.location.radius_m))
        else:
            self.where.setText(self.tr("Sin ubicación: escriba una dirección o elija en el mapa"))
            return
        parts = [source] if source else []
        if self.outside():
            parts.append('<span style="color:#b71c1c; font-weight:bold;">' + escape(self.tr(
                "⚠ Fuera de la jurisdicción: se toma la llamada y se marca para transferir"))
                + "</span>")
        else:
            parts.append(escape(self.tr("Sector {0} · cuadrante {1} · colonia {2}").format(
                sector or "—", cuadrante or "—", colonia or "—")))
        self.where.setText(" · ".join(parts))

    # --- duplicates -------------------------------------------------------------------------
    def _find_duplicates(self) -> None:
        point = self.point()
        number = self.callback.text().strip() or (self.call().number if self.call() else "")
        found = possible_duplicates(self.state.all_incidents(), at=self.answered_at,
                                    lat=point[0] if point else None,
                                    lon=point[1] if point else None, number=number)
        self.duplicates.clear()
        for n, d in enumerate(found[:9], start=1):
            self.duplicates.addItem(self._duplicate_row(n, d))
            self.duplicates.item(n - 1).setData(Qt.ItemDataRole.UserRole, d.incident.id)
        if self.duplicates.count():
            self.duplicates.setCurrentRow(0)
        shown = self.duplicates.count() > 0
        self.ui.duplicatesLabel.setVisible(shown)
        self.duplicates.setVisible(shown)
        self.ui.callLink.setEnabled(shown)

    def _duplicate_row(self, n: int, d: Duplicate) -> str:
        t = self.catalogue.types.get(d.incident.type_code)
        return " · ".join(p for p in (f"Alt+{n}", d.incident.folio, t.name if t else d.incident.type_code,
                                      reasons_text(list(d.reasons), d.distance_m)) if p)

    def duplicate_ids(self) -> list[str]:
        """The listed duplicates' incident ids, in order."""
        return [self.duplicates.item(i).data(Qt.ItemDataRole.UserRole)
                for i in range(self.duplicates.count())]

    def link_duplicate(self, n: int | None = None) -> None:
        """Link the call to the selected (or ``n``-th) duplicate instead of a new incident."""
        ids = self.duplicate_ids()
        row = self.duplicates.currentRow() if n is None else n
        if not ids or not 0 <= row < len(ids):
            self.problem.setText(self.tr("No hay posible duplicado que vincular"))
            return
        fields: dict[str, Any] = {"incident_id": ids[row]}
        if self.call_id:
            fields["call_id"] = self.call_id
        text = self.narrative.toPlainText().strip()
        if text:
            fields["narrative"] = text
        self.problem.setText("")
        self.linkRequested.emit(fields)

    # --- type and priority ------------------------------------------------------------------
    def _type_chosen(self, itype: IncidentType | None) -> None:
        self.itype = itype
        if itype is not None and not self._priority_overridden:
            self.priority.setCurrentIndex(self.priority.findData(itype.priority.value))
        self._draw_priority()

    def _priority_changed(self, _index: int) -> None:
        self._priority_overridden = (self.itype is None
                                     or self.priority.currentData() != self.itype.priority.value)
        self._draw_priority()
        self._edited()

    def _draw_priority(self) -> None:
        need = self.priority_override() is not None
        self.priority_reason.setEnabled(need)
        self.ui.reasonLabel.setEnabled(need)

    def priority_override(self) -> str | None:
        """The priority chosen instead of the type's (None: the type's)."""
        chosen = self.priority.currentData()
        if self.itype is None or chosen is None or chosen == self.itype.priority.value:
            return None
        return chosen

    # --- what is sent ------------------------------------------------------------------------
    def problem_text(self) -> tuple[str, Any] | None:
        """What must be fixed before saving, and the field to go to (None: nothing)."""
        if self.itype is None:
            return self.tr("Elija el tipo de incidente (escriba código o palabras)"), self.type_edit
        if self.priority_override() and not self.priority_reason.text().strip():
            return self.tr("Escriba el motivo del cambio de prioridad"), self.priority_reason
        size = len(self.narrative.toPlainText())
        if size > intake_fields.MAX_NARRATIVE:
            return self.tr("La narrativa tiene {0} caracteres; el máximo es {1}").format(
                size, intake_fields.MAX_NARRATIVE), self.narrative
        return None

    def fields(self) -> dict[str, Any]:
        """The ``take_call`` command's fields from what is typed."""
        assert self.itype is not None
        out: dict[str, Any] = {"incident_id": self.incident_id, "type_code": self.itype.code,
                               "channel": self.channel.currentData()}
        if self.call_id:
            out["call_id"] = self.call_id
        if (override := self.priority_override()) is not None:
            out["priority"] = override
            out["priority_reason"] = self.priority_reason.text().strip()
        texts = {"narrative": self.narrative.toPlainText().strip(),
                 "caller_name": self.caller_name.text().strip(),
                 "callback_number": self.callback.text().strip()}
        out.update({k: v for k, v in texts.items() if v})
        persons = self.persons()
        if persons:
            out["persons"] = persons
        weapons = [w.strip() for w in self.weapons.text().split(",") if w.strip()]
        if weapons:
            out["weapons"] = weapons
        if self.children.isChecked():
            out["children_present"] = True
        if self.place is not None:
            out["lat"], out["lon"] = self.place.hit.lat, self.place.hit.lon
            out["address"] = self.place.hit.label
        return out

    def her_case(self) -> str | None:
        """Her case to link, once the operator confirmed it (the box): the history's case,
        else the suggestion selected in the history section."""
        if not self.victim_case.isVisible() or not self.victim_case.isChecked():
            return None
        history = self.history.history()
        if history is None:
            return None
        return history.case_id or self.history.chosen_suggestion()

    def persons(self) -> list[dict[str, Any]]:
        """Victim, aggressor and witness as typed (the victim with her confirmed case)."""
        out = []
        case_id = self.her_case()
        if self.victim.text().strip() or case_id:
            victim: dict[str, Any] = {"role": "victim", "name": self.victim.text().strip()}
            if case_id:
                victim["case_id"] = case_id
            out.append(victim)
        for role, edit in (("aggressor", self.aggressor), ("witness", self.witness)):
            if edit.text().strip():
                out.append({"role": role, "name": edit.text().strip()})
        return out

    def typed_something(self) -> bool:
        """True once the operator typed or chose anything (Esc then asks first)."""
        call = self.call()
        prefilled = call.number if call is not None and not call.withheld else ""
        return bool(self.location.text().strip() or self.type_edit.text().strip()
                    or self.narrative.toPlainText().strip() or self.victim.text().strip()
                    or self.aggressor.text().strip() or self.witness.text().strip()
                    or self.weapons.text().strip() or self.priority_reason.text().strip()
                    or self.caller_name.text().strip() != (call.caller_name if call else "")
                    or self.callback.text().strip() != prefilled or self.children.isChecked())

    # --- keys -----------------------------------------------------------------------------
    def _edited(self) -> None:
        if self._confirm_discard:
            self._confirm_discard = False
            self.problem.setText("")

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """Enter in the narrative saves too (Shift+Enter starts a new line)."""
        if (watched is self.narrative and event.type() == QEvent.Type.KeyPress
                and event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter)
                and not event.modifiers() & Qt.KeyboardModifier.ShiftModifier):
            self.accept()
            return True
        return False

    def keyPressEvent(self, event) -> None:
        """Enter saves from any field (not only through the default button)."""
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self.accept()
            return
        super().keyPressEvent(event)

    def accept(self) -> None:
        """Enter: check, then hand the command's fields over (the form hides)."""
        found = self.problem_text()
        if found is not None:
            text, field = found
            self.problem.setText(text)
            field.setFocus()
            return
        self.problem.setText("")
        self.saveRequested.emit(self.fields())

    def reject(self) -> None:
        """Esc: close; when something was typed, only at the second Esc."""
        if self.typed_something() and not self._confirm_discard:
            self._confirm_discard = True
            self.problem.setText(self.tr("Hay datos escritos: pulse Esc otra vez para descartar "
                                         "la llamada, o siga escribiendo"))
            return
        self._clock.stop()
        self.discarded.emit()
        super().reject()

    def show_refusal(self, reason: str, message: str) -> None:
        """The central refused the command: show the form again, as typed, with why."""
        self.problem.setText(self.tr("La central rechazó la llamada: {0} ({1})").format(
            rejection_label(reason), message))
        self.show()
        self.raise_()
        self.activateWindow()

    def finish(self) -> None:
        """The call was taken or linked: stop the clock, close for good."""
        self._clock.stop()
        self.hide()
