"""Her history beside the selected incident: prior incidents and why they matched, a
repeat within 30 days, her protection orders, her risk level, her last follow-up
contact, the aggressors' names, possible duplicates and the cases it may belong to.

It shows only what reached this console (the central filtered it for the role): the
incident's ``history`` record and, when this console holds it, her case — whose latest
risk assessment wins over the history's level when newer. The buttons are the main
window's actions (one place for shortcuts)."""

from __future__ import annotations

import datetime as dt
from html import escape

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QGridLayout,
    QGroupBox,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QSizePolicy,
    QToolButton,
    QVBoxLayout,
)

from c4console.core.cases.history_record import IncidentHistory
from c4console.core.cases.records import Case
from c4console.core.catalogue import Catalogue
from c4console.core.enums import IncidentStatus
from c4console.gui.cases.case_labels import reasons_text, risk_badge
from c4console.gui.cases.her_risk import current_risk
from c4console.gui.shell.labels import status_label
from c4console.gui.shell.plain_text import RICH_TEXT
from c4console.sync.state import ConsoleState, Touched

LIST_HEIGHT = 96  # px: a few wrapped rows; the detail panel keeps room for its timeline


def _day(ts: float | None) -> str:
    return dt.datetime.fromtimestamp(ts).strftime("%Y-%m-%d %H:%M") if ts else "—"


def _status(value: str | None) -> str:
    try:
        return status_label(IncidentStatus(value))
    except ValueError:
        return value or "—"


class HistorySection(QGroupBox):
    """Her history for one incident (:meth:`show_incident`); follows the changes of that
    incident's history and of her case itself (:meth:`follow`)."""

    def __init__(self, state: ConsoleState, catalogue: Catalogue, parent=None) -> None:
        super().__init__(self.tr("Historial de la persona"), parent)
        self.setObjectName("historySection")
        self.state = state
        self.catalogue = catalogue
        self.incident_id: str | None = None
        self.summary = QLabel()
        self.summary.setObjectName("historySummary")
        self.summary.setTextFormat(Qt.TextFormat.RichText)
        self.summary.setProperty(RICH_TEXT, True)  # its data is escaped (_summary)
        self.summary.setWordWrap(True)
        # Her name, risk, order and aggressor are read first: the lists give way, not this
        # (a short dock clipped the aggressor line under the prior incidents).
        self.summary.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Minimum)
        self.prior = self._list("historyPrior")
        self.duplicates = self._list("historyDuplicates")
        self.suggestions = self._list("historySuggestions")
        self.prior_title = QLabel()
        self.duplicates_title = QLabel(self.tr("Posibles duplicados (abiertos):"))
        self.suggestions_title = QLabel(self.tr("Expedientes que pueden ser suyos:"))
        self.buttons = QGridLayout()
        lay = QVBoxLayout(self)
        lay.setContentsMargins(6, 4, 6, 4)
        lay.addWidget(self.summary)
        lay.addWidget(self.prior_title)
        lay.addWidget(self.prior)
        lay.addWidget(self.duplicates_title)
        lay.addWidget(self.duplicates)
        lay.addWidget(self.suggestions_title)
        lay.addWidget(self.suggestions)
        lay.addLayout(self.buttons)
        self.buttons.setColumnStretch(2, 1)
        self.refresh()

    def _list(self, name: str) -> QListWidget:
        w = QListWidget()
        w.setObjectName(name)
        w.setMaximumHeight(LIST_HEIGHT)
        w.setWordWrap(True)  # why it matched comes last: never cut off
        return w

    def add_action_buttons(self, actions: list[QAction]) -> None:
        """Show these actions (abrir expediente, vincular, evaluar riesgo…) as buttons."""
        for n, a in enumerate(actions):
            b = QToolButton()
            b.setDefaultAction(a)
            b.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
            b.setVisible(a.isVisible())  # a role's tool (the risk assessment) or nothing
            a.changed.connect(lambda b=b, a=a: b.setVisible(a.isVisible()))
            self.buttons.addWidget(b, n // 2, n % 2)  # two a row: the dock stays narrow

    # --- what it shows ------------------------------------------------------------
    def show_incident(self, iid: str | None) -> None:
        """Show the history of this incident (None clears)."""
        self.incident_id = iid
        self.refresh()

    def follow(self, bridge) -> None:
        """Redraw when this incident's history or her case changes (``bridge.touched``)."""
        bridge.touched.connect(self.on_touched)

    def on_touched(self, t: Touched) -> None:
        """Redraw if the shown incident's history, her case or the incident changed."""
        iid = self.incident_id
        if not iid:
            return
        case = self.case()
        if (iid in t.histories or iid in t.incidents or (case is not None and case.id in t.cases)
                or (t.cases and case is None)):
            self.refresh()

    def history(self) -> IncidentHistory | None:
        """The shown incident's history record as this console holds it."""
        return self.state.histories.get(self.incident_id or "")

    def case(self) -> Case | None:
        """Her case, if this console holds it."""
        return self.state.case_of_incident(self.incident_id) if self.incident_id else None

    def case_id(self) -> str | None:
        """Her case's id: the one the history names or a case listing the incident."""
        case, history = self.case(), self.history()
        return case.id if case is not None else (history.case_id if history else None)

    def refresh(self) -> None:
        """Redraw from the state."""
        history, case = self.history(), self.case()
        self.prior.clear()
        self.duplicates.clear()
        self.suggestions.clear()
        if self.incident_id is None:
            self.summary.setText("")
        elif history is None and case is None:
            self.summary.setText(self.tr("Sin historial"))
        else:
            self.summary.setText(self._summary(history, case))
        self._fill(history)
        shown = history is not None
        self.prior_title.setVisible(shown)
        self.prior.setVisible(shown)
        for title, lst in ((self.duplicates_title, self.duplicates),
                           (self.suggestions_title, self.suggestions)):
            title.setVisible(lst.count() > 0)
            lst.setVisible(lst.count() > 0)

    def _summary(self, history: IncidentHistory | None, case: Case | None) -> str:
        lines = []
        name = case.person.name if case is not None and case.person.name else ""
        head = risk_badge(current_risk(history, case))
        if name:
            head = f"<b>{escape(name)}</b> · {head}"
        if history is not None and history.repeat_within_30_days:
            head += (' <span style="color:#b71c1c; font-weight:bold;">'
                     + escape(self.tr("⚠ REPITE EN 30 DÍAS")) + "</span>")
        lines.append(head)
        orders = history.orders if history is not None else ()
        if not orders and case is not None:
            orders = tuple({**o.to_wire(), "in_force": o.in_force(dt.date.today())}
                           for o in case.orders)
        for o in orders:
            state = (self.tr("VIGENTE") if o.get("in_force") else self.tr("no vigente"))
            until = o.get("valid_until") or ""
            text = self.tr("Orden {0} · {1} · {2}").format(
                o.get("number", ""), o.get("authority", ""), state)
            if until:
                text += " " + self.tr("(hasta {0})").format(until)
            colour = "#1b5e20" if o.get("in_force") else "#757575"
            lines.append(f'<span style="color:{colour};">{escape(text)}</span>')
        if not orders:
            lines.append(escape(self.tr("Sin orden de protección registrada")))
        names = history.aggressor_names if history is not None and history.aggressor_names else (
            tuple(a.name for a in case.aggressors) if case is not None else ())
        if names:
            lines.append(escape(self.tr("Agresor: {0}").format(", ".join(names))))
        contact = history.last_contact if history is not None else None
        if contact:
            lines.append(escape(self.tr("Último seguimiento: {0} {1}").format(
                _day(contact.get("at")), contact.get("text") or contact.get("kind", ""))))
        else:
            lines.append(escape(self.tr("Último seguimiento: ninguno registrado")))
        return "<br>".join(lines)

    def _fill(self, history: IncidentHistory | None) -> None:
        if history is None:
            return
        self.prior_title.setText(self.tr("Incidentes previos: {0}").format(history.prior_total)
                                 if history.prior_total else self.tr("Sin incidentes previos"))
        for p in history.prior:
            outcome = _status(p.get("status"))
            if p.get("disposition"):
                outcome += f" ({p['disposition']})"
            self._row(self.prior, p, [p.get("folio") or p["incident_id"],
                                      _day(p.get("created_at")), self._type(p.get("type_code")),
                                      outcome, reasons_text(p.get("reasons"), p.get("distance_m"))])
        for d in history.possible_duplicates:
            self._row(self.duplicates, d, [d.get("folio") or d["incident_id"],
                                           self._type(d.get("type_code")), _status(d.get("status")),
                                           reasons_text(d.get("reasons"), d.get("distance_m"))])
        if self.duplicates.count():
            self.duplicates.setCurrentRow(0)
        for s in history.suggestions:
            held = self.state.cases.get(s["case_id"])
            who = held.person.name if held is not None and held.person.name else s["case_id"]
            item = QListWidgetItem(f"{who} · {reasons_text(s.get('reasons'), s.get('distance_m'))}")
            item.setData(Qt.ItemDataRole.UserRole, s["case_id"])
            self.suggestions.addItem(item)
        if self.suggestions.count():
            self.suggestions.setCurrentRow(0)

    def _type(self, code: str | None) -> str:
        t = self.catalogue.types.get(code or "")
        return t.name if t is not None else (code or "—")

    @staticmethod
    def _row(lst: QListWidget, item: dict, parts: list[str]) -> None:
        row = QListWidgetItem(" · ".join(p for p in parts if p))
        row.setData(Qt.ItemDataRole.UserRole, item["incident_id"])
        lst.addItem(row)

    # --- what the actions act on ------------------------------------------------------
    def chosen_duplicate(self) -> str | None:
        """The duplicate to link: the selected one, else the first."""
        item = self.duplicates.currentItem() or self.duplicates.item(0)
        return item.data(Qt.ItemDataRole.UserRole) if item is not None else None

    def chosen_suggestion(self) -> str | None:
        """The suggested case to confirm: the selected one, else the first."""
        item = self.suggestions.currentItem() or self.suggestions.item(0)
        return item.data(Qt.ItemDataRole.UserRole) if item is not None else None
