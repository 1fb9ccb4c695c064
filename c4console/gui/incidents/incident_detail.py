"""Incident detail: who, where, timers, recommendation, timeline, notes and actions.

The action buttons show the main window's QActions (one place for shortcuts).
"""

from __future__ import annotations

import datetime as dt
import time
from collections.abc import Callable

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from c4console.core.catalogue import Catalogue
from c4console.core.enums import UnitStatus
from c4console.core.geo import haversine_m
from c4console.core.models import Incident, Unit
from c4console.core.recommend import Recommendation
from c4console.core.timers import TimerState, read_timers
from c4console.gui.shell.labels import (
    channel_label,
    event_detail,
    event_label,
    format_elapsed,
    priority_label,
    status_label,
    timer_label,
)
from c4console.sync.state import ConsoleState, Touched

LIVE_APART_M = 25.0
REPLAYABLE = frozenset({"audio_started", "audio_ended", "bookmark"})  # entries that name a recording


def _clock(ts: float) -> str:
    return dt.datetime.fromtimestamp(ts).strftime("%H:%M:%S")


def _rankable(unit: Unit | None) -> bool:
    """A unit the recommendation may rank: available, with a position."""
    return (unit is not None and unit.status is UnitStatus.AVAILABLE
            and unit.lat is not None and unit.lon is not None)


def _shown(recs: list[Recommendation]) -> list[tuple[str, str, str, str]]:
    """The recommendations as the panel shows them (a move within the rounding shows nothing)."""
    return [(r.unit.id, r.unit.callsign, f"{r.distance_m / 1000:.1f}", f"{r.eta_s / 60:.0f}")
            for r in recs]


class IncidentDetail(QWidget):
    """Shows one incident; told which (:meth:`show_incident`), it follows the changes
    itself (:meth:`follow`) and ranks units with the ``recommend`` it is given."""

    noteEntered = Signal(str, str)  # incident id, text
    closeRequested = Signal(str, str, str)  # incident id, status, disposition
    otherUnitChosen = Signal(str, str)  # incident id, unit id
    replayRequested = Signal(str, float)  # recording (audio session) id, offset s

    def __init__(self, state: ConsoleState, catalogue: Catalogue, parent=None, *,
                 recommend: Callable[[str], list[Recommendation]] | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("incidentDetail")
        self.state = state
        self.catalogue = catalogue
        self.recommend = recommend or (lambda _iid: [])
        self.incident_id: str | None = None
        self.recommendations: list[Recommendation] = []
        self.renders = 0  # full redraws (tests check a patrol's move does not cause one)

        self.title = QLabel(self.tr("Seleccione un incidente (F2: siguiente alarma nueva)"))
        self.title.setObjectName("detailTitle")
        self.title.setStyleSheet("font-size: 15px; font-weight: bold;")
        self.title.setWordWrap(True)

        where = QGroupBox(self.tr("Ubicación y persona"))
        self.form = QFormLayout(where)
        self.f_type = QLabel()
        self.f_place = QLabel()
        self.f_place.setWordWrap(True)
        self.f_live = QLabel()
        self.f_live.setWordWrap(True)
        self.f_person = QLabel()
        self.f_person.setWordWrap(True)
        self.f_order = QLabel()
        self.f_order.setWordWrap(True)
        # Who took it: another operator may not move the patrols working it.
        self.f_owner = QLabel()
        self.f_owner.setObjectName("ownerLabel")
        self.form.addRow(self.tr("Tipo:"), self.f_type)
        self.form.addRow(self.tr("A cargo de:"), self.f_owner)
        self.form.addRow(self.tr("Lugar:"), self.f_place)
        self.form.addRow(self.tr("Dispositivo:"), self.f_live)
        self.form.addRow(self.tr("Persona:"), self.f_person)
        self.form.addRow(self.tr("Orden de protección:"), self.f_order)

        timers = QGroupBox(self.tr("Tiempos Norma Técnica 911"))
        self.timer_labels: list[QLabel] = []
        tl = QVBoxLayout(timers)
        for _ in range(3):
            lab = QLabel()
            self.timer_labels.append(lab)
            tl.addWidget(lab)

        dispatch = QGroupBox(self.tr("Despacho"))
        self.d_grid = QGridLayout(dispatch)
        self.rec_label = QLabel()
        self.rec_label.setObjectName("recommendationLabel")
        self.rec_label.setWordWrap(True)
        self.other_unit = QComboBox()
        self.other_unit.setObjectName("otherUnitCombo")
        self.close_status = QComboBox()
        for s, label in (("closed", self.tr("Cerrar")), ("false_alarm", self.tr("Falsa alarma")),
                         ("cancelled", self.tr("Cancelar")), ("test", self.tr("Prueba"))):
            self.close_status.addItem(label, s)
        self.disposition = QLineEdit()
        self.disposition.setObjectName("dispositionEdit")
        self.disposition.setPlaceholderText(self.tr("Disposición (obligatoria para cerrar)"))
        self.disposition.returnPressed.connect(self._close_requested)
        self.d_grid.addWidget(self.rec_label, 0, 0, 1, 4)
        self.buttons = QHBoxLayout()
        self.d_grid.addLayout(self.buttons, 1, 0, 1, 4)
        self.d_grid.addWidget(QLabel(self.tr("Otra unidad:")), 2, 0)
        self.d_grid.addWidget(self.other_unit, 2, 1, 1, 2)
        self.other_button = QToolButton()
        self.other_button.setText(self.tr("Despachar"))
        self.other_button.clicked.connect(self._other_chosen)
        self.d_grid.addWidget(self.other_button, 2, 3)
        self.d_grid.addWidget(self.close_status, 3, 0)
        self.d_grid.addWidget(self.disposition, 3, 1, 1, 2)
        self.close_button = QToolButton()
        self.close_button.setText(self.tr("Finalizar"))
        self.close_button.clicked.connect(self._close_requested)
        self.d_grid.addWidget(self.close_button, 3, 3)

        self.timeline = QListWidget()
        self.timeline.setObjectName("timeline")
        self.replay_button = QToolButton()  # supervisors: replay the selected recording entry
        self.replay_button.setObjectName("timelineReplay")
        self.replay_button.setText(self.tr("Reproducir grabación"))
        self.replay_button.clicked.connect(self._replay_selected)
        self.replay_button.hide()
        self.note = QLineEdit()
        self.note.setObjectName("noteEdit")
        self.note.setPlaceholderText(self.tr("Agregar nota y Enter (Ctrl+N)"))
        self.note.returnPressed.connect(self._note_entered)

        lay = self.layout_ = QVBoxLayout(self)
        lay.addWidget(self.title)
        lay.addWidget(where)
        lay.addWidget(timers)
        lay.addWidget(dispatch)
        log_title = QHBoxLayout()
        log_title.addWidget(QLabel(self.tr("Bitácora")), 1)
        log_title.addWidget(self.replay_button)
        lay.addLayout(log_title)
        lay.addWidget(self.timeline, 1)
        lay.addWidget(self.note)
        self.setEnabled(False)

    def add_section(self, widget: QWidget) -> None:
        """Show another panel's section under the place and person (her history): seen
        whenever an incident is selected, without another click."""
        self.layout_.insertWidget(2, widget)

    def add_action_buttons(self, actions: list[QAction]) -> None:
        """Show these actions as buttons in the dispatch box."""
        for a in actions:
            b = QToolButton()
            b.setDefaultAction(a)
            b.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
            self.buttons.addWidget(b)

    # --- showing ----------------------------------------------------------
    def show_incident(self, iid: str | None,
                      recommendations: list[Recommendation] | None = None) -> None:
        """Display an incident (None clears), with ``recommendations`` (default: ranked now)."""
        self.incident_id = iid
        if recommendations is None:
            recommendations = self.recommend(iid) if iid else []
        self.recommendations = recommendations
        self.refresh()

    def follow(self, bridge) -> None:
        """Redraw on the changes of the shown incident (``bridge.touched``)."""
        bridge.touched.connect(self.on_touched)

    def on_touched(self, t: Touched) -> None:
        """Redraw what changed of the shown incident, and nothing on a patrol's move that
        leaves what it shows as it was.

        The incident or its timeline changed: everything. A unit's status or assignment
        changed: the assigned unit's name or the ranking may have — rank again, redraw if
        the incident's unit is one of them. A position only: the ranking (distance and
        ETA as shown) — only if the unit is ranked now or could be (available with a
        position), and only redrawn if what is shown differs.
        """
        iid = self.incident_id
        if not iid:
            return
        if iid in t.incidents or iid in t.events_for:
            self.show_incident(iid)
            return
        if not t.units:
            return
        inc = self.state.incident(iid)
        if inc is None:
            return
        if inc.unit_id and inc.unit_id in t.unit_states:
            self.show_incident(iid)
            return
        ranked = {r.unit.id for r in self.recommendations}
        if not t.unit_states and not any(uid in ranked or _rankable(self.state.unit(uid))
                                         for uid in t.moved):
            return
        recs = self.recommend(iid)
        if _shown(recs) != _shown(self.recommendations):
            self.recommendations = recs
            self._show_recommendation(inc)

    def refresh(self) -> None:
        """Redraw from the state (the incident or its timeline changed)."""
        inc = self.state.incident(self.incident_id) if self.incident_id else None
        self.setEnabled(inc is not None)
        if inc is None:
            return
        pending = self.state.pending_count(inc.id)
        badge = self.tr("  ⏳ {0} pendiente(s)").format(pending) if pending else ""
        # A device's test call: marked, so no one takes it for her emergency.
        test = f"{self.tr('PRUEBA')} · " if inc.test else ""
        self.title.setText(f"{test}{inc.folio} · {priority_label(inc.priority)} · "
                           f"{status_label(inc.status)} · {channel_label(inc.channel)}{badge}")
        t = self.catalogue.types.get(inc.type_code)
        self.f_type.setText(f"{inc.type_code} {t.name if t else ''}")
        self.f_owner.setText(inc.owner or self.tr("Nadie aún"))
        self._show_place(inc)
        self._show_person(inc)
        self.tick()
        self._show_recommendation(inc)
        self._show_timeline(inc)
        self.renders += 1

    def _show_place(self, inc: Incident) -> None:
        parts = [p for p in (inc.address, inc.colonia, inc.sector and self.tr("Sector {0}")
                             .format(inc.sector), inc.cuadrante) if p]
        if inc.lat is not None:
            parts.append(f"({inc.lat:.5f}, {inc.lon:.5f})")
        self.f_place.setText(" · ".join(parts) or self.tr("Sin ubicación confirmada"))
        if inc.live_lat is None:
            self.f_live.setText("—")
            return
        live = f"({inc.live_lat:.5f}, {inc.live_lon:.5f})"
        if inc.lat is not None and haversine_m(inc.lat, inc.lon, inc.live_lat,
                                               inc.live_lon) > LIVE_APART_M:
            d = haversine_m(inc.lat, inc.lon, inc.live_lat, inc.live_lon)
            self.f_live.setText(self.tr("{0} — a {1:.0f} m de la ubicación confirmada")
                                .format(live, d))
            self.f_live.setStyleSheet("color: #c62828; font-weight: bold;")
        else:
            self.f_live.setText(live)
            self.f_live.setStyleSheet("")

    def _show_person(self, inc: Incident) -> None:
        b = self.state.beneficiaries.get(inc.beneficiary_id or "")
        if b is None:
            self.f_person.setText(inc.caller or "—")
            self.f_order.setText("—")
            return
        self.f_person.setText(" · ".join(p for p in (b.name, b.phone) if p))
        order = f"{b.order_number} · {b.order_authority}"
        if b.order_valid_until:
            expired = b.order_valid_until < dt.date.today().isoformat()
            order += " · " + (self.tr("VENCIDA {0}") if expired else self.tr("vigente hasta {0}")
                              ).format(b.order_valid_until)
        if b.aggressor:
            order += "\n" + self.tr("Agresor: {0}").format(b.aggressor)
        self.f_order.setText(order)

    def _show_recommendation(self, inc: Incident) -> None:
        recs = self.recommendations
        if not inc.is_open or inc.unit_id:
            u = self.state.unit(inc.unit_id) if inc.unit_id else None
            self.rec_label.setText(self.tr("Unidad asignada: {0}").format(u.callsign) if u else "")
        elif recs:
            top = ", ".join(f"{r.unit.callsign} {r.distance_m / 1000:.1f} km ~{r.eta_s / 60:.0f} min"
                            for r in recs[:3])
            self.rec_label.setText(self.tr("Recomendada (F4): {0}").format(top))
        else:
            self.rec_label.setText(self.tr("Sin unidades disponibles con posición"))
        chosen = self.other_unit.currentData()
        self.other_unit.clear()
        for r in recs:
            self.other_unit.addItem(f"{r.unit.callsign} ({r.eta_s / 60:.0f} min)", r.unit.id)
        if chosen is not None and (ix := self.other_unit.findData(chosen)) >= 0:
            self.other_unit.setCurrentIndex(ix)  # a redraw keeps the operator's choice

    def _show_timeline(self, inc: Incident) -> None:
        self.timeline.clear()
        for ev in self.state.timeline(inc.id):
            pending = ev.id.startswith("pending-")
            text = f"{_clock(ev.at)}  {event_label(ev.kind)}"
            detail = event_detail(ev.kind, ev.text, ev.data)
            recording = (ev.data or {}).get("session_id") if ev.kind in REPLAYABLE else None
            if ev.kind == "bookmark":
                offset = float((ev.data or {}).get("offset_s", 0.0))
                mark = self.tr("Marcador en la grabación {0}").format(format_elapsed(offset))
                text = f"{_clock(ev.at)}  {mark}"
                detail = ev.text
            if detail:
                text += f": {detail}"
            text += f"  — {ev.actor}"
            if pending:
                text += "  ⏳"
            self.timeline.addItem(text)
            if recording:
                self.timeline.item(self.timeline.count() - 1).setData(
                    Qt.ItemDataRole.UserRole, (recording, float((ev.data or {}).get("offset_s", 0.0))))
        self.timeline.scrollToBottom()

    def tick(self) -> None:
        """Update the timers once a second."""
        inc = self.state.incident(self.incident_id) if self.incident_id else None
        if inc is None:
            return
        colours = {TimerState.RUNNING: "#1565c0", TimerState.MET: "#2e7d32",
                   TimerState.BREACHED: "#c62828"}
        marks = {TimerState.RUNNING: "…", TimerState.MET: "✓", TimerState.BREACHED: "✗"}
        for lab, r in zip(self.timer_labels, read_timers(inc, time.time()), strict=True):
            lab.setText(f"{marks[r.state]} {timer_label(r.target.name)}: "
                        f"{format_elapsed(r.elapsed_s)}")
            lab.setStyleSheet(f"color: {colours[r.state]};")

    # --- input -------------------------------------------------------------
    def _note_entered(self) -> None:
        if self.incident_id and self.note.text().strip():
            self.noteEntered.emit(self.incident_id, self.note.text())
            self.note.clear()

    def _close_requested(self) -> None:
        if self.incident_id:
            self.closeRequested.emit(self.incident_id, self.close_status.currentData(),
                                     self.disposition.text().strip())

    def _other_chosen(self) -> None:
        if self.incident_id and self.other_unit.currentData():
            self.otherUnitChosen.emit(self.incident_id, self.other_unit.currentData())

    def set_replay_enabled(self, enabled: bool) -> None:
        """Show the replay button (supervisors and administrators)."""
        self.replay_button.setVisible(enabled)

    def _replay_selected(self) -> None:
        item = self.timeline.currentItem()
        target = item.data(Qt.ItemDataRole.UserRole) if item is not None else None
        if not target:  # no recording entry selected: the incident's latest recording
            for i in range(self.timeline.count() - 1, -1, -1):
                target = self.timeline.item(i).data(Qt.ItemDataRole.UserRole)
                if target:
                    break
        if target:
            self.replayRequested.emit(str(target[0]), float(target[1]))

    def focus_note(self) -> None:
        """Cursor to the note box."""
        self.note.setFocus()

    def focus_close(self) -> None:
        """Cursor to the disposition box."""
        self.disposition.setFocus()

    def focus_other_unit(self) -> None:
        """Open the other-unit chooser."""
        self.other_unit.setFocus()
        self.other_unit.showPopup()
