"""The liaison's cases (issue 15): the cases shared with her agency, as her console's cache
holds them, and the selected one's view.

The central's feed already cut each case to her share level (resumen: name, risk level,
orders in force; completo: plus her history and interventions as timeline entries, and
psychological notes only after the psychologist's explicit step), so the panel renders what
the state holds and asks the central for nothing. A section without records says so.
"""

from __future__ import annotations

from datetime import date, datetime

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from c4console.core.cases.records import Case, CaseTimelineEntry
from c4console.gui.cases.case_labels import risk_label
from c4console.sync.state import ConsoleState, Touched

# Timeline groups a liaison may hold, in the order shown (core/agencies/feed.py).
SECTIONS = ("history", "interventions", "psych_notes")


class SharedCasesPanel(QWidget):
    """The list of her agency's shared cases and the selected case's fields."""

    def __init__(self, state: ConsoleState, parent: QWidget | None = None,
                 today=date.today) -> None:
        super().__init__(parent)
        self.state = state
        self.today = today
        self.cases = QListWidget(self)
        self.cases.setObjectName("sharedCasesList")
        self.view = QPlainTextEdit(self)
        self.view.setObjectName("sharedCaseView")
        self.view.setReadOnly(True)
        self.empty = QLabel(self.tr("No hay casos compartidos con su institución"), self)
        self.empty.setObjectName("sharedCasesEmpty")
        split = QSplitter(Qt.Orientation.Horizontal, self)
        split.addWidget(self.cases)
        split.addWidget(self.view)
        split.setSizes([260, 520])
        layout = QVBoxLayout(self)
        layout.addWidget(self.empty)
        layout.addWidget(split)
        self.cases.currentItemChanged.connect(lambda *_: self.show_selected())
        self.reload()

    def follow(self, bridge) -> None:
        """Redraw when her cases or their timelines change (arrive, are cut or withdrawn)."""
        bridge.touched.connect(self.on_touched)

    def on_touched(self, t: Touched) -> None:
        """Cases or timeline entries changed: the list (keeping the selection) and the view."""
        if t.cases or t.case_timelines:
            self.reload()

    def case_ids(self) -> list[str]:
        """The ids listed, in order."""
        return [self.cases.item(i).data(Qt.ItemDataRole.UserRole) for i in range(self.cases.count())]

    def select_case(self, case_id: str) -> None:
        """Select a listed case (no-op if it is not held)."""
        for i in range(self.cases.count()):
            if self.cases.item(i).data(Qt.ItemDataRole.UserRole) == case_id:
                self.cases.setCurrentRow(i)
                return

    def reload(self) -> None:
        """The list from the state: highest risk first, then by name."""
        keep = self.cases.currentItem().data(Qt.ItemDataRole.UserRole) if self.cases.currentItem() else None
        held = [c for c in self.state.cases.values() if not c.merged_into]
        held.sort(key=lambda c: (-(c.risk_level.rank if c.risk_level else -1), c.person.name))
        self.cases.blockSignals(True)
        self.cases.clear()
        for case in held:
            item = QListWidgetItem(self.tr("{0} · riesgo {1}").format(
                case.person.name or self.tr("(sin nombre)"), risk_label(case.risk_level)))
            item.setData(Qt.ItemDataRole.UserRole, case.id)
            self.cases.addItem(item)
        self.cases.blockSignals(False)
        self.empty.setVisible(not held)
        if keep is not None:
            self.select_case(keep)
        if self.cases.currentItem() is None and held:
            self.cases.setCurrentRow(0)
        self.show_selected()

    def show_selected(self) -> None:
        """The selected case's fields, as held."""
        item = self.cases.currentItem()
        case = self.state.cases.get(item.data(Qt.ItemDataRole.UserRole)) if item else None
        self.view.setPlainText("" if case is None else self.case_text(case))

    def case_text(self, case: Case) -> str:
        """What her agency holds of one case, as plain text."""
        lines = [self.tr("Nombre: {0}").format(case.person.name),
                 self.tr("Nivel de riesgo: {0}").format(risk_label(case.risk_level))]
        orders = case.orders_in_force(self.today())
        if orders:
            lines.append(self.tr("Órdenes de protección vigentes:"))
            for o in orders:
                until = o.valid_until or self.tr("sin fecha de término")
                lines.append(self.tr("  · {0} ({1}), hasta {2}").format(o.number, o.authority, until))
        else:
            lines.append(self.tr("Órdenes de protección vigentes: ninguna"))
        lines.append(self.tr("Tareas abiertas: véase la pestaña Tareas"))
        entries = self._entries(case.id)
        titles = {"history": self.tr("Historial"), "interventions": self.tr("Intervenciones"),
                  "psych_notes": self.tr("Notas psicológicas")}
        for group in SECTIONS:
            shown = [e for e in entries if e.group == group]
            if shown:
                lines += ["", titles[group] + ":"]
                lines += [self.tr("  {0} · {1}: {2}").format(_when(e.at), e.kind, e.text)
                          for e in shown]
        return "\n".join(lines)

    def _entries(self, case_id: str) -> list[CaseTimelineEntry]:
        return sorted((e for e in self.state.case_timeline.values() if e.case_id == case_id),
                      key=lambda e: e.at)


def _when(at: float) -> str:
    return datetime.fromtimestamp(at).strftime("%Y-%m-%d %H:%M")
