"""The unit board: patrols with status, sector, assignment and time in status."""

from __future__ import annotations

import time
from collections.abc import Iterable

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt, Signal
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableView, QVBoxLayout, QWidget

from c4console.core.enums import UnitStatus
from c4console.gui.labels import format_elapsed, unit_status_label
from c4console.sync.state import ConsoleState

UNIT_COLOURS = {
    UnitStatus.AVAILABLE: QColor("#c8e6c9"),
    UnitStatus.ASSIGNED: QColor("#bbdefb"),
    UnitStatus.EN_ROUTE: QColor("#90caf9"),
    UnitStatus.ON_SCENE: QColor("#e1bee7"),
    UnitStatus.OUT_OF_SERVICE: QColor("#e0e0e0"),
}
ID_ROLE = Qt.ItemDataRole.UserRole + 1


class UnitTableModel(QAbstractTableModel):
    """Units sorted by callsign."""

    def __init__(self, state: ConsoleState, parent=None) -> None:
        super().__init__(parent)
        self.state = state
        self._ids: list[str] = []
        self._row: dict[str, int] = {}
        self.now = time.time()
        self._headers = [self.tr("Unidad"), self.tr("Estado"), self.tr("Sector"),
                         self.tr("Incidente"), self.tr("En estado")]

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._ids)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._headers)

    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self._headers[section]
        return None

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        u = self.state.unit(self._ids[index.row()])
        if u is None:
            return None
        if role == ID_ROLE:
            return u.id
        if role == Qt.ItemDataRole.BackgroundRole:
            return QBrush(UNIT_COLOURS[u.status])
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        col = index.column()
        if col == 0:
            return u.callsign
        if col == 1:
            return unit_status_label(u.status)
        if col == 2:
            return u.sector
        if col == 3:
            inc = self.state.incident(u.incident_id) if u.incident_id else None
            return inc.folio if inc else ""
        if col == 4:
            return format_elapsed(self.now - u.status_since) if u.status_since else ""
        return None

    def reset_from_state(self) -> None:
        """Rebuild from the state."""
        self.beginResetModel()
        units = sorted(self.state.all_units(), key=lambda u: u.callsign)
        self._ids = [u.id for u in units]
        self._row = {uid: r for r, uid in enumerate(self._ids)}
        self.endResetModel()

    def refresh(self, ids: Iterable[str]) -> None:
        """Units changed (a new unit resets the sorted list)."""
        ids = list(ids)
        if any(i not in self._row for i in ids):
            self.reset_from_state()
            return
        for uid in ids:
            r = self._row[uid]
            self.dataChanged.emit(self.index(r, 0), self.index(r, len(self._headers) - 1))

    def row_of(self, uid: str) -> int:
        """Row of a unit or -1."""
        return self._row.get(uid, -1)

    def tick(self, now: float | None = None) -> None:
        """Refresh the time-in-status column."""
        self.now = now if now is not None else time.time()
        if self._ids:
            self.dataChanged.emit(self.index(0, 4), self.index(len(self._ids) - 1, 4))


class UnitBoard(QWidget):
    """Table of units; selecting one announces it."""

    unitSelected = Signal(str)

    def __init__(self, state: ConsoleState, parent=None) -> None:
        super().__init__(parent)
        self.setObjectName("unitBoard")
        self.model = UnitTableModel(state, self)
        self.view = QTableView(self)
        self.view.setObjectName("unitTable")
        self.view.setModel(self.model)
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.view.verticalHeader().hide()
        self.view.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.view.horizontalHeader().setStretchLastSection(True)
        self.view.clicked.connect(lambda ix: self.unitSelected.emit(self.model.data(ix, ID_ROLE)))
        lay = QVBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.addWidget(self.view)

    def select_unit(self, uid: str) -> None:
        """Select a unit's row without announcing it again."""
        r = self.model.row_of(uid)
        if r >= 0:
            self.view.blockSignals(True)
            self.view.selectRow(r)
            self.view.blockSignals(False)
