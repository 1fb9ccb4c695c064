"""The incident queue as a Qt table model, kept sorted in Python.

Sorting lives in this model (not a QSortFilterProxyModel) because a Python sort
of 10,000 keys is milliseconds while a proxy calling ``data()`` per comparison
is not. Rows are ids; one change touches one row.
"""

from __future__ import annotations

import bisect
import time
from collections.abc import Iterable
from enum import IntEnum

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QColor

from c4console.core.catalogue import Catalogue
from c4console.core.enums import Priority
from c4console.core.models import Incident
from c4console.core.timers import breaches
from c4console.gui.labels import (
    channel_label,
    format_elapsed,
    priority_label,
    status_label,
)
from c4console.sync.state import ConsoleState


class Col(IntEnum):
    """Queue columns."""

    PRIORITY = 0
    FOLIO = 1
    TYPE = 2
    CHANNEL = 3
    PLACE = 4
    STATUS = 5
    ELAPSED = 6
    UNIT = 7


ID_ROLE = Qt.ItemDataRole.UserRole + 1
PRIORITY_COLOURS = {
    Priority.ALTA: QColor("#d32f2f"),
    Priority.MEDIA: QColor("#f57c00"),
    Priority.BAJA: QColor("#fbc02d"),
}
BREACH_COLOUR = QColor("#ffcdd2")
FLASH_COLOUR = QColor("#ff8a80")
PENDING_COLOUR = QColor("#5c6bc0")


def default_key(inc: Incident) -> tuple:
    """Open first, then most urgent, then oldest first (the one waiting longest)."""
    return (not inc.is_open, inc.priority.rank, inc.created_at, inc.id)


class IncidentQueueModel(QAbstractTableModel):
    """Rows of incidents from a :class:`ConsoleState`, sorted by a key."""

    def __init__(self, state: ConsoleState, catalogue: Catalogue, parent=None) -> None:
        super().__init__(parent)
        self.state = state
        self.catalogue = catalogue
        self._ids: list[str] = []
        self._keys: list[tuple] = []
        self._row: dict[str, int] = {}
        self._sort_col = -1
        self._sort_order = Qt.SortOrder.AscendingOrder
        self.flash_on = False
        self.now = time.time()
        self._headers = [self.tr("Prioridad"), self.tr("Folio"), self.tr("Tipo"), self.tr("Canal"),
                         self.tr("Sector / colonia"), self.tr("Estado"), self.tr("Tiempo"),
                         self.tr("Unidad")]

    # --- Qt model API ----------------------------------------------------
    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._ids)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(Col)

    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self._headers[section]
        return None

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        inc = self.state.incident(self._ids[index.row()])
        if inc is None:
            return None
        col = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return self._display(inc, col)
        if role == ID_ROLE:
            return inc.id
        if role == Qt.ItemDataRole.BackgroundRole:
            return self._background(inc, col)
        if role == Qt.ItemDataRole.ForegroundRole and col == Col.PRIORITY:
            return QBrush(QColor("white"))
        if role == Qt.ItemDataRole.ToolTipRole:
            return self._tooltip(inc)
        return None

    def _display(self, inc: Incident, col: int) -> str:
        if col == Col.PRIORITY:
            return priority_label(inc.priority)
        if col == Col.FOLIO:
            pending = self.state.pending_count(inc.id)
            return f"{inc.folio} ⏳{pending}" if pending else inc.folio
        if col == Col.TYPE:
            t = self.catalogue.types.get(inc.type_code)
            return f"{inc.type_code} {t.name}" if t else inc.type_code
        if col == Col.CHANNEL:
            return channel_label(inc.channel)
        if col == Col.PLACE:
            return " / ".join(x for x in (inc.sector, inc.colonia) if x)
        if col == Col.STATUS:
            return status_label(inc.status)
        if col == Col.ELAPSED:
            end = inc.closed_at or self.now
            return format_elapsed(end - inc.created_at)
        if col == Col.UNIT:
            u = self.state.unit(inc.unit_id) if inc.unit_id else None
            return u.callsign if u else (inc.unit_id or "")
        return ""

    def _background(self, inc: Incident, col: int):
        if col == Col.PRIORITY:
            return QBrush(PRIORITY_COLOURS[inc.priority])
        if inc.status.value == "new" and self.flash_on:
            return QBrush(FLASH_COLOUR)
        if col == Col.ELAPSED and inc.is_open and breaches(inc, self.now):
            return QBrush(BREACH_COLOUR)
        if col == Col.FOLIO and self.state.pending_count(inc.id):
            return QBrush(QColor("#e8eaf6"))
        return None

    def _tooltip(self, inc: Incident) -> str:
        b = breaches(inc, self.now)
        pending = self.state.pending_count(inc.id)
        parts = []
        if b:
            parts.append(self.tr("Tiempos excedidos: {0}").format(", ".join(b)))
        if pending:
            parts.append(self.tr("{0} acciones pendientes de confirmar por la central")
                         .format(pending))
        return "\n".join(parts)

    # --- content -------------------------------------------------------------
    def incident_id(self, row: int) -> str:
        """The incident id at ``row``."""
        return self._ids[row]

    def row_of(self, iid: str) -> int:
        """The row of an incident, or -1."""
        return self._row.get(iid, -1)

    def _key(self, inc: Incident) -> tuple:
        if self._sort_col < 0:
            return default_key(inc)
        v = self._display(inc, self._sort_col) if self._sort_col != Col.ELAPSED else inc.created_at
        if self._sort_col == Col.PRIORITY:
            v = inc.priority.rank
        k = (v, inc.id)
        return k

    def reset_from_state(self) -> None:
        """Rebuild all rows (start-up, language change)."""
        self.beginResetModel()
        pairs = sorted((self._key(i), i.id) for i in self.state.all_incidents())
        self._apply_pairs(pairs)
        self.endResetModel()

    def _apply_pairs(self, pairs: list[tuple[tuple, str]]) -> None:
        if self._sort_order == Qt.SortOrder.DescendingOrder and self._sort_col >= 0:
            pairs.reverse()
        self._keys = [k for k, _ in pairs]
        self._ids = [i for _, i in pairs]
        self._row = {iid: r for r, iid in enumerate(self._ids)}

    def refresh(self, ids: Iterable[str]) -> None:
        """Incidents changed: update, insert or move their rows."""
        last = len(Col) - 1
        for iid in ids:
            inc = self.state.incident(iid)
            row = self._row.get(iid, -1)
            if inc is None:
                if row >= 0:
                    self._remove_row(row)
                continue
            key = self._key(inc)
            if row >= 0 and self._keys[row] == key:
                self.dataChanged.emit(self.index(row, 0), self.index(row, last))
                continue
            if row >= 0:
                self._remove_row(row)
            self._insert(iid, key)

    def _position(self, key: tuple) -> int:
        if self._sort_order == Qt.SortOrder.DescendingOrder and self._sort_col >= 0:
            # keys are descending: search on the negated order
            lo, hi = 0, len(self._keys)
            while lo < hi:
                mid = (lo + hi) // 2
                if self._keys[mid] > key:
                    lo = mid + 1
                else:
                    hi = mid
            return lo
        return bisect.bisect_left(self._keys, key)

    def _insert(self, iid: str, key: tuple) -> None:
        pos = self._position(key)
        self.beginInsertRows(QModelIndex(), pos, pos)
        self._ids.insert(pos, iid)
        self._keys.insert(pos, key)
        for r in range(pos, len(self._ids)):
            self._row[self._ids[r]] = r
        self.endInsertRows()

    def _remove_row(self, row: int) -> None:
        self.beginRemoveRows(QModelIndex(), row, row)
        iid = self._ids.pop(row)
        self._keys.pop(row)
        del self._row[iid]
        for r in range(row, len(self._ids)):
            self._row[self._ids[r]] = r
        self.endRemoveRows()

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        """Sort by a column (-1: the default queue order), keeping selections."""
        self.layoutAboutToBeChanged.emit()
        old_persistent = self.persistentIndexList()
        old_ids = [(p, self._ids[p.row()]) for p in old_persistent]
        self._sort_col, self._sort_order = column, order
        pairs = sorted((self._key(self.state.incident(i)), i) for i in self._ids)
        self._apply_pairs(pairs)
        self.changePersistentIndexList(
            [p for p, _ in old_ids],
            [self.index(self._row[i], p.column()) for p, i in old_ids])
        self.layoutChanged.emit()

    def tick(self, now: float | None = None) -> None:
        """Once a second: elapsed times and flashing; repaints only those cells."""
        self.now = now if now is not None else time.time()
        self.flash_on = not self.flash_on
        if self._ids:
            self.dataChanged.emit(self.index(0, Col.ELAPSED), self.index(len(self._ids) - 1,
                                                                         Col.ELAPSED))
            new_rows = [r for r, i in enumerate(self._ids)
                        if (inc := self.state.incident(i)) and inc.status.value == "new"]
            for r in new_rows:
                self.dataChanged.emit(self.index(r, 0), self.index(r, len(Col) - 1))
