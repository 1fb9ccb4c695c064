"""The incident queue panel: search, open/all filter and the sorted table.

Filtering and sorting happen in the model (see queue_model) so that 10,000
rows re-sort in milliseconds; there is no proxy model."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLineEdit,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from c4console.gui.queue_model import ID_ROLE, Col, IncidentQueueModel


class QueuePanel(QWidget):
    """Search box, filter and the queue table; announces the selected incident."""

    incidentSelected = Signal(str)

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
        self.view = QTableView(self)
        self.view.setObjectName("queueTable")
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
        """Make an incident the current row (clearing a filter that hides it)."""
        if iid not in self.model.state.incidents:
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

    def focus_search(self) -> None:
        """Put the cursor in the search box."""
        self.search.setFocus()
        self.search.selectAll()
