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
from typing import NamedTuple

from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtGui import QBrush, QColor

from c4console.core.catalogue import Catalogue
from c4console.core.enums import Priority
from c4console.core.models import Incident
from c4console.core.shifts import Desk
from c4console.core.timers import breaches
from c4console.gui.shell.labels import (
    channel_label,
    format_elapsed,
    priority_label,
    status_label,
)
from c4console.gui.shell.table_model import HeaderedTableModel
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


class _Row(NamedTuple):
    """What sorting, filtering and painting need of one incident, computed once per change."""

    cells: tuple[str, ...]
    open: bool
    rank: int
    created_at: float
    hay: str  # lower-case text the search looks in
    mine: bool = False  # her shift's sectors or owned by her (core.shifts.Desk)


def default_key(inc: Incident) -> tuple:
    """Open first, then most urgent, then oldest first (the one waiting longest)."""
    return (not inc.is_open, inc.priority.rank, inc.created_at, inc.id)


def queue_key(inc: Incident, desk: Desk) -> tuple:
    """The queue's default order for one person: open first, then *her* incidents (her
    shift's sectors, or owned by her), then :func:`default_key`'s order within each group.

    Open before mine: an open emergency never sinks below a closed one of her shift.
    """
    return (not inc.is_open, not desk.is_mine(inc), inc.priority.rank, inc.created_at, inc.id)


class IncidentQueueModel(HeaderedTableModel):
    """Rows of incidents from a :class:`ConsoleState`, sorted by a key.

    ``_keys`` is kept ascending (each key ends with the incident id, so keys are
    unique); a row is found by bisection, never by scanning. Display texts are
    computed once per change and cached, because a repaint asks for them many times.
    """

    def __init__(self, state: ConsoleState, catalogue: Catalogue, parent=None) -> None:
        super().__init__(parent)
        self.state = state
        self.catalogue = catalogue
        self._keys: list[tuple] = []
        self._key_of: dict[str, tuple] = {}
        self._rows: dict[str, _Row] = {}
        self._breached: dict[str, list[str]] = {}
        self._sort_col = -1
        self._desc = False
        self.open_only = True
        self.search = ""
        self.flash_on = False
        self.now = time.time()
        self.desk = Desk()  # whose queue this is (set_desk): her incidents come first
        self.user: str | None = None  # set_user: the desk follows her shift from then on
        self._headers = [self.tr("Prioridad"), self.tr("Folio"), self.tr("Tipo"), self.tr("Canal"),
                         self.tr("Sector / colonia"), self.tr("Estado"), self.tr("Tiempo"),
                         self.tr("Unidad")]

    # --- Qt model API ----------------------------------------------------
    def _row_total(self) -> int:
        return len(self._keys)

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        if role not in _ROLES:
            return None
        iid = self.incident_id(index.row())
        col = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            if col == Col.ELAPSED:
                inc = self.state.incident(iid)
                return format_elapsed((inc.closed_at or self.now) - inc.created_at) if inc else ""
            return self._rows[iid].cells[col]
        if role == ID_ROLE:
            return iid
        inc = self.state.incident(iid)
        if inc is None:
            return None
        if role == Qt.ItemDataRole.BackgroundRole:
            return self._background(inc, col)
        if role == Qt.ItemDataRole.ForegroundRole:
            return _WHITE if col == Col.PRIORITY else None
        return self._tooltip(inc)

    def _render(self, inc: Incident) -> tuple[str, ...]:
        t = self.catalogue.types.get(inc.type_code)
        pending = self.state.pending_count(inc.id)
        u = self.state.unit(inc.unit_id) if inc.unit_id else None
        return (
            priority_label(inc.priority),
            f"{inc.folio} ⏳{pending}" if pending else inc.folio,
            f"{inc.type_code} {t.name}" if t else inc.type_code,
            channel_label(inc.channel),
            " / ".join(x for x in (inc.sector, inc.colonia) if x),
            # A device's test activation at delivery: marked, so no one dispatches to it.
            f"{self.tr('PRUEBA')} · {status_label(inc.status)}" if inc.test else status_label(inc.status),
            "",
            u.callsign if u else (inc.unit_id or ""),
        )

    def _breaches(self, inc: Incident) -> list[str]:
        b = self._breached.get(inc.id)
        if b is None:
            b = self._breached[inc.id] = breaches(inc, self.now) if inc.is_open else []
        return b

    def _background(self, inc: Incident, col: int):
        if col == Col.PRIORITY:
            return _PRIORITY_BRUSHES[inc.priority]
        if inc.status.value == "new" and self.flash_on:
            return _FLASH
        if col == Col.ELAPSED and self._breaches(inc):
            return _BREACH
        if col == Col.FOLIO and self.state.pending_count(inc.id):
            return _PENDING
        return None

    def _tooltip(self, inc: Incident) -> str:
        b = self._breaches(inc)
        pending = self.state.pending_count(inc.id)
        parts = []
        if inc.test:
            parts.append(self.tr("Activación de prueba del dispositivo: se cronometra y no se "
                                 "despacha; ciérrela como prueba"))
        if b:
            parts.append(self.tr("Tiempos excedidos: {0}").format(", ".join(b)))
        if pending:
            parts.append(self.tr("{0} acciones pendientes de confirmar por la central")
                         .format(pending))
        return "\n".join(parts)

    # --- rows ------------------------------------------------------------
    def _pos_to_row(self, pos: int) -> int:
        return len(self._keys) - 1 - pos if self._desc else pos

    def incident_id(self, row: int) -> str:
        """The incident id at ``row``."""
        return self._keys[self._pos_to_row(row)][-1]

    def row_of(self, iid: str) -> int:
        """The row of an incident, or -1."""
        key = self._key_of.get(iid)
        if key is None:
            return -1
        return self._pos_to_row(bisect.bisect_left(self._keys, key))

    def _key(self, iid: str, row: _Row) -> tuple:
        col = self._sort_col
        if col < 0:
            return (not row.open, not row.mine, row.rank, row.created_at, iid)
        if col == Col.PRIORITY:
            return (row.rank, row.created_at, iid)
        if col == Col.ELAPSED:
            return (row.created_at, iid)
        return (row.cells[col], iid)

    def _shown(self, row: _Row) -> bool:
        if self.open_only and not row.open:
            return False
        return not self.search or self.search in row.hay

    def set_filter(self, open_only: bool, search: str) -> None:
        """Show open incidents only (or all) matching a search text."""
        self.beginResetModel()
        self.open_only, self.search = open_only, search.strip().lower()
        self._rekey()
        self.endResetModel()

    def reset_from_state(self) -> None:
        """Rebuild all rows (start-up, language change)."""
        self.beginResetModel()
        self._rows = {i.id: self._row_for(i) for i in self.state.all_incidents()}
        self._rekey()
        self.endResetModel()

    def _row_for(self, inc: Incident) -> _Row:
        cells = self._render(inc)
        hay = " ".join((*cells, inc.cuadrante, inc.caller, inc.address)).lower()
        return _Row(cells, inc.is_open, inc.priority.rank, inc.created_at, hay,
                    self.desk.is_mine(inc))

    def _rekey(self) -> None:
        # Inlined per mode: this runs over every row on each sort or filter change.
        rows = self._rows.items()
        if self.search:
            rows = [(i, r) for i, r in rows if self.search in r.hay]
        if self.open_only:
            rows = [(i, r) for i, r in rows if r.open]
        col = self._sort_col
        if col < 0:
            key_of = {i: (not r.open, not r.mine, r.rank, r.created_at, i) for i, r in rows}
        elif col == Col.PRIORITY:
            key_of = {i: (r.rank, r.created_at, i) for i, r in rows}
        elif col == Col.ELAPSED:
            key_of = {i: (r.created_at, i) for i, r in rows}
        else:
            key_of = {i: (r.cells[col], i) for i, r in rows}
        self._key_of = key_of
        self._keys = sorted(key_of.values())

    def refresh(self, ids: Iterable[str]) -> None:
        """Incidents changed: update, insert or move their rows."""
        for iid in ids:
            inc = self.state.incident(iid)
            old = self._key_of.get(iid)
            if inc is None:
                if old is not None:
                    self._remove(iid, old)
                self._rows.pop(iid, None)
                continue
            row = self._rows[iid] = self._row_for(inc)
            self._breached.pop(iid, None)
            if not self._shown(row):
                if old is not None:
                    self._remove(iid, old)
                continue
            key = self._key(iid, row)
            if old == key:
                r = self.row_of(iid)
                self.dataChanged.emit(self.index(r, 0), self.index(r, 7))
                continue
            if old is not None:
                self._remove(iid, old)
            self._insert(iid, key)

    def _insert(self, iid: str, key: tuple) -> None:
        pos = bisect.bisect_left(self._keys, key)
        row = len(self._keys) - pos if self._desc else pos
        self.beginInsertRows(QModelIndex(), row, row)
        self._keys.insert(pos, key)
        self._key_of[iid] = key
        self.endInsertRows()

    def _remove(self, iid: str, key: tuple) -> None:
        pos = bisect.bisect_left(self._keys, key)
        row = self._pos_to_row(pos)
        self.beginRemoveRows(QModelIndex(), row, row)
        del self._keys[pos]
        del self._key_of[iid]
        self.endRemoveRows()

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        """Sort by a column (-1: the default queue order), keeping selections."""
        self.layoutAboutToBeChanged.emit()
        persistent = self.persistentIndexList()
        held = [(p, self.incident_id(p.row())) for p in persistent]
        self._sort_col = column
        self._desc = column >= 0 and order == Qt.SortOrder.DescendingOrder
        self._rekey()
        self.changePersistentIndexList([p for p, _ in held],
                                       [self.index(self.row_of(i), p.column()) for p, i in held])
        self.layoutChanged.emit()

    def follow(self, bridge) -> None:
        """Refresh the rows of changed incidents, and her desk when the roster changes."""
        bridge.touched.connect(self._touched)

    def _touched(self, t) -> None:
        if t.shifts:
            self.update_desk()
        if t.incidents:
            self.refresh(t.incidents)

    def set_user(self, user: str) -> None:
        """Whose queue it is: from now on her shift's incidents come first, recomputed when
        the roster changes and as shifts start and end (:meth:`tick`)."""
        self.user = user
        self.update_desk()

    def update_desk(self, now: float | None = None) -> None:
        """Her desk at ``now`` (a no-op while it is the same, or before :meth:`set_user`)."""
        if self.user is not None:
            self.set_desk(Desk.of(self.state.shifts.values(), self.user,
                                  time.time() if now is None else now))

    def set_desk(self, desk: Desk) -> None:
        """Whose queue it is (her shift changed, or she logged in): her incidents move up,
        keeping selections. Nothing happens if the desk is the same."""
        if desk == self.desk:
            return
        self.desk = desk
        self.layoutAboutToBeChanged.emit()
        persistent = self.persistentIndexList()
        held = [(p, self.incident_id(p.row())) for p in persistent]
        for iid, row in self._rows.items():
            inc = self.state.incident(iid)
            mine = inc is not None and desk.is_mine(inc)
            if mine != row.mine:
                self._rows[iid] = row._replace(mine=mine)
        self._rekey()
        self.changePersistentIndexList([p for p, _ in held],
                                       [self.index(self.row_of(i), p.column()) for p, i in held])
        self.layoutChanged.emit()

    def is_mine(self, iid: str) -> bool:
        """True if the incident is one of hers (her shift's sectors, or owned by her)."""
        row = self._rows.get(iid)
        return row is not None and row.mine

    def tick(self, now: float | None = None) -> None:
        """Twice a second: her desk, elapsed times, breaches and flashing (repaints only
        visible cells)."""
        self.now = now if now is not None else time.time()
        self.update_desk(self.now)
        self.flash_on = not self.flash_on
        self._breached.clear()
        n = len(self._keys)
        if n:
            # One signal for the whole view: the view repaints only what is visible.
            self.dataChanged.emit(self.index(0, 0), self.index(n - 1, 7))


_ROLES = frozenset({Qt.ItemDataRole.DisplayRole, ID_ROLE, Qt.ItemDataRole.BackgroundRole,
                    Qt.ItemDataRole.ForegroundRole, Qt.ItemDataRole.ToolTipRole})
_WHITE = QBrush(QColor("white"))
_PRIORITY_BRUSHES = {p: QBrush(c) for p, c in PRIORITY_COLOURS.items()}
_FLASH = QBrush(FLASH_COLOUR)
_BREACH = QBrush(BREACH_COLOUR)
_PENDING = QBrush(QColor("#e8eaf6"))
