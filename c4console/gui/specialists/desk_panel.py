"""Mesa de especialistas: the desk's queue as a table with one live waiting timer, and
"Atender" (Enter on a row, or the button) asking to attend the selected row."""

from __future__ import annotations

import time
from collections.abc import Callable
from datetime import tzinfo

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from c4console.core.specialists.queue import DeskRow
from c4console.gui.specialists.desk_model import COL_ORIGIN, KEY_ROLE, DeskModel
from c4console.sync.state import ConsoleState, Touched

TICK_MS = 1000


class DeskPanel(QWidget):
    """The desk's table, its count and the Atender button."""

    attendRequested = Signal(object)  # DeskRow

    def __init__(self, state: ConsoleState, parent=None, *,
                 now: Callable[[], float] = time.time, tz: tzinfo | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("deskPanel")
        self.model = DeskModel(state, self, now=now, tz=tz)
        self.table = QTableView()
        self.table.setObjectName("deskTable")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setSectionResizeMode(COL_ORIGIN, QHeaderView.ResizeMode.Stretch)
        self.table.doubleClicked.connect(lambda _ix: self.attend_selected())
        self.table.installEventFilter(self)
        self.count = QLabel()
        self.count.setObjectName("deskCount")
        self.attend = QPushButton(self.tr("Atender (Enter)"))
        self.attend.setObjectName("deskAttend")
        self.attend.clicked.connect(self.attend_selected)
        self.read_only = False
        row = QHBoxLayout()
        row.addWidget(self.count, 1)
        row.addWidget(self.attend)
        lay = QVBoxLayout(self)
        lay.addWidget(self.table, 1)
        lay.addLayout(row)
        self.model.modelAboutToBeReset.connect(self._remember_selection)
        self.model.modelReset.connect(self._restore_selection)
        self._kept: str | None = None
        # One timer for the whole table: the waiting times, and the follow-ups whose day came.
        self.timer = QTimer(self)
        self.timer.setInterval(TICK_MS)
        self.timer.timeout.connect(self.tick)
        self.timer.start()
        self.tick()

    def follow(self, bridge) -> None:
        """Recompute when the desk's records, her case or an incident changes."""
        bridge.touched.connect(self.on_touched)

    def on_touched(self, t: Touched) -> None:
        """The feed or the outbox changed records the desk shows."""
        if t.referrals or t.desk_follow_ups or t.cases or t.incidents:
            self.model.refresh(t.cases | t.referrals | t.desk_follow_ups)
            self._count()

    def tick(self) -> None:
        """The timer: waiting times move, follow-ups due today appear, missed ones flag."""
        self.model.refresh()
        self._count()

    def set_read_only(self, read_only: bool) -> None:
        """Supervisors read the queue; only the desk's roles attend it."""
        self.read_only = read_only
        self.attend.setVisible(not read_only)

    def _count(self) -> None:
        rows = self.model.rows
        missed = sum(1 for r in rows if r.missed)
        text = self.tr("{0} en espera").format(len(rows))
        if missed:
            text += " · " + self.tr("{0} seguimiento(s) no realizado(s)").format(missed)
        self.count.setText(text)

    def selected(self) -> DeskRow | None:
        """The row selected (the first one if none is)."""
        ix = self.table.currentIndex()
        return self.model.row(ix.row() if ix.isValid() else 0)

    def select_key(self, key: str) -> bool:
        """Select the row of ``key`` (see :func:`~.desk_model.row_key`)."""
        r = self.model.row_of(key)
        if r >= 0:
            self.table.selectRow(r)
        return r >= 0

    def attend_selected(self) -> None:
        """Enter: attend the selected row."""
        row = self.selected()
        if row is not None and not self.read_only:
            self.attendRequested.emit(row)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if (watched is self.table and event.type() == QEvent.Type.KeyPress
                and isinstance(event, QKeyEvent)
                and event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter)):
            self.attend_selected()
            return True
        return super().eventFilter(watched, event)

    def _remember_selection(self) -> None:
        ix = self.table.currentIndex()
        self._kept = ix.data(KEY_ROLE) if ix.isValid() else None

    def _restore_selection(self) -> None:
        if (self._kept is None or not self.select_key(self._kept)) and self.model.rows:
            self.table.selectRow(0)
