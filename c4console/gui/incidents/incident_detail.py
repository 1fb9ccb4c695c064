"""Incident detail: who, where, timers, recommendation, timeline, notes and actions.

The action buttons show the main window's QActions (one place for shortcuts). The
layout, captions and placeholders are the Qt Designer form ui/incident_detail.ui (closing
an incident: the last row of its "Despacho" box); what is shown and sent is here.
"""

from __future__ import annotations

import datetime as dt
import time
from collections.abc import Callable

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QLabel, QToolButton, QWidget

from c4console.core.catalogue import Catalogue
from c4console.core.enums import UnitStatus
from c4console.core.geo import haversine_m
from c4console.core.models import Incident, Unit
from c4console.core.recommend import Recommendation
from c4console.core.timers import TimerState, read_timers
from c4console.gui.forms.ui_incident_detail import Ui_IncidentDetail
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
        self.state = state
        self.catalogue = catalogue
        self.recommend = recommend or (lambda _iid: [])
        self.incident_id: str | None = None
        self.recommendations: list[Recommendation] = []
        self.renders = 0  # full redraws (tests check a patrol's move does not cause one)

        self.ui = ui = Ui_IncidentDetail()
        ui.setupUi(self)
        self.title = ui.detailTitle
        self.form = ui.form
        self.f_type, self.f_place, self.f_live = ui.f_type, ui.f_place, ui.f_live
        self.f_person, self.f_order = ui.f_person, ui.f_order
        self.f_owner = ui.ownerLabel  # who took it: another operator may not move its patrols
        self.timer_labels: list[QLabel] = [ui.timer0, ui.timer1, ui.timer2]

        self.d_grid = ui.dispatchGrid
        self.rec_label = ui.recommendationLabel
        self.buttons = ui.actionButtons
        self.other_unit = ui.otherUnitCombo
        self.other_button = ui.otherUnitButton
        self.other_button.clicked.connect(self._other_chosen)
        # Closing: the status chosen (its command value as item data), the disposition.
        self.close_status = ui.closeStatus
        for s, label in (("closed", self.tr("Cerrar")), ("false_alarm", self.tr("Falsa alarma")),
                         ("cancelled", self.tr("Cancelar")), ("test", self.tr("Prueba"))):
            self.close_status.addItem(label, s)
        self.disposition = ui.dispositionEdit
        self.disposition.returnPressed.connect(self._close_requested)
        self.close_button = ui.closeButton
        self.close_button.clicked.connect(self._close_requested)

        self.timeline = ui.timeline
        self.replay_button = ui.timelineReplay  # supervisors: replay the selected recording entry
        self.replay_button.clicked.connect(self._replay_selected)
        self.replay_button.hide()
        self.note = ui.noteEdit
        self.note.returnPressed.connect(self._note_entered)
        self.layout_ = ui.layout
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
