"""The coordination tasks the local cache holds (her agency's, for a liaison; every task, for
the C4): due date, what, the case's reference, the agency, its state — overdue ones
highlighted — and *Marcar como hecha* with a note, sent as ``complete_task`` through the
controller's outbox. Self-contained: it takes the controller the other panels take and reads
only the console state the feed fills (the liaison's window embeds it)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush, QColor, QFont
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from c4console.core.coordination.records import DONE, CoordinationTask
from c4console.gui.shell.controller import ConsoleController
from c4console.gui.shell.tasks import run_async

COMPLETE = "complete_task"
OVERDUE_BACKGROUND = QColor(255, 214, 214)
ID_ROLE = Qt.ItemDataRole.UserRole


class TasksPanel(QWidget):
    """The tasks of ``agency`` ("" : every task the cache holds), soonest due first."""

    def __init__(self, controller: ConsoleController, agency: str = "",
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.controller = controller
        self.agency = agency
        self._keys: set[str] = set()  # our complete_task commands awaiting an answer
        self.table = QTableWidget(0, 5, self)
        self.table.setObjectName("coordinationTasks")
        self.table.setHorizontalHeaderLabels([self.tr("Vence"), self.tr("Tarea"),
                                              self.tr("Caso"), self.tr("Institución"),
                                              self.tr("Estado")])
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.note = QLineEdit(self)
        self.note.setObjectName("taskNote")
        self.note.setPlaceholderText(self.tr("Nota: qué se hizo"))
        self.done_button = QPushButton(self.tr("Marcar como hecha"), self)
        self.done_button.setObjectName("markTaskDone")
        self.done_button.clicked.connect(self.mark_done)
        self.message = QLabel(self)
        self.message.setObjectName("tasksMessage")
        self.message.setWordWrap(True)
        row = QHBoxLayout()
        row.addWidget(self.note, 1)
        row.addWidget(self.done_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.table, 1)
        layout.addLayout(row)
        layout.addWidget(self.message)
        controller.bridge.touched.connect(self._touched)
        controller.bridge.commandRejected.connect(self._rejected)
        self.refresh()

    def tasks(self) -> list[CoordinationTask]:
        """The tasks shown, open first, then by due date."""
        held = self.controller.state.coordination_tasks.values()
        mine = [t for t in held if not self.agency or t.agency_id == self.agency]
        return sorted(mine, key=lambda t: (t.status == DONE, t.due_on, t.id))

    def refresh(self) -> None:
        """Redraw from the console state, keeping the selected task selected."""
        selected = self.selected_task_id()
        tasks = self.tasks()
        self.table.setRowCount(len(tasks))
        for r, task in enumerate(tasks):
            cells = [task.due_on, task.what, task.case_ref, task.agency_id, self._state(task)]
            for c, text in enumerate(cells):
                item = QTableWidgetItem(text)
                item.setData(ID_ROLE, task.id)
                if task.overdue and task.status != DONE:
                    item.setBackground(QBrush(OVERDUE_BACKGROUND))
                    font = QFont(item.font())
                    font.setBold(True)
                    item.setFont(font)
                self.table.setItem(r, c, item)
            if task.id == selected:
                self.table.selectRow(r)

    def _state(self, task: CoordinationTask) -> str:
        if task.status == DONE:
            return self.tr("Hecha: %1").replace("%1", task.done_note)
        return self.tr("Vencida") if task.overdue else self.tr("Pendiente")

    def task_ids(self) -> list[str]:
        """The ids of the rows, top to bottom."""
        return [self.table.item(r, 0).data(ID_ROLE) for r in range(self.table.rowCount())]

    def is_highlighted(self, task_id: str) -> bool:
        """True if the task's row is drawn as overdue."""
        for r, tid in enumerate(self.task_ids()):
            if tid == task_id:
                return self.table.item(r, 0).background().color() == OVERDUE_BACKGROUND
        return False

    def select(self, task_id: str) -> None:
        """Select the row of a task."""
        for r, tid in enumerate(self.task_ids()):
            if tid == task_id:
                self.table.selectRow(r)

    def selected_task_id(self) -> str:
        """The selected task's id, or ""."""
        rows = self.table.selectionModel().selectedRows() if self.table.selectionModel() else []
        return self.table.item(rows[0].row(), 0).data(ID_ROLE) if rows else ""

    def mark_done(self) -> None:
        """Send ``complete_task`` for the selected task with the note."""
        tid = self.selected_task_id()
        note = self.note.text().strip()
        task = self.controller.state.coordination_tasks.get(tid)
        if task is None:
            self.message.setText(self.tr("Seleccione una tarea"))
            return
        if task.status == DONE:
            self.message.setText(self.tr("Esa tarea ya está hecha"))
            return
        if not note:
            self.message.setText(self.tr("Escriba una nota de lo que se hizo"))
            return
        run_async(self._send(tid, note), what="marcar la tarea como hecha")

    async def _send(self, task_id: str, note: str) -> None:
        key = await self.controller.submit(COMPLETE, task_id=task_id, note=note)
        self._keys.add(key)
        self.note.clear()
        self.message.setText(self.tr("Guardado; se enviará a la central"))

    def _touched(self, touched) -> None:
        if touched.coordination:
            self.refresh()

    def _rejected(self, result: dict) -> None:
        if result.get("key") in self._keys:
            self._keys.discard(result.get("key"))
            self.message.setText(self.tr("La central no la marcó: %1").replace(
                "%1", str(result.get("message", ""))))
