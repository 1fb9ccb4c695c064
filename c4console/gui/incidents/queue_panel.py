"""The incident queue panel: search, open/all filter and the sorted table.

Filtering and sorting happen in the model (see queue_model) so that 10,000
rows re-sort in milliseconds; there is no proxy model.

The table takes unit rows dragged from the unit board: hovering an incident
says where the unit ranks by ETA for it, dropping asks to dispatch it there."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QMimeData, QModelIndex, QPoint, Qt, Signal
from PySide6.QtGui import QDragEnterEvent, QDragLeaveEvent, QDragMoveEvent, QDropEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLineEdit,
    QTableView,
    QToolTip,
    QVBoxLayout,
    QWidget,
)

from c4console.core.enums import UnitStatus
from c4console.core.recommend import Recommendation
from c4console.gui.incidents.queue_model import ID_ROLE, Col, IncidentQueueModel
from c4console.gui.shell.labels import format_elapsed, unit_status_label
from c4console.gui.units.unit_board import unit_from_mime


class QueueView(QTableView):
    """The queue table; a unit dropped on an incident row asks for a dispatch."""

    unitDropped = Signal(str, str)  # incident id, unit id
    dragHint = Signal(str)  # what a drop here would do ("" when the drag leaves)

    def __init__(self, panel: QueuePanel) -> None:
        super().__init__(panel)
        self.panel = panel
        self.setAcceptDrops(True)
        self.viewport().setAcceptDrops(True)
        self.setDragDropMode(QAbstractItemView.DragDropMode.DropOnly)
        self.setDropIndicatorShown(False)

    def incident_at(self, pos: QPoint) -> str | None:
        """The incident on the row under a viewport position."""
        ix = self.indexAt(pos)
        return self.model().data(ix, ID_ROLE) if ix.isValid() else None

    def _hint(self, mime: QMimeData | None, pos: QPoint) -> tuple[str, str, str, bool]:
        """(incident id, unit id, sentence, whether a drop dispatches)."""
        uid = unit_from_mime(mime)
        iid = self.incident_at(pos) if uid else None
        if uid is None or iid is None:
            return "", "", "", False
        text, ok = self.panel.drop_hint(iid, uid)
        return iid, uid, text, ok

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        if unit_from_mime(event.mimeData()) is None:
            super().dragEnterEvent(event)
            return
        event.acceptProposedAction()

    def dragMoveEvent(self, event: QDragMoveEvent) -> None:
        if unit_from_mime(event.mimeData()) is None:
            super().dragMoveEvent(event)
            return
        pos = event.position().toPoint()
        _iid, _uid, text, ok = self._hint(event.mimeData(), pos)
        if text:
            QToolTip.showText(self.viewport().mapToGlobal(pos), text, self.viewport())
        else:
            QToolTip.hideText()
        self.dragHint.emit(text)
        if ok:
            event.acceptProposedAction()
        else:
            event.ignore()

    def dragLeaveEvent(self, event: QDragLeaveEvent) -> None:
        QToolTip.hideText()
        self.dragHint.emit("")
        super().dragLeaveEvent(event)

    def dropEvent(self, event: QDropEvent) -> None:
        if unit_from_mime(event.mimeData()) is None:
            super().dropEvent(event)
            return
        QToolTip.hideText()
        if self.drop_unit(event.mimeData(), event.position().toPoint()):
            event.setDropAction(Qt.DropAction.CopyAction)
            event.accept()
        else:
            event.ignore()

    def drop_unit(self, mime: QMimeData, pos: QPoint) -> bool:
        """A unit's drag payload dropped at a viewport position: True if it asks a dispatch."""
        iid, uid, text, ok = self._hint(mime, pos)
        self.dragHint.emit(text if not ok else "")
        if ok:
            self.unitDropped.emit(iid, uid)
        return ok


class QueuePanel(QWidget):
    """Search box, filter and the queue table; announces the selected incident."""

    incidentSelected = Signal(str)
    unitDropped = Signal(str, str)  # incident id, unit id: dispatch this unit there
    dragHint = Signal(str)

    def __init__(self, model: IncidentQueueModel, parent=None) -> None:
        super().__init__(parent)
        self.setObjectName("queuePanel")
        self.model = model
        self.search = QLineEdit(self)
        self.search.setObjectName("queueSearch")
        self.search.setPlaceholderText(self.tr("Buscar folio, colonia, tipo… (Ctrl+F)"))
        self.scope = QComboBox(self)
        self.scope.addItem(self.tr("Abiertos"), True)
        self.scope.addItem(self.tr("Todos"), False)
        self.recommend: Callable[[str], list[Recommendation]] = lambda _iid: []
        self.view = QueueView(self)
        self.view.setObjectName("queueTable")
        self.view.unitDropped.connect(self.unitDropped)
        self.view.dragHint.connect(self.dragHint)
        self.view.setModel(model)
        self.view.setSortingEnabled(False)
        self.view.horizontalHeader().setSectionsClickable(True)
        self.view.horizontalHeader().sectionClicked.connect(self._header_clicked)
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.view.verticalHeader().hide()
        # One line per incident, fixed height: compact, and no per-row size computation.
        self.view.setWordWrap(False)
        self.view.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        self.view.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 8)
        self.view.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.view.horizontalHeader().setStretchLastSection(True)
        for col, width in ((Col.PRIORITY, 52), (Col.FOLIO, 138), (Col.TYPE, 170),
                           (Col.CHANNEL, 105), (Col.PLACE, 140), (Col.STATUS, 80),
                           (Col.ELAPSED, 50)):
            self.view.setColumnWidth(col, width)
        self.view.selectionModel().currentRowChanged.connect(self._current_changed)
        self.search.textChanged.connect(self._refilter)
        self.scope.currentIndexChanged.connect(self._refilter)
        top = QHBoxLayout()
        top.addWidget(self.search, 1)
        top.addWidget(self.scope)
        lay = QVBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.addLayout(top)
        lay.addWidget(self.view)
        self._sort_col = -1
        self._sort_desc = False

    def _header_clicked(self, col: int) -> None:
        # Third click returns to the queue's default order (urgent, oldest first).
        if self._sort_col == col and self._sort_desc:
            self._sort_col, self._sort_desc = -1, False
        elif self._sort_col == col:
            self._sort_desc = True
        else:
            self._sort_col, self._sort_desc = col, False
        order = Qt.SortOrder.DescendingOrder if self._sort_desc else Qt.SortOrder.AscendingOrder
        self.model.sort(self._sort_col, order)

    def _refilter(self) -> None:
        held = self.current_incident()
        self.model.set_filter(bool(self.scope.currentData()), self.search.text())
        if held and self.model.row_of(held) >= 0:
            self._select_row(self.model.row_of(held))

    def _current_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        if current.isValid():
            self.incidentSelected.emit(self.model.data(current, ID_ROLE))

    def _select_row(self, row: int) -> None:
        ix = self.model.index(row, 0)
        self.view.setCurrentIndex(ix)
        self.view.scrollTo(ix)

    def select_incident(self, iid: str) -> bool:
        """Make an incident the current row (clearing a filter that hides it); a pending one
        too (a call just taken: the operator dispatches before the central confirms it)."""
        if self.model.state.incident(iid) is None:
            return False
        if self.model.row_of(iid) < 0:
            self.search.clear()
            self.scope.setCurrentIndex(1)
        row = self.model.row_of(iid)
        if row < 0:
            return False
        self._select_row(row)
        return True

    def current_incident(self) -> str | None:
        """The selected incident's id."""
        ix = self.view.currentIndex()
        return self.model.data(ix, ID_ROLE) if ix.isValid() else None

    def drop_hint(self, iid: str, uid: str) -> tuple[str, bool]:
        """What dropping unit ``uid`` on incident ``iid`` would do, and whether it may."""
        state = self.model.state
        inc, unit = state.incident(iid), state.unit(uid)
        if inc is None or unit is None:
            return "", False
        if not inc.is_open:
            return self.tr("{0} ya está cerrado").format(inc.folio), False
        if inc.unit_id:
            other = state.unit(inc.unit_id)
            return self.tr("{0} ya tiene la unidad {1}").format(
                inc.folio, other.callsign if other else inc.unit_id), False
        if unit.status is not UnitStatus.AVAILABLE:
            return self.tr("{0} no está disponible ({1})").format(
                unit.callsign, unit_status_label(unit.status)), False
        ranked = self.recommend(iid)
        place = next((n for n, r in enumerate(ranked) if r.unit.id == uid), None)
        if not ranked:
            return self.tr("Despachar {0} a {1} (sin ubicación para calcular el tiempo de llegada)"
                           ).format(unit.callsign, inc.folio), True
        if place is None:
            return self.tr("Despachar {0} a {1}: sin posición conocida, fuera del ranking; "
                           "la recomendada es {2}").format(
                unit.callsign, inc.folio, ranked[0].unit.callsign), True
        r = ranked[place]
        text = self.tr("Despachar {0} a {1}: {2}.ª de {3} por tiempo de llegada "
                       "(≈{4}, {5} km)").format(unit.callsign, inc.folio, place + 1, len(ranked),
                                                format_elapsed(r.eta_s), f"{r.distance_m / 1000:.1f}")
        if place > 0:
            text += self.tr(" · la recomendada es {0} (≈{1})").format(
                ranked[0].unit.callsign, format_elapsed(ranked[0].eta_s))
        return text, True

    def focus_search(self) -> None:
        """Put the cursor in the search box."""
        self.search.setFocus()
        self.search.selectAll()
