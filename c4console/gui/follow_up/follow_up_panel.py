"""The Seguimiento dock (shift leads and supervisors): today's visits by unit and the
overdue visits and calls, highest risk first.

One QTimer refreshes both tables from what the console holds (the feed's follow-up
records); a refresh redraws only the rows that changed. A change of the follow-up marks
the tables stale and the next tick redraws them. Every action is a command through the
window's ``send`` (the outbox, like dispatch): the central's refusals are listed in
*Rechazadas*."""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QDateTime, QPoint, Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDateTimeEdit,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMenu,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from c4console.core.follow_up.reports import overdue
from c4console.gui.cases.case_labels import risk_label
from c4console.gui.follow_up.labels import (
    outcome_label,
    overdue_kind_label,
    place_kind_label,
    visit_state_label,
)
from c4console.gui.follow_up.rows_model import KEY_ROLE, RowsModel
from c4console.gui.follow_up.visit_rows import visit_state, visits_today
from c4console.gui.shell.labels import format_elapsed
from c4console.sync.state import ConsoleState

VISIT_MIME = "application/x-c4-visit-id"
REFRESH_MS = 1000
# Without a change of the follow-up, the tables are still redrawn this often: a planned
# visit becomes missed and the overdue list grows with the clock alone.
CLOCK_REFRESH_S = 5.0

Send = Callable[[str, dict[str, Any], str], None]


def visit_from_mime(mime) -> str | None:
    """The visit id a drag carries (a row of the dock's visits), or None."""
    if mime is None or not mime.hasFormat(VISIT_MIME):
        return None
    vid = bytes(mime.data(VISIT_MIME).data()).decode("utf-8", "replace").strip()
    return vid or None


def _hm(t: float) -> str:
    return time.strftime("%H:%M", time.localtime(t))


class FollowUpPanel(QWidget):
    """Today's visits (drag a row onto a unit of the board to move it) and the overdue list.

    ``send(type, fields, what)`` sends a command; the forms (outcome, visit by hand,
    interview, call) are opened through ``formRequested(kind, visit id or "", plan id)``."""

    formRequested = Signal(str, str, str)  # outcome|manual|interview|call, visit id, plan id

    def __init__(self, state: ConsoleState, send: Send, parent=None,
                 clock: Callable[[], float] = time.time) -> None:
        super().__init__(parent)
        self.setObjectName("followUpPanel")
        self.state = state
        self._send = send
        self._clock = clock
        self._stale = True
        self._refreshed_at = 0.0
        self.visits = RowsModel([self.tr("Unidad"), self.tr("Hora"), self.tr("Lugar"),
                                 self.tr("Sector"), self.tr("Situación"), self.tr("Resultado")],
                                self, drag_mime=VISIT_MIME)
        self.overdue = RowsModel([self.tr("Tipo"), self.tr("Riesgo"), self.tr("Vencía"),
                                  self.tr("Retraso"), self.tr("Unidad"), self.tr("Expediente")], self)
        self.visit_view = self._table("followUpVisits", self.visits)
        self.visit_view.setDragEnabled(True)
        self.visit_view.setDragDropMode(QAbstractItemView.DragDropMode.DragOnly)
        self.visit_view.setToolTip(self.tr("Arrastre una visita a otra unidad del tablero para "
                                           "reasignarla"))
        self.visit_view.selectionModel().currentRowChanged.connect(lambda *_: self._sync())
        self.overdue_view = self._table("followUpOverdue", self.overdue)
        self.due_edit = QDateTimeEdit(self)
        self.due_edit.setObjectName("followUpDue")
        self.due_edit.setDisplayFormat("yyyy-MM-dd HH:mm")
        self.due_edit.setDateTime(QDateTime.fromSecsSinceEpoch(int(clock())))
        self.move_button = self._button("followUpMove", self.tr("Cambiar hora"), self.move_time)
        self.outcome_button = self._button("followUpOutcome", self.tr("Resultado…"),
                                           lambda: self._form("outcome"))
        self.manual_button = self._button("followUpManual", self.tr("Visita sin GPS…"),
                                          lambda: self._form("manual"))
        self.interview_button = self._button("followUpInterview", self.tr("Entrevista…"),
                                             lambda: self._form("interview"))
        self.call_button = self._button("followUpCall", self.tr("Llamada de seguimiento…"),
                                        lambda: self._form("call"))
        controls = QHBoxLayout()
        for w in (self.due_edit, self.move_button, self.outcome_button, self.manual_button,
                  self.interview_button, self.call_button):
            controls.addWidget(w)
        controls.addStretch(1)
        self.overdue_title = QLabel(self)
        self.overdue_title.setObjectName("followUpOverdueTitle")
        lay = QVBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.addWidget(QLabel(self.tr("Visitas de hoy"), self))
        lay.addWidget(self.visit_view, 2)
        lay.addLayout(controls)
        lay.addWidget(self.overdue_title)
        lay.addWidget(self.overdue_view, 1)
        self.visit_view.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.visit_view.customContextMenuRequested.connect(self._visit_menu)
        self.overdue_view.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.overdue_view.customContextMenuRequested.connect(self._overdue_menu)
        self.timer = QTimer(self)
        self.timer.setInterval(REFRESH_MS)
        self.timer.timeout.connect(self._tick)
        self.timer.start()
        self.refresh()

    def set_can_move(self, can_move: bool) -> None:
        """The shift's leads move visits and follow the overdue list; an operator (who
        talks to the crews on the radio) records a visit's outcome or a visit made without
        GPS proof, and sees neither (she receives no plans: no overdue list to compute)."""
        self.can_move = can_move
        for w in (self.due_edit, self.move_button, self.overdue_title, self.overdue_view):
            w.setVisible(can_move)
        self.visit_view.setDragEnabled(can_move)
        self._sync()

    def _table(self, name: str, model: RowsModel) -> QTableView:
        view = QTableView(self)
        view.setObjectName(name)
        view.setModel(model)
        view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        view.verticalHeader().hide()
        view.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        view.horizontalHeader().setStretchLastSection(True)
        return view

    def _button(self, name: str, text: str, slot) -> QPushButton:
        b = QPushButton(text, self)
        b.setObjectName(name)
        b.clicked.connect(slot)
        return b

    # --- following the state ---------------------------------------------------
    def follow(self, bridge) -> None:
        """Mark the tables stale when the follow-up (or a unit) changes."""
        bridge.touched.connect(self._touched)

    def _touched(self, t) -> None:
        if t.follow_up or t.unit_states:
            self._stale = True

    def _tick(self) -> None:
        if not self.isVisible():
            return  # a closed dock does no work; opening it refreshes (RoleDock.on_open)
        if self._stale or self._clock() - self._refreshed_at >= CLOCK_REFRESH_S:
            self.refresh()

    def refresh(self) -> None:
        """Recompute both tables; only changed rows are redrawn."""
        now = self._clock()
        self._stale, self._refreshed_at = False, now
        state = self.state
        plans = state.follow_plans
        rows = []
        for v in visits_today(state.patrol_visits.values(), now):
            unit = state.unit(v.unit_id)
            plan = plans.get(v.plan_id)
            rows.append((v.id, (unit.callsign if unit else v.unit_id, _hm(v.due_at),
                                place_kind_label(v.place_kind), plan.sector if plan else "",
                                visit_state_label(visit_state(v, now)), outcome_label(v.outcome))))
        rows.sort(key=lambda r: (r[1][0], r[1][1], r[0]))
        self.visits.set_rows(rows)
        late = overdue(plans.values(), state.patrol_visits.values(), state.follow_calls.values(), now)
        self.overdue.set_rows([
            (f"{o.kind}:{o.visit_id or o.plan_id}",
             (overdue_kind_label(o.kind), risk_label(o.risk_level), _hm(o.due_at), format_elapsed(o.late_s),
              self._callsign(o.unit_id), o.case_id)) for o in late])
        self._overdue_plans = {f"{o.kind}:{o.visit_id or o.plan_id}": o.plan_id for o in late}
        self.overdue_title.setText(self.tr("Atrasadas ({0})").format(len(late)))
        self._sync()

    def _callsign(self, uid: str) -> str:
        unit = self.state.unit(uid) if uid else None
        return unit.callsign if unit else uid

    # --- selection and actions ------------------------------------------------------
    def current_visit(self) -> str | None:
        """The visit of the selected row."""
        ix = self.visit_view.currentIndex()
        return self.visits.key(ix.row()) if ix.isValid() else None

    def select_visit(self, visit_id: str) -> None:
        """Select a visit's row (and put its due time in the time box)."""
        r = self.visits.row_of(visit_id)
        if r >= 0:
            self.visit_view.selectRow(r)
            self._sync()

    def _sync(self) -> None:
        vid = self.current_visit()
        visit = self.state.patrol_visits.get(vid) if vid else None
        for b in (self.outcome_button, self.manual_button):
            b.setEnabled(visit is not None)
        for b in (self.move_button, self.due_edit):
            b.setEnabled(visit is not None and getattr(self, "can_move", True))
        has_plan = visit is not None and visit.plan_id in self.state.follow_plans
        self.interview_button.setEnabled(has_plan)
        self.call_button.setEnabled(has_plan)
        if visit is not None and getattr(self, "_shown_due", None) != (vid, visit.due_at):
            self._shown_due = (vid, visit.due_at)
            self.due_edit.setDateTime(QDateTime.fromSecsSinceEpoch(int(visit.due_at)))

    def move_time(self) -> None:
        """Move the selected visit to the time in the time box."""
        vid = self.current_visit()
        if vid is None:
            return
        due = float(self.due_edit.dateTime().toSecsSinceEpoch())
        self._send("move_visit", {"visit_id": vid, "due_at": due}, self.tr("cambiar la hora de la visita"))

    def move_to_unit(self, visit_id: str, unit_id: str) -> None:
        """A visit dropped on a unit of the board: assign it to that unit."""
        self._send("move_visit", {"visit_id": visit_id, "unit_id": unit_id},
                   self.tr("reasignar la visita"))

    def _form(self, kind: str, visit_id: str | None = None, plan_id: str | None = None) -> None:
        vid = visit_id if visit_id is not None else (self.current_visit() or "")
        visit = self.state.patrol_visits.get(vid)
        plan = plan_id or (visit.plan_id if visit is not None else "")
        if vid or plan:
            self.formRequested.emit(kind, vid, plan)

    def _visit_menu(self, pos: QPoint) -> None:
        ix = self.visit_view.indexAt(pos)
        if not ix.isValid():
            return
        self.visit_view.selectRow(ix.row())
        vid = self.visits.data(ix, KEY_ROLE)
        menu = QMenu(self)
        for kind, text in (("outcome", self.tr("Resultado de la visita…")),
                           ("manual", self.tr("Registrar visita sin GPS…")),
                           ("interview", self.tr("Registrar entrevista…")),
                           ("call", self.tr("Registrar llamada de seguimiento…"))):
            menu.addAction(text, lambda k=kind: self._form(k, vid))
        menu.popup(self.visit_view.viewport().mapToGlobal(pos))

    def _overdue_menu(self, pos: QPoint) -> None:
        ix = self.overdue_view.indexAt(pos)
        if not ix.isValid():
            return
        key = self.overdue.data(ix, KEY_ROLE)
        plan = self._overdue_plans.get(key, "")
        menu = QMenu(self)
        if key.startswith("visit:"):
            vid = key.split(":", 1)[1]
            menu.addAction(self.tr("Registrar visita sin GPS…"), lambda: self._form("manual", vid))
        menu.addAction(self.tr("Registrar llamada de seguimiento…"),
                       lambda: self._form("call", "", plan))
        menu.addAction(self.tr("Registrar entrevista…"), lambda: self._form("interview", "", plan))
        menu.popup(self.overdue_view.viewport().mapToGlobal(pos))
