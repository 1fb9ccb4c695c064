"""The unit board: patrols with status, sector, assignment and time in status.

A shift lead drags a unit row onto an incident of the queue to dispatch it (the
queue view decodes :func:`unit_mime`), and changes a unit's status from the row
of controls under the table (out of service needs a reason)."""

from __future__ import annotations

import time
from collections.abc import Iterable

from PySide6.QtCore import (
    QMimeData,
    QPoint,
    Qt,
    Signal,
)
from PySide6.QtGui import QBrush, QColor, QDragEnterEvent, QDragMoveEvent, QDropEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from c4console.core.enums import UnitStatus
from c4console.gui.follow_up.follow_up_panel import visit_from_mime
from c4console.gui.follow_up.labels import unit_kind_label
from c4console.gui.follow_up.visit_rows import UnitVisits, visits_by_unit
from c4console.gui.shell.labels import format_elapsed, unit_status_label
from c4console.gui.shell.table_model import HeaderedTableModel
from c4console.sync.state import ConsoleState

UNIT_COLOURS = {
    UnitStatus.AVAILABLE: QColor("#c8e6c9"),
    UnitStatus.ASSIGNED: QColor("#bbdefb"),
    UnitStatus.EN_ROUTE: QColor("#90caf9"),
    UnitStatus.ON_SCENE: QColor("#e1bee7"),
    UnitStatus.OUT_OF_SERVICE: QColor("#e0e0e0"),
}
ID_ROLE = Qt.ItemDataRole.UserRole + 1
VISITS_RECOUNT_S = 30.0
UNIT_MIME = "application/x-c4-unit-id"
# Statuses a person may set from the board ("assigned" comes only from a dispatch).
SETTABLE = (UnitStatus.AVAILABLE, UnitStatus.EN_ROUTE, UnitStatus.ON_SCENE,
            UnitStatus.OUT_OF_SERVICE)


def unit_mime(uid: str, callsign: str = "") -> QMimeData:
    """The drag payload of a unit row: its id (and the callsign as plain text)."""
    mime = QMimeData()
    mime.setData(UNIT_MIME, uid.encode("utf-8"))
    mime.setText(callsign or uid)
    return mime


def unit_from_mime(mime: QMimeData | None) -> str | None:
    """The unit id a drag carries, or None if it carries no unit."""
    if mime is None or not mime.hasFormat(UNIT_MIME):
        return None
    uid = bytes(mime.data(UNIT_MIME).data()).decode("utf-8", "replace").strip()
    return uid or None


class UnitTableModel(HeaderedTableModel):
    """Units sorted by callsign."""

    def __init__(self, state: ConsoleState, parent=None) -> None:
        super().__init__(parent)
        self.state = state
        self._ids: list[str] = []
        self._row: dict[str, int] = {}
        self.now = time.time()
        # Each unit's follow-up visits of the day (issue 13), recomputed when they change.
        self.visits: dict[str, UnitVisits] = {}
        self._visits_at = 0.0
        self._headers = [self.tr("Unidad"), self.tr("Estado"), self.tr("Sector"),
                         self.tr("Incidente"), self.tr("En estado"), self.tr("Tipo"),
                         self.tr("Visitas hoy")]

    def _row_total(self) -> int:
        return len(self._ids)

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
        if col == 5:
            return unit_kind_label(u.kind)
        if col == 6:
            return self._visits_text(u.id)
        return None

    def _visits_text(self, uid: str) -> str:
        day = self.visits.get(uid)
        if day is None:
            return ""
        if day.next_due is None:
            return str(day.count)
        return self.tr("{0} · próxima {1}").format(
            day.count, time.strftime("%H:%M", time.localtime(day.next_due)))

    def refresh_visits(self, now: float | None = None) -> None:
        """Recount the day's visits per unit; redraw the visits column of units whose
        count or next visit changed."""
        old = self.visits
        now = time.time() if now is None else now
        self._visits_at = now
        self.visits = visits_by_unit(self.state.patrol_visits.values(), now)
        col = len(self._headers) - 1
        for uid in set(old) | set(self.visits):
            if old.get(uid) != self.visits.get(uid) and (r := self._row.get(uid)) is not None:
                self.dataChanged.emit(self.index(r, col), self.index(r, col))

    def flags(self, index):
        base = super().flags(index)
        return base | Qt.ItemFlag.ItemIsDragEnabled if index.isValid() else base

    def mimeTypes(self) -> list[str]:
        return [UNIT_MIME]

    def mimeData(self, indexes) -> QMimeData | None:
        for ix in indexes:
            if ix.isValid():
                uid = self._ids[ix.row()]
                u = self.state.unit(uid)
                return unit_mime(uid, u.callsign if u else "")
        return None

    def supportedDragActions(self) -> Qt.DropAction:
        return Qt.DropAction.MoveAction | Qt.DropAction.CopyAction

    def unit_id(self, row: int) -> str | None:
        """The unit shown on a row."""
        return self._ids[row] if 0 <= row < len(self._ids) else None

    def reset_from_state(self) -> None:
        """Rebuild from the state."""
        self.beginResetModel()
        units = sorted(self.state.all_units(), key=lambda u: u.callsign)
        self._ids = [u.id for u in units]
        self._row = {uid: r for r, uid in enumerate(self._ids)}
        self.visits = visits_by_unit(self.state.patrol_visits.values(), time.time())
        self.endResetModel()

    def refresh(self, ids: Iterable[str]) -> None:
        """Units changed: their rows are redrawn in place, one ``dataChanged`` per run of
        adjacent rows. A unit the board does not list yet, or one that left, re-sorts it."""
        rows = []
        for uid in ids:
            r = self._row.get(uid)
            if r is None or self.state.unit(uid) is None:
                self.reset_from_state()
                return
            rows.append(r)
        last_col = len(self._headers) - 1
        for first, last in _runs(sorted(rows)):
            self.dataChanged.emit(self.index(first, 0), self.index(last, last_col))

    def row_of(self, uid: str) -> int:
        """Row of a unit or -1."""
        return self._row.get(uid, -1)

    def tick(self, now: float | None = None) -> None:
        """Refresh the time-in-status column."""
        self.now = now if now is not None else time.time()
        # A visit's "next" passes with the clock alone: recount now and then.
        if self.now - self._visits_at >= VISITS_RECOUNT_S:
            self._visits_at = self.now
            self.refresh_visits(self.now)
        if self._ids:
            self.dataChanged.emit(self.index(0, 4), self.index(len(self._ids) - 1, 4))


def _runs(rows: list[int]) -> Iterable[tuple[int, int]]:
    """Sorted row numbers as (first, last) runs of adjacent rows."""
    start = prev = None
    for r in rows:
        if prev is not None and r == prev + 1:
            prev = r
            continue
        if start is not None:
            yield start, prev
        start = prev = r
    if start is not None:
        yield start, prev


class SectorDropList(QListWidget):
    """The jurisdiction's sectors as drop targets: a unit row dropped on one asks to
    reassign the unit to that sector (shift leads and admins; the central enforces it)."""

    unitDropped = Signal(str, str)  # unit id, sector

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.setObjectName("unitSectorTargets")
        self.setFlow(QListWidget.Flow.LeftToRight)
        self.setWrapping(True)
        self.setAcceptDrops(True)
        self.setDragDropMode(QAbstractItemView.DragDropMode.DropOnly)
        self.setMaximumHeight(self.fontMetrics().height() * 2 + 16)
        self.setToolTip(self.tr("Arrastre una unidad a un sector para reasignarla"))

    def set_sectors(self, sectors: Iterable[str]) -> None:
        """Show these sector codes, in this order."""
        self.clear()
        for code in sectors:
            item = QListWidgetItem(self.tr("Sector {0}").format(code), self)
            item.setData(ID_ROLE, code)

    def sectors(self) -> list[str]:
        """The sector codes shown."""
        return [self.item(r).data(ID_ROLE) for r in range(self.count())]

    def sector_at(self, pos: QPoint) -> str | None:
        """The sector under a viewport position, or None."""
        item = self.itemAt(pos)
        return item.data(ID_ROLE) if item is not None else None

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        if unit_from_mime(event.mimeData()) is None:
            event.ignore()
            return
        event.acceptProposedAction()

    def dragMoveEvent(self, event: QDragMoveEvent) -> None:
        if (unit_from_mime(event.mimeData()) is not None
                and self.sector_at(event.position().toPoint()) is not None):
            event.acceptProposedAction()
        else:
            event.ignore()

    def dropEvent(self, event: QDropEvent) -> None:
        if self.drop_unit(event.mimeData(), event.position().toPoint()):
            event.setDropAction(Qt.DropAction.CopyAction)
            event.accept()
        else:
            event.ignore()

    def drop_unit(self, mime: QMimeData | None, pos: QPoint) -> bool:
        """A unit's drag payload dropped at a viewport position: True if it asks a reassignment."""
        uid, sector = unit_from_mime(mime), self.sector_at(pos)
        if uid is None or sector is None:
            return False
        self.unitDropped.emit(uid, sector)
        return True


class UnitTableView(QTableView):
    """The board's table: unit rows drag onto the queue; a follow-up visit (a row of the
    Seguimiento dock) dropped on a unit's row asks to move the visit to that unit."""

    visitDropped = Signal(str, str)  # visit id, unit id

    def _unit_at(self, pos: QPoint) -> str | None:
        ix = self.indexAt(pos)
        model = self.model()
        return model.unit_id(ix.row()) if ix.isValid() and isinstance(model, UnitTableModel) else None

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        if visit_from_mime(event.mimeData()) is not None:
            event.acceptProposedAction()
        else:
            event.ignore()  # a unit dropped on the board itself means nothing

    def dragMoveEvent(self, event: QDragMoveEvent) -> None:
        if visit_from_mime(event.mimeData()) is not None:
            if self._unit_at(event.position().toPoint()) is not None:
                event.acceptProposedAction()
            else:
                event.ignore()
            return
        event.ignore()

    def dropEvent(self, event: QDropEvent) -> None:
        if visit_from_mime(event.mimeData()) is not None:
            if self.drop_visit(event.mimeData(), event.position().toPoint()):
                event.setDropAction(Qt.DropAction.CopyAction)
                event.accept()
            else:
                event.ignore()
            return
        event.ignore()

    def drop_visit(self, mime: QMimeData | None, pos: QPoint) -> bool:
        """A visit's drag payload dropped at a viewport position: True if it asks a move."""
        vid, uid = visit_from_mime(mime), self._unit_at(pos)
        if vid is None or uid is None:
            return False
        self.visitDropped.emit(vid, uid)
        return True


class UnitBoard(QWidget):
    """Table of units; selecting one announces it. Rows drag onto the queue; the
    controls below ask for a status change of the selected unit."""

    unitSelected = Signal(str)
    statusRequested = Signal(str, str, str)  # unit id, UnitStatus value, reason
    sectorRequested = Signal(str, str)  # unit id, sector: a unit row dropped on a sector
    visitMoveRequested = Signal(str, str)  # visit id, unit id: a visit dropped on a unit row

    def follow(self, bridge) -> None:
        """Refresh the rows of changed units (``bridge.touched``)."""
        bridge.touched.connect(self._touched)

    def _touched(self, t) -> None:
        # The board shows no position: a patrol's tracker report (moved only) leaves
        # its row as it is. At state scale those are nearly all unit changes.
        if t.units:
            self.model.refresh(t.unit_states)
        if t.follow_up:
            self.model.refresh_visits()

    def __init__(self, state: ConsoleState, parent=None) -> None:
        super().__init__(parent)
        self.setObjectName("unitBoard")
        self.model = UnitTableModel(state, self)
        self.view = UnitTableView(self)
        self.view.setObjectName("unitTable")
        self.view.setModel(self.model)
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.view.verticalHeader().hide()
        # Compact rows (like the queue): more units fit above the status controls.
        self.view.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        self.view.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 8)
        self.view.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        # Columns fit the rows on screen: by default Qt measures 1,000 rows of every
        # column again on each change, which at 2,000 units stalled the console.
        self.view.horizontalHeader().setResizeContentsPrecision(0)
        self.view.horizontalHeader().setStretchLastSection(True)
        self.view.setDragEnabled(True)
        # Drags out (a unit onto the queue) and visit drops in (UnitTableView).
        self.view.setDragDropMode(QAbstractItemView.DragDropMode.DragDrop)
        self.view.setAcceptDrops(True)
        self.view.visitDropped.connect(self.visitMoveRequested)
        self.view.setDefaultDropAction(Qt.DropAction.CopyAction)
        self.view.setToolTip(self.tr("Arrastre una unidad a un incidente de la cola para despacharla"))
        self.view.clicked.connect(lambda ix: self.unitSelected.emit(self.model.data(ix, ID_ROLE)))
        self.view.selectionModel().currentRowChanged.connect(lambda *_: self._sync_controls())
        self.status_box = QComboBox(self)
        self.status_box.setObjectName("unitStatusBox")
        for st in SETTABLE:
            self.status_box.addItem(unit_status_label(st), st.value)
        self.reason = QLineEdit(self)
        self.reason.setObjectName("unitStatusReason")
        self.reason.setPlaceholderText(self.tr("Motivo (obligatorio para fuera de servicio)"))
        self.reason.setMaxLength(300)
        self.apply = QPushButton(self.tr("Cambiar estado"), self)
        self.apply.setObjectName("unitStatusApply")
        self.apply.clicked.connect(self._apply)
        self.reason.returnPressed.connect(self._apply)
        self.status_box.currentIndexChanged.connect(lambda *_: self._sync_controls())
        controls = QHBoxLayout()
        controls.addWidget(self.status_box)
        controls.addWidget(self.reason, 1)
        controls.addWidget(self.apply)
        lay = QVBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.addWidget(self.view)
        lay.addLayout(controls)
        self.sector_targets = SectorDropList(self)
        self.sector_targets.unitDropped.connect(self.sectorRequested)
        self.sector_targets.hide()
        lay.addWidget(self.sector_targets)
        self._sync_controls()

    def show_sector_targets(self, sectors: Iterable[str] | None) -> None:
        """Show the jurisdiction's sectors as drop targets (None or empty: hide them)."""
        codes = list(sectors or ())
        self.sector_targets.set_sectors(codes)
        self.sector_targets.setVisible(bool(codes))

    def allow_out_of_service(self, allowed: bool) -> None:
        """Offer "out of service" only to roles the central lets take a unit out of service."""
        ix = self.status_box.findData(UnitStatus.OUT_OF_SERVICE.value)
        if allowed and ix < 0:
            self.status_box.addItem(unit_status_label(UnitStatus.OUT_OF_SERVICE),
                                    UnitStatus.OUT_OF_SERVICE.value)
        elif not allowed and ix >= 0:
            self.status_box.removeItem(ix)

    def current_unit(self) -> str | None:
        """The selected unit's id."""
        ix = self.view.currentIndex()
        return self.model.unit_id(ix.row()) if ix.isValid() else None

    def _sync_controls(self) -> None:
        has_unit = self.current_unit() is not None
        self.status_box.setEnabled(has_unit)
        self.reason.setEnabled(has_unit)
        self.apply.setEnabled(has_unit)

    def request_status(self, status: UnitStatus, reason: str = "") -> None:
        """Ask for a status change of the selected unit (the window sends the command)."""
        uid = self.current_unit()
        if uid is not None:
            self.statusRequested.emit(uid, status.value, reason.strip())

    def _apply(self) -> None:
        if self.current_unit() is None:
            return
        self.request_status(UnitStatus(self.status_box.currentData()), self.reason.text())
        self.reason.clear()

    def select_unit(self, uid: str) -> None:
        """Select a unit's row without announcing it again."""
        r = self.model.row_of(uid)
        if r >= 0:
            self.view.blockSignals(True)
            self.view.selectRow(r)
            self.view.blockSignals(False)
            self._sync_controls()
